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


def test_the_text_says_why_by_default() -> None:
    out = run_cli(SOLDIER, EN).stdout
    assert "Why:" in out
    assert "Defence nexus, because the actor is Defence personnel (fact.defence-nexus.actor)" in out
    assert (
        "The highest priority wins: the lead goes to General Intelligence and Security Service (ADIV) under terrorism.defence-nexus (priority 400)."
        in out
    )
    assert (
        "basis: Organic Law of 30 November 1998 on the intelligence and security services, art. 11"
        in out
    )
    assert "What would change the lead" not in out  # counterfactuals only with --explain


def test_an_outranked_lead_rule_is_named() -> None:
    out = run_cli(THEATRE, EN).stdout
    assert "outranked: terrorism.art8-threat (State Security (VSSE), priority 200)" in out


def test_explain_adds_what_would_change_the_lead() -> None:
    out = run_cli([*SOLDIER, "--explain"], EN).stdout
    assert "What would change the lead:" in out
    assert "if the actor were " in out
    assert "the lead would be State Security (VSSE)" in out


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
        {"rule": "fact.defence-nexus.actor", "text": "the actor is Defence personnel"}
    ]
    rules = {rule["id"]: rule for rule in why["rules"]}
    assert set(rules) == set(document["rules"])
    assert (
        rules["terrorism.defence-nexus"]["because"]
        == "the topic is Terrorism and Defence nexus holds"
    )
    assert any(c["attribute"] == "actor" and c["outcome"] == "vsse" for c in why["counterfactuals"])


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
                "omdat de actor is",
                "grondslag:",
                "Wat de leiding zou veranderen:",
            ],
        ),
        (
            "fr",
            [
                "Pourquoi :",
                "La priorité la plus haute l'emporte",
                "car l'acteur est",
                "base :",
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
    assert "Escalate through: Liaison officers → Coordination Committee" in why["lead"]["text"]
    allocator.close()
