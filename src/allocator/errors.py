"""One base error with a stable code, parameters, an optional location and hint; an exit code per class."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from allocator.i18n import DEFAULT_LANG, kind_name, sanitize, t
from allocator.record import field, record, replace

TYPE_CHECKING = False  # typing is not imported at run time (start-up)
if TYPE_CHECKING:
    from typing import Any, Literal, TypeAlias

Severity: TypeAlias = 'Literal["error", "warning", "info"]'


#: Messages about one value of a vocabulary kind, whose words agree with the kind in Dutch (de/het)
#: and French (gender): (message key, kind) -> the message written for that kind. The key's own
#: message, with {kind} filled in, is said for any other kind.
PER_KIND: dict[tuple[str, str], str] = {
    ("missing-attribute", "topic"): "missing-topic",
    ("missing-attribute", "location"): "missing-location",
    ("missing-attribute", "actor"): "missing-actor",
    ("unknown-case-value", "topic"): "unknown-topic",
    ("unknown-case-value", "location"): "unknown-location",
    ("unknown-case-value", "actor"): "unknown-actor",
    ("unknown-case-value", "target"): "unknown-target",
    ("unknown-case-value", "flag"): "unknown-flag",
    ("unknown-id", "topic"): "unknown-topic",
    ("unknown-id", "location"): "unknown-location",
    ("unknown-id", "actor"): "unknown-actor",
    ("unknown-id", "target"): "unknown-target",
    ("unknown-id", "flag"): "unknown-flag",
    ("unknown-id", "fact"): "unknown-fact",
    ("unknown-id", "service"): "unknown-service",
    ("unknown-id", "partner"): "unknown-partner",
    ("unknown-id", "mechanism"): "unknown-mechanism",
}


def localized(key: str, lang: str, params: Mapping[str, Any]) -> str:
    """Message `key` in `lang` (or its variant for the kind named, PER_KIND). Parameters
    `kind`/`kinds` (a vocabulary kind) and `expected`/`found` (a type) are message keys
    themselves, translated too."""
    key = PER_KIND.get((key, str(params.get("kind"))), key)
    values = dict(params)
    if "kind" in values:
        values["kind"] = kind_name(values["kind"], lang)
    if "kinds" in values:
        values["kinds"] = kind_name(values["kinds"], lang, plural=True)
    for name in ("expected", "found"):
        if name in values:
            values[name] = t(values[name], lang)
    return t(key, lang, **values)


def type_name(value: Any) -> str:
    """The message key naming the type of `value` (`type-list`…), for "expected X, found Y"."""
    if value is None:
        return "type-nothing"
    if isinstance(value, bool):
        return "type-boolean"
    if isinstance(value, float):
        return "type-decimal"
    if isinstance(value, int):
        return "type-number"
    if isinstance(value, list | tuple | set | frozenset):
        return "type-list"
    if isinstance(value, Mapping):
        return "type-mapping"
    return "type-text"


#: Exit statuses of the command line (docs/contract.md).
EXIT_OK = 0
EXIT_INTERNAL = 1
EXIT_USAGE = 2
EXIT_RULES = 3
EXIT_NO_DECISION = 4
#: Standard output could not be written (sysexits.h EX_IOERR).
EXIT_OUTPUT = 74
#: The reader of standard output went away (128 + SIGPIPE, as a shell shows it).
EXIT_BROKEN_PIPE = 141


@record
class Hint:
    """A help line attached to a problem: a message key and its parameters."""

    key: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def render(self, lang: str = DEFAULT_LANG) -> str:
        return localized(self.key, lang, self.params)


@record
class Problem:
    """One finding about a rule file: where it is, what it is, and what to do about it.

    `code` is stable and doubles as the message key, so every message exists in NL, FR and EN.
    """

    code: str
    params: Mapping[str, Any] = field(default_factory=dict)
    path: str | None = None
    line: int | None = None
    column: int | None = None
    hint: Hint | None = None
    severity: Severity = "error"

    @property
    def where(self) -> str:
        if self.path is None:
            return ""
        parts = [self.path]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path or "", self.line or 0, self.column or 0, self.code)

    def message(self, lang: str = DEFAULT_LANG) -> str:
        return localized(self.code, lang, self.params)

    def render(self, lang: str = DEFAULT_LANG) -> str:
        head = f"{self.where}: " if self.where else ""
        label = self.code if self.severity == "error" else f"{self.code} ({t(self.severity, lang)})"
        text = f"{head}{label}: {self.message(lang)}"
        if self.hint is not None:
            text += f"\n  {t('help', lang)}{t('colon', lang)} {self.hint.render(lang)}"
        return sanitize(text)

    def as_json(self, lang: str = DEFAULT_LANG) -> dict[str, Any]:
        return {
            "severity": self.severity,
            "code": self.code,
            "message": self.message(lang),
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "help": self.hint.render(lang) if self.hint else None,
        }


class AllocatorError(Exception):
    """Base of every error a user can meet; the command line catches it and exits with `exit_code`."""

    exit_code = EXIT_INTERNAL

    def __init__(self, key: str, hint: Hint | None = None, /, **params: Any) -> None:
        super().__init__(key)
        self.key = key
        self.params = params
        self.hint = hint

    def render(self, lang: str = DEFAULT_LANG) -> str:
        text = localized(self.key, lang, self.params)
        if self.hint is not None:
            text += f"\n{t('help', lang)}{t('colon', lang)} {self.hint.render(lang)}"
        return sanitize(text)

    def __str__(self) -> str:
        return self.render()


class CaseError(AllocatorError):
    """The case given is not valid: unknown values, a missing attribute (exit 2); all problems at once."""

    exit_code = EXIT_USAGE

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(problems)
        first = self.problems[0]
        super().__init__(first.code, first.hint, **first.params)

    def with_options(self) -> CaseError:
        """The same problems, a missing attribute named by its command-line option (`--actor`)
        instead of its key (`actor`, as a case in JSON or a program gives it)."""
        problems = [
            replace(problem, params={**problem.params, "option": _option(problem.params)})
            if problem.code == "missing-attribute"
            else problem
            for problem in self.problems
        ]
        return CaseError(problems)

    def render(self, lang: str = DEFAULT_LANG) -> str:
        lines = []
        for problem in self.problems:
            lines.append(problem.message(lang))
            if problem.hint is not None:
                lines.append(f"  {t('help', lang)}{t('colon', lang)} {problem.hint.render(lang)}")
        return sanitize("\n".join(lines))


def _option(params: Mapping[str, Any]) -> str:
    key = str(params.get("option", ""))
    if key.startswith("--"):
        return key
    return "--flag" if key == "flags" else f"--{key}"


class ArgumentError(AllocatorError):
    """A command given something it cannot use (a rules directory or revision that is neither, an
    input it cannot read, an output that would overwrite its input): exit 2, like bad usage."""

    exit_code = EXIT_USAGE


class RuleSetError(AllocatorError):
    """The rule files are invalid; carries every problem found, sorted (exit 3)."""

    exit_code = EXIT_RULES

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(sorted(problems, key=Problem.sort_key))
        errors = sum(1 for p in self.problems if p.severity == "error")
        super().__init__("ruleset-invalid", count=errors)

    def render(self, lang: str = DEFAULT_LANG) -> str:
        lines = [p.render(lang) for p in self.problems]
        lines.append(t(self.key, lang, **self.params))
        return "\n".join(lines)


class EngineError(AllocatorError):
    """The inference engine failed while evaluating a rule: an internal error (exit 1), never a silent answer."""

    exit_code = EXIT_INTERNAL


class OutputFailed(BaseException):
    """Standard output cannot be written: nothing more can be said there.

    A BaseException, like SystemExit: the `except Exception` of a last-resort handler on the way
    (the fast path's, click's) must not turn it into an internal error; the entry points end
    the command with it (allocator.cli.entry.report_output_failure).
    """

    def __init__(self, error: OSError) -> None:
        super().__init__(error)
        self.error = error
