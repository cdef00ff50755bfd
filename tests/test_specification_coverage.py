"""The specification covers the rules: every rule is named by a scenario, and the feature files are sound."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from gherkin.parser import Parser

from allocator.api import Allocator

FEATURES = Path(__file__).resolve().parent.parent / "features"
FEATURE_FILES = sorted(FEATURES.rglob("*.feature"))


def _quoted_and_cells(text: str) -> set[str]:
    words = set(re.findall(r'"([^"]+)"', text))
    for line in text.splitlines():
        if line.strip().startswith("|"):
            words.update(cell.strip() for cell in line.strip().strip("|").split("|"))
    named: set[str] = set()
    for word in words:
        named.update(part.strip() for part in word.split(","))
    return named


def test_every_rule_is_named_by_a_scenario(shipped: Allocator) -> None:
    named: set[str] = set()
    for path in FEATURE_FILES:
        named |= _quoted_and_cells(path.read_text(encoding="utf-8"))
    uncovered = sorted(rule.id for rule in shipped.policy.rules if rule.id not in named)
    assert not uncovered, f"rules no scenario names: {', '.join(uncovered)}"


@pytest.mark.parametrize("path", FEATURE_FILES, ids=lambda p: p.name)
def test_feature_file_parses_and_names_each_scenario_once(path: Path) -> None:
    document = Parser().parse(path.read_text(encoding="utf-8"))
    names = [
        child["scenario"]["name"]
        for child in document["feature"]["children"]
        if "scenario" in child
    ]
    duplicates = [name for name, count in Counter(names).items() if count > 1]
    assert not duplicates, (
        f"{path.name}: scenario names used twice (pytest-bdd would run one): {duplicates}"
    )
