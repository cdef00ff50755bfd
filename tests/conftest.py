"""Shared fixtures: the shipped rules, small hand-made policies, copies of rules/ to break."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import pytest

from allocator.desk.service import Allocator
from allocator.load import schemas
from allocator.load.files import default_rules_dir
from allocator.load.fingerprint import fingerprint
from allocator.model import Policy, Source, Vocabulary, stratify

SHIPPED = default_rules_dir()
#: The plainest decide: a lone actor planning terrorism in Belgium (VSSE leads).
LONE_ACTOR = ["decide", "--topic", "terrorism", "--location", "belgium", "--actor", "lone-actor"]


def domain_size(vocabulary: Any) -> int:
    """How many cases a vocabulary describes: topics x locations x actors x targets x 2^flags."""
    size = 2 ** len(vocabulary.ids("flags"))
    for name in ("topics", "locations", "actors", "targets"):
        size *= len(vocabulary.ids(name))
    return size


def term(term_id: str) -> dict[str, Any]:
    words = {"nl": term_id, "fr": term_id, "en": term_id}
    return {"id": term_id, "label": words, "description": words}


def small_vocabulary(**extra: Iterable[str]) -> Vocabulary:
    """A vocabulary small enough to reason about in a test."""
    lists: dict[str, Iterable[str]] = {
        "topics": ["terrorism", "espionage", "crime"],
        "locations": ["belgium", "military-site", "abroad"],
        "actors": ["group", "soldier", "spy"],
        "targets": ["unspecified", "defence", "government"],
        "flags": ["imminent", "offence-indicated"],
        "services": ["adiv", "vsse"],
        "partners": ["ocad", "nccn", "fedpol"],
        "mechanisms": ["liaison", "joint-platform", "crisis-cell", "cciv"],
        "facts": ["defence-nexus", "civil-setting", "abroad"],
    }
    lists.update(extra)
    data: dict[str, Any] = {name: [term(i) for i in ids] for name, ids in lists.items()}
    data["settings"] = {"escalation": ["liaison", "cciv"]}
    return schemas.vocabulary_model(schemas.Vocabulary.model_validate(data))


def make_policy(rules: list[dict[str, Any]], vocabulary: Vocabulary | None = None) -> Policy:
    """A Policy built in memory from rule dicts (title, basis and description filled in when absent)."""
    vocabulary = vocabulary or small_vocabulary()
    models = tuple(
        schemas.rule_model(
            schemas.Rule.model_validate(
                {"title": r["id"], "basis": "test", "description": "test", **r}
            )
        )
        for r in rules
    )
    stages, cycles = stratify(models)
    assert not cycles, cycles
    return Policy(
        vocabulary=vocabulary,
        rules=models,
        sources={
            r.id: Source(path="test.yaml", line=i + 1, column=3) for i, r in enumerate(models)
        },
        strata=stages,
        fingerprint=fingerprint(vocabulary, models),
        directory="<memory>",
    )


@pytest.fixture(scope="session")
def shipped() -> Allocator:
    """The shipped rules, every decision from the engine (no decision cache)."""
    return Allocator.from_directory(SHIPPED, cache=False)


@pytest.fixture
def rules_copy(tmp_path: Path) -> Path:
    """A private copy of the shipped rules, to edit or break."""
    target = tmp_path / "rules"
    shutil.copytree(SHIPPED, target)
    return target


@pytest.fixture
def edit() -> Callable[[Path, str, str], None]:
    """Replace one exact piece of text in a file (failing if it is not there)."""

    def replace(path: Path, old: str, new: str) -> None:
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {path.name}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    return replace


@pytest.fixture(autouse=True)
def private_cache(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Compiled rule sets and cached decisions of the tests go to a directory of their own."""
    path = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("ALLOCATOR_CACHE_DIR", str(path))
    return path


@pytest.fixture(autouse=True)
def _private_decision_log(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Decisions given during the tests go to a log of their own, never to the user's."""
    path = tmp_path_factory.mktemp("log") / "decisions.jsonl"
    monkeypatch.setenv("ALLOCATOR_LOG", str(path))
    return path
