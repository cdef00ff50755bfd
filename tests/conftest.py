"""Fixtures of the unit tests: decisions of the shipped rules computed once and shared. The fixtures of the whole suite (a private decision log and cache,
the shipped rules, a copy of them to break) are in the repository's conftest.py; plain helpers are
in tests/helpers.py."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from pathlib import Path
from types import MappingProxyType

import pytest

from allocator.desk.service import Allocator
from allocator.model import Decision
from tests.helpers import ATTRIBUTE_LISTS, Decisions, FlagFreeCase


@pytest.fixture
def edit() -> Callable[[Path, str, str], None]:
    """Replace one exact piece of text in a file (failing if it is not there)."""

    def replace(path: Path, old: str, new: str) -> None:
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {path.name}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    return replace


@pytest.fixture(scope="session")
def flag_free_decisions(shipped: Allocator) -> Decisions:
    """The engine's decision for every flag-free case of the shipped rules (topics x locations x
    actors x targets), computed once: several tests read the whole domain, none may change it."""
    vocabulary = shipped.policy.vocabulary
    decisions: dict[FlagFreeCase, Decision] = {}
    for topic, location, actor, target in itertools.product(
        *(vocabulary.ids(name) for _, name in ATTRIBUTE_LISTS)
    ):
        case = {"topic": topic, "location": location, "actor": actor, "target": target}
        decisions[topic, location, actor, target] = shipped.decide(case)
    return MappingProxyType(decisions)
