"""Plain helpers of the tests (no fixtures: those are in conftest.py): the shipped rules, the size
of a domain, small hand-made vocabularies and policies."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from allocator.load import schemas
from allocator.load.files import default_rules_dir
from allocator.load.fingerprint import fingerprint
from allocator.model import Decision, Policy, Source, Vocabulary, stratify

SHIPPED = default_rules_dir()
#: The lead of crime.no-art8-link as shipped: organised crime with no art. 8 link goes to the police.
NO_LEAD = "      lead: none\n      priority: 250\n"


def git(repo: Path, *args: str) -> None:
    """Run git in `repo` (with an author, so that commits work on any machine)."""
    subprocess.run(
        ["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
        check=True,
        capture_output=True,
    )


def shipped_checkout(root: Path) -> Path:
    """A git checkout at `root` whose rules/ are the shipped rules, committed (HEAD)."""
    shutil.copytree(SHIPPED, root / "rules")
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "rules as shipped")
    return root


#: The plainest decide: a lone actor planning terrorism in Belgium (VSSE leads).
LONE_ACTOR = ["decide", "--topic", "terrorism", "--location", "belgium", "--actor", "lone-actor"]
#: The case attributes that take one value, with the vocabulary list each is drawn from.
ATTRIBUTE_LISTS = (
    ("topic", "topics"),
    ("location", "locations"),
    ("actor", "actors"),
    ("target", "targets"),
)
#: A case without flags, as (topic, location, actor, target).
FlagFreeCase = tuple[str, str, str, str]
#: Decisions of flag-free cases (the `flag_free_decisions` fixture).
Decisions = Mapping[FlagFreeCase, Decision]


def domain_size(vocabulary: Vocabulary) -> int:
    """How many cases a vocabulary describes: topics x locations x actors x targets x 2^flags."""
    size: int = 2 ** len(vocabulary.ids("flags"))
    for _, name in ATTRIBUTE_LISTS:
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
