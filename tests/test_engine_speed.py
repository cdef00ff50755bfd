"""What keeps a decision fast, pinned down: how few patterns the rules cost every case, which
catch-all rules fire, the case's fields carried on derived and stage facts, and bench/parts.py.

The answers themselves are the oracle tests' (tests/test_oracle.py, tests/test_engine_limits.py):
these tests check the shape that makes them cheap, and the crash that shape must never bring back.
"""

from __future__ import annotations

import importlib
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from allocator.desk.service import Allocator
from allocator.engine import plan as limits
from allocator.engine.durable import Engine
from allocator.model import Case
from allocator.testing import oracle
from tests.helpers import make_policy, small_vocabulary

ROOT = Path(__file__).resolve().parent.parent

#: Rules joining the case with one derived fact, with two, and negating a derived fact.
RULES: list[dict[str, Any]] = [
    {"id": "nexus", "when": {"location": "military-site"}, "then": {"derive": "defence-nexus"}},
    {"id": "away", "when": {"location": "abroad"}, "then": {"derive": "abroad"}},
    {
        "id": "spy.nexus",
        "when": {"topic": "espionage", "facts": "defence-nexus"},
        "then": {"lead": "adiv", "priority": 300},
    },
    {
        "id": "spy.both",
        "when": {"actor": "spy", "facts": ["defence-nexus", "abroad"]},
        "then": {"partners": "ocad"},
    },
    {
        "id": "spy.civil",
        "when": {"topic": "espionage", "flags": "imminent", "not": {"facts": "defence-nexus"}},
        "then": {"lead": "vsse", "priority": 200, "consultation": "liaison"},
    },
    {
        "id": "both.facts",
        "when": {"facts": ["abroad", "defence-nexus"]},
        "then": {"partners": "nccn"},
    },
]


def patterns_of(plan: limits.Plan, rule_id: str, policy_rules: list[dict[str, Any]]) -> list[str]:
    """The aliases of the durable rule that records `rule_id`."""
    index = [rule["id"] for rule in policy_rules].index(rule_id)
    (name,) = [name for name, indexes in plan.groups.items() if index in indexes]
    return [alias for alias, _ in plan.patterns[name]]


def test_a_rule_joining_the_case_with_one_fact_is_one_pattern_on_that_fact() -> None:
    policy = make_policy(RULES)
    plan = limits.compile_policy(policy)
    assert patterns_of(plan, "spy.nexus", RULES) == ["f0"]
    assert patterns_of(plan, "spy.civil", RULES) == ["s"]  # the case tested on the stage fact
    # Several facts: the case stays a pattern of its own (the facts one rule joins stay as they were).
    assert patterns_of(plan, "spy.both", RULES) == ["c", "f0", "f1"]
    # One pattern per durable rule, but for the two rules that join several facts.
    assert sum(len(rule) for rule in plan.patterns.values()) == len(plan.patterns) + 2 + 1
    assert plan.carried == {"defence-nexus": frozenset({"topic"})}
    assert plan.stage_fields == {"topic", "m0"}  # topic, and the list of flags [imminent]
    figures = limits.measure(policy, plan)
    assert figures.fact_properties == limits.FACT_OVERHEAD + 1
    assert figures.stage_properties == limits.STAGE_OVERHEAD + 1 + 2


@pytest.mark.parametrize(
    "case",
    [
        {"topic": "espionage", "location": "military-site", "actor": "spy"},
        {"topic": "espionage", "location": "abroad", "actor": "spy", "flags": ["imminent"]},
        {"topic": "crime", "location": "military-site", "actor": "spy"},
        {"topic": "espionage", "location": "belgium", "actor": "group", "flags": ["imminent"]},
    ],
)
def test_carried_fields_give_the_oracles_answers(case: dict[str, Any]) -> None:
    policy = make_policy(RULES)
    with Engine(policy) as engine:
        flags = tuple(sorted(case.get("flags", ())))
        matches = engine.match(Case(case["topic"], case["location"], case["actor"], flags=flags))
    assert sorted(matches.fired) == oracle.decide(policy, case)["fired"]


def test_a_fact_carries_the_case_only_where_all_its_fields_fit() -> None:
    # 251 flag lists: the case fact holds them (3 + 251 = 254 properties), a derived fact
    # (4 + 251) would not, so the rule using the fact joins the case as before: no limit moves.
    flags = [f"f{i}" for i in range(251)]
    rules = [
        {"id": f"r{i}", "when": {"flags": f}, "then": {"partners": "ocad"}}
        for i, f in enumerate(flags)
    ]
    rules += [
        {"id": "d", "when": {"flags": "f1"}, "then": {"derive": "abroad"}},
        {"id": "u", "when": {"flags": "f2", "facts": "abroad"}, "then": {"partners": "nccn"}},
    ]
    policy = make_policy(rules, small_vocabulary(flags=flags))
    plan = limits.compile_policy(policy)
    assert plan.carried == {}
    assert patterns_of(plan, "u", rules) == ["c", "f0"]
    assert limits.problems(policy, plan) == []


def test_only_the_case_catch_all_fires() -> None:
    definition = limits.compile_policy(make_policy(RULES)).definition
    assert "count" not in definition["_case"]
    for kind in limits.NEVER_FIRES:
        assert definition[f"_{kind}"]["count"] == limits.CATCH_ALL_COUNT


#: Sessions opened on memory full of junk, for a case no rule matches: durable's session action
#: context is uninitialised until an action starts, and `delete_state` frees it. Were the case's
#: catch-all not to fire, this would free a junk pointer: a segfault (it did, with every catch-all
#: held back from firing, on the random rule sets of the oracle tests too).
UNMATCHED = """
from allocator.engine.durable import Engine
from allocator.model import Case
from tests.helpers import make_policy, small_vocabulary
policy = make_policy([{"id": "r", "when": {"topic": "crime"}, "then": {"partners": "ocad"}}])
for size in (20_000, 40_000, 80_000, 200_000):
    for _ in range(5):
        junk = [b"A" * size for _ in range(4)]
        del junk
        with Engine(policy) as engine:
            assert engine.match(Case("terrorism", "belgium", "group")).fired == ()
print("ok")
"""


def test_a_case_no_rule_matches_deletes_its_session_cleanly() -> None:
    result = subprocess.run(
        [sys.executable, "-c", UNMATCHED], capture_output=True, text=True, cwd=ROOT, timeout=120
    )
    assert result.returncode == 0, (result.returncode, result.stderr[-2000:])
    assert result.stdout.strip() == "ok"


def test_laps_time_each_assertion_its_firings_and_the_deletion(shipped: Allocator) -> None:
    engine = shipped.snapshot().engine
    case = Case("terrorism", "abroad", "lone-actor", flags=("imminent",))
    laps: list[float] = []
    assert engine.match(case, laps) == engine.match(case)
    # start, (asserted, fired) for the case and for each stage, deleted
    assert len(laps) == 2 + 2 * (1 + len(engine.plan.stages))
    assert laps == sorted(laps)


def test_the_shipped_rules_cost_one_pattern_per_condition_but_two() -> None:
    figures = limits.measure(Allocator.from_directory().policy)
    assert figures.beta_nodes <= figures.durable_rules + 3


def test_bench_parts_times_every_part() -> None:
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        parts = importlib.import_module("parts")
    finally:
        sys.path.remove(str(ROOT / "bench"))
    figures = parts.bench_parts(300)
    assert set(figures) == set(parts.KEYS)
    assert all(value > 0 for value in figures.values()), figures
    steps = ("validate", "assert", "fire", "resolve")
    assert sum(figures[f"part_{step}_us"] for step in steps) < 3 * figures["part_total_us"]
