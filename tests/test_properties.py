"""Properties of every decision and of the fingerprint, checked on generated inputs (hypothesis)."""

from __future__ import annotations

import random
import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from allocator.desk.service import Allocator
from allocator.load.policy import load_policy
from tests.helpers import SHIPPED

VOCABULARY = load_policy(SHIPPED).vocabulary
LADDER = list(VOCABULARY.ids("mechanisms"))

cases = st.fixed_dictionaries(
    {
        "topic": st.sampled_from(VOCABULARY.ids("topics")),
        "location": st.sampled_from(VOCABULARY.ids("locations")),
        "actor": st.sampled_from(VOCABULARY.ids("actors")),
        "target": st.sampled_from(VOCABULARY.ids("targets")),
        "flags": st.lists(st.sampled_from(VOCABULARY.ids("flags")), unique=True, max_size=4),
    }
)


@settings(max_examples=400, deadline=None)
@given(cases)
def test_every_decision_keeps_the_contract(shipped: Allocator, case: dict[str, Any]) -> None:
    allocator = shipped
    decision = allocator.decide(case)
    again = allocator.decide(
        dict(reversed(list(case.items())))
    )  # deterministic, whatever the key order
    assert again == decision
    if decision.outcome == "decided":
        assert decision.lead in {"adiv", "vsse", "none"}
        assert decision.lead_rules
        assert not decision.escalation
    else:
        assert decision.lead is None
        assert decision.escalation
        assert decision.conflict or decision.missing
    assert decision.lead not in decision.partners
    assert list(decision.partners) == sorted(set(decision.partners))
    assert decision.consultation
    assert list(decision.consultation) == sorted(decision.consultation, key=LADDER.index)
    assert len(set(decision.consultation)) == len(decision.consultation)
    assert set(decision.rules) <= {rule.id for rule in allocator.policy.rules}
    assert decision.ruleset == allocator.policy.fingerprint


# --------------------------------------------------------------------------- the fingerprint

ORIGINAL = {path.name: path.read_bytes() for path in SHIPPED.glob("*.yaml")}
RULE_FILES = sorted(ORIGINAL)
LAYOUT_EDITS = ["blank", "comment", "trailing-space", "indent-comment"]


def _edit_layout(text: str, edits: list[tuple[str, int]]) -> str:
    lines = text.split("\n")
    for kind, where in edits:
        index = where % (len(lines) + 1)
        if kind == "blank":
            lines.insert(index, "")
        elif kind == "comment":
            lines.insert(index, "# a note for the reviewers")
        elif kind == "indent-comment":
            lines.insert(index, "      # an indented note")
        elif kind == "trailing-space" and index < len(lines) and lines[index].strip():
            lines[index] += "   "
    return "\n".join(lines)


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One copy of the rules, at one path, for every example to edit. The files an example leaves
    alone are then the same bytes at the same path as before: the loader takes them from its memo
    of parsed files, and only the file edited is parsed again (in full)."""
    directory = tmp_path_factory.mktemp("scratch") / "rules"
    directory.mkdir()
    return directory


def pristine(directory: Path) -> Path:
    """`directory` holding exactly the shipped rule files again."""
    for path in directory.iterdir():
        if path.name not in ORIGINAL:
            path.unlink()
    for name, data in ORIGINAL.items():
        (directory / name).write_bytes(data)
    return directory


@settings(max_examples=25, deadline=None)
@given(
    name=st.sampled_from(RULE_FILES),
    edits=st.lists(
        st.tuples(st.sampled_from(LAYOUT_EDITS), st.integers(min_value=0, max_value=10_000)),
        min_size=1,
        max_size=8,
    ),
)
def test_layout_only_edits_keep_the_fingerprint(
    shipped: Allocator, scratch: Path, name: str, edits: list[tuple[str, int]]
) -> None:
    """Documented: comments, blank lines and trailing blanks do not change the fingerprint."""
    directory = pristine(scratch)
    path = directory / name
    path.write_text(_edit_layout(path.read_text(encoding="utf-8"), edits), encoding="utf-8")
    assert load_policy(directory).fingerprint == shipped.policy.fingerprint


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(min_value=0, max_value=2**32))
def test_any_content_edit_changes_the_fingerprint(
    shipped: Allocator, scratch: Path, seed: int
) -> None:
    rnd = random.Random(seed)
    directory = pristine(scratch)
    name = rnd.choice([n for n in RULE_FILES if n != "vocabulary.yaml"])
    path = directory / name
    lines = path.read_text(encoding="utf-8").split("\n")
    texts = [i for i, line in enumerate(lines) if line.strip().startswith(("en: ", "basis: "))]
    index = rnd.choice(texts)
    lines[index] = lines[index].rstrip().rstrip('"') + (
        ' (amended)"' if lines[index].rstrip().endswith('"') else " (amended)"
    )
    path.write_text("\n".join(lines), encoding="utf-8")
    assert load_policy(directory).fingerprint != shipped.policy.fingerprint


def test_the_fingerprint_ignores_the_directory(shipped: Allocator, tmp_path: Path) -> None:
    directory = tmp_path / "elsewhere" / "rules"
    shutil.copytree(SHIPPED, directory)
    assert load_policy(directory).fingerprint == shipped.policy.fingerprint
