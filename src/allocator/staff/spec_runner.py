"""`allocator spec`: the Gherkin specification run in-process against a rule set, with the
sentences of allocator.staff.steps (the very ones pytest-bdd runs), and each failure reported as
one block: the feature file and line, the scenario (with its example row), the failing step and
its line, expected against actual, and the rules that decided.

The block is the same under pytest (features/conftest.py replaces pytest-bdd's traceback by it).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal, cast

from gherkin.errors import CompositeParserException, ParserException
from gherkin.parser import Parser
from gherkin.pickles.compiler import Compiler, GherkinDocumentWithURI

from allocator.i18n import DEFAULT_LANG, number, sanitize, t, tn
from allocator.load.files import display_path
from allocator.staff.steps import Bench, Desk, Kind, StepFailed, match, nearest

Status = Literal["passed", "failed", "undefined"]

#: How a pickle's step type reads as the kind of a sentence (Unknown: `*`, or `And` first).
_KINDS: dict[str, Kind] = {"Context": "given", "Action": "when", "Outcome": "then"}
#: The lines of a command's output a failure shows.
OUTPUT_LINES = 12
_POSITION = re.compile(r"^\(\d+:\d+\): ")
_WORD = re.compile(r"[^\s,\"]+")
_UNEXPECTED = re.compile(r"expected: (?P<expected>.*), got '(?P<found>.*)'", re.DOTALL)


@dataclass(frozen=True)
class StepLine:
    """One step of a scenario as written (`keyword` as in the file: `And `), its values filled."""

    keyword: str
    text: str
    line: int
    kind: Kind | None
    docstring: str | None = None

    def written(self) -> str:
        return f"{self.keyword.strip()} {self.text}"


@dataclass(frozen=True)
class ScenarioCase:
    """One scenario, or one row of the Examples of a Scenario Outline."""

    path: Path
    line: int
    keyword: str
    name: str
    steps: tuple[StepLine, ...]
    example: Mapping[str, str] | None = None
    example_line: int | None = None

    @property
    def where(self) -> str:
        return f"{display_path(self.path)}:{self.line}"

    def step_at(self, line: int) -> StepLine | None:
        return next((step for step in self.steps if step.line == line), None)


@dataclass(frozen=True)
class SyntaxProblem:
    path: Path
    line: int
    column: int
    message: str

    def render(self, lang: str = DEFAULT_LANG) -> str:
        where = f"{display_path(self.path)}:{self.line}:{self.column}"
        unexpected = _UNEXPECTED.fullmatch(self.message)
        if unexpected is not None:  # Gherkin's "expected: #EOF, #StepLine, …, got '…'"
            return sanitize(
                t(
                    "spec-syntax-unexpected",
                    lang,
                    where=where,
                    found=unexpected["found"],
                    expected=unexpected["expected"].replace("#", ""),
                )
            )
        return sanitize(t("spec-syntax-error", lang, where=where, gherkin=self.message))


class FeatureSyntaxError(Exception):
    """Feature files Gherkin cannot read: every problem, each with its file, line and column."""

    def __init__(self, problems: Sequence[SyntaxProblem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(p.render() for p in self.problems))


def feature_files(paths: Iterable[Path]) -> list[Path]:
    """The .feature files named, and those below the directories named (sorted, each once)."""
    found: list[Path] = []
    for path in paths:
        found += sorted(path.rglob("*.feature")) if path.is_dir() else [path]
    return list(dict.fromkeys(found))


def _problems(path: Path, error: Exception) -> list[SyntaxProblem]:
    errors = error.errors if isinstance(error, CompositeParserException) else [error]
    problems = []
    for one in errors:
        location: Mapping[str, Any] = getattr(one, "location", None) or {}
        message = _POSITION.sub("", str(one.args[0]) if one.args else str(one))
        problems.append(
            SyntaxProblem(
                path, int(location.get("line", 0)), int(location.get("column", 0) or 0), message
            )
        )
    return problems


def _nodes(document: Mapping[str, Any]) -> Iterator[Mapping[str, Any]]:
    """Every scenario, background and rule of a Gherkin document, rules opened."""
    feature = document.get("feature") or {}
    for child in feature.get("children", []):
        if "rule" in child:
            yield from (inner for inner in child["rule"]["children"])
        else:
            yield child


def read_feature(path: Path) -> list[ScenarioCase]:
    """The scenarios of one feature file, outlines expanded (FeatureSyntaxError if it is not Gherkin)."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise FeatureSyntaxError([SyntaxProblem(path, 0, 0, str(error))]) from None
    try:
        document: Any = Parser().parse(text)
    except (CompositeParserException, ParserException) as error:
        raise FeatureSyntaxError(_problems(path, error)) from None
    steps: dict[str, Mapping[str, Any]] = {}
    scenarios: dict[str, Mapping[str, Any]] = {}
    rows: dict[str, tuple[dict[str, str], int]] = {}
    for child in _nodes(document):
        for kind in ("background", "scenario"):
            node = child.get(kind)
            if node is None:
                continue
            steps.update((step["id"], step) for step in node.get("steps", []))
            if kind == "scenario":
                scenarios[node["id"]] = node
                for examples in node.get("examples", []):
                    header = [
                        cell["value"] for cell in examples.get("tableHeader", {}).get("cells", [])
                    ]
                    for row in examples.get("tableBody", []):
                        values = [cell["value"] for cell in row["cells"]]
                        rows[row["id"]] = (
                            dict(zip(header, values, strict=False)),
                            row["location"]["line"],
                        )
    with_uri = cast(GherkinDocumentWithURI, {**document, "uri": str(path)})
    cases = []
    for pickle in Compiler().compile(with_uri):
        scenario = scenarios[pickle["astNodeIds"][0]]
        example, example_line = (None, None)
        if len(pickle["astNodeIds"]) > 1:
            example, example_line = rows[pickle["astNodeIds"][1]]
        lines = []
        for step in pickle["steps"]:
            node = steps[step["astNodeIds"][0]]
            argument: Mapping[str, Any] = step.get("argument", {})
            docstring = argument.get("docString", {}).get("content") if argument else None
            lines.append(
                StepLine(
                    node["keyword"],
                    step["text"],
                    node["location"]["line"],
                    _KINDS.get(step["type"]),
                    docstring,
                )
            )
        cases.append(
            ScenarioCase(
                path,
                scenario["location"]["line"],
                scenario["keyword"],
                scenario["name"],
                tuple(lines),
                example,
                example_line,
            )
        )
    return cases


@lru_cache(maxsize=64)
def _cached(path: Path, mtime: float) -> tuple[ScenarioCase, ...]:
    return tuple(read_feature(path))


def find_scenario(
    path: Path, line: int, example: Mapping[str, str] | None = None
) -> ScenarioCase | None:
    """The scenario of `path` at `line` (with that example row), as pytest-bdd names one."""
    try:
        cases = _cached(path, path.stat().st_mtime)
    except (OSError, FeatureSyntaxError):
        return None
    for case in cases:
        if case.line == line and (not example or dict(case.example or {}) == dict(example)):
            return case
    return None


def read_features(files: Iterable[Path]) -> list[ScenarioCase]:
    """The scenarios of every file; FeatureSyntaxError holds the problems of all of them."""
    cases: list[ScenarioCase] = []
    problems: list[SyntaxProblem] = []
    for path in files:
        try:
            cases += read_feature(path)
        except FeatureSyntaxError as error:
            problems += error.problems
    if problems:
        raise FeatureSyntaxError(problems)
    return cases


# --------------------------------------------------------------------------- running


@dataclass
class Undefined:
    step: StepLine
    suggestions: list[str]


@dataclass
class Result:
    """How one scenario case went: passed, failed at `step`, or stopped by undefined steps."""

    scenario: ScenarioCase
    status: Status
    step: StepLine | None = None
    failure: StepFailed | None = None
    #: An error no step expects (a bug): its type and message.
    error: str | None = None
    undefined: list[Undefined] = field(default_factory=list)


def run_scenario(scenario: ScenarioCase, bench: Bench) -> Result:
    """Every step of `scenario` in order, on a fresh desk, until one fails."""
    matched = []
    undefined = []
    for step in scenario.steps:
        found = match(step.kind, step.text)
        if found is None:
            undefined.append(Undefined(step, nearest(step.text, step.kind)))
        else:
            matched.append((step, *found))
    if undefined:
        return Result(scenario, "undefined", undefined=undefined)
    desk = Desk(bench)
    for step, sentence, arguments in matched:
        try:
            sentence.run(desk, arguments, step.docstring)
        except StepFailed as failure:
            return Result(scenario, "failed", step, failure)
        except Exception as error:  # a bug: reported with its scenario, the run goes on
            return Result(scenario, "failed", step, error=f"{type(error).__name__}: {error}")
    return Result(scenario, "passed")


def run_all(
    scenarios: Iterable[ScenarioCase],
    bench: Bench,
    progress: Callable[[Result], None] | None = None,
) -> list[Result]:
    results = []
    for scenario in scenarios:
        result = run_scenario(scenario, bench)
        results.append(result)
        if progress is not None:
            progress(result)
    return results


# --------------------------------------------------------------------------- reporting


def example_text(values: Mapping[str, str]) -> str:
    """An example row as `key=value key="a, b" key=""`: quoted when empty or not one word."""
    return " ".join(
        f"{key}={value}" if value and _WORD.fullmatch(value) else f'{key}="{value}"'
        for key, value in values.items()
    )


def _labelled(pairs: list[tuple[str, str]], indent: str) -> list[str]:
    width = max(len(label) for label, _ in pairs)
    return [f"{indent}{label:<{width}} {value}" for label, value in pairs]


def _output_lines(output: str, lang: str, indent: str) -> list[str]:
    lines = output.rstrip("\n").splitlines() or [""]
    shown = [f"{indent}  | {line}" for line in lines[:OUTPUT_LINES]]
    if len(lines) > OUTPUT_LINES:
        more = tn("spec-more-lines", len(lines) - OUTPUT_LINES, lang)
        shown.append(f"{indent}  {more}")
    return shown


def _heading(scenario: ScenarioCase, lang: str) -> list[str]:
    """The first lines of a scenario's block: where it is, its name, and its example row."""
    lines = [f"{scenario.where}: {scenario.keyword}: {scenario.name}"]
    if scenario.example is not None:
        line = scenario.example_line or scenario.line
        values = example_text(scenario.example)
        lines.append("  " + t("spec-example", lang, line=line, values=values))
    return lines


def render_step_failure(
    scenario: ScenarioCase,
    step: StepLine | None,
    failure: StepFailed | None,
    error: str | None = None,
    lang: str = DEFAULT_LANG,
) -> str:
    """The block of a failed scenario (shared by `allocator spec` and the pytest report)."""
    lines = _heading(scenario, lang)
    if step is not None:
        lines.append(f"  {display_path(scenario.path)}:{step.line}: {step.written()}")
    indent = "    "
    if failure is not None:
        lines.append(indent + failure.render(lang))
        pairs: list[tuple[str, str]] = []
        if failure.expected is not None:
            pairs.append((t("spec-expected", lang), failure.expected))
        if failure.actual is not None:
            pairs.append((t("spec-actual", lang), failure.actual))
        if failure.lead_rules:
            pairs.append(
                (
                    tn("spec-lead-rules", len(failure.lead_rules), lang),
                    ", ".join(failure.lead_rules),
                )
            )
        if failure.overridden:
            pairs.append(
                (tn("spec-outranked", len(failure.overridden), lang), ", ".join(failure.overridden))
            )
        if failure.rules:
            pairs.append((tn("spec-rules", len(failure.rules), lang), ", ".join(failure.rules)))
        if pairs:
            lines += _labelled(pairs, indent)
        if failure.output is not None:
            lines.append(indent + t("spec-output", lang))
            lines += _output_lines(failure.output, lang, indent)
    elif error is not None:
        lines.append(indent + t("spec-step-error", lang, error=error))
    return sanitize("\n".join(lines))


def render_undefined(
    scenario: ScenarioCase, undefined: Sequence[Undefined], lang: str = DEFAULT_LANG
) -> str:
    """The block of a scenario with steps no sentence reads as: each, and the nearest sentences."""
    lines = _heading(scenario, lang)
    for one in undefined:
        lines.append(f"  {display_path(scenario.path)}:{one.step.line}: {one.step.written()}")
        lines.append("    " + t("spec-undefined-step", lang))
        if one.suggestions:
            lines.append("    " + t("spec-did-you-mean", lang))
            lines += [f"      {suggestion}" for suggestion in one.suggestions]
    return sanitize("\n".join(lines))


def render_result(result: Result, lang: str = DEFAULT_LANG) -> str:
    if result.status == "undefined":
        return render_undefined(result.scenario, result.undefined, lang)
    return render_step_failure(result.scenario, result.step, result.failure, result.error, lang)


def summary(results: Sequence[Result], seconds: float, lang: str = DEFAULT_LANG) -> str:
    """`438 scenarios, 2 failed, in 4.1 s` (and how many have undefined steps, if any)."""
    failed = sum(1 for r in results if r.status == "failed")
    undefined = sum(1 for r in results if r.status == "undefined")
    scenarios = tn("coverage-spec-scenarios", len(results), lang)
    shown = number(seconds, lang, 1)
    if undefined:
        return t(
            "spec-summary-undefined",
            lang,
            scenarios=scenarios,
            failed=tn("spec-failed", failed, lang),
            undefined=tn("spec-undefined", undefined, lang),
            seconds=shown,
        )
    return t(
        "spec-summary",
        lang,
        scenarios=scenarios,
        failed=tn("spec-failed", failed, lang),
        seconds=shown,
    )


def _step_json(step: StepLine) -> dict[str, Any]:
    return {"keyword": step.keyword.strip(), "text": step.text, "line": step.line}


def result_json(result: Result, lang: str = DEFAULT_LANG) -> dict[str, Any]:
    scenario = result.scenario
    failure: dict[str, Any] | None = None
    if result.failure is not None:
        failure = result.failure.as_json(lang)
    elif result.error is not None:
        failure = {"message": t("spec-step-error", lang, error=result.error), "error": result.error}
    return {
        "feature": display_path(scenario.path),
        "line": scenario.line,
        "keyword": scenario.keyword,
        "scenario": scenario.name,
        "example": dict(scenario.example) if scenario.example is not None else None,
        "example_line": scenario.example_line,
        "status": result.status,
        "step": _step_json(result.step) if result.step is not None else None,
        "failure": failure,
        "undefined": [
            {**_step_json(one.step), "did_you_mean": one.suggestions} for one in result.undefined
        ],
    }
