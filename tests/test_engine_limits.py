"""durable_rules' limits: the engine holds any rule set within them, refuses the rest (exit 3), never crashes.

Whatever might crash the C core runs in a subprocess, so that a crash is a failed test rather
than a dead pytest. Regressions of the filed issue: 65 list rules (`free(): invalid pointer`,
exit 134, and a segfaulting `allocator matrix`), a few hundred rules with one identical
condition (error 107/108 on every decide), ~240 flags (error 302, hidden by 309 from
`delete_state`), and MAX_RULES = 4000 far above what the core held.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

from allocator.engine import plan as limits
from allocator.engine.durable import Engine
from allocator.errors import EXIT_RULES, EngineError
from allocator.load.policy import load_policy
from allocator.model import Case, Policy
from allocator.testing import oracle
from tests.helpers import SHIPPED, make_policy, small_vocabulary

ROOT = Path(__file__).resolve().parent.parent
CASE = ["--topic", "espionage", "--location", "belgium", "--actor", "company"]
VIEW = ("outcome", "lead", "partners", "consultation", "competent", "competence", "facts")


def rule(index: int, when: dict[str, Any], then: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": f"gen.r{index}",
        "title": "t",
        "basis": "b",
        "description": "d",
        "when": when,
        "then": then,
    }


#: A lead for every case, so that `allocator check` finds neither a gap nor a missing mechanism.
LEAD = rule(
    0, {}, {"lead": "vsse", "priority": 100, "competent": "vsse", "consultation": "liaison"}
)


def rules_dir(path: Path, rules: list[dict[str, Any]], extra_flags: int = 0) -> Path:
    """A rules directory: the shipped vocabulary (with `xflag-<i>` flags added) and `rules`."""
    path.mkdir(parents=True)
    vocabulary = (SHIPPED / "vocabulary.yaml").read_text(encoding="utf-8")
    if extra_flags:
        terms = "".join(
            f"  - id: xflag-{i}\n    label: {{nl: x{i}, fr: x{i}, en: x{i}}}\n"
            f"    description: {{nl: x, fr: x, en: x}}\n"
            for i in range(extra_flags)
        )
        vocabulary = vocabulary.replace("\nservices:", f"\n{terms}services:", 1)
    (path / "vocabulary.yaml").write_text(vocabulary, encoding="utf-8")
    (path / "generated.yaml").write_text(json.dumps({"rules": rules}, indent=1), encoding="utf-8")
    return path


def allocator(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """`allocator ARGS` in a subprocess (a crash of the core must not take pytest with it), with
    the test's decision log and the session's cache of compiled rules: the rule set it compiles
    is then read back by `load_policy` in this process, not parsed a second time."""
    env = {**os.environ, "ALLOCATOR_LANG": "en", "ALLOCATOR_LOG": str(cwd / "decisions.jsonl")}
    command = [
        sys.executable,
        "-c",
        "import sys; from allocator.cli.entry import main; main(sys.argv[1:])",
    ]
    return subprocess.run(
        [*command, *args], capture_output=True, text=True, cwd=cwd, env=env, timeout=300
    )


def decide_json(directory: Path, *extra: str) -> dict[str, Any]:
    result = allocator(
        "decide", "--rules", str(directory), *CASE, *extra, "--format", "json", cwd=directory.parent
    )
    assert result.returncode == 0, (result.returncode, result.stderr[-2000:])
    document: dict[str, Any] = json.loads(result.stdout)
    return document


def assert_equals_oracle(directory: Path, decision: dict[str, Any], flags: list[str]) -> None:
    policy = load_policy(directory)
    case = {"topic": "espionage", "location": "belgium", "actor": "company", "flags": flags}
    expected = oracle.decide(policy, case)
    assert {key: decision[key] for key in VIEW} == {key: expected[key] for key in VIEW}


# --------------------------------------------------------------------------- the reproductions


@pytest.mark.parametrize("count", [65, 400])
def test_list_rules_matching_one_case_decide_and_fill_the_matrix(
    tmp_path: Path, count: int
) -> None:
    # Before: `free(): invalid pointer` (exit 134) from 65 on; the matrix segfaulted.
    rules = [LEAD] + [
        rule(i + 1, {"topic": ["espionage", "terrorism"]}, {"partners": "nato"})
        for i in range(count)
    ]
    directory = rules_dir(tmp_path / "rules", rules)
    decision = decide_json(directory)
    assert decision["lead"] == "vsse"
    assert "nato" in decision["partners"]
    assert len(decision["rules"]) == count + 1
    assert_equals_oracle(directory, decision, [])
    matrix = allocator("matrix", "--rules", str(directory), cwd=tmp_path)
    assert matrix.returncode == 0, (matrix.returncode, matrix.stderr[-2000:])


@pytest.mark.parametrize(
    ("count", "when"),
    [
        (256, {"topic": ["espionage", "terrorism"]}),  # before: error 107 on every decide
        (300, {"topic": "espionage"}),  # before: error 108
        (1000, {"topic": ["espionage", "terrorism"], "actor": "company"}),
    ],
)
def test_many_rules_with_one_identical_condition(
    tmp_path: Path, count: int, when: dict[str, Any]
) -> None:
    rules = [LEAD] + [rule(i + 1, when, {"partners": "nato"}) for i in range(count)]
    directory = rules_dir(tmp_path / "rules", rules)
    decision = decide_json(directory)
    assert len(decision["rules"]) == count + 1
    assert_equals_oracle(directory, decision, [])
    policy = load_policy(directory)
    assert len(limits.compile_policy(policy).groups) == 2  # one durable rule records them all


def test_flags_in_the_vocabulary_cost_the_engine_nothing(tmp_path: Path) -> None:
    # Before: every flag of the vocabulary was a field of the case fact; 240 more overflowed it
    # (error 302, reported as 309 by `delete_state` in `finally`).
    rules = [LEAD, rule(1, {"flags": ["xflag-3", "xflag-200"]}, {"partners": "nato"})]
    directory = rules_dir(tmp_path / "rules", rules, extra_flags=600)
    flags = ["xflag-3", "xflag-7", "xflag-200", "imminent"]
    decision = decide_json(directory, *(f"--flag={flag}" for flag in flags))
    assert "nato" in decision["partners"]
    assert_equals_oracle(directory, decision, flags)


def test_one_rule_per_flag_up_to_the_limit_decides_a_case_carrying_every_flag(
    tmp_path: Path,
) -> None:
    count = 240
    rules = [LEAD] + [
        rule(i + 1, {"flags": f"xflag-{i}"}, {"partners": "nato"}) for i in range(count)
    ]
    directory = rules_dir(tmp_path / "rules", rules, extra_flags=count)
    flags = [f"xflag-{i}" for i in range(count)]
    decision = decide_json(directory, *(f"--flag={flag}" for flag in flags))
    assert len(decision["rules"]) == count + 1
    assert_equals_oracle(directory, decision, flags)


def test_more_flag_lists_than_a_case_can_carry_are_refused_with_exit_3(tmp_path: Path) -> None:
    count = 260
    rules = [LEAD] + [
        rule(i + 1, {"flags": f"xflag-{i}"}, {"partners": "nato"}) for i in range(count)
    ]
    directory = rules_dir(tmp_path / "rules", rules, extra_flags=count)
    result = allocator("decide", "--rules", str(directory), *CASE, "--flag=xflag-1", cwd=tmp_path)
    assert result.returncode == EXIT_RULES, result.stderr[-2000:]
    assert "limit-case-lists" in result.stderr
    assert "260" in result.stderr
    assert "at most 251" in result.stderr
    # The same rules in memory (once wired into the loader, load_policy refuses them itself).
    flags = [f"xflag-{i}" for i in range(count)]
    policy = make_policy(rules, small_vocabulary(flags=flags, partners=["ocad", "nato"]))
    found = limits.problems(policy)
    assert [(p.code, p.params["count"], p.params["limit"]) for p in found] == [
        ("limit-case-lists", 260, 251)
    ]


def test_thousands_of_rules_are_held_when_their_conditions_are_few() -> None:
    # MAX_RULES = 4000 refused 5,000 rules outright; what the core counts is conditions.
    conditions = [
        {"topic": t, "flags": f}
        for t in ("terrorism", "espionage")
        for f in ("imminent", "offence-indicated")
    ]
    rules = [
        {
            "id": f"r.n{i}",
            "when": conditions[i % 4],
            "then": {"partners": ["ocad", "nccn", "fedpol"][i % 3]},
        }
        for i in range(5000)
    ]
    policy = make_policy(rules)
    assert limits.problems(policy) == []
    with Engine(policy) as engine:
        data: dict[str, Any] = {
            "topic": "espionage",
            "location": "belgium",
            "actor": "group",
            "flags": ["imminent"],
        }
        matches = engine.match(Case(**{**data, "flags": ("imminent",)}))
        assert sorted(set(matches.fired)) == oracle.decide(policy, data)["fired"]
        assert len(matches.fired) == 1250


# --------------------------------------------------------------------------- the engine's own guard


class _FailingCore:
    """durable's module, with `assert_fact` and `delete_state` failing as the core fails."""

    def __init__(self, core: Any, assert_fails: bool, delete_fails: bool) -> None:
        self._core, self.assert_fails, self.delete_fails = core, assert_fails, delete_fails

    def __getattr__(self, name: str) -> Any:
        return getattr(self._core, name)

    def assert_fact(self, handle: Any, payload: str) -> Any:
        if self.assert_fails:
            raise self._core.error("Could not assert fact, error code: 302")
        return self._core.assert_fact(handle, payload)

    def delete_state(self, handle: Any, sid: str) -> Any:
        self._core.delete_state(handle, sid)
        if self.delete_fails:
            raise self._core.error("Could not delete state, error code: 309")


def test_a_failing_delete_state_does_not_hide_the_error_that_came_first(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from allocator.engine import durable as module

    engine = Engine(
        make_policy([{"id": "a", "when": {"topic": "crime"}, "then": {"partners": "ocad"}}])
    )
    case = Case(topic="crime", location="belgium", actor="group")
    core = vars(module)["_core"]  # durable_rules_engine, under the engine module's own name
    monkeypatch.setattr(module, "_core", _FailingCore(core, True, True))
    with pytest.raises(EngineError) as caught:
        engine.match(case)
    assert "302" in caught.value.render()
    assert "309" not in caught.value.render()
    # Alone, a failure to delete the session is reported.
    monkeypatch.setattr(module, "_core", _FailingCore(core, False, True))
    with pytest.raises(EngineError) as caught:
        engine.match(case)
    assert "309" in caught.value.render()
    monkeypatch.undo()
    assert engine.match(case).fired == ("a",)
    engine.close()


def test_the_engine_refuses_a_rule_set_beyond_the_limits_with_exit_3() -> None:
    flags = [f"f{i}" for i in range(252)]
    rules = [
        {"id": f"r{i}", "when": {"flags": flag}, "then": {"partners": "ocad"}}
        for i, flag in enumerate(flags)
    ]
    policy = make_policy(rules, small_vocabulary(flags=flags))
    with pytest.raises(EngineError) as caught:  # a LimitError is an EngineError that exits 3
        Engine(policy)
    assert caught.value.exit_code == EXIT_RULES
    assert isinstance(caught.value, limits.LimitError)
    assert [p.code for p in caught.value.problems] == ["limit-case-lists"]
    for lang in ("en", "nl", "fr"):
        assert "252" in caught.value.render(lang)
        assert "251" in caught.value.render(lang)


def test_the_limits_module_needs_no_durable() -> None:
    # The loader and `allocator check` call it; it must import without the C extension.
    code = """
        import sys
        sys.modules["durable_rules_engine"] = None  # any import of it fails
        from allocator.engine import plan as limits
        from allocator.load.policy import load_policy
        assert limits.problems(load_policy(cache=False)) == []
        assert "durable_rules_engine" not in [m for m in sys.modules if sys.modules[m] is not None]
        try:
            import allocator.engine.durable
        except ImportError:
            print("ok")
    """
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert result.stdout.strip() == "ok", result.stderr[-2000:]


def test_the_shipped_rules_use_a_fraction_of_the_limits(shipped: Any) -> None:
    figures = limits.measure(shipped.policy)
    assert figures.durable_rules <= figures.rules + 3
    assert figures.stack <= limits.MAX_STACK_SIZE // 2
    assert figures.case_properties <= limits.MAX_FACT_PROPERTIES // 4
    assert limits.problems(shipped.policy) == []


# --------------------------------------------------------------------------- the limits are the core's

#: Runs `engine.match` with the engine's own check switched off, to meet the core's real limit;
#: `unspread`: without spreading crowded nodes either.
UNGUARDED = """
import json, sys
from allocator.engine import durable as engine
from allocator.engine import plan as limits
from allocator.testing import oracle
from allocator.model import Case
from tests.helpers import make_policy, small_vocabulary
spec = json.loads(sys.argv[1])
policy = make_policy(spec["rules"], small_vocabulary(**spec["lists"]))
engine.check_limits = limits.check = lambda *args, **kwargs: None
if spec["unspread"]:
    limits.SPREAD_CHILDREN = 10**9
    compile_policy = engine.compile_policy
    engine.compile_policy = lambda policy: compile_policy(policy, widths=(10**9,))
data = spec["case"]
case = Case(data["topic"], data["location"], data["actor"], data["target"], tuple(sorted(data["flags"])))
try:
    matches = engine.Engine(policy).match(case)
except Exception as exc:
    print(json.dumps({"error": str(exc)}))
else:
    print(json.dumps({"equal": sorted(set(matches.fired)) == oracle.decide(policy, data)["fired"]}))
"""


def _unguarded(
    rules: list[dict[str, Any]], lists: dict[str, Any], case: dict[str, Any], unspread: bool = False
) -> dict[str, Any]:
    """What the core makes of the rules, in a subprocess: equal to the oracle, an error, or a crash."""
    spec = {"rules": rules, "lists": lists, "case": case, "unspread": unspread}
    result = subprocess.run(
        [sys.executable, "-c", UNGUARDED, json.dumps(spec)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
    )
    if result.returncode != 0:
        return {"crash": result.returncode}
    return dict(json.loads(result.stdout))


BASE_CASE = {
    "topic": "terrorism",
    "location": "belgium",
    "actor": "group",
    "target": "unspecified",
    "flags": [],
}


def _flag_lists(count: int) -> tuple[list[dict[str, Any]], dict[str, Any], dict[str, Any]]:
    flags = [f"f{i}" for i in range(count)]
    rules = [
        {"id": f"r{i}", "when": {"flags": flag}, "then": {"partners": "ocad"}}
        for i, flag in enumerate(flags)
    ]
    return rules, {"flags": flags}, {**BASE_CASE, "flags": flags}


def _negated_facts(count: int) -> tuple[list[dict[str, Any]], dict[str, Any], dict[str, Any]]:
    facts = [f"x{i}" for i in range(count)]
    rules = [
        {"id": f"d{i}", "when": {"topic": "terrorism"}, "then": {"derive": fact}}
        for i, fact in enumerate(facts)
    ]
    rules += [
        {"id": f"n{i}", "when": {"not": {"facts": fact}}, "then": {"partners": "ocad"}}
        for i, fact in enumerate(facts)
    ]
    return rules, {"facts": facts}, BASE_CASE


def _joined_facts(count: int) -> tuple[list[dict[str, Any]], dict[str, Any], dict[str, Any]]:
    facts = [f"x{i}" for i in range(count + 1)]
    rules = [
        {"id": f"d{i}", "when": {"topic": "terrorism"}, "then": {"derive": facts[i]}}
        for i in range(count)
    ]
    rules.append({"id": "z", "when": {"topic": "crime"}, "then": {"derive": facts[count]}})
    when = {
        "topic": "terrorism",
        "facts": facts[:count],
        "not": {"facts": facts[count], "actor": "spy"},
    }
    rules.append({"id": "big", "when": when, "then": {"partners": "ocad"}})
    return rules, {"facts": facts}, BASE_CASE


@pytest.mark.slow
@pytest.mark.parametrize(
    ("build", "fits", "code", "error"),
    [
        (_flag_lists, 251, "limit-case-lists", "302"),  # state.h MAX_OBJECT_PROPERTIES
        (_negated_facts, 250, "limit-negated-facts", "302"),
        (_joined_facts, 14, "limit-rule-facts", "304"),  # state.h MAX_MESSAGE_FRAMES
    ],
)
def test_each_limit_is_exactly_where_the_core_fails(
    build: Any, fits: int, code: str, error: str
) -> None:
    for count, over in ((fits, False), (fits + 1, True)):
        rules, lists, case = build(count)
        found = [p.code for p in limits.problems(make_policy(rules, small_vocabulary(**lists)))]
        assert found == ([code] if over else []), count
        outcome = _unguarded(rules, lists, case)
        if over:
            assert error in outcome.get("error", "") or "crash" in outcome, (count, outcome)
        else:
            assert outcome == {"equal": True}, (count, outcome)


@pytest.mark.slow
def test_the_matching_stack_model_and_the_spreading(monkeypatch: pytest.MonkeyPatch) -> None:
    # n lists all holding the case's topic: n tests match under one node, and events.c pushes
    # them all at once on its 64-entry stack. Unspread, 64 fit and 65 fail (error 303, or worse);
    # spread under grouping tests, 240 fit.
    def lists(count: int) -> tuple[list[dict[str, Any]], dict[str, Any]]:
        topics = ["terrorism"] + [f"t{i}" for i in range(count)]
        rules = [
            {"id": f"r{i}", "when": {"topic": ["terrorism", f"t{i}"]}, "then": {"partners": "ocad"}}
            for i in range(count)
        ]
        return rules, {"topics": topics}

    for count, unspread in ((64, True), (65, True), (240, False)):
        rules, vocabulary = lists(count)
        policy = make_policy(rules, small_vocabulary(**vocabulary))
        with monkeypatch.context() as patch:
            if unspread:
                patch.setattr(limits, "SPREAD_CHILDREN", 10**9)
            plan = limits.compile_policy(policy, widths=(10**9,) if unspread else None)
            stack = limits.measure(policy, plan).stack
            found = [p.code for p in limits.problems(policy, plan)]
        outcome = _unguarded(rules, vocabulary, BASE_CASE, unspread)
        if stack <= limits.MAX_STACK_SIZE:
            assert found == [], (count, stack)
            assert outcome == {"equal": True}, (count, stack, outcome)
        else:
            assert found == ["limit-branching"], (count, stack)
            assert "303" in outcome.get("error", "") or "crash" in outcome, (count, outcome)
        assert stack == {64: 64, 65: 65}.get(count, stack), (count, stack)
    assert limits.measure(policy).stack <= limits.MAX_STACK_SIZE  # the engine spreads it


# --------------------------------------------------------------------------- random rule sets

FLAGS_MANY = 240

#: The child: runs every case of a spec through the engine, one JSON document on stdout.
CHILD = """
import json, sys
from allocator.engine.durable import Engine
from allocator.engine.plan import LimitError
from allocator.model import Case
from allocator.engine.resolve import resolve
from tests.helpers import make_policy, small_vocabulary
spec = json.load(open(sys.argv[1]))
policy = make_policy(spec["rules"], small_vocabulary(**spec["lists"]))
try:
    engine = Engine(policy)
except LimitError as exc:
    print(json.dumps({"refused": [p.code for p in exc.problems]}))
    raise SystemExit(3)
decisions = []
for data in spec["cases"]:
    case = Case(data["topic"], data["location"], data["actor"], data["target"], tuple(sorted(data["flags"])))
    matches = engine.match(case)
    decision = resolve(policy, case, matches.fired, matches.facts)
    decisions.append({**{key: getattr(decision, key) for key in spec["view"]}, "fired": list(matches.fired)})
print(json.dumps({"decisions": decisions}))
"""

ATTRIBUTES = (
    ("topic", "topics"),
    ("location", "locations"),
    ("actor", "actors"),
    ("target", "targets"),
    ("flags", "flags"),
)


def vocabulary_lists(flags: int, facts: int, wide: int) -> dict[str, list[str]]:
    return {
        "topics": [f"topic-{i}" for i in range(8 * wide)],
        "locations": [f"loc-{i}" for i in range(6 * wide)],
        "actors": [f"actor-{i}" for i in range(6 * wide)],
        "targets": ["unspecified"] + [f"target-{i}" for i in range(5 * wide)],
        "flags": [f"flag-{i}" for i in range(flags)],
        "services": ["adiv", "vsse"],
        "partners": ["ocad", "nccn", "fedpol", "nato"],
        "mechanisms": ["liaison", "joint-platform", "crisis-cell", "cciv"],
        "facts": [f"fact-{i}" for i in range(facts)],
    }


def random_rules(
    rnd: random.Random, size: int, lists: dict[str, list[str]], pools: int, share: float
) -> list[dict[str, Any]]:
    """Valid, stratifiable rules: lists drawn from pools (as policy staff reuse them) and single
    values; conditions shared whole; `not` on values and on facts; chains of derived facts (a rule
    deriving fact-i uses facts below i only, so every negation is stratifiable)."""
    facts = lists["facts"]
    pool = {
        attribute: [
            sorted(rnd.sample(lists[name], min(len(lists[name]), rnd.randint(2, 5))))
            for _ in range(pools)
        ]
        + [[value] for value in lists[name]]
        for attribute, name in ATTRIBUTES
    }
    seen: list[dict[str, Any]] = []
    rules = []
    for index in range(size):
        derive = [rnd.choice(facts)] if rnd.random() < 0.25 else []
        level = facts.index(derive[0]) if derive else len(facts)
        if seen and rnd.random() < share:
            when = rnd.choice(seen)
            used = [*when.get("facts", []), *when.get("not", {}).get("facts", [])]
            if any(facts.index(fact) >= level for fact in used):
                derive = []
        else:
            when = {a: rnd.choice(pool[a]) for a, _ in ATTRIBUTES if rnd.random() < 0.45}
            usable = facts[:level]
            if usable and rnd.random() < 0.35:
                when["facts"] = sorted(rnd.sample(usable, rnd.randint(1, min(2, len(usable)))))
            negated: dict[str, Any] = {}
            if rnd.random() < 0.3:
                attribute = rnd.choice(ATTRIBUTES)[0]
                negated[attribute] = rnd.choice(pool[attribute])
            if usable and rnd.random() < 0.25:
                negated["facts"] = [rnd.choice(usable)]
            if negated:
                when["not"] = negated
            seen.append(when)
        then: dict[str, Any] = {"derive": derive} if derive else {}
        if rnd.random() < 0.3:
            then["lead"] = rnd.choice(["adiv", "vsse", "none"])
            then["priority"] = rnd.choice([100, 200, 300, 400])
        if rnd.random() < 0.4:
            then["partners"] = rnd.sample(lists["partners"], rnd.randint(1, 2))
        if rnd.random() < 0.4:
            then["consultation"] = rnd.sample(lists["mechanisms"], rnd.randint(1, 2))
        if rnd.random() < 0.2:
            then["competent"] = rnd.sample(["adiv", "vsse"], rnd.randint(1, 2))
        if not then:
            then["consultation"] = ["liaison"]
        rules.append({"id": f"r.n{index}", "when": when, "then": then})
    return rules


def random_cases(
    rnd: random.Random, lists: dict[str, list[str]], count: int
) -> list[dict[str, Any]]:
    cases = []
    for index in range(count):
        p = 1.0 if index % 11 == 0 else 0.0 if index % 7 == 0 else 0.15  # all flags, none, some
        cases.append(
            {
                "topic": rnd.choice(lists["topics"]),
                "location": rnd.choice(lists["locations"]),
                "actor": rnd.choice(lists["actors"]),
                "target": rnd.choice(lists["targets"]),
                "flags": [flag for flag in lists["flags"] if rnd.random() < p],
            }
        )
    return cases


#: (seed, rules, flags, facts, vocabulary width, list pools per attribute, share of identical conditions)
RULE_SETS = [
    (1, 40, 4, 3, 1, 3, 0.2),
    (2, 150, 12, 8, 1, 8, 0.3),
    (3, 400, 12, 12, 2, 12, 0.3),
    (4, 900, 16, 20, 1, 8, 0.5),
    (5, 2000, 12, 8, 1, 8, 0.3),
    (6, 2000, 30, 10, 3, 20, 0.2),
    (7, 1200, FLAGS_MANY, 6, 1, 4, 0.1),  # a case with every flag comes close to the limit
]


def _policy(rules: list[dict[str, Any]], lists: dict[str, list[str]]) -> Policy:
    return make_policy(rules, small_vocabulary(**lists))


@pytest.mark.slow
def test_random_rule_sets_up_to_2000_rules_never_crash_and_equal_the_oracle(tmp_path: Path) -> None:
    runs = []
    for seed, size, flags, facts, wide, pools, share in RULE_SETS:
        rnd = random.Random(seed)
        lists = vocabulary_lists(flags, facts, wide)
        rules = random_rules(rnd, size, lists, pools, share)
        cases = random_cases(rnd, lists, max(50, 40_000 // size))
        spec = tmp_path / f"spec-{seed}.json"
        spec.write_text(
            json.dumps({"rules": rules, "lists": lists, "cases": cases, "view": VIEW}),
            encoding="utf-8",
        )
        child = subprocess.Popen(
            [sys.executable, "-c", CHILD, str(spec)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
        )
        runs.append((seed, size, flags, rules, lists, cases, child))
    stages = []
    for seed, size, flags, rules, lists, cases, child in runs:
        policy = _policy(rules, lists)
        figures = limits.measure(policy)
        assert limits.problems(policy) == [], (seed, figures)
        assert figures.stack <= limits.MAX_STACK_SIZE
        assert figures.betas <= limits.MAX_BETAS
        assert figures.hashed_children <= limits.MAX_HASHED_CHILDREN
        assert figures.nex_children <= limits.MAX_NEX_CHILDREN
        expected = [oracle.decide(policy, data) for data in cases]  # while the children run
        out, err = child.communicate(timeout=300)
        assert child.returncode == 0, (seed, child.returncode, err[-3000:])
        decisions = json.loads(out)["decisions"]
        for data, got, want in zip(cases, decisions, expected, strict=True):
            assert len(got["fired"]) == len(set(got["fired"])), (seed, data)
            assert sorted(got.pop("fired")) == want["fired"], (seed, data)
            assert got == {key: want[key] for key in VIEW}, (seed, data)
        stages.append(policy.stage_count)
        if size >= 2000:
            assert figures.conditions > 500, seed
        if flags == FLAGS_MANY:
            assert figures.case_lists["flags"] > 200, figures
            assert figures.case_properties > limits.MAX_FACT_PROPERTIES - 30, figures
    assert max(stages) >= 5  # chains of negated facts over several stages were exercised
