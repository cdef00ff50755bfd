"""Compile a policy into a durable_rules ruleset and run cases through it. The only module that imports durable.

allocator drives durable_rules' Rete core (`durable_rules_engine`, C) directly, without the stock
`durable.engine.Host`: no dispatcher threads (they lose results and are not thread-safe), actions
run synchronously in the calling thread, and one process-wide lock guards each case.

How a policy becomes a ruleset:
- every rule becomes one durable rule; its action only *records* the hit and, for `derive`,
  asserts the derived fact into the same session, so rules using that fact fire by the engine's
  forward chaining (a join on the fact);
- a case is one fact `{"kind": "case", ...}` with every flag as a boolean;
- negation of a derived fact is stratified: a rule that says `not: {facts: [x]}` belongs to a
  later stage than every rule deriving `x`, and waits for a `{"kind": "stage", "n": k}` control
  fact asserted only once the earlier stages have settled, which carries every settled fact as
  true or false; the rule tests `x` there. (durable neither withdraws an activation when a
  negated fact appears later, nor lets a `$not` pattern see a fact that another pattern of the
  same rule has bound; tests/test_engine.py and the oracle tests pin both down.)
- every kind of fact asserted has an internal catch-all rule (CATCH_ALL): durable corrupts its
  memory when a session holding a fact that matched no rule is deleted;
- each case gets its own session id, deleted afterwards, so memory stays flat and the
  1024-live-sessions cap of the core is never approached.

The decision itself (priorities, conflicts, ladder order) is made from the recorded hits in
plain Python, by `allocator.resolve`.
"""

from __future__ import annotations

import itertools
import json
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import durable_rules_engine as _core

from allocator.errors import EngineError

if TYPE_CHECKING:  # the engine runs on the models and on their plain runtime form (allocator.light)
    from allocator.light import AnyCase as Case
    from allocator.light import AnyCondition as Condition
    from allocator.light import AnyPolicy as Policy
    from allocator.light import AnyRule as Rule

#: durable_rules accepts at most 4096 rules in one ruleset.
MAX_RULES = 4000

_LOCK = threading.RLock()
_NAMES = itertools.count(1)


@dataclass(frozen=True)
class Matches:
    """What the engine found for one case: the rules that fired and the facts derived (with their rules)."""

    fired: tuple[str, ...]
    facts: dict[str, tuple[str, ...]]


# --------------------------------------------------------------------------- compilation (pure)


def _flag_key(flag: str) -> str:
    return f"flag_{flag}"


def _any_of(attribute: str, values: tuple[str, ...]) -> dict[str, Any]:
    if attribute == "flags":
        tests: list[dict[str, Any]] = [{_flag_key(v): True} for v in values]
    else:
        tests = [{attribute: v} for v in values]
    return tests[0] if len(tests) == 1 else {"$or": tests}


def _none_of(attribute: str, values: tuple[str, ...]) -> list[dict[str, Any]]:
    if attribute == "flags":
        return [{_flag_key(v): False} for v in values]
    return [{"$neq": {attribute: v}} for v in values]


def _case_pattern(when: Condition, negated: Condition | None) -> dict[str, Any]:
    tests: list[dict[str, Any]] = [{"kind": "case"}]
    for attribute, values in when.tests():
        if attribute != "facts":
            tests.append(_any_of(attribute, values))
    if negated is not None:
        for attribute, values in negated.tests():
            if attribute != "facts":
                tests.extend(_none_of(attribute, values))
    return {"$and": tests}


def _fact_pattern(name: str) -> dict[str, Any]:
    return {"$and": [{"kind": "fact"}, {"name": name}]}


def _settled_key(fact: str) -> str:
    return f"fact_{fact}"


def rule_definition(rule: Rule, stage: int) -> dict[str, Any]:
    """The durable_rules definition of one rule (without its action)."""
    patterns: list[dict[str, Any]] = [{"c": _case_pattern(rule.when, rule.when.not_)}]
    if stage > 1:
        # The stage fact carries every fact settled by the earlier stages, so a negated fact is a
        # plain test on it. (A `$not` pattern would miss a fact that another pattern of the same
        # rule has already bound: durable lets each fact match one pattern per rule.)
        tests: list[dict[str, Any]] = [{"kind": "stage"}, {"n": stage}]
        tests += [{_settled_key(fact): False} for fact in dict.fromkeys(rule.when.negative_facts())]
        patterns.append({"s": {"$and": tests}})
    for index, fact in enumerate(dict.fromkeys(rule.when.positive_facts())):
        patterns.append({f"f{index}": _fact_pattern(fact)})
    return {"all": patterns}


#: Internal rules that match every fact allocator asserts, one per kind. durable corrupts its
#: memory (aborts, segfaults) when a session holding a fact that matched no rule is deleted
#: under some rule shapes (a `$or` among them): found by the random rule sets of the oracle
#: tests. With these, every assertion matches at least one rule. Their firings are not hits.
CATCH_ALL = {f"_{kind}": {"all": [{"m": {"kind": kind}}]} for kind in ("case", "fact", "stage")}


def ruleset_definition(policy: Policy) -> dict[str, dict[str, Any]]:
    """The whole policy as a durable_rules ruleset definition; rule `r<i>` is `policy.rules[i]`."""
    rules = {
        f"r{index}": rule_definition(rule, policy.strata[rule.id])
        for index, rule in enumerate(policy.rules)
    }
    return {**rules, **CATCH_ALL}


# --------------------------------------------------------------------------- the engine


class Engine:
    """One compiled policy in the Rete core. Thread-safe; `close()` frees the core's ruleset."""

    def __init__(self, policy: Policy) -> None:
        if len(policy.rules) > MAX_RULES:
            raise EngineError(
                "engine-failed",
                reason=f"{len(policy.rules)} rules; the engine holds at most {MAX_RULES}",
            )
        self.policy = policy
        self._rules: dict[str, Rule] = {f"r{i}": rule for i, rule in enumerate(policy.rules)}
        self._stages = policy.stage_count
        self._flags = policy.vocabulary.ids("flags")
        self._serial = itertools.count(1)
        definition = ruleset_definition(policy)
        self._name = f"allocator-{policy.fingerprint[7:19]}-{next(_NAMES)}"
        with _LOCK:
            try:
                self._handle = _core.create_ruleset(self._name, json.dumps(definition))
            except _core.error as exc:
                raise EngineError(
                    "engine-compile-failed", rule=_culprit(definition, self._rules), reason=str(exc)
                ) from None
        self._fact_names = policy.vocabulary.ids("facts")
        #: Called with each rule as it fires; tests replace it to check that failures surface.
        self.on_fire: Callable[[Rule], None] = _record_nothing

    def close(self) -> None:
        with _LOCK:
            if self._handle is not None:
                _core.delete_ruleset(self._handle)
                self._handle = None

    def __enter__(self) -> Engine:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def _case_fact(self, sid: str, case: Case) -> str:
        """The case as a fact. Ids are kebab-case (checked by the models), so they need no escaping."""
        present = case.flags
        flags = "".join(
            f',"{_flag_key(flag)}":{"true" if flag in present else "false"}' for flag in self._flags
        )
        return (
            f'{{"sid":"{sid}","id":"case","kind":"case","topic":"{case.topic}","location":"{case.location}",'
            f'"actor":"{case.actor}","target":"{case.target}"{flags}}}'
        )

    def _stage_fact(self, sid: str, stage: int, facts: dict[str, list[str]]) -> str:
        """The control fact that opens `stage`, with every fact settled so far (true or false)."""
        settled = "".join(
            f',"{_settled_key(name)}":{"true" if name in facts else "false"}'
            for name in self._fact_names
        )
        return f'{{"sid":"{sid}","id":"stage-{stage}","kind":"stage","n":{stage}{settled}}}'

    def match(self, case: Case) -> Matches:
        """Run one case: assert it in a fresh session, let the rules fire, record the hits, delete the session."""
        if self._handle is None:
            raise EngineError("engine-failed", reason="the engine was closed")
        fired: list[str] = []
        facts: dict[str, list[str]] = {}
        with _LOCK:
            handle = self._handle
            sid = str(next(self._serial))
            asserted: list[str] = []
            try:
                payload = self._case_fact(sid, case)
                asserted.append(payload)
                code, state = _core.assert_fact(handle, payload)
                self._drain(code, state, sid, fired, facts, asserted)
                for stage in range(2, self._stages + 1):
                    payload = self._stage_fact(sid, stage, facts)
                    asserted.append(payload)
                    code, state = _core.assert_fact(handle, payload)
                    self._drain(code, state, sid, fired, facts, asserted)
            except _core.error as exc:
                raise EngineError("engine-failed", reason=str(exc)) from None
            finally:
                if asserted:
                    _core.delete_state(handle, sid)
        return Matches(
            fired=tuple(fired), facts={name: tuple(rules) for name, rules in facts.items()}
        )

    def _drain(
        self,
        code: int,
        state: int,
        sid: str,
        fired: list[str],
        facts: dict[str, list[str]],
        asserted: list[str],
    ) -> None:
        """Run the actions the last assertion made ready, including those chained by derived facts."""
        if code == 2:
            raise EngineError("engine-failed", reason="a fact was asserted twice in one session")
        if code not in (0, 3):
            return  # no rule matched
        handle = self._handle
        started = _core.start_action_for_state(handle, state)
        message = started[1] if started else None
        while message:
            name = message[2 : message.index('"', 2)]
            if name[0] == "_":  # a catch-all firing: nothing to record
                message = _core.complete_and_start_action(handle, state)
                continue
            rule = self._rules[name]
            try:
                self.on_fire(rule)
                fired.append(rule.id)
                for fact in rule.then.derive:
                    if fact in facts:
                        facts[fact].append(rule.id)
                        continue
                    facts[fact] = [rule.id]
                    payload = f'{{"sid":"{sid}","id":"fact-{fact}","kind":"fact","name":"{fact}"}}'
                    asserted.append(payload)
                    _core.assert_fact(handle, payload)
            except Exception as exc:
                _core.abandon_action(handle, state)
                raise EngineError(
                    "engine-action-failed", rule=rule.id, reason=f"{type(exc).__name__}: {exc}"
                ) from exc
            message = _core.complete_and_start_action(handle, state)


def _record_nothing(rule: Rule) -> None:
    return None


def _culprit(definition: dict[str, dict[str, Any]], rules: dict[str, Rule]) -> str:
    """Compile each rule alone to name the one the core refuses (its own errors are bare numbers)."""
    for name, body in definition.items():
        probe = f"allocator-probe-{next(_NAMES)}"
        try:
            handle = _core.create_ruleset(probe, json.dumps({name: body}))
        except _core.error:
            return rules[name].id if name in rules else name
        _core.delete_ruleset(handle)
    return "?"
