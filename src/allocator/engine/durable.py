"""Run cases through a policy compiled into durable_rules. The only module that imports durable.

allocator drives durable_rules' Rete core (`durable_rules_engine`, C) directly, without the stock
`durable.engine.Host`: no dispatcher threads (they lose results and are not thread-safe), actions
run synchronously in the calling thread, and one process-wide lock guards each case.

How a policy becomes a ruleset is decided in allocator.engine.plan (pure, so that the loader and
`allocator check` can refuse what the core cannot hold); in short:
- each distinct condition becomes one durable rule, whose action only *records* the hits of every
  allocator rule with that condition and, for `derive`, asserts the derived fact into the same
  session, so rules using that fact fire by the engine's forward chaining (a join on the fact);
- a case is one fact `{"kind": "case", ...}` carrying the attributes some rule tests directly and
  a field `m<k>` (true) for each list of values the rules use that the case meets: the core tests
  `{m<k>: true}` (or `$nex` under `not`) instead of a `$or`;
- negation of a derived fact is stratified: a rule that says `not: {facts: [x]}` belongs to a
  later stage than every rule deriving `x`, and waits for a `{"kind": "stage", "n": k}` control
  fact asserted only once the earlier stages have settled, which carries every settled fact that
  some rule negates (true when it holds); the rule tests its absence there. (durable neither
  withdraws an activation when a negated fact appears later, nor lets a `$not` pattern see a fact
  that another pattern of the same rule has bound; tests/test_engine.py and the oracle tests pin
  both down.)
- a rule that joins the case with one derived fact (or, negating, with the stage fact alone)
  tests the case on that fact, which carries the case's fields those rules test: one pattern, not
  a join of two (plan.Plan.carried, stage_fields). Each pattern costs every case: the core sets
  up about 8 KB of memory per pattern of the ruleset when it creates a case's session;
- every kind of fact asserted (plan.FACT_KINDS) has an internal catch-all rule `_<kind>`, whose
  firings are not hits. durable leaves a session's action context uninitialised until an action
  starts, and frees it when the session is deleted: deleting a session in which no action ever
  started frees whatever the memory held (`free(): invalid pointer`, segfaults; found by the
  random rule sets of the oracle tests, pinned by tests/test_engine_speed.py). The case fact
  comes first in every session and its catch-all fires, so an action always starts; the
  catch-alls of derived and stage facts only hold their facts and never fire (plan.NEVER_FIRES);
- each case gets its own session id, deleted afterwards, so memory stays flat and the
  1024-live-sessions cap of the core is never approached. A failure to delete never hides the
  error that came first.

The engine refuses (LimitError, exit 3) a policy beyond the core's limits (allocator.engine.plan), as
a last line of defence behind the loader. The decision itself (priorities, conflicts, ladder
order) is made from the recorded hits in plain Python, by `allocator.engine.resolve`.
"""

from __future__ import annotations

import itertools
import json
from _thread import RLock  # threading.RLock itself, without importing threading (start-up)
from collections.abc import Callable
from time import perf_counter

import durable_rules_engine as _core

from allocator.engine.plan import SINGLE, LimitError, Plan, compile_policy
from allocator.engine.plan import check as check_limits
from allocator.errors import EngineError
from allocator.model import CASE_ATTRIBUTES, Case, CaseKey, Policy, Rule, Vocabulary
from allocator.record import record

TYPE_CHECKING = False  # typing is not imported at run time (start-up)
if TYPE_CHECKING:
    from typing import Any

__all__ = ["Engine", "LimitError", "Matches", "ruleset_definition"]

_LOCK = RLock()
_NAMES = itertools.count(1)
#: How many distinct flag sets the engine keeps the case fact's flag fields of.
_FLAG_MEMO = 4096


@record
class Matches:
    """What the engine found for one case: the rules that fired and the facts derived (with their rules)."""

    fired: tuple[str, ...]
    facts: dict[str, tuple[str, ...]]


def ruleset_definition(policy: Policy) -> dict[str, dict[str, Any]]:
    """The whole policy as a durable_rules ruleset definition (allocator.engine.plan.compile_policy)."""
    return compile_policy(policy).definition


# --------------------------------------------------------------------------- the engine


class _Fields:
    """A case's fields as a fact holds them: JSON members, each led by a comma, made of pieces
    computed once per attribute and value. All of them for the case fact (the attributes some
    rule tests directly, a field `m<k>` for each list the case meets); with `names`, only those,
    for a fact that carries them. Ids are kebab-case (checked by the models): no escaping."""

    def __init__(
        self, plan: Plan, vocabulary: Vocabulary, names: frozenset[str] | None = None
    ) -> None:
        self._direct = tuple(a for a in plan.direct if names is None or a in names)
        self._memberships = tuple(m for m in plan.memberships if names is None or m.name in names)
        self.empty = not (self._direct or self._memberships)
        self._pieces = {
            attribute: {
                value: self._piece(attribute, value)
                for value in vocabulary.ids(CASE_ATTRIBUTES[attribute])
            }
            for attribute in SINGLE
        }
        self._flag_fields: dict[str, tuple[int, ...]] = {
            flag: tuple(
                index
                for index, m in enumerate(self._memberships)
                if m.attribute == "flags" and flag in m.values
            )
            for flag in vocabulary.ids("flags")
        }
        #: Flag sets seen -> their piece (bounded).
        self._flag_pieces: dict[tuple[str, ...], str] = {}

    def _piece(self, attribute: str, value: str) -> str:
        piece = f',"{attribute}":"{value}"' if attribute in self._direct else ""
        return piece + "".join(
            f',"{m.name}":true'
            for m in self._memberships
            if m.attribute == attribute and m.holds(value)
        )

    def write(self, key: CaseKey) -> str:
        if self.empty:
            return ""
        topic, location, actor, target, flags = key
        pieces = self._pieces
        try:
            text = (
                pieces["topic"][topic]
                + pieces["location"][location]
                + pieces["actor"][actor]
                + pieces["target"][target]
            )
        except KeyError:  # a value outside the vocabulary: no list holds it
            text = "".join(
                self._piece(attribute, value)
                for attribute, value in zip(SINGLE, (topic, location, actor, target), strict=True)
            )
        if flags:
            text += self._flags_piece(flags)
        return text

    def _flags_piece(self, flags: tuple[str, ...]) -> str:
        piece = self._flag_pieces.get(flags)
        if piece is None:
            fields = sorted({i for flag in flags for i in self._flag_fields.get(flag, ())})
            piece = "".join(f',"{self._memberships[i].name}":true' for i in fields)
            if len(self._flag_pieces) >= _FLAG_MEMO:
                self._flag_pieces.clear()
            self._flag_pieces[flags] = piece
        return piece


class Engine:
    """One compiled policy in the Rete core. Thread-safe; `close()` frees the core's ruleset.

    Raises LimitError (exit 3) for a policy the core cannot hold (allocator.engine.plan), and
    EngineError if the core refuses the ruleset all the same.
    """

    def __init__(self, policy: Policy) -> None:
        self._handle: Any = None
        plan = compile_policy(policy)
        check_limits(policy, plan)
        self.policy = policy
        self.plan = plan
        rules = policy.rules
        #: Durable rule -> the allocator rules it records, in policy order.
        self._groups: dict[str, tuple[Rule, ...]] = {
            name: tuple(rules[index] for index in indexes) for name, indexes in plan.groups.items()
        }
        #: Durable rule -> the ids of the rules it records, and whether one of them derives a
        #: fact: what a firing does, read once per firing.
        self._actions: dict[str, tuple[tuple[str, ...], bool]] = {
            name: (tuple(rule.id for rule in group), any(rule.then.derive for rule in group))
            for name, group in self._groups.items()
        }
        self._stages = plan.stages
        #: The stage facts' fields: (derived fact, its field as JSON) for each negated fact.
        self._settled = tuple((fact, f',"{name}":true') for fact, name in plan.settled.items())
        self._serial = itertools.count(1)
        vocabulary = policy.vocabulary
        #: The case fact's fields, and those a derived fact or the stage facts carry (plan.Plan).
        self._fields = _Fields(plan, vocabulary)
        self._carriers = {
            fact: _Fields(plan, vocabulary, names) for fact, names in plan.carried.items()
        }
        self._stage_fields = _Fields(plan, vocabulary, plan.stage_fields)
        definition = plan.definition
        self._name = f"allocator-{policy.fingerprint[7:19]}-{next(_NAMES)}"
        with _LOCK:
            try:
                self._handle = _core.create_ruleset(self._name, json.dumps(definition))
            except _core.error as exc:
                raise EngineError(
                    "engine-compile-failed", rule=self._culprit(definition), reason=str(exc)
                ) from None
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

    def _stage_fact(self, sid: str, stage: int, facts: dict[str, list[str]], key: CaseKey) -> str:
        """The control fact that opens `stage`, with every negated fact settled so far, and the
        case's fields that rules test on it (plan.Plan.stage_fields)."""
        settled = "".join([piece for fact, piece in self._settled if fact in facts])
        fields = self._stage_fields.write(key)
        return f'{{"sid":"{sid}","id":"stage-{stage}","kind":"stage","n":{stage}{settled}{fields}}}'

    def match(self, case: Case, laps: list[float] | None = None) -> Matches:
        """Run one case: assert it in a fresh session, let the rules fire, record the hits, delete the session.

        `laps` (bench/parts.py): the times at the session's start, after each assertion, after
        the firings it led to, and once the session is deleted."""
        if self._handle is None:
            raise EngineError("engine-failed", reason="the engine was closed")
        fired: list[str] = []
        facts: dict[str, list[str]] = {}
        with _LOCK:
            handle = self._handle
            sid = str(next(self._serial))
            asserted = False
            failed = False
            if laps is not None:
                laps.append(perf_counter())
            try:
                key = case.key()
                fields = self._fields.write(key)
                asserted = True
                code, state = _core.assert_fact(
                    handle, f'{{"sid":"{sid}","id":"case","kind":"case"{fields}}}'
                )
                if laps is not None:
                    laps.append(perf_counter())
                self._drain(code, state, sid, key, fired, facts)
                if laps is not None:
                    laps.append(perf_counter())
                for stage in self._stages:
                    code, state = _core.assert_fact(
                        handle, self._stage_fact(sid, stage, facts, key)
                    )
                    if laps is not None:
                        laps.append(perf_counter())
                    self._drain(code, state, sid, key, fired, facts)
                    if laps is not None:
                        laps.append(perf_counter())
            except _core.error as exc:
                failed = True
                raise EngineError("engine-failed", reason=str(exc)) from None
            except BaseException:
                failed = True
                raise
            finally:
                if asserted:
                    try:
                        _core.delete_state(handle, sid)
                    except _core.error as exc:
                        # The error that came first is the one to report.
                        if not failed:
                            raise EngineError(
                                "engine-failed", reason=f"deleting the session: {exc}"
                            ) from None
        if laps is not None:
            laps.append(perf_counter())
        return Matches(
            fired=tuple(fired), facts={name: tuple(rules) for name, rules in facts.items()}
        )

    def _drain(
        self,
        code: int,
        state: int,
        sid: str,
        key: CaseKey,
        fired: list[str],
        facts: dict[str, list[str]],
    ) -> None:
        """Run the actions the last assertion made ready, including those chained by derived facts."""
        if code == 2:
            raise EngineError("engine-failed", reason="a fact was asserted twice in one session")
        if code not in (0, 3):
            return  # no rule matched
        handle = self._handle
        started = _core.start_action_for_state(handle, state)
        if not started:
            return
        message: str | None = started[1]
        actions = self._actions
        watched = self.on_fire is not _NOTHING
        complete = _core.complete_and_start_action
        while message:
            # The message is the rule's name and the facts it matched: {"g12":{"c":{...}}}.
            name = message[2 : message.index('"', 2)]
            action = actions.get(name)  # None: a catch-all rule, no hit
            if action is not None:
                if action[1] or watched:
                    self._act(name, sid, state, key, fired, facts)
                else:  # the common case: record the hits, nothing that can fail
                    fired.extend(action[0])
            message = complete(handle, state)

    def _act(
        self,
        name: str,
        sid: str,
        state: int,
        key: CaseKey,
        fired: list[str],
        facts: dict[str, list[str]],
    ) -> None:
        """One firing that derives facts (asserted into the session: forward chaining; with the
        case's fields that rules test on them, plan.Plan.carried) or that someone watches
        (`on_fire`): a failure abandons the action and names the rule."""
        handle = self._handle
        rule: Rule | None = None
        try:
            for rule in self._groups[name]:
                self.on_fire(rule)
                fired.append(rule.id)
                for fact in rule.then.derive:
                    if fact in facts:
                        facts[fact].append(rule.id)
                        continue
                    facts[fact] = [rule.id]
                    carrier = self._carriers.get(fact)
                    carried = carrier.write(key) if carrier is not None else ""
                    _core.assert_fact(
                        handle,
                        f'{{"sid":"{sid}","id":"fact-{fact}","kind":"fact","name":"{fact}"{carried}}}',
                    )
        except Exception as exc:
            _core.abandon_action(handle, state)
            raise EngineError(
                "engine-action-failed",
                rule=rule.id if rule is not None else name,
                reason=f"{type(exc).__name__}: {exc}",
            ) from exc

    def _culprit(self, definition: dict[str, dict[str, Any]]) -> str:
        """Compile each rule alone to name the one the core refuses (its own errors are bare numbers)."""
        for name, body in definition.items():
            probe = f"allocator-probe-{next(_NAMES)}"
            try:
                handle = _core.create_ruleset(probe, json.dumps({name: body}))
            except _core.error:
                group = self._groups.get(name)
                return group[0].id if group else name
            _core.delete_ruleset(handle)
        return "?"


def _record_nothing(rule: Rule) -> None:
    return None


#: The hook that does nothing, as defined here (tests replace `_record_nothing` itself, before an
#: engine takes it as its `on_fire`): firings it watches take the quick way in `_drain`.
_NOTHING = _record_nothing
