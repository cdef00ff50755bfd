"""The specification covers the rules: every rule is named by a scenario, and the feature files are sound."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import cast

import pytest
from gherkin.parser import Parser
from gherkin.parser_types import ScenarioEnvelope

from allocator.desk.service import Allocator
from allocator.staff.coverage import CoverageReport, coverage
from allocator.testing import run_cli

FEATURES = Path(__file__).resolve().parent.parent / "features"
FEATURE_FILES = sorted(FEATURES.rglob("*.feature"))


@pytest.fixture(scope="module")
def report(shipped: Allocator) -> CoverageReport:
    return coverage(shipped.policy, FEATURES)


def test_every_rule_is_named_by_a_scenario(report: CoverageReport) -> None:
    assert not report.unnamed(), f"rules no scenario names: {', '.join(report.unnamed())}"


def test_every_rule_is_exercised_by_a_scenario_case(report: CoverageReport) -> None:
    assert not report.unexercised(), (
        f"rules no scenario case exercises: {', '.join(report.unexercised())}"
    )


def test_every_lead_region_is_reached(report: CoverageReport) -> None:
    unreached = [region.rule for region in report.regions if region.cases and not region.hits]
    assert not unreached, f"lead regions no scenario case reaches: {unreached}"


def test_every_shape_of_competence_and_lead_is_reached(report: CoverageReport) -> None:
    """Shared with each lead, each service alone, none: the scenarios reach every combination."""
    unreached = [(c.competence, c.lead) for c in report.competence if c.cases and not c.hits]
    assert not unreached, f"competence and lead no scenario case reaches: {unreached}"
    shapes = {(c.competence, c.lead) for c in report.competence}
    assert {("shared", "adiv"), ("shared", "vsse"), ("adiv", "adiv"), ("vsse", "vsse")} <= shapes
    assert ("none", "none") in shapes


def test_the_coverage_command(tmp_path: Path) -> None:
    result = run_cli(["coverage"], {"ALLOCATOR_LANG": "en"})
    assert result.exit_code == 0, result.stdout
    assert "exercised by a scenario case" in result.stdout
    empty = tmp_path / "features"
    empty.mkdir()
    (empty / "one.feature").write_text(
        "Feature: One\n  Scenario: Only terrorism\n"
        '    Given a case about "terrorism" in "belgium" involving a "lone-actor"\n'
        "    When the duty officer asks who leads\n"
        '    Then the lead service is "vsse"\n'
    )
    partial = run_cli(
        ["coverage", "--features", str(empty), "--format", "json"], {"ALLOCATOR_LANG": "en"}
    )
    assert partial.exit_code == 1
    document = json.loads(partial.stdout)
    assert document["rules"]["terrorism.art8-threat"] == {"exercised": 1, "named": False}
    assert document["rules"]["crime.no-art8-link"]["exercised"] == 0
    assert 0 < document["domain_share"] < 0.1


@pytest.mark.parametrize("path", FEATURE_FILES, ids=lambda p: p.name)
def test_feature_file_parses_and_names_each_scenario_once(path: Path) -> None:
    document = Parser().parse(path.read_text(encoding="utf-8"))
    names = [
        cast(ScenarioEnvelope, child)["scenario"]["name"]
        for child in document["feature"]["children"]
        if "scenario" in child
    ]
    duplicates = [name for name, count in Counter(names).items() if count > 1]
    assert not duplicates, (
        f"{path.name}: scenario names used twice (pytest-bdd would run one): {duplicates}"
    )
