"""Competence beside the lead: in every output, in the log, and in what `check`, `diff` and `matrix` say of it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from allocator.desk.service import Allocator
from allocator.engine.explain import explanation
from allocator.testing import run_cli
from allocator.testing import run_json as decide_json

EN = {"ALLOCATOR_LANG": "en"}
#: Espionage by a foreign intelligence service in Belgium: both services competent, VSSE leads.
SPY = [
    "decide",
    "--topic",
    "espionage",
    "--location",
    "belgium",
    "--actor",
    "foreign-intelligence-service",
    "--no-log",
]


def check_json(rules: Path) -> tuple[int, dict[str, Any]]:
    result = run_cli(["check", "--rules", str(rules), "--format", "json"], EN)
    return result.exit_code, json.loads(result.stdout)


# --------------------------------------------------------------------------- the decision


def test_json_carries_competent_and_competence_in_contract_order() -> None:
    code, decision = decide_json(*SPY)
    assert code == 0
    assert decision["competent"] == ["adiv", "vsse"]
    assert decision["competence"] == "shared"
    keys = list(decision)
    assert keys[:7] == [
        "lead",
        "partners",
        "consultation",
        "competent",
        "competence",
        "rules",
        "ruleset",
    ]


@pytest.mark.parametrize(
    ("case", "competent", "competence"),
    [
        (
            ["--topic", "terrorism", "--location", "belgium", "--actor", "lone-actor"],
            ["vsse"],
            "exclusive",
        ),
        (
            [
                "--topic",
                "military-security",
                "--location",
                "military-site",
                "--actor",
                "belgian-military",
            ],
            ["adiv"],
            "exclusive",
        ),
        (
            [
                "--topic",
                "criminal-organisation",
                "--location",
                "abroad",
                "--actor",
                "criminal-organisation",
            ],
            [],
            "none",
        ),
    ],
)
def test_exclusive_and_none(case: list[str], competent: list[str], competence: str) -> None:
    _, decision = decide_json("decide", *case, "--no-log")
    assert (decision["competent"], decision["competence"]) == (competent, competence)


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        (
            "en",
            "Competence:   shared: both services are competent; the lead follows espionage.art8-threat",
        ),
        (
            "nl",
            "Bevoegdheid: gedeeld: beide diensten zijn bevoegd; de leiding volgt uit espionage.art8-threat",
        ),
        (
            "fr",
            "Compétence :    partagée : les deux services sont compétents ; pilotage selon espionage.art8-threat",
        ),
    ],
)
def test_shared_competence_is_one_line_naming_the_criterion(lang: str, line: str) -> None:
    out = run_cli(["--lang", lang, *SPY]).stdout
    assert line in out, out
    assert line + "\n" in out  # one line of the brief answer


def test_exclusive_competence_names_the_one_service() -> None:
    out = run_cli(
        [
            "decide",
            "--topic",
            "terrorism",
            "--location",
            "abroad",
            "--actor",
            "belgian-civilian",
            "--no-log",
        ],
        EN,
    ).stdout
    assert "Competence:   exclusive: one service competent, State Security (VSSE)" in out


def test_the_explanation_gives_the_competent_rules_and_the_criterion(shipped: Allocator) -> None:
    decision = shipped.decide(
        {
            "topic": "espionage",
            "location": "belgium",
            "actor": "foreign-military",
            "target": "government",
        }
    )
    why = explanation(shipped.policy, decision, "en")["competence"]
    assert why["competence"] == "shared"
    assert why["criterion"]["rule"] == "foreign-service.civil-target"
    assert "competence.adiv.defence-nexus" in why["rules"]["adiv"]
    assert "competence.vsse.art8" in why["rules"]["vsse"]
    _, document = decide_json(
        "decide",
        "--topic",
        "espionage",
        "--location",
        "belgium",
        "--actor",
        "foreign-military",
        "--target",
        "government",
        "--explain",
        "--no-log",
    )
    assert (
        document["explanation"]["competence"]["criterion"]["rule"] == "foreign-service.civil-target"
    )


def test_the_log_keeps_the_competence_and_replay_compares_it(tmp_path: Path) -> None:
    log = tmp_path / "decisions.jsonl"
    assert run_cli([*SPY[:-1], "--log", str(log)], EN).exit_code == 0
    record = json.loads(log.read_text().splitlines()[0])
    assert record["decision"]["competent"] == ["adiv", "vsse"]
    assert record["decision"]["competence"] == "shared"
    record["ruleset"] = "sha256:" + "0" * 64  # given under an earlier rule set
    # A record from before: same lead, partners and consultation, another competence.
    record["decision"]["competent"] = ["vsse"]
    record["decision"]["competence"] = "exclusive"
    older = dict(record)
    older["decision"] = {k: v for k, v in record["decision"].items() if not k.startswith("compet")}
    log.write_text(json.dumps(record) + "\n" + json.dumps(older) + "\n")
    result = run_cli(["replay", "--log", str(log)], EN)
    assert result.exit_code == 1
    assert "competent:+ADIV" in result.stdout  # a service as its label abbreviates it
    assert "1 of 2 logged decisions would be given differently" in result.stdout


# --------------------------------------------------------------------------- check


def test_a_lead_outside_the_services_mandate_is_an_error(rules_copy: Path, edit: Any) -> None:
    # Without the rule that makes VSSE competent for protecting persons, VSSE would lead such
    # cases outside its mandate.
    text = (rules_copy / "competence.yaml").read_text()
    start = text.index("  - id: competence.vsse.protection")
    end = text.index("  - id: competence.vsse.economic-potential")
    (rules_copy / "competence.yaml").write_text(text[:start] + text[end:])
    code, document = check_json(rules_copy)
    assert code == 3
    errors = [p for p in document["problems"] if p["severity"] == "error"]
    assert {p["code"] for p in errors} == {"lead-not-competent"}
    (finding,) = [f for f in document["findings"] if f["kind"] == "lead-not-competent"]
    assert finding["rules"] == ["protection.civil"]
    assert all(region["topic"] == ["protection-of-persons"] for region in finding["regions"])
    assert "`vsse` leads" in errors[0]["message"]
    assert errors[0]["path"].endswith("protection.yaml")


def test_a_mandate_sent_to_no_service_is_a_warning(rules_copy: Path) -> None:
    (rules_copy / "planted.yaml").write_text(
        "rules:\n"
        "  - id: planted.police-only\n"
        "    title: Extremism goes to the police\n"
        "    basis: None\n"
        "    description: A planted mistake.\n"
        "    when: {topic: extremism}\n"
        "    then: {lead: none, priority: 600}\n",
        encoding="utf-8",
    )
    code, document = check_json(rules_copy)
    assert code == 0  # a warning
    warnings = [p["code"] for p in document["problems"] if p["severity"] == "warning"]
    assert warnings == ["competent-without-lead"]
    assert run_cli(["check", "--strict", "--rules", str(rules_copy)], EN).exit_code == 3


def test_a_service_no_rule_makes_competent_is_a_warning(rules_copy: Path) -> None:
    text = (rules_copy / "competence.yaml").read_text()
    start = text.index("  - id: competence.adiv.defence-nexus")
    end = text.index("  - id: competence.foreign-intelligence-service")
    text = text[:start] + text[end:]
    text = text.replace("      competent: [adiv, vsse]\n", "      competent: vsse\n")
    (rules_copy / "competence.yaml").write_text(text)
    code, document = check_json(rules_copy)
    assert code == 3  # and ADIV then leads outside its mandate
    codes = {p["code"] for p in document["problems"]}
    assert {"never-competent", "lead-not-competent"} <= codes


def test_a_text_in_one_language_is_a_note(rules_copy: Path) -> None:
    (rules_copy / "planted.yaml").write_text(
        "rules:\n"
        "  - id: planted.note\n"
        "    title: {nl: Een, fr: Une, en: One}\n"
        "    basis: Law of 10 July 2006 on threat analysis\n"
        "    description: {nl: Een, fr: Une, en: One}\n"
        "    when: {topic: terrorism}\n"
        "    then: {partners: ocad, consultation: task-force}\n",
        encoding="utf-8",
    )
    _, document = check_json(rules_copy)
    notes = [p for p in document["problems"] if p["code"] == "untranslated-text"]
    assert len(notes) == 1
    assert notes[0]["severity"] == "info"
    assert "`planted.note` gives its basis in one text only" in notes[0]["message"]


# --------------------------------------------------------------------------- diff and matrix


def test_diff_reports_a_change_of_competence_and_counts_by_topic(
    rules_copy: Path, edit: Any
) -> None:
    edit(
        rules_copy / "competence.yaml",
        "      topic: economic-potential\n    then:\n      competent: vsse\n",
        "      topic: economic-potential\n      not:\n        facts: defence-nexus\n    then:\n      competent: vsse\n",
    )
    result = run_cli(["diff", "rules", str(rules_copy), "--format", "json"], EN)
    assert result.exit_code == 1, result.stderr
    document = json.loads(result.stdout)
    aspects = {(c["aspect"], c["before"], c["after"]) for c in document["changes"]}
    assert ("competent", "vsse", None) in aspects
    by_topic = document["summary"]["by_topic"]
    assert set(by_topic) == {"economic-potential"}
    assert by_topic["economic-potential"]["competent"] > 0
    assert by_topic["economic-potential"]["lead"] == 0
    text = run_cli(["diff", "rules", str(rules_copy)], EN).stdout
    assert "competent - State Security (VSSE) on" in text
    assert "Cases changed, by topic" in text


def test_the_competence_matrix(shipped: Allocator) -> None:
    result = run_cli(
        ["matrix", "--view", "competence", "--actor", "foreign-intelligence-service"], EN
    )
    assert result.exit_code == 0
    rows = {line.split()[0]: line.split()[1:] for line in result.stdout.splitlines()[3:22] if line}
    columns = shipped.policy.vocabulary.ids("locations")
    espionage = dict(zip(columns, rows["espionage"], strict=True))
    assert espionage["belgium"] == "both→VSSE"
    assert espionage["military-site"] == "both→ADIV"
    assert espionage["abroad"] == "VSSE"  # abroad the 2016 mission does not apply: ADIV only helps
    document = json.loads(
        run_cli(["matrix", "--view", "competence", "--format", "json"], EN).stdout
    )
    assert document["view"] == "competence"
    cell = next(
        c for c in document["cells"] if (c["row"], c["column"]) == ("terrorism", "military-site")
    )
    assert cell["summary"] == "both→ADIV"
    assert {d["competence"] for d in cell["decisions"]} == {"shared"}
    assert {tuple(d["criterion"]) for d in cell["decisions"]} == {("terrorism.defence-nexus",)}
