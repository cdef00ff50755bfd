"""The sentences of the Gherkin specification (features/*.feature), in the business language of
the feature files: one library, run by pytest-bdd (features/conftest.py binds every sentence
below) and by `allocator spec`, so a sentence is added here, once.

Policy staff write `.feature` files with these sentences and need no Python. Every quoted value
is an id of rules/vocabulary.yaml or a rule id; a list is written "a, b, c"; an empty cell in an
Examples table means "none". `Given`, `When` and `Then` may be continued with `And` or `But`.

Case and decision:
    Given a case about "<topic>" in "<location>" involving a "<actor>"   (also: involving an "…")
    Given the target is "<target>"
    Given the case is flagged "<flag>, <flag>"
    When the duty officer asks who leads
    Then the lead service is "<adiv|vsse|none>"
    Then the rules give no lead
    Then the rules conflict
    Then the competence is "<none|exclusive|shared>"
    Then the competent services are "<adiv, vsse>"   (exactly these; "none" for none)
    Then "<partner>" is among the partners
    Then "<partner>" is not among the partners
    Then the partners are "<a, b>"   (exactly these)
    Then the consultation goes through "<mechanism>"   (or several: "<a, b>")
    Then the consultation does not go through "<mechanism>"
    Then the consultation is "<a, b>"   (exactly these, in ladder order)
    Then the decision rests on rule "<rule id>"   (or several: rules "<a, b>")
    Then the decision does not rest on rule "<rule id>"
    Then the fact "<fact>" holds
    Then the fact "<fact>" does not hold

Command line:
    Given a copy of the rules in force
    Given the rule file "<name>.yaml" contains:   (a doc string: the whole file)
    Given in the rule file "<name>.yaml" "<text>" is replaced by "<text>"   (\\n starts a new line)
    When the duty officer runs "allocator …"
    Then the exit status is <n>
    Then the output says "<text>"
    Then the output does not say "<text>"
    Then the error output says "<text>"
    Then the output is one JSON object with the keys "<a, b>"
    Then the JSON field "<key>" is "<value>"
    Then no traceback is shown

Each sentence is a `Sentence` of `SENTENCES`: its kind (given, when, then), its pattern (a regular
expression matching the whole step), the line above (`listing()` writes it; a test keeps this
docstring equal to it) and its implementation, which acts on a `Desk` (what one scenario builds
up) and raises `StepFailed` (expected, actual, the rules that decided) when the step does not hold.
"""

from __future__ import annotations

import difflib
import json
import re
import shlex
import shutil
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, Protocol

from allocator.desk.service import Allocator
from allocator.errors import AllocatorError
from allocator.i18n import DEFAULT_LANG, t
from allocator.model import Decision

Kind = Literal["given", "when", "then"]
KINDS: tuple[Kind, ...] = ("given", "when", "then")

#: The sentences that describe a case or run a command (allocator.staff.spec reads them too).
CASE_STEP = (
    r'a case about "(?P<topic>[^"]*)" in "(?P<location>[^"]*)" involving an? "(?P<actor>[^"]*)"'
)
TARGET_STEP = r'the target is "(?P<target>[^"]*)"'
FLAGS_STEP = r'the case is flagged "(?P<flags>[^"]*)"'
RUNS_STEP = r'the duty officer runs "(?P<command>[^"]+)"'

#: The language commands run in: the scenarios quote allocator's English messages.
COMMAND_LANG = "en"


# --------------------------------------------------------------------------- what a step needs


class CommandOutcome(Protocol):
    """What running a command gives (click's Result has these)."""

    @property
    def exit_code(self) -> int: ...
    @property
    def stdout(self) -> str: ...
    @property
    def stderr(self) -> str: ...


#: Runs `allocator ARGS` (ARGS without the word `allocator`) with ENV added to the environment.
RunCommand = Callable[[Sequence[str], Mapping[str, str]], CommandOutcome]


@dataclass
class Bench:
    """What the steps work with, the same for every scenario of a run: the rule set under test,
    its allocator (made once, on first use), a fresh copy of it for a scenario that edits rules,
    and a way to run the command line (with `env` added, e.g. a private decision log)."""

    rules: Path
    run: RunCommand
    copy_rules: Callable[[], Path]
    allocator: Callable[[], Allocator]
    env: Mapping[str, str] = field(default_factory=dict)


@dataclass
class Desk:
    """What one scenario builds up: the case described, the decision, the command run."""

    bench: Bench
    case: dict[str, Any] = field(default_factory=dict)
    decision: Decision | None = None
    rules_dir: Path | None = None
    exit_code: int | None = None
    stdout: str = ""
    stderr: str = ""


class StepFailed(Exception):
    """A step that does not hold: why (a message in each language), what the scenario expected,
    what it got, and the rules behind the decision (or the output of the command run)."""

    def __init__(
        self,
        message: Callable[[str], str],
        *,
        expected: str | None = None,
        actual: str | None = None,
        decision: Decision | None = None,
        output: str | None = None,
    ) -> None:
        self.message = message
        self.expected = expected
        self.actual = actual
        self.rules: tuple[str, ...] = decision.rules if decision is not None else ()
        self.lead_rules: tuple[str, ...] = decision.lead_rules if decision is not None else ()
        self.overridden: tuple[str, ...] = decision.overridden if decision is not None else ()
        self.output = output
        super().__init__(message(DEFAULT_LANG))

    def render(self, lang: str = DEFAULT_LANG) -> str:
        return self.message(lang)

    def as_json(self, lang: str = DEFAULT_LANG) -> dict[str, Any]:
        return {
            "message": self.render(lang),
            "expected": self.expected,
            "actual": self.actual,
            "rules": list(self.rules),
            "lead_rules": list(self.lead_rules),
            "overridden": list(self.overridden),
            "output": self.output,
        }


# --------------------------------------------------------------------------- the library


@dataclass(frozen=True)
class Sentence:
    """One sentence of the specification and what it does."""

    kind: Kind
    pattern: str
    #: How it reads in the listing, placeholders in <angle brackets>.
    text: str
    action: Callable[..., None]
    section: Literal["case", "command"]
    note: str = ""
    #: Whether it takes the step's doc string (`docstring`).
    docstring: bool = False

    @property
    def regex(self) -> re.Pattern[str]:
        return re.compile(self.pattern)

    @property
    def arguments(self) -> tuple[str, ...]:
        """The names of its arguments: the pattern's groups, then `docstring` if it takes one."""
        names = tuple(self.regex.groupindex)
        return (*names, "docstring") if self.docstring else names

    def line(self) -> str:
        text = f"{self.kind.capitalize()} {self.text}"
        return f"{text}   ({self.note})" if self.note else text

    def run(self, desk: Desk, arguments: Mapping[str, str], docstring: str | None = None) -> None:
        values = dict(arguments)
        if self.docstring:
            values["docstring"] = docstring or ""
        self.action(desk, **values)


SENTENCES: list[Sentence] = []
SECTIONS = {"case": "Case and decision:", "command": "Command line:"}


def sentence(
    kind: Kind,
    pattern: str,
    text: str,
    section: Literal["case", "command"] = "case",
    note: str = "",
    docstring: bool = False,
) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """Adds the function it decorates to the library as `kind` `text`, matched by `pattern`."""

    def add(action: Callable[..., None]) -> Callable[..., None]:
        SENTENCES.append(Sentence(kind, pattern, text, action, section, note, docstring))
        return action

    return add


def listing() -> str:
    """Every sentence, as the module's docstring lists them."""
    lines: list[str] = []
    for section, heading in SECTIONS.items():
        lines += ["", heading] if lines else [heading]
        lines += [f"    {s.line()}" for s in SENTENCES if s.section == section]
    return "\n".join(lines)


def match(kind: str | None, text: str) -> tuple[Sentence, dict[str, str]] | None:
    """The sentence a step of `kind` (None: any kind, as for `*`) reads as, with its arguments."""
    for candidate in SENTENCES:
        if kind is not None and candidate.kind != kind:
            continue
        found = candidate.regex.fullmatch(text)
        if found is not None:
            return candidate, {k: v for k, v in found.groupdict().items() if v is not None}
    return None


_QUOTED = re.compile(r'"[^"]*"')
_PLACEHOLDER = re.compile(r"<[^>]*>")


def _shape(text: str) -> str:
    """A step with its values blanked (`the lead is "x"` -> `the lead is "…"`), for comparing."""
    return _PLACEHOLDER.sub("…", _QUOTED.sub('"…"', text)).lower()


def nearest(text: str, kind: str | None = None, count: int = 3) -> list[str]:
    """The sentences nearest to an undefined step, as the listing writes them (did you mean)."""
    shape = _shape(text)
    same_kind = [s for s in SENTENCES if kind is None or s.kind == kind]
    for candidates in (same_kind, SENTENCES):  # the step's own kind first, then any
        shapes = {_shape(s.text): s for s in reversed(candidates)}
        found = difflib.get_close_matches(shape, list(shapes), n=count, cutoff=0.5)
        if found:
            return [f"{shapes[f].kind.capitalize()} {shapes[f].text}" for f in found]
    # Nothing close: the sentences of its kind that share the most words with it.
    words = set(shape.split())
    ranked = sorted(same_kind, key=lambda s: -len(words & set(_shape(s.text).split())))
    return [f"{s.kind.capitalize()} {s.text}" for s in ranked[:count]]


# --------------------------------------------------------------------------- helpers


def _ids(text: str) -> list[str]:
    """`"a, b"` -> ["a", "b"]; empty, "-" or "none" -> []."""
    text = text.strip()
    if text in {"", "-", "none"}:
        return []
    return [part.strip() for part in text.split(",") if part.strip()]


def _listed(values: Sequence[str]) -> str:
    return ", ".join(values) if values else "-"


def _decision(desk: Desk) -> Decision:
    if desk.decision is None:
        raise StepFailed(lambda lang: t("spec-step-no-decision", lang))
    return desk.decision


def _ran(desk: Desk) -> None:
    if desk.exit_code is None:
        raise StepFailed(lambda lang: t("spec-step-no-command", lang))


def _rules_copy(desk: Desk) -> Path:
    if desk.rules_dir is None:
        raise StepFailed(lambda lang: t("spec-step-needs-copy", lang))
    return desk.rules_dir


def _rule_file(desk: Desk, name: str) -> Path:
    """The rule file `name` of the scenario's copy of the rules (a plain file name, no path)."""
    directory = _rules_copy(desk)
    if not name or name != Path(name).name or name in {".", ".."}:
        raise StepFailed(lambda lang: t("spec-step-bad-file-name", lang, name=name))
    return directory / name


def _output(desk: Desk) -> str:
    """What the command printed, for a failure message (stdout, then stderr)."""
    return "\n".join(part.rstrip("\n") for part in (desk.stdout, desk.stderr) if part.strip())


# --------------------------------------------------------------------------- the case


@sentence(
    "given",
    CASE_STEP,
    'a case about "<topic>" in "<location>" involving a "<actor>"',
    note='also: involving an "…"',
)
def case_about(desk: Desk, topic: str, location: str, actor: str) -> None:
    desk.case = {**desk.case, "topic": topic, "location": location, "actor": actor}


@sentence("given", TARGET_STEP, 'the target is "<target>"')
def target_is(desk: Desk, target: str) -> None:
    if target.strip() not in {"", "-"}:
        desk.case["target"] = target.strip()


@sentence("given", FLAGS_STEP, 'the case is flagged "<flag>, <flag>"')
def flagged(desk: Desk, flags: str) -> None:
    desk.case["flags"] = sorted({*desk.case.get("flags", []), *_ids(flags)})


@sentence("when", r"the duty officer asks who leads", "the duty officer asks who leads")
def ask(desk: Desk) -> None:
    if desk.rules_dir is None:
        allocator = desk.bench.allocator()
    else:
        try:
            allocator = Allocator.from_directory(desk.rules_dir)
        except AllocatorError as error:
            raise StepFailed(error.render) from None
    try:
        desk.decision = allocator.decide(desk.case)
    except AllocatorError as error:  # the case is not valid: every problem, in the user's language
        raise StepFailed(error.render, actual=json.dumps(desk.case, sort_keys=True)) from None


@sentence(
    "then", r'the lead service is "(?P<lead>[^"]*)"', 'the lead service is "<adiv|vsse|none>"'
)
def lead_is(desk: Desk, lead: str) -> None:
    decision = _decision(desk)
    expected = lead.strip()
    if decision.outcome != "decided":
        raise StepFailed(
            lambda lang: t(
                "spec-step-outcome-not", lang, actual=decision.outcome, expected="decided"
            ),
            expected=expected,
            actual=decision.outcome,
            decision=decision,
        )
    if decision.lead != expected:
        actual = str(decision.lead)
        raise StepFailed(
            lambda lang: t("spec-step-lead-not", lang, actual=actual, expected=expected),
            expected=expected,
            actual=actual,
            decision=decision,
        )


def _outcome_is(desk: Desk, expected: str) -> None:
    decision = _decision(desk)
    if decision.outcome != expected:
        raise StepFailed(
            lambda lang: t(
                "spec-step-outcome-not", lang, actual=decision.outcome, expected=expected
            ),
            expected=expected,
            actual=decision.outcome
            if decision.lead is None
            else f"{decision.outcome}: {decision.lead}",
            decision=decision,
        )


@sentence("then", r"the rules give no lead", "the rules give no lead")
def no_lead(desk: Desk) -> None:
    _outcome_is(desk, "gap")
    decision = _decision(desk)
    if "lead" not in decision.missing:  # a gap in the consultation, with a lead
        raise StepFailed(
            lambda lang: t("spec-step-lead-not", lang, actual=str(decision.lead), expected="-"),
            expected="-",
            actual=str(decision.lead),
            decision=decision,
        )


@sentence("then", r"the rules conflict", "the rules conflict")
def conflict(desk: Desk) -> None:
    _outcome_is(desk, "conflict")


@sentence(
    "then",
    r'the competence is "(?P<competence>[^"]*)"',
    'the competence is "<none|exclusive|shared>"',
)
def competence_is(desk: Desk, competence: str) -> None:
    decision = _decision(desk)
    expected = competence.strip()
    if decision.competence != expected:
        actual = f"{decision.competence} ({_listed(decision.competent)})"
        raise StepFailed(
            lambda lang: t("spec-step-competence-not", lang, actual=actual, expected=expected),
            expected=expected,
            actual=actual,
            decision=decision,
        )


@sentence(
    "then",
    r'the competent services are "(?P<services>[^"]*)"',
    'the competent services are "<adiv, vsse>"',
    note='exactly these; "none" for none',
)
def competent_are(desk: Desk, services: str) -> None:
    decision = _decision(desk)
    expected, actual = _listed(sorted(_ids(services))), _listed(decision.competent)
    if actual != expected:
        raise StepFailed(
            lambda lang: t("spec-step-competent-not", lang, actual=actual, expected=expected),
            expected=expected,
            actual=actual,
            decision=decision,
        )


@sentence(
    "then", r'"(?P<partner>[^"]+)" is among the partners', '"<partner>" is among the partners'
)
def partner_in(desk: Desk, partner: str) -> None:
    decision = _decision(desk)
    if partner not in decision.partners:
        actual = _listed(decision.partners)
        raise StepFailed(
            lambda lang: t("spec-step-partner-missing", lang, partner=partner, actual=actual),
            expected=partner,
            actual=actual,
            decision=decision,
        )


@sentence(
    "then",
    r'"(?P<partner>[^"]+)" is not among the partners',
    '"<partner>" is not among the partners',
)
def partner_not_in(desk: Desk, partner: str) -> None:
    decision = _decision(desk)
    if partner in decision.partners:
        actual = _listed(decision.partners)
        raise StepFailed(
            lambda lang: t("spec-step-partner-present", lang, partner=partner, actual=actual),
            actual=actual,
            decision=decision,
        )


@sentence(
    "then",
    r'the partners are "(?P<partners>[^"]*)"',
    'the partners are "<a, b>"',
    note="exactly these",
)
def partners_are(desk: Desk, partners: str) -> None:
    decision = _decision(desk)
    expected, actual = _listed(sorted(_ids(partners))), _listed(decision.partners)
    if actual != expected:
        raise StepFailed(
            lambda lang: t("spec-step-partners-not", lang, actual=actual, expected=expected),
            expected=expected,
            actual=actual,
            decision=decision,
        )


@sentence(
    "then",
    r'the consultation goes through "(?P<mechanisms>[^"]+)"',
    'the consultation goes through "<mechanism>"',
    note='or several: "<a, b>"',
)
def consultation_includes(desk: Desk, mechanisms: str) -> None:
    decision = _decision(desk)
    missing = [m for m in _ids(mechanisms) if m not in decision.consultation]
    if missing:
        actual = _listed(decision.consultation)
        raise StepFailed(
            lambda lang: t(
                "spec-step-mechanism-missing", lang, mechanisms=_listed(missing), actual=actual
            ),
            expected=_listed(_ids(mechanisms)),
            actual=actual,
            decision=decision,
        )


@sentence(
    "then",
    r'the consultation does not go through "(?P<mechanisms>[^"]+)"',
    'the consultation does not go through "<mechanism>"',
)
def consultation_excludes(desk: Desk, mechanisms: str) -> None:
    decision = _decision(desk)
    present = [m for m in _ids(mechanisms) if m in decision.consultation]
    if present:
        actual = _listed(decision.consultation)
        raise StepFailed(
            lambda lang: t(
                "spec-step-mechanism-present", lang, mechanisms=_listed(present), actual=actual
            ),
            actual=actual,
            decision=decision,
        )


@sentence(
    "then",
    r'the consultation is "(?P<mechanisms>[^"]*)"',
    'the consultation is "<a, b>"',
    note="exactly these, in ladder order",
)
def consultation_is(desk: Desk, mechanisms: str) -> None:
    decision = _decision(desk)
    expected, actual = _listed(_ids(mechanisms)), _listed(decision.consultation)
    if actual != expected:
        raise StepFailed(
            lambda lang: t("spec-step-consultation-not", lang, actual=actual, expected=expected),
            expected=expected,
            actual=actual,
            decision=decision,
        )


@sentence(
    "then",
    r'the decision rests on rules? "(?P<rules>[^"]+)"',
    'the decision rests on rule "<rule id>"',
    note='or several: rules "<a, b>"',
)
def rests_on(desk: Desk, rules: str) -> None:
    decision = _decision(desk)
    missing = [rule for rule in _ids(rules) if rule not in decision.rules]
    if missing:
        raise StepFailed(
            lambda lang: t("spec-step-rule-missing", lang, rules=_listed(missing)),
            expected=_listed(_ids(rules)),
            decision=decision,
        )


@sentence(
    "then",
    r'the decision does not rest on rule "(?P<rule>[^"]+)"',
    'the decision does not rest on rule "<rule id>"',
)
def not_rests_on(desk: Desk, rule: str) -> None:
    decision = _decision(desk)
    if rule in decision.rules:
        raise StepFailed(
            lambda lang: t("spec-step-rule-present", lang, rule=rule),
            decision=decision,
        )


@sentence("then", r'the fact "(?P<fact>[^"]+)" holds', 'the fact "<fact>" holds')
def fact_holds(desk: Desk, fact: str) -> None:
    decision = _decision(desk)
    if fact not in decision.facts:
        raise StepFailed(
            lambda lang: t("spec-step-fact-missing", lang, fact=fact),
            expected=fact,
            actual=_listed(decision.facts),
            decision=decision,
        )


@sentence("then", r'the fact "(?P<fact>[^"]+)" does not hold', 'the fact "<fact>" does not hold')
def fact_not_holds(desk: Desk, fact: str) -> None:
    decision = _decision(desk)
    if fact in decision.facts:
        raise StepFailed(
            lambda lang: t("spec-step-fact-present", lang, fact=fact),
            actual=_listed(decision.facts),
            decision=decision,
        )


# --------------------------------------------------------------------------- the command line


@sentence(
    "given", r"a copy of the rules in force", "a copy of the rules in force", section="command"
)
def a_copy_of_the_rules(desk: Desk) -> None:
    desk.rules_dir = desk.bench.copy_rules()


@sentence(
    "given",
    r'the rule file "(?P<name>[^"]+)" contains:',
    'the rule file "<name>.yaml" contains:',
    section="command",
    note="a doc string: the whole file",
    docstring=True,
)
def rule_file_contains(desk: Desk, name: str, docstring: str) -> None:
    _rule_file(desk, name).write_text(docstring + "\n", encoding="utf-8")


@sentence(
    "given",
    r'in the rule file "(?P<name>[^"]+)" "(?P<old>[^"]+)" is replaced by "(?P<new>[^"]*)"',
    'in the rule file "<name>.yaml" "<text>" is replaced by "<text>"',
    section="command",
    note="\\n starts a new line",
)
def rule_file_replace(desk: Desk, name: str, old: str, new: str) -> None:
    path = _rule_file(desk, name)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        text = ""
    old, new = old.replace("\\n", "\n"), new.replace("\\n", "\n")
    if old not in text:
        raise StepFailed(
            lambda lang: t("spec-step-text-not-in-file", lang, text=old, name=name),
            expected=old,
        )
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@sentence("when", RUNS_STEP, 'the duty officer runs "allocator …"', section="command")
def run_command(desk: Desk, command: str) -> None:
    try:
        args = shlex.split(command)
    except ValueError:
        args = command.split()
    if not args or args[0] != "allocator":
        word = args[0] if args else ""
        raise StepFailed(lambda lang: t("spec-step-not-allocator", lang, word=word))
    env = {
        "ALLOCATOR_LANG": COMMAND_LANG,
        "ALLOCATOR_RULES": str(desk.rules_dir or desk.bench.rules),
        **desk.bench.env,
    }
    result = desk.bench.run(args[1:], env)
    desk.exit_code = result.exit_code
    desk.stdout = result.stdout
    desk.stderr = result.stderr


@sentence("then", r"the exit status is (?P<code>\d+)", "the exit status is <n>", section="command")
def exit_status(desk: Desk, code: str) -> None:
    _ran(desk)
    if desk.exit_code != int(code):
        actual = str(desk.exit_code)
        raise StepFailed(
            lambda lang: t("spec-step-exit-not", lang, actual=actual, expected=code),
            expected=code,
            actual=actual,
            output=_output(desk),
        )


@sentence(
    "then", r'the output says "(?P<text>[^"]+)"', 'the output says "<text>"', section="command"
)
def output_says(desk: Desk, text: str) -> None:
    _ran(desk)
    if text not in desk.stdout:
        raise StepFailed(
            lambda lang: t("spec-step-output-missing", lang, text=text),
            expected=text,
            output=desk.stdout,
        )


@sentence(
    "then",
    r'the output does not say "(?P<text>[^"]+)"',
    'the output does not say "<text>"',
    section="command",
)
def output_does_not_say(desk: Desk, text: str) -> None:
    _ran(desk)
    if text in desk.stdout:
        raise StepFailed(
            lambda lang: t("spec-step-output-present", lang, text=text),
            actual=text,
            output=desk.stdout,
        )


@sentence(
    "then",
    r'the error output says "(?P<text>[^"]+)"',
    'the error output says "<text>"',
    section="command",
)
def error_says(desk: Desk, text: str) -> None:
    _ran(desk)
    if text not in desk.stderr:
        raise StepFailed(
            lambda lang: t("spec-step-error-output-missing", lang, text=text),
            expected=text,
            output=desk.stderr,
        )


def _json(desk: Desk) -> dict[str, Any]:
    _ran(desk)
    try:
        document = json.loads(desk.stdout)
    except ValueError:
        document = None
    if not isinstance(document, dict):
        raise StepFailed(lambda lang: t("spec-step-not-json", lang), output=_output(desk))
    return document


@sentence(
    "then",
    r'the output is one JSON object with the keys "(?P<keys>[^"]+)"',
    'the output is one JSON object with the keys "<a, b>"',
    section="command",
)
def json_keys(desk: Desk, keys: str) -> None:
    document = _json(desk)
    missing = [key for key in _ids(keys) if key not in document]
    if missing:
        raise StepFailed(
            lambda lang: t("spec-step-json-keys-missing", lang, keys=_listed(missing)),
            expected=_listed(_ids(keys)),
            actual=_listed(sorted(document)),
        )


@sentence(
    "then",
    r'the JSON field "(?P<key>[^"]+)" is "(?P<value>[^"]*)"',
    'the JSON field "<key>" is "<value>"',
    section="command",
)
def json_field(desk: Desk, key: str, value: str) -> None:
    document = _json(desk)
    actual = str(document.get(key))
    if actual != value:
        raise StepFailed(
            lambda lang: t(
                "spec-step-json-field-not", lang, field=key, actual=actual, expected=value
            ),
            expected=value,
            actual=actual,
        )


@sentence("then", r"no traceback is shown", "no traceback is shown", section="command")
def no_traceback(desk: Desk) -> None:
    _ran(desk)
    if "Traceback" in desk.stdout + desk.stderr:
        raise StepFailed(lambda lang: t("spec-step-traceback", lang), output=_output(desk))


# --------------------------------------------------------------------------- copies of rules


class RulesCopies:
    """Fresh copies of a rule set, one scenario at a time, always at the same path: the files a
    scenario leaves alone are then the same bytes at the same path as before, and the loader
    takes them from its memo instead of parsing them again."""

    def __init__(self, rules: Path, home: Path) -> None:
        self.rules = rules
        self.target = home / "rules"

    def __call__(self) -> Path:
        self.clear()
        shutil.copytree(self.rules, self.target)
        return self.target

    def clear(self) -> None:
        if self.target.exists():
            for path in self.target.rglob("*"):  # whatever a scenario left (a read-only file)
                if not path.is_symlink():
                    path.chmod(0o700)
            shutil.rmtree(self.target)
