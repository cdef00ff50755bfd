"""The durable_rules engine: chaining, stratified negation, sessions, threads, failures, reloading."""

from __future__ import annotations

import concurrent.futures
import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from allocator.desk.service import Allocator
from allocator.engine.durable import Engine, ruleset_definition
from allocator.errors import EngineError, RuleSetError
from allocator.model import Case, Rule
from tests.helpers import make_policy

CHAIN = [
    # Stage 1: facts from attributes.
    {
        "id": "nexus.location",
        "when": {"location": "military-site"},
        "then": {"derive": "defence-nexus"},
    },
    {"id": "nexus.actor", "when": {"actor": "soldier"}, "then": {"derive": "defence-nexus"}},
    {"id": "abroad", "when": {"location": "abroad"}, "then": {"derive": "abroad"}},
    # Stage 2: negates defence-nexus, so it must wait until stage 1 has settled.
    {
        "id": "civil",
        "when": {"location": "belgium", "not": {"facts": "defence-nexus"}},
        "then": {"derive": "civil-setting"},
    },
    {
        "id": "lead.adiv",
        "when": {"facts": "defence-nexus"},
        "then": {"lead": "adiv", "priority": 400},
    },
    {
        "id": "lead.vsse",
        "when": {"facts": "civil-setting"},
        "then": {"lead": "vsse", "priority": 200},
    },
    {
        "id": "imminent",
        "when": {"flags": "imminent"},
        "then": {"partners": "nccn", "consultation": "crisis-cell"},
    },
    {
        "id": "not-imminent",
        "when": {"not": {"flags": "imminent"}},
        "then": {"consultation": "liaison"},
    },
    {
        "id": "no-spy",
        "when": {"topic": ["terrorism", "espionage"], "not": {"actor": "spy", "target": "defence"}},
        "then": {"partners": "ocad"},
    },
]


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine(make_policy(CHAIN))


def run(engine: Engine, **case: Any) -> tuple[set[str], set[str]]:
    matches = engine.match(
        Case(**{"topic": "terrorism", "location": "belgium", "actor": "group", **case})
    )
    return set(matches.fired), set(matches.facts)


def test_stages_follow_negation() -> None:
    policy = make_policy(CHAIN)
    assert policy.strata["civil"] == 2
    assert policy.strata["lead.vsse"] == 2  # uses a stage-2 fact positively: same stage, joined
    assert policy.strata["lead.adiv"] == 1
    assert policy.stage_count == 2


def test_forward_chaining_from_an_attribute_to_a_lead(engine: Engine) -> None:
    fired, facts = run(engine, location="military-site")
    assert facts == {"defence-nexus"}
    assert {"nexus.location", "lead.adiv"} <= fired
    assert "civil" not in fired


def test_a_negated_fact_derived_in_the_same_case_blocks_the_rule(engine: Engine) -> None:
    # The trap: durable fires a `$not` rule whose fact appears only later in the same session.
    # A soldier in Belgium has a Defence nexus, so the civil setting must not be derived.
    fired, facts = run(engine, actor="soldier")
    assert facts == {"defence-nexus"}
    assert "civil" not in fired
    assert "lead.vsse" not in fired


def test_the_civil_setting_holds_without_a_nexus(engine: Engine) -> None:
    fired, facts = run(engine)
    assert facts == {"civil-setting"}
    assert {"civil", "lead.vsse"} <= fired


def test_a_fact_derived_by_two_rules_fires_its_users_once(engine: Engine) -> None:
    matches = engine.match(Case(topic="terrorism", location="military-site", actor="soldier"))
    assert matches.fired.count("lead.adiv") == 1
    assert set(matches.facts["defence-nexus"]) == {"nexus.location", "nexus.actor"}


@pytest.mark.parametrize(("flags", "expected"), [((), "not-imminent"), (("imminent",), "imminent")])
def test_flags_and_their_negation(engine: Engine, flags: tuple[str, ...], expected: str) -> None:
    fired, _ = run(engine, flags=flags)
    assert expected in fired
    assert {"imminent", "not-imminent"} - {expected} & fired == set()


@pytest.mark.parametrize(
    ("case", "fires"),
    [
        ({}, True),
        ({"actor": "spy"}, False),
        ({"target": "defence"}, False),
        ({"topic": "crime"}, False),
        ({"topic": "espionage", "target": "government"}, True),
    ],
)
def test_any_of_and_none_of(engine: Engine, case: dict[str, str], fires: bool) -> None:
    fired, _ = run(engine, **case)
    assert ("no-spy" in fired) is fires


def test_more_cases_than_the_session_cap(engine: Engine) -> None:
    # durable holds at most 1024 live sessions per ruleset; each case deletes its own, so the
    # 3000th case is answered as the first was.
    expected = {actor: run(engine, actor=actor) for actor in ("soldier", "group", "spy")}
    for index in range(3000):
        actor = ("soldier", "group", "spy")[index % 3]
        assert run(engine, actor=actor) == expected[actor], index
    assert "lead.adiv" in expected["soldier"][0]
    assert "lead.vsse" in expected["group"][0]


def test_eight_threads_give_the_single_threaded_answers(shipped: Allocator) -> None:
    vocabulary = shipped.policy.vocabulary
    cases = [
        {"topic": t, "location": loc, "actor": a}
        for t in vocabulary.ids("topics")[:4]
        for loc in vocabulary.ids("locations")
        for a in vocabulary.ids("actors")
    ]
    expected = [shipped.decide(case) for case in cases]
    with concurrent.futures.ThreadPoolExecutor(max_workers=8) as pool:
        for _ in range(3):
            assert list(pool.map(shipped.decide, cases)) == expected


def test_an_exception_in_a_rule_action_is_an_internal_error_naming_the_rule() -> None:
    engine = Engine(make_policy(CHAIN))

    def explode(rule: Rule) -> None:
        if rule.id == "civil":
            raise RuntimeError("boom")

    engine.on_fire = explode
    with pytest.raises(EngineError) as caught:
        engine.match(Case(topic="terrorism", location="belgium", actor="group"))
    assert caught.value.exit_code == 1
    assert caught.value.params["rule"] == "civil"
    assert "boom" in caught.value.render()
    # The failed session was cleaned up: the engine goes on answering correctly.
    engine.on_fire = lambda rule: None
    fired, _ = run(engine)
    assert "lead.vsse" in fired
    engine.close()


def test_a_closed_engine_refuses_to_answer() -> None:
    engine = Engine(make_policy(CHAIN))
    engine.close()
    engine.close()  # twice is harmless
    with pytest.raises(EngineError):
        engine.match(Case(topic="terrorism", location="belgium", actor="group"))


def test_the_compiled_ruleset_has_a_positive_discriminator_in_every_rule() -> None:
    # A rule matching on absence only would loop on durable's session state document.
    definition = ruleset_definition(make_policy(CHAIN))
    for name, body in definition.items():
        for pattern in body["all"]:
            ((alias, test),) = pattern.items()
            first = test["$and"][0] if "$and" in test else test
            assert set(first) == {"kind"}, (name, alias)
            assert first["kind"] == {"c": "case", "s": "stage", "m": name[1:]}.get(alias, "fact")


def test_no_or_is_left_for_the_core() -> None:
    # Each `$or` cost durable a private node and a slot of its 64-entry matching stack.
    assert "$or" not in json.dumps(ruleset_definition(make_policy(CHAIN)))


def test_every_fact_kind_has_a_catch_all_rule() -> None:
    # durable corrupts memory when a session holding a fact that matched no rule is deleted.
    assert {"_case", "_fact", "_stage"} <= set(ruleset_definition(make_policy(CHAIN)))


def test_a_case_no_rule_matches_is_answered_and_cleaned_up() -> None:
    engine = Engine(
        make_policy(
            [
                {
                    "id": "only.crime",
                    "when": {"topic": ["crime", "espionage"], "actor": ["spy", "soldier"]},
                    "then": {"consultation": "liaison"},
                }
            ]
        )
    )
    for index in range(2_000):  # beyond the 1024 live sessions, all deleted
        matches = engine.match(
            Case(topic="terrorism", location="belgium", actor=("group", "spy")[index % 2])
        )
        assert matches.fired == ()
    engine.close()


def test_reload_gives_decisions_from_the_new_rules_only(rules_copy: Path, edit: Any) -> None:
    allocator = Allocator.from_directory(rules_copy)
    case = {"topic": "terrorism", "location": "belgium", "actor": "terrorist-group"}
    before = allocator.decide(case)
    assert before.lead == "vsse"
    edit(
        rules_copy / "terrorism.yaml",
        "      lead: vsse\n      priority: 200",
        "      lead: adiv\n      priority: 200",
    )
    allocator.reload()
    after = allocator.decide(case)
    assert after.lead == "adiv"
    assert after.ruleset != before.ruleset
    allocator.close()


def test_a_failed_reload_keeps_the_rules_in_force(rules_copy: Path, tmp_path: Path) -> None:
    allocator = Allocator.from_directory(rules_copy)
    case = {"topic": "terrorism", "location": "belgium", "actor": "terrorist-group"}
    before = allocator.decide(case)
    broken = tmp_path / "broken"
    shutil.copytree(rules_copy, broken)
    (broken / "terrorism.yaml").write_text("rules: [", encoding="utf-8")
    with pytest.raises(RuleSetError):
        allocator.reload(broken)
    assert allocator.decide(case) == before
    assert allocator.policy.directory == str(rules_copy)
    allocator.close()
