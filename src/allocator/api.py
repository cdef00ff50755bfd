"""The public entry point: a policy and its compiled engine, deciding cases."""

from __future__ import annotations

import threading
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from allocator.models.case import Case
from allocator.models.decision import Decision
from allocator.models.policy import Policy


class Allocator:
    """Decides cases under one rule set. Thread-safe.

    `reload()` swaps in a new rule set only once it has loaded and compiled completely: on any
    error the rule set in force stays in force, so a long-running process never half-applies a change.
    """

    def __init__(self, policy: Policy) -> None:
        from allocator.engine import Engine

        self._swap = threading.Lock()
        self._policy = policy
        self._engine = Engine(policy)

    @classmethod
    def from_directory(cls, directory: Path | str | None = None) -> Allocator:
        from allocator.loader import load_policy

        return cls(load_policy(directory))

    @property
    def policy(self) -> Policy:
        return self._policy

    def case(self, data: Mapping[str, Any] | Case) -> Case:
        """A Case checked against this rule set's vocabulary (CaseError lists every problem)."""
        from allocator.loader import make_case

        if isinstance(data, Case):
            data = data.model_dump()
        return make_case(self._policy, data)

    def decide(self, case: Mapping[str, Any] | Case) -> Decision:
        from allocator.resolve import resolve

        checked = self.case(case)
        with self._swap:
            policy, engine = self._policy, self._engine
        matches = engine.match(checked)
        return resolve(policy, checked, matches.fired, matches.facts)

    def reload(self, directory: Path | str | None = None) -> Policy:
        """Load and compile the rules of `directory`; swap them in only if that fully succeeds."""
        from allocator.engine import Engine
        from allocator.loader import load_policy

        policy = load_policy(directory if directory is not None else self._policy.directory)
        engine = Engine(policy)
        with self._swap:
            old, self._policy, self._engine = self._engine, policy, engine
        old.close()
        return policy

    def close(self) -> None:
        self._engine.close()
