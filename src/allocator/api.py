"""The public entry point: a policy and its compiled engine, deciding cases."""

from __future__ import annotations

import json
import threading
import weakref
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from allocator.errors import AllocatorError, CaseError, Problem, type_name
from allocator.light import CASE_ATTRIBUTES, DEFAULT_TARGET, SUMMARY_FIELDS

if TYPE_CHECKING:
    from allocator.engine import Engine
    from allocator.light import AnyDecision
    from allocator.light import AnyPolicy as Policy
    from allocator.models.case import Case
    from allocator.models.decision import Decision

#: How many decisions one rule set remembers in memory (the domain is finite; answers repeat).
MEMO_SIZE = 50_000
_CASE_KEYS = frozenset(CASE_ATTRIBUTES)


@dataclass(frozen=True)
class Answer:
    """A decision as batch and the log need it: its JSON, and pieces of it ready to reuse."""

    json: str
    outcome: str
    lead: str | None
    #: The decision's SUMMARY_FIELDS as JSON, for the decision log.
    summary_json: str
    case_json: str
    #: The fingerprint of the rule set that gave it.
    ruleset: str

    @property
    def decided(self) -> bool:
        return self.outcome == "decided"


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _answer(decision: AnyDecision) -> Answer:
    document = decision.as_json()
    summary = {key: document[key] for key in SUMMARY_FIELDS}
    return Answer(
        _dumps(document),
        decision.outcome,
        decision.lead,
        _dumps(summary),
        _dumps(document["case"]),
        decision.ruleset,
    )


def _id_sets(policy: Policy) -> dict[str, frozenset[str]]:
    return {
        attribute: frozenset(policy.vocabulary.ids(name))
        for attribute, name in CASE_ATTRIBUTES.items()
    }


@dataclass(frozen=True, slots=True, weakref_slot=True)
class Snapshot:
    """One rule set in force: its policy, its compiled engine, its vocabulary's ids and the answers
    it gave (the memo). Taken whole by every call, never piece by piece, and replaced whole by
    `Allocator.reload()`: a call that started under one rule set finishes under it, and the memo of
    a rule set can only ever hold that rule set's answers.

    Its engine is closed when the snapshot is no longer used (a finalizer), or by `close()`.
    """

    policy: Policy
    engine: Engine
    ids: dict[str, frozenset[str]]
    #: Decisions (models) by case key, for `decide()`; None when remembering is off.
    decisions: dict[tuple[Any, ...], Decision] | None
    #: Answers (JSON) by quick key, for `answer()`; None when remembering is off.
    answers: dict[str, Answer] | None

    @classmethod
    def compile(cls, policy: Policy, remember: bool) -> Snapshot:
        from allocator.engine import Engine

        engine = Engine(policy)
        snapshot = cls(
            policy, engine, _id_sets(policy), {} if remember else None, {} if remember else None
        )
        # Once the last call holding this snapshot returns, the engine's C memory is freed.
        weakref.finalize(snapshot, engine.close).atexit = False
        return snapshot

    def close(self) -> None:
        self.engine.close()


class Allocator:
    """Decides cases under one rule set. Thread-safe; a context manager (`close()` on exit).

    Every answer comes from the engine; an answer already given for the same case under the same
    rule set is remembered in memory (with `cache=False`, nothing is remembered and the rules are
    compiled afresh, without the on-disk cache of compiled rule sets). `reload()` swaps in a new rule
    set only once it has loaded and compiled completely, in one step: on any error the rule set in
    force stays in force, and a call in progress finishes under the rule set it started with.
    """

    def __init__(self, policy: Policy, cache: bool = True) -> None:
        self._swap = threading.Lock()
        self._cache_enabled = cache
        self._snapshot: Snapshot | None = Snapshot.compile(policy, cache)

    @classmethod
    def from_directory(cls, directory: Path | str | None = None, cache: bool = True) -> Allocator:
        from allocator.loader import load_policy

        return cls(load_policy(directory, cache=cache), cache=cache)

    def __enter__(self) -> Allocator:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def snapshot(self) -> Snapshot:
        """The rule set in force, whole (one read of one attribute: never half of a reload)."""
        snapshot = self._snapshot
        if snapshot is None:
            raise AllocatorError("allocator-closed")
        return snapshot

    @property
    def policy(self) -> Policy:
        return self.snapshot().policy

    def case(self, data: Mapping[str, Any] | Case) -> Case:
        """A Case checked against this rule set's vocabulary (CaseError lists every problem)."""
        return self._case(self.snapshot(), data)

    @staticmethod
    def _case(snapshot: Snapshot, data: Mapping[str, Any] | Case) -> Case:
        from allocator.loader import make_case
        from allocator.models.case import Case

        if isinstance(data, Case):
            data = data.model_dump()
        flags = data.get("flags") if isinstance(data, Mapping) else None
        if isinstance(flags, list | tuple | set | frozenset):
            for flag in flags:
                if not isinstance(flag, str):
                    raise CaseError([Problem("case-flag-not-text", {"found": type_name(flag)})])
        try:
            return make_case(snapshot.policy, data)
        except (TypeError, ValueError) as exc:  # input of a shape the model cannot even compare
            raise CaseError(
                [Problem("case-invalid", {"detail": f"{type(exc).__name__}: {exc}"})]
            ) from None

    def decide(self, case: Mapping[str, Any] | Case) -> Decision:
        return self._decide(self.snapshot(), case)

    def _decide(self, snapshot: Snapshot, case: Mapping[str, Any] | Case) -> Decision:
        from allocator.models.decision import Decision
        from allocator.resolve import resolve

        checked = self._fast_case(snapshot, case) or self._case(snapshot, case)
        key = checked.key()
        memo = snapshot.decisions
        if memo is not None:
            cached = memo.get(key)
            if cached is not None:
                return cached
        matches = snapshot.engine.match(checked)
        decision = Decision.from_data(
            resolve(snapshot.policy, checked, matches.fired, matches.facts)
        )
        if memo is not None:
            if len(memo) >= MEMO_SIZE:
                memo.clear()
            memo[key] = decision
        return decision

    @staticmethod
    def _fast_case(snapshot: Snapshot, data: Mapping[str, Any] | Case) -> Case | None:
        """A plain, valid case without the full validation (its every value is a known id);
        None sends the case the long way, which reports every problem."""
        from allocator.models.case import Case

        if isinstance(data, Case) or _quick_key(snapshot.ids, data) is None:
            return None
        return Case.model_construct(
            topic=data["topic"],
            location=data["location"],
            actor=data["actor"],
            target=data.get("target", DEFAULT_TARGET),
            flags=tuple(sorted(set(data.get("flags", ())))),
        )

    def answer(self, data: Mapping[str, Any]) -> Answer:
        """`decide()` for batch work: the decision as JSON, remembered when given before."""
        snapshot = self.snapshot()  # one rule set for the whole call, whatever reload() does
        key = _quick_key(snapshot.ids, data)
        memo = snapshot.answers
        if key is None or memo is None:
            return _answer(self._decide(snapshot, data) if key is None else _plain(snapshot, key))
        found = memo.get(key)
        if found is None:
            found = _answer(_plain(snapshot, key))
            if len(memo) >= MEMO_SIZE:
                memo.clear()
            memo[key] = found
        return found

    def reload(self, directory: Path | str | None = None) -> Policy:
        """Load and compile the rules of `directory`; swap them in only if that fully succeeds."""
        from allocator.loader import load_policy

        current = self.snapshot()
        policy = load_policy(
            directory if directory is not None else current.policy.directory,
            cache=self._cache_enabled,
        )
        fresh = Snapshot.compile(policy, self._cache_enabled)
        with self._swap:
            if self._snapshot is None:
                fresh.close()
                raise AllocatorError("allocator-closed")
            self._snapshot = fresh
        # The replaced snapshot is not closed here: a call may still be using it. Its finalizer
        # closes its engine as soon as no call holds it any more.
        return policy

    def close(self) -> None:
        """Free the engine now (idempotent). A closed allocator decides nothing more."""
        with self._swap:
            snapshot, self._snapshot = self._snapshot, None
        if snapshot is not None:
            snapshot.close()


def _quick_key(ids: dict[str, frozenset[str]], data: Any) -> str | None:
    """The memo key of a plain, valid case; None sends the case the long way (full checks)."""
    if not isinstance(data, Mapping) or not all(
        isinstance(key, str) and key in _CASE_KEYS for key in data
    ):
        return None
    values = []
    for attribute in ("topic", "location", "actor"):
        value = data.get(attribute)
        if type(value) is not str or value not in ids[attribute]:
            return None
        values.append(value)
    target = data.get("target", DEFAULT_TARGET)
    if type(target) is not str or target not in ids["target"]:
        return None
    flags = data.get("flags", ())
    if not isinstance(flags, list | tuple) or not all(
        type(flag) is str and flag in ids["flags"] for flag in flags
    ):
        return None
    return f"{values[0]}|{values[1]}|{values[2]}|{target}|{','.join(sorted(set(flags)))}"


def _plain(snapshot: Snapshot, key: str) -> AnyDecision:
    """The engine's decision for a case known valid (its quick key), in plain runtime form."""
    from allocator.light import Case as PlainCase
    from allocator.resolve import resolve

    topic, location, actor, target, flags = key.split("|")
    case = PlainCase(topic, location, actor, target, tuple(flags.split(",")) if flags else ())
    matches = snapshot.engine.match(case)
    return resolve(snapshot.policy, case, matches.fired, matches.facts)
