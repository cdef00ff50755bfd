"""The public entry point: a policy and its compiled engine, deciding cases."""

from __future__ import annotations

import json
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from allocator.light import CASE_ATTRIBUTES, DEFAULT_TARGET, SUMMARY_FIELDS

if TYPE_CHECKING:
    from allocator.decisioncache import DecisionCache
    from allocator.engine import Engine
    from allocator.light import AnyDecision
    from allocator.light import AnyPolicy as Policy
    from allocator.models.case import Case
    from allocator.models.decision import Decision

#: How many decisions one process keeps in memory (the domain is finite; answers repeat).
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

    @property
    def decided(self) -> bool:
        return self.outcome == "decided"

    def row(self) -> tuple[str, str, str | None, str, str]:
        return (self.json, self.outcome, self.lead, self.summary_json, self.case_json)


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _answer(decision: AnyDecision) -> Answer:
    document = decision.as_json()
    summary = {key: document[key] for key in SUMMARY_FIELDS}
    return Answer(
        _dumps(document), decision.outcome, decision.lead, _dumps(summary), _dumps(document["case"])
    )


class Allocator:
    """Decides cases under one rule set. Thread-safe.

    Every answer comes from the engine; an answer already given for the same case under the same
    rule set is remembered (in memory, and with `cache=True` on disk for `answer()`). `reload()`
    swaps in a new rule set only once it has loaded and compiled completely: on any error the rule
    set in force stays in force, so a long-running process never half-applies a change. The
    remembered answers go with the rule set they came from.
    """

    def __init__(self, policy: Policy, cache: bool = True) -> None:
        from allocator.engine import Engine

        self._swap = threading.Lock()
        self._cache_enabled = cache
        self._policy = policy
        self._engine: Engine = Engine(policy)
        self._memo: dict[tuple[Any, ...], Decision] = {}
        self._answers: dict[str, Answer] = {}
        self._disk: DecisionCache | None = None
        self._ids = self._id_sets(policy)

    @classmethod
    def from_directory(cls, directory: Path | str | None = None, cache: bool = True) -> Allocator:
        from allocator.loader import load_policy

        return cls(load_policy(directory, cache=cache), cache=cache)

    @property
    def policy(self) -> Policy:
        return self._policy

    @staticmethod
    def _id_sets(policy: Policy) -> dict[str, frozenset[str]]:
        return {
            attribute: frozenset(policy.vocabulary.ids(name))
            for attribute, name in CASE_ATTRIBUTES.items()
        }

    def case(self, data: Mapping[str, Any] | Case) -> Case:
        """A Case checked against this rule set's vocabulary (CaseError lists every problem)."""
        from allocator.loader import make_case
        from allocator.models.case import Case

        if isinstance(data, Case):
            data = data.model_dump()
        return make_case(self._policy, data)

    def decide(self, case: Mapping[str, Any] | Case) -> Decision:
        from allocator.models.decision import Decision
        from allocator.resolve import resolve

        checked = self._fast_case(case) or self.case(case)
        with self._swap:
            policy, engine, memo = self._policy, self._engine, self._memo
        key = checked.key()
        cached = memo.get(key) if self._cache_enabled else None
        if cached is not None:
            return cached
        matches = engine.match(checked)
        decision = Decision.from_data(resolve(policy, checked, matches.fired, matches.facts))
        if self._cache_enabled:
            if len(memo) >= MEMO_SIZE:
                memo.clear()
            memo[key] = decision
        return decision

    def _fast_case(self, data: Mapping[str, Any] | Case) -> Case | None:
        """A plain, valid case without the full validation (its every value is a known id);
        None sends the case the long way, which reports every problem."""
        from allocator.models.case import Case

        if isinstance(data, Case) or self._quick_key(data) is None:
            return None
        return Case.model_construct(
            topic=data["topic"],
            location=data["location"],
            actor=data["actor"],
            target=data.get("target", DEFAULT_TARGET),
            flags=tuple(sorted(set(data.get("flags", ())))),
        )

    def _quick_key(self, data: Mapping[str, Any]) -> str | None:
        """The cache key of a plain, valid case; None sends the case the long way (full checks)."""
        if not _CASE_KEYS.issuperset(data):
            return None
        ids = self._ids
        values = []
        for attribute in ("topic", "location", "actor"):
            value = data.get(attribute)
            if value not in ids[attribute]:
                return None
            values.append(value)
        target = data.get("target", DEFAULT_TARGET)
        if target not in ids["target"]:
            return None
        flags = data.get("flags", ())
        if not isinstance(flags, list | tuple) or not ids["flags"].issuperset(flags):
            return None
        return f"{values[0]}|{values[1]}|{values[2]}|{target}|{','.join(sorted(set(flags)))}"

    def answer(self, data: Mapping[str, Any]) -> Answer:
        """`decide()` for batch work: the decision as JSON, from the caches when it was given before."""
        key = self._quick_key(data) if self._cache_enabled else None
        if key is None:
            return _answer(self.decide(data))
        with self._swap:
            answers = self._answers
            disk = self._disk_cache()
        found = answers.get(key)
        if found is not None:
            return found
        stored = disk.get(key) if disk is not None else None
        if stored is not None:
            found = Answer(*stored)
        else:
            found = _answer(self._decide_plain(key))
            if disk is not None:
                disk.put(key, found.row())
        if len(answers) >= MEMO_SIZE:
            answers.clear()
        answers[key] = found
        return found

    def _decide_plain(self, key: str) -> AnyDecision:
        """The engine's decision for a case known valid (its cache key), in plain runtime form."""
        from allocator.light import Case as PlainCase
        from allocator.resolve import resolve

        topic, location, actor, target, flags = key.split("|")
        case = PlainCase(topic, location, actor, target, tuple(flags.split(",")) if flags else ())
        with self._swap:
            policy, engine = self._policy, self._engine
        matches = engine.match(case)
        return resolve(policy, case, matches.fired, matches.facts)

    def _disk_cache(self) -> DecisionCache | None:
        if self._disk is None and self._cache_enabled:
            from allocator.decisioncache import DecisionCache

            self._disk = DecisionCache(self._policy.fingerprint)
        return self._disk if self._disk is not None and self._disk.active else None

    def flush(self) -> None:
        """Write the answers given so far to the disk cache."""
        if self._disk is not None:
            self._disk.flush()

    def reload(self, directory: Path | str | None = None) -> Policy:
        """Load and compile the rules of `directory`; swap them in only if that fully succeeds."""
        from allocator.engine import Engine
        from allocator.loader import load_policy

        policy = load_policy(
            directory if directory is not None else self._policy.directory,
            cache=self._cache_enabled,
        )
        engine = Engine(policy)
        with self._swap:
            old, old_disk = self._engine, self._disk
            self._policy, self._engine, self._ids = policy, engine, self._id_sets(policy)
            self._memo, self._answers, self._disk = {}, {}, None
        old.close()
        if old_disk is not None:
            old_disk.close()
        return policy

    def close(self) -> None:
        self._engine.close()
        if self._disk is not None:
            self._disk.close()
