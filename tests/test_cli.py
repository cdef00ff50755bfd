"""The command line through its real entry point: outputs, exit codes, messages, no tracebacks."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from allocator.testing import run_cli
from allocator.testing import run_json as decide_json

EN = {"ALLOCATOR_LANG": "en"}
CONTRACT_KEYS = {"lead", "partners", "consultation", "rules", "ruleset"}
TERRORISM_BELGIUM = [
    "decide",
    "--topic",
    "terrorism",
    "--location",
    "belgium",
    "--actor",
    "terrorist-group",
]


def test_terrorism_in_belgium_is_vsse_with_every_contract_key() -> None:
    code, decision = decide_json(*TERRORISM_BELGIUM)
    assert code == 0
    assert decision.keys() >= CONTRACT_KEYS
    assert decision["lead"] == "vsse"
    assert "ocad" in decision["partners"]
    assert "joint-platform" in decision["consultation"]
    assert decision["ruleset"].startswith("sha256:")
    assert len(decision["ruleset"]) == 7 + 64
    assert decision["partners"] == sorted(set(decision["partners"]))


def test_on_a_military_site_adiv_leads_and_vsse_is_a_partner() -> None:
    code, decision = decide_json(
        "decide",
        "--topic",
        "terrorism",
        "--location",
        "military-site",
        "--actor",
        "terrorist-group",
    )
    assert code == 0
    assert decision["lead"] == "adiv"
    assert "vsse" in decision["partners"]
    assert "adiv" not in decision["partners"]


def test_json_output_is_exactly_one_object() -> None:
    result = run_cli([*TERRORISM_BELGIUM, "--format", "json"], EN)
    assert isinstance(json.loads(result.stdout), dict)
    assert result.stderr == ""


def test_text_output_names_the_lead_partners_mechanisms_and_bases() -> None:
    result = run_cli([*TERRORISM_BELGIUM, "--why"], EN)
    assert result.exit_code == 0
    out = result.stdout
    assert "State Security (VSSE)" in out
    assert "Joint ADIV–VSSE platform" in out
    assert "terrorism.art8-threat" in out
    assert "Organic Law of 30 November 1998" in out
    assert "sha256:" in out


def test_text_output_speaks_dutch_and_french() -> None:
    nl = run_cli(["--lang", "nl", *TERRORISM_BELGIUM]).stdout
    fr = run_cli(["--lang", "fr", *TERRORISM_BELGIUM]).stdout
    assert "Leiding" in nl
    assert "Veiligheid van de Staat" in nl
    assert "Pilote" in fr
    assert "Sûreté de l'État" in fr


def test_flags_repeat() -> None:
    code, decision = decide_json(
        *TERRORISM_BELGIUM, "--flag", "imminent", "--flag", "offence-indicated"
    )
    assert code == 0
    assert {"nccn", "fedpol", "federal-prosecutor"} <= set(decision["partners"])
    assert decision["case"]["flags"] == ["imminent", "offence-indicated"]


def test_unknown_topic_exits_2_listing_the_valid_ones_and_suggesting_the_nearest() -> None:
    result = run_cli(
        ["decide", "--topic", "terrorsm", "--location", "belgium", "--actor", "terrorist-group"], EN
    )
    assert result.exit_code == 2
    assert "unknown topic `terrorsm`" in result.stderr
    assert "did you mean `terrorism`?" in result.stderr
    assert "valid topics: terrorism, radicalisation" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert result.stdout == ""


def test_every_unknown_value_is_reported_at_once() -> None:
    result = run_cli(
        [
            "decide",
            "--topic",
            "terrorsm",
            "--location",
            "belgum",
            "--actor",
            "x",
            "--flag",
            "imminnt",
        ],
        EN,
    )
    assert result.exit_code == 2
    for text in (
        "unknown topic",
        "unknown location",
        "unknown actor",
        "unknown flag",
        "`imminent`",
    ):
        assert text in result.stderr


@pytest.mark.parametrize("missing", ["--topic", "--location", "--actor"])
def test_a_missing_attribute_is_a_usage_error(missing: str) -> None:
    args = {"--topic": "terrorism", "--location": "belgium", "--actor": "lone-actor"}
    del args[missing]
    result = run_cli(["decide", *[x for pair in args.items() for x in pair]], EN)
    assert result.exit_code == 2
    assert f"give `{missing}`" in result.stderr


def test_an_unknown_option_is_a_usage_error() -> None:
    result = run_cli(["decide", "--topik", "terrorism"], EN)
    assert result.exit_code == 2
    assert "no such option `--topik`: did you mean `--topic`?" in result.stderr


def test_an_unknown_format_is_a_usage_error() -> None:
    result = run_cli([*TERRORISM_BELGIUM, "--format", "xml"], EN)
    assert result.exit_code == 2


def test_user_input_never_reaches_the_terminal_raw() -> None:
    result = run_cli(
        [
            "decide",
            "--topic",
            "\x1b[31mred\x1b[0m",
            "--location",
            "belgium",
            "--actor",
            "lone-actor",
        ],
        EN,
    )
    assert result.exit_code == 2
    assert "\x1b" not in result.stderr
    assert "\\x1b[31mred" in result.stderr


def test_a_huge_value_is_shortened_in_the_message() -> None:
    result = run_cli(
        ["decide", "--topic", "x" * 100_000, "--location", "belgium", "--actor", "lone-actor"], EN
    )
    assert result.exit_code == 2
    assert len(result.stderr) < 2_000


def test_a_gap_exits_4_and_names_the_escalation_route(rules_copy: Path, edit: Any) -> None:
    edit(
        rules_copy / "espionage.yaml",
        "      lead: vsse\n      priority: 200\n",
        "      partners: ocad\n",
    )
    result = run_cli(
        ["decide", "--topic", "espionage", "--location", "belgium", "--actor", "company"],
        {**EN, "ALLOCATOR_RULES": str(rules_copy)},
    )
    assert result.exit_code == 4
    assert "NO LEAD" in result.stdout
    assert "Escalate through: Liaison officers" in result.stdout
    code, decision = decide_json(
        "decide",
        "--topic",
        "espionage",
        "--location",
        "belgium",
        "--actor",
        "company",
        env={"ALLOCATOR_RULES": str(rules_copy)},
    )
    assert code == 4
    assert decision["lead"] is None
    assert decision["outcome"] == "gap"
    assert decision["escalation"] == ["liaison", "cciv"]


def test_a_conflict_exits_4_naming_both_rules(rules_copy: Path) -> None:
    (rules_copy / "rival.yaml").write_text(
        "rules:\n"
        "  - id: rival.espionage\n"
        "    title: A rival lead\n"
        "    basis: none\n"
        "    description: Disagrees with espionage.art8-threat.\n"
        "    when: {topic: espionage, not: {facts: defence-nexus}}\n"
        "    then: {lead: adiv, priority: 200}\n",
        encoding="utf-8",
    )
    code, decision = decide_json(
        "decide",
        "--topic",
        "espionage",
        "--location",
        "belgium",
        "--actor",
        "company",
        env={"ALLOCATOR_RULES": str(rules_copy)},
    )
    assert code == 4
    assert decision["outcome"] == "conflict"
    assert decision["conflict"] == ["espionage.art8-threat", "rival.espionage"]
    text = run_cli(
        ["decide", "--topic", "espionage", "--location", "belgium", "--actor", "company"],
        {**EN, "ALLOCATOR_RULES": str(rules_copy)},
    )
    assert "CONFLICT" in text.stdout
    assert "rival.espionage" in text.stdout


@pytest.mark.parametrize(
    "command",
    [
        ["decide", "--topic", "terrorism", "--location", "belgium", "--actor", "lone-actor"],
        ["rules"],
        ["--version"],
    ],
)
@pytest.mark.parametrize(
    ("old", "new", "code"),
    [
        (
            "topic: [terrorism, radicalisation, extremism]",
            "topic: [terrorism, radicalisation, extremism",
            "yaml-syntax",
        ),
        ("      lead: vsse\n", "      lead: vsse\n      lead: adiv\n", "duplicate-key"),
        ("    when:\n", "    wen:\n", "unknown-key"),
        ("      lead: vsse\n", "      lead: vsee\n", "unknown-id"),
    ],
)
def test_a_broken_rule_file_stops_every_command_with_exit_3(
    rules_copy: Path, edit: Any, command: list[str], old: str, new: str, code: str
) -> None:
    edit(rules_copy / "terrorism.yaml", old, new)
    result = run_cli(command, {**EN, "ALLOCATOR_RULES": str(rules_copy)})
    assert result.exit_code == 3
    assert "terrorism.yaml:" in result.stderr
    assert f": {code}: " in result.stderr
    line = next(line for line in result.stderr.splitlines() if f": {code}: " in line)
    location = line.split(": ")[2] if line.startswith("allocator") else line.split(": ")[0]
    path, row, col = location.rsplit(":", 2)
    assert path.endswith("terrorism.yaml")
    assert int(row) > 0
    assert int(col) > 0
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


def test_the_rules_option_beats_the_environment(rules_copy: Path, tmp_path: Path) -> None:
    result = run_cli(
        ["rules", "--rules", str(rules_copy)], {**EN, "ALLOCATOR_RULES": str(tmp_path / "nowhere")}
    )
    assert result.exit_code == 0


def test_a_missing_rules_directory_exits_3(tmp_path: Path) -> None:
    result = run_cli(["rules", "--rules", str(tmp_path / "nowhere")], EN)
    assert result.exit_code == 3
    assert "does not exist" in result.stderr


def test_rules_lists_id_title_basis_and_place() -> None:
    result = run_cli(["rules", "--format", "json"], EN)
    assert result.exit_code == 0
    rules = json.loads(result.stdout)
    first = rules[0]
    assert {"id", "title", "basis", "description", "file", "line"} <= first.keys()
    assert any(
        rule["id"] == "terrorism.art8-threat" and rule["file"].endswith("terrorism.yaml")
        for rule in rules
    )
    text = run_cli(["rules"], EN).stdout
    assert "terrorism.art8-threat  (" in text
    assert "terrorism.yaml:" in text


def test_version_prints_version_and_fingerprint() -> None:
    result = run_cli(["--version"], EN)
    assert result.exit_code == 0
    assert result.stdout.startswith("allocator 0.1.0\n")
    assert "sha256:" in result.stdout


def test_the_installed_command_runs_from_any_directory(tmp_path: Path) -> None:
    """After `make demo` the rules in force are found wherever the officer stands."""
    exe = Path(sys.executable).with_name("allocator")
    result = subprocess.run(
        [str(exe), *TERRORISM_BELGIUM, "--format", "json"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"},
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["lead"] == "vsse"


def test_an_internal_error_is_a_message_with_exit_1(monkeypatch: pytest.MonkeyPatch) -> None:
    import allocator.cli.decide

    def broken(*_: Any, **__: Any) -> str:
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(allocator.cli.decide, "decision_text", broken)
    result = run_cli(TERRORISM_BELGIUM, EN)
    assert result.exit_code == 1
    assert "internal error: ZeroDivisionError: division by zero" in result.stderr
    assert "Traceback" not in result.stderr
