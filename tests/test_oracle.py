"""The engine against an independent oracle: on the exact partition of the domain, on a large random
sample, and on randomly generated rule sets."""

from __future__ import annotations

import itertools
import json
import random
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from allocator.analysis.domain import build_model
from allocator.analysis.regions import Region, Space, intersect, subtract
from allocator.desk.service import Allocator
from allocator.engine.durable import Engine
from allocator.engine.resolve import resolve
from allocator.model import Case, Policy
from allocator.render.json import decision_json
from allocator.testing import oracle
from tests.helpers import Decisions, make_policy, small_vocabulary

CONTRACT_KEYS = {"lead", "partners", "consultation", "competent", "competence", "rules", "ruleset"}


def engine_view(decision: Any) -> tuple[Any, ...]:
    return (
        decision.outcome,
        decision.lead,
        list(decision.partners),
        list(decision.consultation),
        list(decision.competent),
        decision.competence,
        list(decision.facts),
    )


def oracle_view(result: dict[str, Any]) -> tuple[Any, ...]:
    return (
        result["outcome"],
        result["lead"],
        result["partners"],
        result["consultation"],
        result["competent"],
        result["competence"],
        result["facts"],
    )


def flag_free_cells(policy: Policy) -> tuple[Space, list[Region]]:
    """The exact partition of the flag-free domain: the cells where the same rules apply."""
    model = build_model(policy)
    space = model.space
    no_flags = (*space.full[:4], *(1 for _ in space.flags))
    cells: list[Region] = [[no_flags]]
    for rule in policy.rules:
        if rule.when.flags:
            continue
        region = model.rule_regions[rule.id]
        split: list[Region] = []
        for cell in cells:
            inside, outside = intersect(cell, region), subtract(cell, region)
            split += [part for part in (inside, outside) if part]
        cells = split
    return space, cells


@pytest.mark.slow
def test_engine_equals_oracle_on_the_exact_partition_of_the_domain(
    shipped: Allocator, flag_free_decisions: Decisions
) -> None:
    policy = shipped.policy
    # The flags are independent dimensions when they only ever add partners and mechanisms, in
    # rules that neither negate flags nor set a lead nor derive a fact: then a case with several
    # flags fires the union of what each flag fires. Check that, then each flag alone suffices.
    for rule in policy.rules:
        if rule.when.flags:
            assert rule.then.lead is None, f"{rule.id}: extend this proof to flag combinations"
            assert not rule.then.derive, f"{rule.id}: extend this proof to flag combinations"
        assert rule.when.not_ is None or not rule.when.not_.flags, (
            f"{rule.id}: extend this proof to negated flags"
        )
    space, cells = flag_free_cells(policy)
    flag_sets = [[], *([flag] for flag in space.flags), list(space.flags)]
    compared = 0
    for cell in cells:
        base = space.example(cell)
        known = flag_free_decisions[base["topic"], base["location"], base["actor"], base["target"]]
        for flags in flag_sets:
            case = {**base, "flags": flags}
            decision = shipped.decide(case) if flags else known  # the engine's, computed once
            expected = oracle.decide(policy, case)
            assert engine_view(decision) == oracle_view(expected), case
            assert set(decision.rules) <= set(expected["fired"]), case
            document = json.loads(json.dumps(decision_json(decision)))
            assert document.keys() >= CONTRACT_KEYS
            compared += 1
    assert len(cells) > 1000
    assert compared == len(cells) * (len(space.flags) + 2)
    print(
        f"engine = oracle on {len(cells):,} cells x {len(flag_sets)} flag sets = {compared:,} cases"
    )


#: Random cases beside the exact partition above, which already compares every cell of the domain
#: (with no flag, each flag alone and every flag at once) and proves the flags independent: these
#: cross-check that proof without relying on it, on any combination of flags and targets. Each
#: flag is drawn with p = 1/4, so 5,000 cases hold every pair of flags together about 300 times,
#: every topic about 280 times and every (topic, flag) pair about 70 times; more draws only
#: repeat the cells the partition compares exhaustively.
RANDOM_CASES = 5_000


@pytest.mark.slow
def test_engine_equals_oracle_on_random_cases(shipped: Allocator) -> None:
    vocabulary = shipped.policy.vocabulary
    rnd = random.Random(20261128)
    for _ in range(RANDOM_CASES):
        case = {
            "topic": rnd.choice(vocabulary.ids("topics")),
            "location": rnd.choice(vocabulary.ids("locations")),
            "actor": rnd.choice(vocabulary.ids("actors")),
            "target": rnd.choice(vocabulary.ids("targets")),
            "flags": [f for f in vocabulary.ids("flags") if rnd.random() < 0.25],
        }
        assert engine_view(shipped.decide(case)) == oracle_view(
            oracle.decide(shipped.policy, case)
        ), case


# --------------------------------------------------------------------------- random rule sets

VOCABULARY = small_vocabulary()
FACTS = VOCABULARY.ids("facts")


def _ids(name: str) -> st.SearchStrategy[list[str]]:
    return st.lists(st.sampled_from(VOCABULARY.ids(name)), max_size=2, unique=True)


@st.composite
def rule_sets(draw: st.DrawFn) -> list[dict[str, Any]]:
    """Random rules over the small vocabulary; a fact may only be negated by rules 'above' it,
    which keeps every generated set stratifiable."""
    rules = []
    for index in range(draw(st.integers(min_value=1, max_value=9))):
        when: dict[str, Any] = {}
        for attribute, name in (
            ("topic", "topics"),
            ("location", "locations"),
            ("actor", "actors"),
            ("target", "targets"),
            ("flags", "flags"),
        ):
            values = draw(_ids(name))
            if values:
                when[attribute] = values
        derive = draw(st.lists(st.sampled_from(FACTS), max_size=1))
        level = FACTS.index(derive[0]) if derive else len(FACTS)
        usable = list(FACTS[:level])
        if usable:
            positive = draw(st.lists(st.sampled_from(usable), max_size=1))
            negative = draw(st.lists(st.sampled_from(usable), max_size=1))
            if positive:
                when["facts"] = positive
            if negative:
                when["not"] = {"facts": negative}
        excluded = draw(_ids("actors"))
        if excluded:
            when.setdefault("not", {})["actor"] = excluded
        then: dict[str, Any] = {}
        if derive:
            then["derive"] = derive
        if draw(st.booleans()):
            then["lead"] = draw(st.sampled_from(["adiv", "vsse", "none"]))
            then["priority"] = draw(st.sampled_from([100, 200, 300]))
        partners = draw(_ids("partners"))
        mechanisms = draw(
            st.lists(st.sampled_from(VOCABULARY.ids("mechanisms")), max_size=2, unique=True)
        )
        if partners:
            then["partners"] = partners
        if mechanisms:
            then["consultation"] = mechanisms
        competent = draw(st.lists(st.sampled_from(["adiv", "vsse"]), max_size=2, unique=True))
        if competent:
            then["competent"] = competent
        if not then:
            then["consultation"] = ["liaison"]
        rules.append({"id": f"r.n{index}", "when": when, "then": then})
    return rules


ALL_CASES: list[dict[str, Any]] = [
    {"topic": t, "location": loc, "actor": a, "target": g, "flags": list(f)}
    for t, loc, a, g in itertools.product(
        *(VOCABULARY.ids(n) for n in ("topics", "locations", "actors", "targets"))
    )
    for f in ([], ["imminent"], ["offence-indicated"], ["imminent", "offence-indicated"])
]


@pytest.mark.slow
@settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(rule_sets())
def test_engine_equals_oracle_on_random_rule_sets(rules: list[dict[str, Any]]) -> None:
    policy = make_policy(rules, VOCABULARY)
    with Engine(policy) as engine:
        for data in ALL_CASES:
            case = Case(**{**data, "flags": tuple(data["flags"])})
            matches = engine.match(case)
            decision = resolve(policy, case, matches.fired, matches.facts)
            assert engine_view(decision) == oracle_view(oracle.decide(policy, data)), (data, rules)
