"""`allocator spec` and the step library it shares with pytest-bdd (allocator.staff.steps): the
shipped specification passes, a failing scenario is one readable block (file:line, scenario,
step, expected against actual, the rules that decided), usage errors exit 2, invalid rules 3; and
under pytest the same block replaces pytest-bdd's traceback, outlines have readable ids, and
`pytest features/x.feature` runs that file."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import allocator.staff.steps as steps
from allocator.desk.service import Allocator
from allocator.staff.spec_runner import read_feature, read_features
from allocator.staff.steps import SENTENCES, Bench, Desk, StepFailed, listing, match
from allocator.testing import run_cli

ROOT = Path(__file__).resolve().parent.parent
FEATURES = ROOT / "features"
EN = {"ALLOCATOR_LANG": "en"}

FAILING = """\
Feature: A planted failure
  Scenario: A foreign service recruits a ministry official in Brussels
    Given a case about "espionage" in "belgium" involving a "foreign-intelligence-service"
    And the target is "government"
    When the duty officer asks who leads
    Then the lead service is "adiv"
    And the competence is "shared"

  Scenario Outline: Terrorism in Belgium
    Given a case about "terrorism" in "belgium" involving a "<actor>"
    When the duty officer asks who leads
    Then the lead service is "<lead>"

    Examples:
      | actor            | lead |
      | terrorist-group  | vsse |
      | belgian-military | vsse |
"""

UNDEFINED = """\
Feature: A sentence nobody wrote
  Scenario: The lead, misspelt
    Given a case about "terrorism" in "belgium" involving a "lone-actor"
    When the duty officer asks who leads
    Then the lead is "vsse"
"""

PASSING = """\
Feature: One scenario
  Scenario: A lone actor
    Given a case about "terrorism" in "belgium" involving a "lone-actor"
    When the duty officer asks who leads
    Then the lead service is "vsse"
"""


def _features(directory: Path, **files: str) -> Path:
    folder = directory / "features"
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / f"{name}.feature").write_text(text, encoding="utf-8")
    return folder


def _summary(output: str) -> str:
    return output.rstrip("\n").splitlines()[-1]


# --------------------------------------------------------------------------- the library


def test_the_listing_of_the_sentences_is_the_library() -> None:
    """The docstring of allocator.staff.steps (README points to it) lists exactly the library."""
    assert steps.__doc__ is not None
    assert listing() in steps.__doc__, (
        "the listing at the top of src/allocator/staff/steps.py differs from the sentences: "
        "paste the output of `python -c 'from allocator.staff.steps import listing; "
        "print(listing())'` there"
    )
    assert len(listing().splitlines()) == len(SENTENCES) + 3  # two headings, one blank line
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "src/allocator/staff/steps.py" in readme
    assert "features/conftest.py)" not in readme


def test_each_sentence_of_the_listing_reads_as_itself() -> None:
    for sentence in SENTENCES:
        example = re.sub(r'"[^"]*"', '"x"', sentence.text).replace("<n>", "1")
        found = match(sentence.kind, example)
        assert found is not None, sentence.line()
        assert found[0] is sentence, (sentence.line(), found[0].line())


def test_a_failing_step_carries_expected_actual_and_the_rules(shipped: Allocator) -> None:
    bench = Bench(
        rules=ROOT / "rules",
        run=run_cli,
        copy_rules=lambda: pytest.fail("no copy needed"),
        allocator=lambda: shipped,
    )
    desk = Desk(bench, case={"topic": "terrorism", "location": "belgium", "actor": "lone-actor"})
    steps.ask(desk)
    with pytest.raises(StepFailed) as failed:
        steps.lead_is(desk, "adiv")
    failure = failed.value
    assert (failure.expected, failure.actual) == ("adiv", "vsse")
    assert failure.lead_rules == ("terrorism.art8-threat",)
    assert "terrorism.ocad" in failure.rules
    assert failure.render("en") == "the lead is `vsse`, not `adiv`"
    assert failure.render("nl") == "de leiding is `vsse`, niet `adiv`"
    assert failure.render("fr") == "le pilote est `vsse`, et non `adiv`"


# --------------------------------------------------------------------------- allocator spec


@pytest.mark.slow
def test_every_shipped_scenario_passes_and_as_many_as_pytest_bdd_collects(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(ROOT)
    result = run_cli(["spec", "--format", "json"], EN)
    assert result.exit_code == 0, result.stdout[-3000:]
    results = json.loads(result.stdout)
    assert {r["status"] for r in results} == {"passed"}
    collected = _pytest(ROOT, "--collect-only", "features")
    tests = [line for line in collected.stdout.splitlines() if "::" in line]
    assert collected.returncode == 0, collected.stdout[-3000:]
    # pytest-bdd collects each scenario and each example row once, through test_specification.py
    # alone: the .feature files are collected only when named on the command line.
    assert len(tests) == len(results) == len(read_features(sorted(FEATURES.rglob("*.feature"))))
    assert all(line.startswith("features/test_specification.py::") for line in tests)
    text = run_cli(["spec"], EN)
    assert text.exit_code == 0
    assert re.fullmatch(rf"{len(results)} scenarios, 0 failed, in \d+\.\d s", _summary(text.stdout))


def test_a_failing_scenario_is_one_block_with_its_line_step_expected_actual_and_rules(
    tmp_path: Path,
) -> None:
    folder = _features(tmp_path, planted=FAILING)
    result = run_cli(["spec", str(folder)], EN)
    assert result.exit_code == 1, result.stdout + result.stderr
    where = f"{folder / 'planted.feature'}"
    assert result.stdout.startswith(
        f"{where}:2: Scenario: A foreign service recruits a ministry official in Brussels\n"
        f'  {where}:6: Then the lead service is "adiv"\n'
        "    the lead is `vsse`, not `adiv`\n"
        "    expected:      adiv\n"
        "    actual:        vsse\n"
        "    lead rule:     foreign-service.civil-target\n"
        "    outranked:     espionage.art8-threat\n"
        "    rules applied: competence.foreign-intelligence-service, competence.vsse.art8, "
    )
    blocks = result.stdout.split("\n\n")
    assert len(blocks) == 3  # the scenario, the one failing row of the outline, the summary
    assert blocks[1].startswith(
        f"{where}:9: Scenario Outline: Terrorism in Belgium\n"
        "  example (line 17): actor=belgian-military lead=vsse\n"
        f'  {where}:12: Then the lead service is "vsse"\n'
        "    the lead is `adiv`, not `vsse`\n"
    )
    assert "lead rule:     terrorism.defence-nexus" in blocks[1]
    assert re.fullmatch(r"3 scenarios, 2 failed, in \d+\.\d s", _summary(result.stdout))
    assert "Traceback" not in result.stdout + result.stderr


def test_an_undefined_step_is_named_with_the_nearest_sentences(tmp_path: Path) -> None:
    folder = _features(tmp_path, undefined=UNDEFINED, passing=PASSING)
    result = run_cli(["spec", str(folder)], EN)
    assert result.exit_code == 2
    assert (
        f'{folder / "undefined.feature"}:5: Then the lead is "vsse"\n'
        "    undefined step: no sentence of the specification reads like this one\n"
        "    did you mean:\n"
        '      Then the lead service is "<adiv|vsse|none>"\n'
    ) in result.stdout
    assert re.fullmatch(
        r"2 scenarios, 0 failed, 1 with an undefined step, in \d+\.\d s", _summary(result.stdout)
    )


def test_a_gherkin_syntax_error_is_named_with_its_line_and_column(tmp_path: Path) -> None:
    broken = PASSING.replace("    When the duty", "  This is no step\n    When the duty")
    folder = _features(tmp_path, broken=broken, passing=PASSING)
    result = run_cli(["spec", str(folder)], EN)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith(
        f"{folder / 'broken.feature'}:4:3: Gherkin syntax error: `This is no step` cannot stand here"
    )
    assert result.stderr.endswith(
        "1 Gherkin syntax error in the feature files: no scenario was run\n"
    )


def test_a_path_that_does_not_exist_and_no_features_at_all_are_usage_errors(
    tmp_path: Path, rules_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    missing = run_cli(["spec", str(tmp_path / "nowhere.feature")], EN)
    assert missing.exit_code == 2
    assert "no such feature file or directory: " in missing.stderr
    empty = run_cli(["spec", str(tmp_path)], EN)
    assert empty.exit_code == 2
    assert f"no .feature file in {tmp_path}" in empty.stderr
    monkeypatch.chdir(tmp_path)  # neither beside the rules nor here: nothing to run
    none = run_cli(["spec"], {**EN, "ALLOCATOR_RULES": str(rules_copy)})
    assert none.exit_code == 2
    assert "no features/ directory beside the rules" in none.stderr


def test_invalid_rules_exit_3(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    result = run_cli(
        ["spec", "--rules", "tests/data/broken-rules", "features/terrorism.feature"], EN
    )
    assert result.exit_code == 3
    assert "unknown-key: unknown key `topc`" in result.stderr
    assert "Traceback" not in result.stderr


def test_another_rule_set_makes_a_scenario_fail(rules_copy: Path) -> None:
    feature = FEATURES / "terrorism.feature"
    assert run_cli(["spec", "--rules", str(rules_copy), str(feature)], EN).exit_code == 0
    terrorism = rules_copy / "terrorism.yaml"
    text = terrorism.read_text(encoding="utf-8")
    old = "      topic: [terrorism, radicalisation, extremism]\n    then:\n      lead: vsse\n"
    assert old in text
    terrorism.write_text(text.replace(old, old.replace("vsse", "adiv")), encoding="utf-8")
    result = run_cli(["spec", "--rules", str(rules_copy), str(feature)], EN)
    assert result.exit_code == 1
    assert "Scenario: A jihadist network plans an attack in Brussels\n" in result.stdout
    assert "    the lead is `adiv`, not `vsse`\n" in result.stdout
    assert "    lead rule:     terrorism.art8-threat\n" in result.stdout


def test_the_json_report_is_one_result_per_scenario(tmp_path: Path) -> None:
    folder = _features(tmp_path, planted=FAILING, undefined=UNDEFINED)
    result = run_cli(["spec", str(folder), "--format", "json"], EN)
    assert result.exit_code == 2  # an undefined step outweighs a failure
    results = json.loads(result.stdout)
    assert [(r["line"], r["example_line"], r["status"]) for r in results] == [
        (2, None, "failed"),
        (9, 16, "passed"),
        (9, 17, "failed"),
        (2, None, "undefined"),
    ]
    failed = results[0]
    assert set(failed) == {
        "feature",
        "line",
        "keyword",
        "scenario",
        "example",
        "example_line",
        "status",
        "step",
        "failure",
        "undefined",
    }
    assert failed["feature"] == str(folder / "planted.feature")
    assert failed["step"] == {
        "keyword": "Then",
        "text": 'the lead service is "adiv"',
        "line": 6,
    }
    assert failed["failure"]["message"] == "the lead is `vsse`, not `adiv`"
    assert (failed["failure"]["expected"], failed["failure"]["actual"]) == ("adiv", "vsse")
    assert failed["failure"]["lead_rules"] == ["foreign-service.civil-target"]
    assert "espionage.diplomats" in failed["failure"]["rules"]
    assert results[1]["example"] == {"actor": "terrorist-group", "lead": "vsse"}
    assert results[1]["failure"] is None
    assert results[3]["undefined"][0]["line"] == 5
    assert results[3]["undefined"][0]["did_you_mean"][0] == (
        'Then the lead service is "<adiv|vsse|none>"'
    )


@pytest.mark.parametrize(
    ("lang", "summary", "message", "one"),
    [
        (
            "nl",
            r"3 scenario's, 2 mislukt, in \d+,\d s",
            "de leiding is `vsse`, niet `adiv`",
            r"1 scenario, 0 mislukt, in \d+,\d s",
        ),
        (
            "fr",
            r"3 scénarios, 2 ont échoué, en \d+,\d s",
            "le pilote est `vsse`, et non `adiv`",
            r"1 scénario, 0 a échoué, en \d+,\d s",
        ),
    ],
)
def test_the_report_speaks_dutch_and_french(
    lang: str, summary: str, message: str, one: str, tmp_path: Path
) -> None:
    folder = _features(tmp_path, planted=FAILING)
    result = run_cli(["--lang", lang, "spec", str(folder)], EN)
    assert result.exit_code == 1
    assert re.fullmatch(summary, _summary(result.stdout)), _summary(result.stdout)
    assert f"    {message}\n" in result.stdout
    single = run_cli(["spec", "--lang", lang, str(_features(tmp_path / "one", passing=PASSING))])
    assert single.exit_code == 0
    assert re.fullmatch(one, _summary(single.stdout)), _summary(single.stdout)


def test_command_line_scenarios_work_on_a_copy_of_the_rules_under_test(
    tmp_path: Path, rules_copy: Path
) -> None:
    feature = """\
Feature: The copy
  Scenario: A broken copy stops the command, not the rules under test
    Given a copy of the rules in force
    And in the rule file "flags.yaml" "partners: nccn" is replaced by "partners: ncnn"
    When the duty officer runs "allocator decide --topic terrorism --location belgium --actor lone-actor"
    Then the exit status is 3
    And the error output says "unknown partner `ncnn`"

  Scenario: The rules under test are the rules in force of the commands
    When the duty officer runs "allocator rules"
    Then the exit status is 0
    And the output says "proposal.marker"
"""
    (rules_copy / "proposal.yaml").write_text(
        "rules:\n  - id: proposal.marker\n    title: A marker\n    basis: None\n"
        "    description: Names the rule set under test.\n    then:\n      partners: ocad\n",
        encoding="utf-8",
    )
    folder = _features(tmp_path, copy=feature)
    result = run_cli(["spec", "--rules", str(rules_copy), str(folder)], EN)
    assert result.exit_code == 0, result.stdout
    assert "ncnn" not in (rules_copy / "flags.yaml").read_text(encoding="utf-8")


# --------------------------------------------------------------------------- under pytest


def _pytest(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
        env={**_environment(), "ALLOCATOR_LANG": "en"},
    )


def _environment() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}


@pytest.mark.slow
def test_pytest_reports_a_failing_scenario_as_allocator_spec_does(tmp_path: Path) -> None:
    """The repository's conftest files and test_specification.py in a folder of their own, with a
    planted failure: the report is the block, not pytest-bdd's traceback."""
    shutil.copy(ROOT / "conftest.py", tmp_path / "conftest.py")
    folder = _features(tmp_path, planted=FAILING)
    for name in ("conftest.py", "test_specification.py"):
        shutil.copy(FEATURES / name, folder / name)
    result = _pytest(tmp_path, "features")
    assert result.returncode == 1, result.stdout[-3000:]
    output = result.stdout
    assert "2 failed, 1 passed" in output
    failures = output[output.index("= FAILURES =") : output.index("short test summary")]
    assert len(failures.splitlines()) < 25, failures
    assert (
        "features/planted.feature:2: Scenario: A foreign service recruits a ministry official in Brussels\n"
        '  features/planted.feature:6: Then the lead service is "adiv"\n'
        "    the lead is `vsse`, not `adiv`\n"
        "    expected:      adiv\n"
        "    actual:        vsse\n"
        "    lead rule:     foreign-service.civil-target\n"
    ) in failures
    assert "  example (line 17): actor=belgian-military lead=vsse\n" in failures
    assert "pytest_bdd" not in failures
    assert "def " not in failures
    assert "Traceback" not in output
    # The outline's examples are named by their line and values.
    assert (
        "test_terrorism_in_belgium[planted.feature:17: actor=belgian-military lead=vsse]" in output
    )
    assert "FAILED features/test_specification.py::test_terrorism_in_belgium" in output
    # And the file alone, named on the command line.
    alone = _pytest(tmp_path, "features/planted.feature")
    assert alone.returncode == 1
    assert "2 failed, 1 passed" in alone.stdout
    assert "FAILED features/planted.feature::test_a_foreign_service_recruits" in alone.stdout


@pytest.mark.slow
def test_pytest_runs_one_feature_file_named_on_the_command_line() -> None:
    path = FEATURES / "precedence.feature"
    count = len(read_feature(path))
    assert count > 1
    result = _pytest(ROOT, "features/precedence.feature")
    assert result.returncode == 0, result.stdout[-3000:]
    assert re.search(rf"\b{count} passed\b", result.stdout), result.stdout[-2000:]
    one = _pytest(
        ROOT, "features/precedence.feature::test_who_leads_as_docsdomainmd_describes_it", "-vv"
    )
    assert one.returncode == 0, one.stdout[-3000:]
    assert re.search(rf"\b{count} passed\b", one.stdout)
    assert "[precedence.feature:25: topic=terrorism location=belgium" in one.stdout


def test_a_failing_command_shows_the_start_of_its_output(tmp_path: Path) -> None:
    feature = """\
Feature: A command
  Scenario: The rules, listed
    When the duty officer runs "allocator rules"
    Then the exit status is 0
    And the output says "no such rule"
"""
    result = run_cli(["spec", str(_features(tmp_path, command=feature))], EN)
    assert result.exit_code == 1
    block = result.stdout.split("\n\n")[0].splitlines()
    assert block[1].endswith(':5: And the output says "no such rule"')
    assert block[2:5] == [
        "    the output does not say `no such rule`",
        "    expected: no such rule",
        "    output:",
    ]
    shown = [line for line in block if line.startswith("      | ")]
    assert len(shown) == 12
    assert re.fullmatch(r"      … \d+ more lines", block[-1])
