"""The hit policies, checked in plain Python without the engine."""

from __future__ import annotations

from typing import Any

import pytest

from allocator.engine.resolve import resolve
from allocator.model import Case
from tests.helpers import make_policy

CASE = Case(topic="terrorism", location="belgium", actor="group")


def lead_rule(rule_id: str, lead: str, priority: int, **then: Any) -> dict[str, Any]:
    return {"id": rule_id, "then": {"lead": lead, "priority": priority, **then}}


def effect_rule(rule_id: str, **then: Any) -> dict[str, Any]:
    return {"id": rule_id, "then": then}


LIAISON = effect_rule("liaison", consultation="liaison")


def test_highest_priority_wins_and_the_rest_is_overridden() -> None:
    policy = make_policy([lead_rule("low", "vsse", 200), lead_rule("high", "adiv", 400), LIAISON])
    decision = resolve(policy, CASE, ["low", "high", "liaison"], {})
    assert decision.lead == "adiv"
    assert decision.outcome == "decided"
    assert decision.lead_rules == ("high",)
    assert decision.overridden == ("low",)
    assert (
        "low" not in decision.rules
    )  # an overridden lead rule with no other effect did not contribute


def test_equal_priority_rules_that_agree_both_count() -> None:
    policy = make_policy([lead_rule("a", "vsse", 200), lead_rule("b", "vsse", 200), LIAISON])
    decision = resolve(policy, CASE, ["a", "b", "liaison"], {})
    assert decision.lead == "vsse"
    assert decision.lead_rules == ("a", "b")


def test_equal_priority_rules_that_disagree_are_a_conflict_naming_both() -> None:
    policy = make_policy([lead_rule("a", "vsse", 200), lead_rule("b", "adiv", 200), LIAISON])
    decision = resolve(policy, CASE, ["a", "b", "liaison"], {})
    assert decision.outcome == "conflict"
    assert decision.lead is None
    assert decision.conflict == ("a", "b")
    assert decision.escalation == ("liaison", "cciv")
    assert decision.consultation == ("liaison", "cciv")
    assert {"a", "b"} <= set(decision.rules)


def test_a_conflict_below_the_winning_priority_does_not_matter() -> None:
    policy = make_policy(
        [
            lead_rule("a", "vsse", 200),
            lead_rule("b", "adiv", 200),
            lead_rule("c", "adiv", 300),
            LIAISON,
        ]
    )
    decision = resolve(policy, CASE, ["a", "b", "c", "liaison"], {})
    assert (decision.outcome, decision.lead) == ("decided", "adiv")


def test_no_lead_rule_is_a_gap_with_the_escalation_route() -> None:
    policy = make_policy([LIAISON, effect_rule("ocad", partners="ocad")])
    decision = resolve(policy, CASE, ["liaison", "ocad"], {})
    assert decision.outcome == "gap"
    assert decision.missing == ("lead",)
    assert decision.lead is None
    assert decision.partners == ("ocad",)
    assert decision.escalation == ("liaison", "cciv")


def test_no_consultation_is_a_gap_too() -> None:
    policy = make_policy([lead_rule("a", "vsse", 200)])
    decision = resolve(policy, CASE, ["a"], {})
    assert decision.outcome == "gap"
    assert decision.missing == ("consultation",)
    assert decision.consultation == ("liaison", "cciv")


def test_lead_none_is_a_decision() -> None:
    policy = make_policy([lead_rule("police", "none", 100, partners=["fedpol"]), LIAISON])
    decision = resolve(policy, CASE, ["police", "liaison"], {})
    assert (decision.outcome, decision.lead, decision.partners) == ("decided", "none", ("fedpol",))


def test_partners_are_a_sorted_union_without_the_lead() -> None:
    policy = make_policy(
        [
            lead_rule("lead", "adiv", 400, partners=["vsse", "ocad"]),
            effect_rule("more", partners=["nccn", "adiv", "ocad"]),
            LIAISON,
        ]
    )
    decision = resolve(policy, CASE, ["lead", "more", "liaison"], {})
    assert decision.partners == ("nccn", "ocad", "vsse")


def test_partners_of_an_overridden_lead_rule_still_count() -> None:
    policy = make_policy(
        [lead_rule("low", "vsse", 200, partners=["ocad"]), lead_rule("high", "adiv", 400), LIAISON]
    )
    decision = resolve(policy, CASE, ["low", "high", "liaison"], {})
    assert decision.partners == ("ocad",)
    assert "low" in decision.rules


def test_a_rule_whose_only_partner_is_the_lead_did_not_contribute() -> None:
    policy = make_policy(
        [lead_rule("lead", "adiv", 400), effect_rule("inform-adiv", partners="adiv"), LIAISON]
    )
    decision = resolve(policy, CASE, ["lead", "inform-adiv", "liaison"], {})
    assert "inform-adiv" not in decision.rules


@pytest.mark.parametrize(
    "fired",
    [
        ["crisis", "platform", "liaison"],
        ["liaison", "crisis", "platform"],
        ["platform", "liaison", "crisis"],
    ],
)
def test_mechanisms_come_in_ladder_order_whatever_the_firing_order(fired: list[str]) -> None:
    policy = make_policy(
        [
            lead_rule("lead", "vsse", 1),
            effect_rule("crisis", consultation="crisis-cell"),
            effect_rule("platform", consultation=["joint-platform", "liaison"]),
            LIAISON,
        ]
    )
    decision = resolve(policy, CASE, ["lead", *fired], {})
    assert decision.consultation == ("liaison", "joint-platform", "crisis-cell")


def test_facts_and_rules_are_sorted_and_unique() -> None:
    policy = make_policy(
        [
            effect_rule("z-fact", derive="defence-nexus"),
            effect_rule("a-fact", derive="civil-setting"),
            lead_rule("lead", "adiv", 1),
            LIAISON,
        ]
    )
    decision = resolve(
        policy,
        CASE,
        ["z-fact", "a-fact", "lead", "liaison", "liaison"],
        {"defence-nexus": ["z-fact"], "civil-setting": ["a-fact"]},
    )
    assert decision.facts == ("civil-setting", "defence-nexus")
    assert decision.rules == ("a-fact", "lead", "liaison", "z-fact")
    assert decision.ruleset == policy.fingerprint
