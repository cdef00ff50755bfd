"""A new topic is content only: in a copy of the checkout, policy staff add `critical-infrastructure`
to the vocabulary, a rule file for it and a scenario, follow what `allocator check --strict` tells
them to run, and everything holds: check, the specification (`allocator spec`), its coverage, and
the engine against the oracle over the exact partition of the new domain. No code, no test
changes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from allocator.analysis.domain import build_model
from allocator.desk.service import Allocator
from allocator.load.policy import load_policy
from allocator.testing import oracle, run_cli
from tests.project import copy_project, make
from tests.test_check import assert_same_decision
from tests.test_oracle import engine_view, flag_free_cells, oracle_view

EN = {"ALLOCATOR_LANG": "en"}
TOPIC = "critical-infrastructure"
VOCABULARY_ENTRY = """\
  - id: "critical-infrastructure"
    label: {nl: "Kritieke infrastructuur", fr: "Infrastructure critique", en: "Critical infrastructure"}
    description:
      nl: "Dreiging tegen een kritieke entiteit (energie, vervoer, water, digitale infrastructuur) waarvan de verstoring de samenleving ernstig zou treffen."
      fr: "Menace contre une entité critique (énergie, transport, eau, infrastructure numérique) dont la perturbation affecterait gravement la société."
      en: "Threat against a critical entity (energy, transport, water, digital infrastructure) whose disruption would seriously affect society."
"""
RULE_FILE = """\
# yaml-language-server: $schema=../schema/rules.schema.json
#
# Threats against critical infrastructure: VSSE leads, the National Crisis Centre is informed.

rules:
  - id: critical-infrastructure.vsse
    title:
      nl: "Een dreiging tegen kritieke infrastructuur: VSSE leidt, het NCCN wordt ingelicht"
      fr: "Une menace contre une infrastructure critique : la VSSE pilote, le NCCN est informé"
      en: "A threat against critical infrastructure is led by VSSE, with NCCN informed"
    basis:
      nl: "Wet van 30 november 1998 houdende regeling van de inlichtingen- en veiligheidsdiensten, art. 7, 1°; wet van 1 juli 2011 betreffende de beveiliging en de bescherming van de kritieke infrastructuren"
      fr: "Loi du 30 novembre 1998 organique des services de renseignement et de sécurité, art. 7, 1° ; loi du 1er juillet 2011 relative à la sécurité et la protection des infrastructures critiques"
      en: "Organic Law of 30 November 1998 on the intelligence and security services, art. 7, 1°; Law of 1 July 2011 on the security and protection of critical infrastructure"
    description:
      nl: "VSSE is bevoegd en leidt; het NCCN coördineert de bescherming van kritieke entiteiten."
      fr: "La VSSE est compétente et pilote ; le NCCN coordonne la protection des entités critiques."
      en: "VSSE is competent and leads; NCCN coordinates the protection of critical entities."
    when:
      topic: critical-infrastructure
    then:
      lead: vsse
      priority: 200
      competent: vsse
      partners: nccn
"""
FEATURE_FILE = """\
Feature: Threats against critical infrastructure
  A threat against a critical entity (energy, transport, water, digital infrastructure) is led
  by VSSE; the National Crisis Centre coordinates the protection of critical entities.

  Scenario: A lone actor scouts a drinking-water plant
    Given a case about "critical-infrastructure" in "belgium" involving a "lone-actor"
    When the duty officer asks who leads
    Then the lead service is "vsse"
    And the competence is "exclusive"
    And "nccn" is among the partners
    And the decision rests on rule "critical-infrastructure.vsse"
"""


def check_json(rules: Path) -> tuple[int, dict[str, Any]]:
    result = run_cli(["check", "--strict", "--rules", str(rules), "--format", "json"], EN)
    return result.exit_code, json.loads(result.stdout)


@pytest.fixture(scope="module")
def proposal(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the checkout with the new topic written in: content, as policy staff write it."""
    root = copy_project(tmp_path_factory.mktemp("new-topic") / "allocator")
    vocabulary = root / "rules" / "vocabulary.yaml"
    text = vocabulary.read_text(encoding="utf-8")
    vocabulary.write_text(text.replace("\nlocations:", f"\n{VOCABULARY_ENTRY}\nlocations:", 1))
    (root / "rules" / "critical_infrastructure.yaml").write_text(RULE_FILE, encoding="utf-8")
    (root / "features" / "critical_infrastructure.feature").write_text(FEATURE_FILE)
    return root


@pytest.fixture(scope="module")
def followed(proposal: Path) -> dict[str, Any]:
    """`allocator check --strict` on the proposal, then each command its hints name, run as the
    hint says; the first report, and the commands run."""
    code, first = check_json(proposal / "rules")
    commands = []
    for problem in first["problems"]:
        if problem["severity"] != "info" and problem["help"]:
            for target in ("schema", "readme"):
                if f"run `make {target}`" in problem["help"] and target not in commands:
                    commands.append(target)
    for target in commands:
        result = make(proposal, target)
        assert result.returncode == 0, result.stdout + result.stderr
    return {"code": code, "first": first, "commands": commands}


def test_check_names_what_to_run_and_then_passes(proposal: Path, followed: dict[str, Any]) -> None:
    first = followed["first"]
    warnings = {p["code"] for p in first["problems"] if p["severity"] != "info"}
    # The vocabulary changed the schema's enums and the README's examples (a topic more): check
    # says so, with the command that fixes each, and nothing else.
    assert warnings == {"stale-schema", "readme-example-drift"}, first["problems"]
    assert sorted(followed["commands"]) == ["readme", "schema"]  # `make readme` makes schema too
    code, document = check_json(proposal / "rules")
    assert code == 0, document["problems"]
    assert document["summary"]["errors"] == document["summary"]["warnings"] == 0
    assert document["summary"]["rules"] == first["summary"]["rules"]
    schema = json.loads((proposal / "schema" / "rules.schema.json").read_text(encoding="utf-8"))
    assert TOPIC in schema["$defs"]["topic-id"]["enum"]
    assert "Infrastructure critique" in schema["$defs"]["topic-id"]["markdownEnumDescriptions"][-1]
    assert "sabotage, critical-infrastructure" in (proposal / "README.md").read_text()


def test_the_specification_holds_and_covers_the_new_rule(
    proposal: Path, followed: dict[str, Any]
) -> None:
    rules = str(proposal / "rules")
    spec = run_cli(["spec", "--rules", rules], EN)
    assert spec.exit_code == 0, spec.stdout + spec.stderr
    assert ", 0 failed, in " in spec.stdout
    one = run_cli(
        ["spec", "--rules", rules, str(proposal / "features" / "critical_infrastructure.feature")],
        EN,
    )
    assert one.exit_code == 0, one.stdout
    assert one.stdout.startswith("1 scenario, 0 failed")
    coverage = run_cli(["coverage", "--rules", rules, "--format", "json"], EN)
    assert coverage.exit_code == 0, coverage.stdout + coverage.stderr
    report = json.loads(coverage.stdout)
    assert report["complete"] is True
    assert report["rules"]["critical-infrastructure.vsse"]["named"] is True
    assert report["rules"]["critical-infrastructure.vsse"]["exercised"] >= 1
    decided = run_cli(
        [
            *("decide", "--rules", rules, "--topic", TOPIC, "--location", "belgium"),
            *("--actor", "company", "--format", "json", "--no-log"),
        ],
        EN,
    )
    assert json.loads(decided.stdout)["lead"] == "vsse"


@pytest.mark.slow
def test_engine_equals_oracle_and_check_on_the_new_domain(
    proposal: Path, followed: dict[str, Any]
) -> None:
    """As tests/test_oracle.py does for the shipped rules: every cell of the exact partition of the
    proposal's domain, with no flag, each flag alone and all flags, decided by the engine, by the
    oracle and read off check's model, agree."""
    policy = load_policy(proposal / "rules", cache=False)
    assert TOPIC in policy.vocabulary.ids("topics")
    model = build_model(policy)
    space, cells = flag_free_cells(policy)
    flag_sets = [[], *([flag] for flag in space.flags), list(space.flags)]
    allocator = Allocator(policy)
    compared = new_topic = 0
    try:
        for cell in cells:
            base = space.example(cell)
            for flags in flag_sets:
                case = {**base, "flags": flags}
                decision = allocator.decide(case)
                assert engine_view(decision) == oracle_view(oracle.decide(policy, case)), case
                assert_same_decision(decision, model.decide(case), case)
                compared += 1
                new_topic += base["topic"] == TOPIC
    finally:
        allocator.close()
    assert compared == len(cells) * len(flag_sets)
    assert new_topic >= len(flag_sets)
