"""The public entry point: a policy and its compiled engine, deciding cases."""

from __future__ import annotations

import json
import re
import threading
import weakref
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from allocator.engine.durable import Engine
from allocator.engine.resolve import resolve
from allocator.errors import AllocatorError
from allocator.load.policy import load_policy
from allocator.model import VOCABULARY_LISTS, Case, CaseKey, Decision, Policy, plain_case

#: How many decisions one rule set remembers in memory (the domain is finite; answers repeat).
MEMO_SIZE = 50_000


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


#: A text that JSON writes as it is, between quotes: what the schemas allow an id to be made of
#: (lowercase letters, digits, `-`, `.`) and the fingerprint's `:` (`sha256:…`).
_PLAIN = re.compile(r"[a-z0-9.:-]+")


def plain_ids(policy: Policy) -> bool:
    """Whether every text a decision under `policy` can hold is plain (`_PLAIN`): its ids, the
    rules' ids and the facts they derive, the escalation route and the fingerprint. The rule
    files' schemas see to it; a policy built otherwise has its decisions encoded by `json`."""
    vocabulary = policy.vocabulary
    texts = [policy.fingerprint, *vocabulary.settings.escalation]
    for name in VOCABULARY_LISTS:
        texts.extend(vocabulary.ids(name))
    for rule in policy.rules:
        then = rule.then
        texts.append(rule.id)
        texts.extend((*then.partners, *then.consultation, *then.competent, *then.derive))
        if then.lead is not None:
            texts.append(then.lead)
    return all(_PLAIN.fullmatch(text) for text in texts)


def _ids(values: tuple[str, ...]) -> str:
    return '["' + '","'.join(values) + '"]' if values else "[]"


class Answer:
    """A decision, with the JSON that batch and the log need made once, when first asked for."""

    __slots__ = ("_case_json", "_json", "_summary_json", "decision", "plain")

    def __init__(self, decision: Decision, plain: bool = False) -> None:
        """`plain`: every text of the decision is plain (`plain_ids` of its policy), so its JSON
        is written directly, without `json`."""
        self.decision = decision
        self.plain = plain
        self._json: str | None = None
        self._summary_json = ""
        self._case_json = ""

    def _write(self) -> str:
        """The JSON `_encode` makes, written directly: the same characters (the order of
        DECISION_FIELDS, compact separators), for a decision whose texts need no escaping."""
        d = self.decision
        case = d.case
        lead = "null" if d.lead is None else f'"{d.lead}"'
        head = (
            f'"lead":{lead},"partners":{_ids(d.partners)},"consultation":{_ids(d.consultation)},'
            f'"competent":{_ids(d.competent)},"competence":"{d.competence}","rules":{_ids(d.rules)}'
        )
        self._case_json = (
            f'{{"topic":"{case.topic}","location":"{case.location}","actor":"{case.actor}",'
            f'"target":"{case.target}","flags":{_ids(case.flags)}}}'
        )
        self._summary_json = f'{{"outcome":"{d.outcome}",{head}}}'
        self._json = (
            f'{{{head},"ruleset":"{d.ruleset}","outcome":"{d.outcome}","case":{self._case_json},'
            f'"facts":{_ids(d.facts)},"lead_rules":{_ids(d.lead_rules)},'
            f'"overridden":{_ids(d.overridden)},"conflict":{_ids(d.conflict)},'
            f'"missing":{_ids(d.missing)},"escalation":{_ids(d.escalation)}}}'
        )
        return self._json

    def _encode(self) -> str:
        """The decision encoded once; the log's case and summary are cut out of that JSON.

        The document's fields come in DECISION_FIELDS order: `lead` … `rules` (the summary's
        fields but `outcome`), then `ruleset`, `outcome`, `case`, `facts`. A key with its quotes,
        such as `,"ruleset":`, can only be where it is cut: inside a JSON string every quote is
        escaped (tests/test_answer_json.py compares the cuts with encoding each part alone).
        """
        if self.plain:
            return self._write()
        decision = self.decision
        text = _dumps(decision.as_json())
        rules_end = text.index(',"ruleset":')
        case_start = text.index(',"case":', rules_end) + len(',"case":')
        case_end = text.index(',"facts":', case_start)
        self._summary_json = f'{{"outcome":{_dumps(decision.outcome)},{text[1:rules_end]}}}'
        self._case_json = text[case_start:case_end]
        self._json = text
        return text

    @property
    def json(self) -> str:
        """The decision as one line of JSON (docs/contract.md)."""
        return self._json if self._json is not None else self._encode()

    @property
    def summary_json(self) -> str:
        """The decision's SUMMARY_FIELDS as JSON, for the decision log."""
        if self._json is None:
            self._encode()
        return self._summary_json

    @property
    def case_json(self) -> str:
        if self._json is None:
            self._encode()
        return self._case_json

    @property
    def outcome(self) -> str:
        return self.decision.outcome

    @property
    def lead(self) -> str | None:
        return self.decision.lead

    @property
    def ruleset(self) -> str:
        """The fingerprint of the rule set that gave it."""
        return self.decision.ruleset

    @property
    def decided(self) -> bool:
        return self.decision.decided


@dataclass(frozen=True, slots=True, weakref_slot=True)
class Snapshot:
    """One rule set in force: its policy, its compiled engine and the answers it gave (the memo). Taken whole by every call, never piece by piece, and replaced whole by
    `Allocator.reload()`: a call that started under one rule set finishes under it, and the memo of
    a rule set can only ever hold that rule set's answers.

    Its engine is closed when the snapshot is no longer used (a finalizer), or by `close()`.
    """

    policy: Policy
    engine: Engine
    #: The answers given, by case key; None when remembering is off.
    memo: dict[CaseKey, Answer] | None
    #: Whether the decisions' JSON can be written directly (`plain_ids`).
    plain: bool = False

    @classmethod
    def compile(cls, policy: Policy, remember: bool) -> Snapshot:
        engine = Engine(policy)
        snapshot = cls(policy, engine, {} if remember else None, plain_ids(policy))
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
        # Lazy: pydantic only for a case that is not plain and valid (a batch of valid cases, or a
        # service answering them, never loads it).
        from allocator.load.cases import make_case

        return make_case(snapshot.policy.vocabulary, data)

    def decide(self, case: Mapping[str, Any] | Case) -> Decision:
        return self._answer(self.snapshot(), case).decision

    def answer(self, data: Mapping[str, Any] | Case) -> Answer:
        """`decide()` for batch work: the decision with its JSON, remembered when given before."""
        return self._answer(self.snapshot(), data)

    def _answer(self, snapshot: Snapshot, data: Mapping[str, Any] | Case) -> Answer:
        """The answer under `snapshot` (one rule set for the whole call, whatever reload() does)."""
        plain = data.as_dict() if isinstance(data, Case) else data
        case = plain_case(snapshot.policy.vocabulary, plain) or self._case(snapshot, data)
        key = case.key()
        memo = snapshot.memo
        if memo is not None:
            found = memo.get(key)
            if found is not None:
                return found
        matches = snapshot.engine.match(case)
        answer = Answer(
            resolve(snapshot.policy, case, matches.fired, matches.facts), snapshot.plain
        )
        if memo is not None:
            if len(memo) >= MEMO_SIZE:
                memo.clear()
            memo[key] = answer
        return answer

    def pinned(self) -> Pinned:
        """Decisions under the rule set in force now, for as long as the caller keeps them (a
        request explained with its counterfactuals, a batch): a reload meanwhile changes nothing
        for them."""
        return Pinned(self, self.snapshot())

    def reload(self, directory: Path | str | None = None) -> Policy:
        """Load and compile the rules of `directory`; swap them in only if that fully succeeds."""
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


class Pinned:
    """An Allocator held to one rule set (Allocator.pinned): its policy, and answers under it."""

    __slots__ = ("_allocator", "_snapshot")

    def __init__(self, allocator: Allocator, snapshot: Snapshot) -> None:
        self._allocator = allocator
        self._snapshot = snapshot

    @property
    def policy(self) -> Policy:
        return self._snapshot.policy

    def answer(self, data: Mapping[str, Any] | Case) -> Answer:
        return self._allocator._answer(self._snapshot, data)

    def decide(self, data: Mapping[str, Any] | Case) -> Decision:
        return self._allocator._answer(self._snapshot, data).decision
