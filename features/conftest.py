"""The specification under pytest: the sentences of allocator.staff.steps (listed there, with what
each does) bound to pytest-bdd, and a failing scenario reported as `allocator spec` reports it.

Nothing here defines a sentence: a new one is added to src/allocator/staff/steps.py, once, and
both pytest and `allocator spec` know it. This file

- registers every sentence of the library with pytest-bdd (given/when/then, parsers.re), acting
  on a `Desk` whose bench is the shipped rules (`shipped`, `rules_copy`, each test's private
  decision log and cache of compiled rules come from the repository's conftest.py);
- replaces pytest-bdd's traceback of a failing scenario by the block of `allocator spec`: the
  feature file and line, the scenario and its example row, the failing step and its line,
  expected against actual, the rules that decided; an undefined step, with the nearest sentences;
- names each example of a Scenario Outline by its line and values
  (`[abroad.feature:92: location=belgium actor=unknown partners="eu, nccn" …]`);
- lets `pytest features/x.feature` (or `features/x.feature::test_…`) run that file's scenarios.
  Only a .feature file named on the command line is collected so: `pytest` and `pytest features`
  run each scenario once, through test_specification.py.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Generator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from _pytest._io import TerminalWriter
from pytest_bdd import given, parsers, scenario, then, when
from pytest_bdd.feature import get_feature
from pytest_bdd.parser import Feature, Scenario, Step
from pytest_bdd.scenario import get_python_name_generator, scenario_wrapper_template_registry

from allocator.desk.service import Allocator
from allocator.i18n import detect_lang, t
from allocator.load.files import default_rules_dir
from allocator.staff.spec_runner import (
    ScenarioCase,
    StepLine,
    Undefined,
    example_text,
    find_scenario,
    read_feature,
    render_step_failure,
    render_undefined,
)
from allocator.staff.steps import SENTENCES, Bench, Desk, Sentence, StepFailed, nearest
from allocator.testing import run_cli

EXAMPLE = "_pytest_bdd_example"  # the parameter pytest-bdd gives each row of an outline


@pytest.fixture
def desk(request: pytest.FixtureRequest, shipped: Allocator) -> Desk:
    """What one scenario builds up, on the shipped rules."""
    bench = Bench(
        rules=default_rules_dir(),
        run=run_cli,
        copy_rules=lambda: Path(request.getfixturevalue("rules_copy")),
        allocator=lambda: shipped,
    )
    return Desk(bench)


# --------------------------------------------------------------------------- the sentences


def _binding(sentence: Sentence) -> Callable[..., None]:
    """A step function for pytest-bdd: `desk` and the sentence's arguments, by name."""

    def step(desk: Desk, **arguments: str) -> None:
        docstring = arguments.pop("docstring", None)
        sentence.run(desk, arguments, docstring)

    names = ("desk", *sentence.arguments)
    step.__signature__ = inspect.Signature(  # type: ignore[attr-defined]
        [inspect.Parameter(name, inspect.Parameter.POSITIONAL_OR_KEYWORD) for name in names]
    )
    step.__name__ = step.__qualname__ = sentence.action.__name__
    step.__doc__ = sentence.line()
    return step


_KINDS = {"given": given, "when": when, "then": then}
for _sentence in SENTENCES:
    _KINDS[_sentence.kind](parsers.re(_sentence.pattern))(_binding(_sentence))


# --------------------------------------------------------------------------- concise failures

_REPORT = pytest.StashKey["ConciseFailure"]()


@dataclass(frozen=True)
class _Crash:
    """What pytest's summary line (`FAILED … - message`) and junitxml read of a failure."""

    path: str
    lineno: int
    message: str


class ConciseFailure:
    """The report of a failing scenario, in place of pytest-bdd's traceback."""

    def __init__(self, text: str, path: Path, line: int, message: str) -> None:
        self.text = text
        self.reprcrash = _Crash(str(path), line, message)

    def toterminal(self, tw: TerminalWriter) -> None:
        for line in self.text.splitlines():
            tw.line(line)

    def __str__(self) -> str:
        return self.text


def _scenario_case(
    request: pytest.FixtureRequest, feature: Feature, scenario: Scenario
) -> ScenarioCase | None:
    callspec = getattr(request.node, "callspec", None)
    example = callspec.params.get(EXAMPLE) if callspec is not None else None
    return find_scenario(Path(feature.filename), scenario.line_number, example)


def _step_line(case: ScenarioCase, step: Step) -> StepLine:
    return case.step_at(step.line_number) or StepLine(
        step.keyword, step.name, step.line_number, None
    )


def pytest_bdd_step_error(
    request: pytest.FixtureRequest,
    feature: Feature,
    scenario: Scenario,
    step: Step,
    step_func: Callable[..., Any],
    step_func_args: dict[str, Any],
    exception: Exception,
) -> None:
    case = _scenario_case(request, feature, scenario)
    if case is None:
        return
    lang = detect_lang()
    failure = exception if isinstance(exception, StepFailed) else None
    error = None if failure is not None else f"{type(exception).__name__}: {exception}"
    text = render_step_failure(case, _step_line(case, step), failure, error, lang)
    message = failure.render(lang) if failure is not None else str(error)
    request.node.stash[_REPORT] = ConciseFailure(text, case.path, step.line_number, message)


def pytest_bdd_step_func_lookup_error(
    request: pytest.FixtureRequest,
    feature: Feature,
    scenario: Scenario,
    step: Step,
    exception: Exception,
) -> None:
    case = _scenario_case(request, feature, scenario)
    if case is None:
        return
    line, lang = _step_line(case, step), detect_lang()
    text = render_undefined(case, [Undefined(line, nearest(line.text, line.kind))], lang)
    message = f"{line.written()}: {t('spec-undefined-step', lang)}"
    request.node.stash[_REPORT] = ConciseFailure(text, case.path, step.line_number, message)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    report = yield
    concise = item.stash.get(_REPORT, None)
    if concise is not None and report.when == "call" and report.failed:
        report.longrepr = concise  # type: ignore[assignment]
    return report


# --------------------------------------------------------------------------- outline ids


def pytest_pycollect_makeitem(collector: pytest.Collector, name: str, obj: object) -> None:
    """Names each example of a Scenario Outline `file.feature:LINE: key=value, …`, not by its
    values joined with dashes."""
    try:
        template = scenario_wrapper_template_registry.get(obj)  # type: ignore[call-overload]
    except TypeError:  # not something a weak reference can point to
        return
    if template is None:
        return
    path = Path(template.feature.filename)
    try:
        rows = [case for case in read_feature(path) if case.line == template.line_number]
    except Exception:  # pytest-bdd reports a broken file itself
        return
    for mark in getattr(obj, "pytestmark", []):
        if mark.name != "parametrize" or not mark.args or mark.args[0] != EXAMPLE:
            continue
        params = mark.args[1]
        if len(params) != len(rows):
            return
        for index, (param, row) in enumerate(zip(params, rows, strict=True)):
            if row.example is None or dict(row.example) != param.values[0]:
                return
            shown = example_text(row.example)
            params[index] = param._replace(id=f"{path.name}:{row.example_line}: {shown}")


# --------------------------------------------------------------------------- `pytest x.feature`


def _named(config: pytest.Config, path: Path) -> bool:
    """Whether `path` is named on the command line (`features/x.feature`, `…::test_name`)."""
    here = config.invocation_params.dir
    for argument in config.args:
        named = Path(argument.split("::", 1)[0])
        if (named if named.is_absolute() else here / named).resolve() == path.resolve():
            return True
    return False


def _no_more_steps() -> None:
    """The scenario's body: its steps are all it does."""


class FeatureFile(pytest.Module):
    """A .feature file named on the command line, collected as a module of its scenarios."""

    def _getobj(self) -> ModuleType:
        module = ModuleType(f"feature_{self.path.stem}")
        module.__file__ = str(self.path)
        base = str(self.path.parent)
        for name in get_feature(base, self.path.name).scenarios:
            test = scenario(self.path.name, name, features_base_dir=base)(_no_more_steps)
            for test_name in get_python_name_generator(name):
                if not hasattr(module, test_name):
                    setattr(module, test_name, test)
                    break
        return module


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> pytest.Collector | None:
    if file_path.suffix == ".feature" and _named(parent.config, file_path):
        return FeatureFile.from_parent(parent, path=file_path)
    return None
