"""Explained decisions and counterfactuals, in NL, FR and EN."""

from __future__ import annotations

import json
from typing import Any

import pytest

from allocator.desk.service import Allocator
from allocator.engine.explain import counterfactuals, explanation
from allocator.testing import run_cli

EN = {"ALLOCATOR_LANG": "en"}
SOLDIER = ["decide", "--topic", "terrorism", "--location", "belgium", "--actor", "belgian-military"]
THEATRE = [
    "decide",
    "--topic",
    "terrorism",
    "--location",
    "operations-theatre",
    "--actor",
    "terrorist-group",
]


def test_the_answer_comes_first_and_brief() -> None:
    out = run_cli(SOLDIER, EN).stdout
    lines = out.splitlines()
    assert len(lines) <= 12, out
    assert lines[1] == "Lead:         General Intelligence and Security Service (ADIV)"
    assert (
        "Why:          terrorism.defence-nexus (priority 400, outranks terrorism.art8-threat):"
        in out
    )
    assert lines[-1].startswith("Rule set:     sha256:")
    assert "Reasoning:" not in out  # the reasoning only with --why
    assert "basis:" not in out
    assert "What would change the lead" not in out  # counterfactuals only with --explain


def test_why_adds_the_reasoning() -> None:
    brief = run_cli(SOLDIER, EN).stdout
    out = run_cli([*SOLDIER, "--why"], EN).stdout
    assert out.startswith(brief.rstrip("\n") + "\n\nReasoning:\n")
    assert "(fact.defence-nexus.actor)" in out
    assert (
        "The highest priority wins: the General Intelligence and Security Service (ADIV) leads"
        in out
    )
    assert (
        "Basis: Organic Law of 30 November 1998 on the intelligence and security services, art. 11"
        in out
    )
    assert "What would change the lead" not in out  # counterfactuals only with --explain


def test_every_line_of_the_answer_fits_the_width_and_keeps_articles_whole() -> None:
    out = run_cli([*THEATRE, "--explain"], EN).stdout
    assert max(len(line) for line in out.splitlines() if "sha256:" not in line) <= 100
    assert not any(line.rstrip().endswith(" art.") for line in out.splitlines())


def test_the_brief_answer_stays_about_a_dozen_lines_over_the_domain(shipped: Allocator) -> None:
    """Over every topic × location × actor (with a target and a flag that bring in more), in each
    language: at most 15 lines at 100 columns, and 12 or fewer for nine answers in ten."""
    from allocator.render.text import decision_text

    vocabulary = shipped.policy.vocabulary
    for lang in ("en", "nl", "fr"):
        counts = []
        for topic in vocabulary.ids("topics"):
            for location in vocabulary.ids("locations"):
                for actor in vocabulary.ids("actors"):
                    case = {"topic": topic, "location": location, "actor": actor}
                    for extra in ({}, {"target": "critical-infrastructure", "flags": ["imminent"]}):
                        decision = shipped.decide({**case, **extra})
                        text = decision_text(decision, shipped.policy, lang, width=100)
                        counts.append(len(text.splitlines()))
        assert max(counts) <= 15, lang
        assert sum(c <= 12 for c in counts) >= 0.9 * len(counts), lang


def test_an_outranked_lead_rule_is_named() -> None:
    out = run_cli([*THEATRE, "--why"], EN).stdout
    assert (
        "rule terrorism.art8-threat is outranked (priority 200): under it, State Security (VSSE)"
        " would lead" in " ".join(out.split())
    )


def test_explain_adds_what_would_change_the_lead() -> None:
    out = run_cli([*SOLDIER, "--explain"], EN).stdout
    assert "What would change the lead:" in out
    assert "if the case involved " in out
    assert "State Security (VSSE) would lead" in " ".join(out.split())


def test_json_carries_the_explanation_with_explain() -> None:
    plain = json.loads(run_cli([*SOLDIER, "--format", "json"], EN).stdout)
    assert "explanation" not in plain
    document = json.loads(run_cli([*SOLDIER, "--format", "json", "--explain"], EN).stdout)
    why = document["explanation"]
    assert why["lead"]["policy"] == "highest-priority"
    assert why["lead"]["priority"] == 400
    assert why["lead"]["rules"] == ["terrorism.defence-nexus"]
    facts = {fact["fact"]: fact for fact in why["facts"]}
    assert facts["defence-nexus"]["because"] == [
        {"rule": "fact.defence-nexus.actor", "text": "the case involves Defence personnel"}
    ]
    rules = {rule["id"]: rule for rule in why["rules"]}
    assert set(rules) == set(document["rules"])
    assert (
        rules["terrorism.defence-nexus"]["because"]
        == "the case concerns terrorism and the case involves a Defence nexus"
    )
    assert any(c["attribute"] == "actor" and c["outcome"] == "vsse" for c in why["counterfactuals"])


def test_json_with_why_carries_the_explanation_without_counterfactuals() -> None:
    document = json.loads(run_cli([*SOLDIER, "--format", "json", "--why"], EN).stdout)
    assert document["explanation"]["lead"]["rules"] == ["terrorism.defence-nexus"]
    assert "counterfactuals" not in document["explanation"]
    plain = json.loads(run_cli([*SOLDIER, "--format", "json"], EN).stdout)
    assert {key: value for key, value in document.items() if key != "explanation"} == plain


@pytest.mark.parametrize(
    "case",
    [
        {"topic": "terrorism", "location": "belgium", "actor": "belgian-military"},
        {"topic": "criminal-organisation", "location": "abroad", "actor": "criminal-organisation"},
        {
            "topic": "security-screening",
            "location": "military-site",
            "actor": "belgian-civilian",
            "flags": ["imminent"],
        },
    ],
)
def test_counterfactuals_are_exactly_the_neighbours_that_change_the_lead(
    shipped: Allocator, case: dict[str, Any]
) -> None:
    decision = shipped.decide(case)
    found = counterfactuals(shipped.policy, shipped.decide, decision)
    claimed = {
        (item["attribute"], value): item["outcome"] for item in found for value in item["values"]
    }
    base = decision.case.as_dict()
    vocabulary = shipped.policy.vocabulary
    for attribute, list_name in (
        ("topic", "topics"),
        ("location", "locations"),
        ("actor", "actors"),
        ("target", "targets"),
    ):
        for value in vocabulary.ids(list_name):
            if value == base[attribute]:
                continue
            other = shipped.decide({**base, attribute: value})
            outcome = other.lead if other.decided else other.outcome
            if outcome == decision.lead:
                assert (attribute, value) not in claimed
            else:
                assert claimed[(attribute, value)] == outcome


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        (
            "nl",
            [
                "Waarom:",
                "De hoogste prioriteit wint",
                "omdat het om Defensiepersoneel gaat",
                "Grondslag:",
                "Wat de leiding zou veranderen:",
            ],
        ),
        (
            "fr",
            [
                "Pourquoi :",
                "La priorité la plus haute l'emporte",
                "car le dossier concerne un membre du personnel de la Défense",
                "Base :",
                "Ce qui changerait le pilote :",
            ],
        ),
    ],
)
def test_the_explanation_speaks_dutch_and_french(lang: str, words: list[str]) -> None:
    out = run_cli(["--lang", lang, *SOLDIER, "--explain"]).stdout
    for word in words:
        assert word in out, word
    for english in ("Why:", "because", "The highest priority", "What would change"):
        assert english not in out


def test_a_gap_and_a_conflict_are_explained(shipped: Allocator, rules_copy: Any) -> None:
    (rules_copy / "rival.yaml").write_text(
        "rules:\n  - id: rival.x\n    title: Rival\n    basis: None\n    description: Test.\n"
        "    when: {topic: espionage, not: {facts: defence-nexus}}\n    then: {lead: adiv, priority: 200}\n"
    )
    allocator = Allocator.from_directory(rules_copy)
    decision = allocator.decide({"topic": "espionage", "location": "belgium", "actor": "company"})
    why = explanation(allocator.policy, decision, "en")
    assert why["lead"]["policy"] == "conflict"
    assert why["lead"]["rules"] == ["espionage.art8-threat", "rival.x"]
    assert (
        "To be escalated through the liaison officers, then the Coordination Committee"
        in why["lead"]["text"]
    )
    allocator.close()
