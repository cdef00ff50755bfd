"""`allocator check` on the project's own rules tells first, with the command that fixes it, what
`make test` would fail on: a stale schema (`make schema`), a README example that drifted
(`make readme`), a rule text in fewer than three languages. Any other rules directory gets none
of these. And no two messages of `check` contradict each other about one value; and `coverage`
without a specification says so (exit 2)."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from allocator.cli.check import _check_args
from allocator.cli.examples import writes_files
from allocator.staff.project import examples, project_root, rewrite
from allocator.testing import run_cli
from tests.project import ROOT, copy_project, make

EN = {"ALLOCATOR_LANG": "en"}
TOPIC_ENTRY = (
    '  - id: "critical-infrastructure"\n'
    '    label: {nl: "Kritieke infrastructuur", fr: "Infrastructure critique", en: "Critical infrastructure"}\n'
    '    description: {nl: "Dreiging tegen een kritieke entiteit.", fr: "Menace contre une entité critique.", en: "Threat against a critical entity."}\n'
)


def check_json(rules: Path, *extra: str) -> tuple[int, dict[str, Any]]:
    result = run_cli(["check", "--rules", str(rules), "--format", "json", *extra], EN)
    return result.exit_code, json.loads(result.stdout)


def problems(document: dict[str, Any], code: str) -> list[dict[str, Any]]:
    return [p for p in document["problems"] if p["code"] == code]


def add_topic(rules: Path) -> int:
    """Add the topic `critical-infrastructure` to the vocabulary; the line of its id."""
    vocabulary = rules / "vocabulary.yaml"
    text = vocabulary.read_text(encoding="utf-8")
    assert "\nlocations:" in text
    text = text.replace("\nlocations:", "\n" + TOPIC_ENTRY + "\nlocations:", 1)
    vocabulary.write_text(text, encoding="utf-8")
    return text.splitlines().index('  - id: "critical-infrastructure"') + 1


@pytest.fixture(scope="module")
def _pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_project(tmp_path_factory.mktemp("pristine") / "allocator")


@pytest.fixture
def project(_pristine: Path, tmp_path: Path) -> Path:
    """A fresh copy of the checkout (rules, schema, features, README, Makefile, scripts, data)."""
    target = tmp_path / "allocator"
    shutil.copytree(_pristine, target)
    return target


# --------------------------------------------------------------------------- which rules


def test_the_checkouts_rules_are_the_projects_and_no_others(
    project: Path, rules_copy: Path, tmp_path: Path
) -> None:
    assert project_root(ROOT / "rules") == ROOT
    assert project_root(project / "rules") == project.resolve()
    assert project_root(rules_copy) is None  # a copy of the rules alone
    installed = tmp_path / "site-packages" / "allocator"
    shutil.copytree(ROOT / "rules", installed / "rules")
    assert project_root(installed / "rules") is None  # the rules installed with the package
    assert project_root(ROOT / "tests" / "data" / "proposal") is None


def test_a_faithful_copy_passes_strict_with_every_project_check(project: Path) -> None:
    code, document = check_json(project / "rules", "--strict")
    assert code == 0, document["problems"]
    assert document["summary"]["warnings"] == 0


# --------------------------------------------------------------------------- the schema


def test_a_stale_schema_is_a_warning_naming_make_schema(project: Path) -> None:
    schema = project / "schema" / "rules.schema.json"
    schema.write_text(schema.read_text(encoding="utf-8").replace('"topic-id"', '"old-id"'))
    code, document = check_json(project / "rules")
    assert code == 0  # a warning
    (stale,) = problems(document, "stale-schema")
    assert stale["severity"] == "warning"
    assert stale["path"].endswith("schema/rules.schema.json")
    assert "`allocator schema`" in stale["message"]
    assert "run `make schema`" in stale["help"]
    assert check_json(project / "rules", "--strict")[0] == 3
    fixed = make(project, "schema")
    assert fixed.returncode == 0, fixed.stderr
    assert check_json(project / "rules", "--strict")[0] == 0


def test_a_missing_schema_is_reported_too(project: Path) -> None:
    (project / "schema" / "vocabulary.schema.json").unlink()
    _, document = check_json(project / "rules")
    (stale,) = problems(document, "stale-schema")
    assert stale["path"].endswith("schema/vocabulary.schema.json")


# --------------------------------------------------------------------------- the README


def test_a_drifted_readme_example_is_a_warning_at_its_line_naming_make_readme(
    project: Path,
) -> None:
    readme = project / "README.md"
    original = readme.read_text(encoding="utf-8")
    shown = "Lead:         General Intelligence and Security Service (ADIV)\n"
    assert shown in original
    readme.write_text(original.replace(shown, "Lead:         State Security (VSSE)\n", 1))
    line = original.splitlines().index(
        "$ allocator decide --topic terrorism --location military-site --actor terrorist-group"
    )
    code, document = check_json(project / "rules")
    assert code == 0
    (drift,) = problems(document, "readme-example-drift")
    assert (drift["severity"], drift["line"]) == ("warning", line + 1)
    assert drift["path"].endswith("README.md")
    assert "allocator decide --topic terrorism --location military-site" in drift["message"]
    assert "run `make readme`" in drift["help"]
    text = run_cli(["check", "--rules", str(project / "rules")], EN).stdout
    assert f"README.md:{line + 1}: readme-example-drift (warning): the example `allocator" in text
    fixed = make(project, "readme")
    assert fixed.returncode == 0, fixed.stderr
    assert readme.read_text(encoding="utf-8") == original
    assert check_json(project / "rules", "--strict")[0] == 0


def test_the_example_of_check_itself_is_checked(project: Path) -> None:
    """The README's `allocator check --strict` is the report in hand, printed as it asks: when the
    rules change what check prints (a rule more), that example has drifted too."""
    (project / "rules" / "extra.yaml").write_text(
        "rules:\n"
        "  - id: extra.nato\n"
        '    title: {nl: "NAVO", fr: "OTAN", en: "NATO"}\n'
        '    basis: {nl: "Wet", fr: "Loi", en: "Law"}\n'
        '    description: {nl: "Een", fr: "Une", en: "One"}\n'
        "    when: {topic: espionage, location: nato-site}\n"
        "    then: {partners: nato}\n",
        encoding="utf-8",
    )
    _, document = check_json(project / "rules")
    drifted = [p["message"] for p in problems(document, "readme-example-drift")]
    assert any("`allocator check --strict`" in message for message in drifted), drifted


def test_the_readme_examples_are_read_with_their_lines() -> None:
    text = "intro\n```console\n$ allocator rules\nout\n```\n\n```console\n$ allocator check\n```\n"
    first, second = examples(text)
    assert (first.line, first.command, first.shown) == (3, "allocator rules", "out\n")
    assert (second.line, second.command, second.shown) == (8, "allocator check", "")
    assert rewrite(text, {3: "new\n", 8: "done\n"}) == text.replace("out\n", "new\n").replace(
        "$ allocator check\n", "$ allocator check\ndone\n"
    )
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert [e.command for e in examples(readme)] == [
        block.partition("\n")[0][2:]
        for block in re.findall(r"```console\n(.*?)```", readme, flags=re.DOTALL)
    ]


def test_how_an_example_of_check_is_read() -> None:
    assert _check_args("allocator check --strict") is not None
    args = _check_args("allocator --lang fr check --rules=rules --format json")
    assert args is not None
    assert (args.lang, args.rules, args.fmt, args.strict) == ("fr", "rules", "json", False)
    assert _check_args("allocator decide --topic x") is None
    assert _check_args("allocator check --frobnicate") is None  # run as it is
    assert writes_files("allocator matrix --format html --output out/m.html")
    assert writes_files("allocator fmt rules")
    assert not writes_files("allocator fmt --check")
    assert not writes_files("allocator decide --topic terrorism")


def test_the_makefile_readme_target_refreshes_the_schema_then_the_readme() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^readme: schema$", makefile, flags=re.MULTILINE)
    recipe = makefile[makefile.index("\nreadme: schema") :].split("\n\n")[0]
    assert "$(BIN)/python scripts/update_readme_examples.py" in recipe
    assert "make readme" in (ROOT / "README.md").read_text(encoding="utf-8")


# --------------------------------------------------------------------------- three languages


UNTRANSLATED_RULE = (
    "rules:\n"
    "  - id: planted.english-only\n"
    "    title: A title in English only\n"
    '    basis: {nl: "Wet", fr: "Loi", en: "Law"}\n'
    "    description: A description in English only\n"
    "    when: {topic: espionage, location: nato-site}\n"
    "    then: {partners: nato}\n"
)


def test_untranslated_text_is_a_warning_in_the_checkout(project: Path) -> None:
    (project / "rules" / "planted.yaml").write_text(UNTRANSLATED_RULE, encoding="utf-8")
    code, document = check_json(project / "rules")
    assert code == 0  # one text is valid
    (note,) = problems(document, "untranslated-text")
    assert note["severity"] == "warning"
    assert note["path"].endswith("planted.yaml")
    assert "gives its title, description in one text only" in note["message"]
    assert "nl:, fr: and en:" in note["help"]
    assert check_json(project / "rules", "--strict")[0] == 3


def test_untranslated_text_is_a_note_elsewhere(rules_copy: Path) -> None:
    (rules_copy / "planted.yaml").write_text(UNTRANSLATED_RULE, encoding="utf-8")
    _, document = check_json(rules_copy, "--strict")
    (note,) = problems(document, "untranslated-text")
    assert note["severity"] == "info"
    assert not problems(document, "stale-schema")
    assert not problems(document, "readme-example-drift")


# --------------------------------------------------------------------------- no contradiction


def test_a_topic_in_the_vocabulary_only_is_named_once_in_its_gap(rules_copy: Path) -> None:
    line = add_topic(rules_copy)
    code, document = check_json(rules_copy)
    assert code == 3
    (gap,) = problems(document, "gap")
    assert gap["path"].endswith("vocabulary.yaml")
    assert gap["line"] == line
    assert "topic=critical-infrastructure" in gap["message"]
    assert gap["help"].startswith("no rule names `critical-infrastructure` yet: write the rules")
    assert "allocator decide --topic critical-infrastructure" in gap["help"]
    unnamed = [p["message"] for p in problems(document, "unnamed-value")]
    assert not [m for m in unnamed if "critical-infrastructure" in m]
    assert any("location `belgium`" in m for m in unnamed)  # the others stay
    result = run_cli(["check", "--rules", str(rules_copy)], EN)
    output = result.stdout + result.stderr
    assert output.count("no rule names `critical-infrastructure`") == 1
    assert "decided like any other topic" not in output


def test_a_new_topic_with_one_rule_but_no_lead_is_a_plain_gap(rules_copy: Path) -> None:
    add_topic(rules_copy)
    (rules_copy / "planted.yaml").write_text(
        "rules:\n"
        "  - id: planted.nccn\n"
        '    title: {nl: "NCCN", fr: "NCCN", en: "NCCN"}\n'
        '    basis: {nl: "Wet", fr: "Loi", en: "Law"}\n'
        '    description: {nl: "Een", fr: "Une", en: "One"}\n'
        "    when: {topic: critical-infrastructure}\n"
        "    then: {partners: nccn}\n",
        encoding="utf-8",
    )
    _, document = check_json(rules_copy)
    (gap,) = problems(document, "gap")
    assert not gap["path"].endswith("vocabulary.yaml")
    assert gap["help"].startswith("for instance: allocator decide --topic critical-infrastructure")
    everything = json.dumps(document["problems"])
    assert "no rule names `critical-infrastructure`" not in everything
    assert "no rule names the topic `critical-infrastructure`" not in everything


# --------------------------------------------------------------------------- coverage


def test_coverage_without_a_specification_is_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """From an installed package: the rules in site-packages, no features/ beside them nor here."""
    rules = tmp_path / "site-packages" / "allocator" / "rules"
    shutil.copytree(ROOT / "rules", rules)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    result = run_cli(["coverage", "--rules", str(rules)], EN)
    assert result.exit_code == 2, result.stdout
    assert "no features/ directory beside the rules" in result.stderr
    assert str(rules.parent / "features") in result.stderr
    assert str(elsewhere / "features") in result.stderr
    assert "--features DIR" in result.stderr
    assert "0.0%" not in result.stdout + result.stderr
    nl = run_cli(["--lang", "nl", "coverage", "--rules", str(rules)], EN)
    assert nl.exit_code == 2
    assert "geen map features/" in nl.stderr


def test_coverage_of_a_directory_without_feature_files_is_an_error(tmp_path: Path) -> None:
    empty = tmp_path / "specification"
    empty.mkdir()
    result = run_cli(["coverage", "--features", str(empty)], EN)
    assert result.exit_code == 2
    assert f"no .feature file in {empty}" in result.stderr
    assert "--features DIR" in result.stderr
