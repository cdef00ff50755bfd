"""The steps of the specification, in the business language of the feature files.

Policy staff write `.feature` files with these sentences and need no Python. Every quoted value
is an id of rules/vocabulary.yaml or a rule id; a list is written "a, b, c"; an empty cell in an
Examples table means "none".

Case and decision:
    Given a case about "<topic>" in "<location>" involving a "<actor>"   (also: involving an "...")
    And the target is "<target>"
    And the case is flagged "<flag>, <flag>"
    When the duty officer asks who leads
    Then the lead service is "<adiv|vsse|none>"
    Then the rules give no lead            /  Then the rules conflict
    And the competence is "<none|exclusive|shared>"
    And the competent services are "<adiv, vsse>"   (exactly these; "none" for none)
    And "<partner>" is among the partners  /  And "<partner>" is not among the partners
    And the partners are "<a, b>"           (exactly these)
    And the consultation goes through "<mechanism>"  /  And the consultation does not go through "..."
    And the consultation is "<a, b>"        (exactly these, in ladder order)
    And the decision rests on rule "<rule id>"  /  And the decision rests on rules "<a, b>"
    And the decision does not rest on rule "<rule id>"
    And the fact "<fact>" holds  /  And the fact "<fact>" does not hold

Command line:
    Given a copy of the rules in force
    And the rule file "<name>.yaml" contains:  (doc string: the whole file)
    And in the rule file "<name>.yaml" "<text>" is replaced by "<text>"   (\n starts a new line)
    When the duty officer runs "allocator …"
    Then the exit status is <n>
    And the output says "<text>"  /  And the error output says "<text>"
    And the output is one JSON object with the keys "<a, b>"
    And the JSON field "<key>" is "<value>"
    And no traceback is shown
"""

from __future__ import annotations

import json
import shlex
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from pytest_bdd import given, parsers, then, when

from allocator.desk.service import Allocator
from allocator.load.files import default_rules_dir
from allocator.model import Decision
from allocator.staff.spec import CASE_STEP, FLAGS_STEP, RUNS_STEP, TARGET_STEP
from allocator.testing import run_cli

SHIPPED_RULES = default_rules_dir()


def _ids(text: str) -> list[str]:
    """`"a, b"` -> ["a", "b"]; empty or "none" -> []."""
    text = text.strip()
    if text in {"", "-", "none"}:
        return []
    return [part.strip() for part in text.split(",") if part.strip()]


@pytest.fixture(scope="session")
def shipped_allocator() -> Allocator:
    return Allocator.from_directory(SHIPPED_RULES, cache=False)


@dataclass
class Desk:
    """What a scenario builds up: the case described, the decision, the command run."""

    case: dict[str, Any] = field(default_factory=dict)
    decision: Decision | None = None
    rules_dir: Path | None = None
    exit_code: int | None = None
    stdout: str = ""
    stderr: str = ""


@pytest.fixture
def desk() -> Desk:
    return Desk()


@pytest.fixture(autouse=True)
def _private_decision_log(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Decisions given by the scenarios go to a log of their own, never to the user's."""
    monkeypatch.setenv("ALLOCATOR_LOG", str(tmp_path / "decisions.jsonl"))
    monkeypatch.setenv("ALLOCATOR_CACHE_DIR", str(tmp_path / "cache"))


# --------------------------------------------------------------------------- the case


@given(parsers.re(CASE_STEP))
def case_about(desk: Desk, topic: str, location: str, actor: str) -> None:
    desk.case = {"topic": topic, "location": location, "actor": actor}


@given(parsers.re(TARGET_STEP))
def target_is(desk: Desk, target: str) -> None:
    if target.strip() not in {"", "-"}:
        desk.case["target"] = target.strip()


@given(parsers.re(FLAGS_STEP))
def flagged(desk: Desk, flags: str) -> None:
    desk.case["flags"] = sorted({*desk.case.get("flags", []), *_ids(flags)})


@when("the duty officer asks who leads")
def ask(desk: Desk, shipped_allocator: Allocator) -> None:
    allocator = (
        shipped_allocator if desk.rules_dir is None else Allocator.from_directory(desk.rules_dir)
    )
    desk.decision = allocator.decide(desk.case)


def _decision(desk: Desk) -> Decision:
    assert desk.decision is not None, (
        "no decision yet: the scenario needs 'When the duty officer asks who leads'"
    )
    return desk.decision


@then(parsers.re(r'the lead service is "(?P<lead>[^"]*)"'))
def lead_is(desk: Desk, lead: str) -> None:
    decision = _decision(desk)
    assert decision.outcome == "decided", (
        f"no decision: {decision.outcome} ({', '.join(decision.conflict or decision.missing)})"
    )
    assert decision.lead == lead.strip(), (
        f"lead is {decision.lead!r}, not {lead!r}; rules: {', '.join(decision.lead_rules)}"
    )


@then("the rules give no lead")
def no_lead(desk: Desk) -> None:
    decision = _decision(desk)
    assert decision.outcome == "gap", f"outcome {decision.outcome}, lead {decision.lead}"
    assert "lead" in decision.missing, f"missing: {decision.missing}"


@then("the rules conflict")
def conflict(desk: Desk) -> None:
    decision = _decision(desk)
    assert decision.outcome == "conflict", f"outcome {decision.outcome}, lead {decision.lead}"


@then(parsers.re(r'the competence is "(?P<competence>[^"]*)"'))
def competence_is(desk: Desk, competence: str) -> None:
    decision = _decision(desk)
    assert decision.competence == competence.strip(), (
        f"competence is {decision.competence!r} ({', '.join(decision.competent) or 'no service'}),"
        f" not {competence.strip()!r}"
    )


@then(parsers.re(r'the competent services are "(?P<services>[^"]*)"'))
def competent_are(desk: Desk, services: str) -> None:
    competent = list(_decision(desk).competent)
    assert competent == sorted(_ids(services)), (
        f"competent: {', '.join(competent) or 'none'}, not {services!r}"
    )


@then(parsers.re(r'"(?P<partner>[^"]+)" is among the partners'))
def partner_in(desk: Desk, partner: str) -> None:
    partners = _decision(desk).partners
    assert partner in partners, f"{partner!r} not among the partners {list(partners)}"


@then(parsers.re(r'"(?P<partner>[^"]+)" is not among the partners'))
def partner_not_in(desk: Desk, partner: str) -> None:
    partners = _decision(desk).partners
    assert partner not in partners, f"{partner!r} is among the partners {list(partners)}"


@then(parsers.re(r'the partners are "(?P<partners>[^"]*)"'))
def partners_are(desk: Desk, partners: str) -> None:
    assert list(_decision(desk).partners) == sorted(_ids(partners))


@then(parsers.re(r'the consultation goes through "(?P<mechanisms>[^"]+)"'))
def consultation_includes(desk: Desk, mechanisms: str) -> None:
    consultation = _decision(desk).consultation
    for mechanism in _ids(mechanisms):
        assert mechanism in consultation, (
            f"{mechanism!r} not in the consultation {list(consultation)}"
        )


@then(parsers.re(r'the consultation does not go through "(?P<mechanisms>[^"]+)"'))
def consultation_excludes(desk: Desk, mechanisms: str) -> None:
    consultation = _decision(desk).consultation
    for mechanism in _ids(mechanisms):
        assert mechanism not in consultation, (
            f"{mechanism!r} is in the consultation {list(consultation)}"
        )


@then(parsers.re(r'the consultation is "(?P<mechanisms>[^"]*)"'))
def consultation_is(desk: Desk, mechanisms: str) -> None:
    assert list(_decision(desk).consultation) == _ids(mechanisms)


@then(parsers.re(r'the decision rests on rules? "(?P<rules>[^"]+)"'))
def rests_on(desk: Desk, rules: str) -> None:
    decision = _decision(desk)
    for rule in _ids(rules):
        assert rule in decision.rules, f"rule {rule!r} not among the rules {list(decision.rules)}"


@then(parsers.re(r'the decision does not rest on rule "(?P<rule>[^"]+)"'))
def not_rests_on(desk: Desk, rule: str) -> None:
    decision = _decision(desk)
    assert rule not in decision.rules, f"rule {rule!r} is among the rules {list(decision.rules)}"


@then(parsers.re(r'the fact "(?P<fact>[^"]+)" holds'))
def fact_holds(desk: Desk, fact: str) -> None:
    assert fact in _decision(desk).facts, f"facts: {list(_decision(desk).facts)}"


@then(parsers.re(r'the fact "(?P<fact>[^"]+)" does not hold'))
def fact_not_holds(desk: Desk, fact: str) -> None:
    assert fact not in _decision(desk).facts, f"facts: {list(_decision(desk).facts)}"


# --------------------------------------------------------------------------- the command line


@given("a copy of the rules in force")
def rules_copy(desk: Desk, tmp_path: Path) -> None:
    desk.rules_dir = tmp_path / "rules"
    shutil.copytree(SHIPPED_RULES, desk.rules_dir)


@given(parsers.re(r'the rule file "(?P<name>[^"]+)" contains:'))
def rule_file_contains(desk: Desk, name: str, docstring: str) -> None:
    assert desk.rules_dir is not None, "start with 'Given a copy of the rules in force'"
    (desk.rules_dir / name).write_text(docstring + "\n", encoding="utf-8")


@given(
    parsers.re(
        r'in the rule file "(?P<name>[^"]+)" "(?P<old>[^"]+)" is replaced by "(?P<new>[^"]*)"'
    )
)
def rule_file_replace(desk: Desk, name: str, old: str, new: str) -> None:
    assert desk.rules_dir is not None, "start with 'Given a copy of the rules in force'"
    path = desk.rules_dir / name
    text = path.read_text(encoding="utf-8")
    old, new = old.replace("\\n", "\n"), new.replace("\\n", "\n")
    assert old in text, f"{old!r} is not in {name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@when(parsers.re(RUNS_STEP))
def run_command(desk: Desk, command: str) -> None:
    args = shlex.split(command)
    assert args[0] == "allocator", "commands start with 'allocator'"
    env = {"ALLOCATOR_LANG": "en"}
    if desk.rules_dir is not None:
        env["ALLOCATOR_RULES"] = str(desk.rules_dir)
    result = run_cli(args[1:], env)
    desk.exit_code = result.exit_code
    desk.stdout = result.stdout
    desk.stderr = result.stderr


@then(parsers.re(r"the exit status is (?P<code>\d+)"))
def exit_status(desk: Desk, code: str) -> None:
    assert desk.exit_code == int(code), (
        f"exit {desk.exit_code}\nstdout:\n{desk.stdout}\nstderr:\n{desk.stderr}"
    )


@then(parsers.re(r'the output says "(?P<text>[^"]+)"'))
def output_says(desk: Desk, text: str) -> None:
    assert text in desk.stdout, f"{text!r} not in:\n{desk.stdout}"


@then(parsers.re(r'the error output says "(?P<text>[^"]+)"'))
def error_says(desk: Desk, text: str) -> None:
    assert text in desk.stderr, f"{text!r} not in:\n{desk.stderr}"


@then(parsers.re(r'the output is one JSON object with the keys "(?P<keys>[^"]+)"'))
def json_keys(desk: Desk, keys: str) -> None:
    document = json.loads(desk.stdout)
    assert isinstance(document, dict)
    missing = [key for key in _ids(keys) if key not in document]
    assert not missing, f"missing keys {missing} in {sorted(document)}"


@then(parsers.re(r'the JSON field "(?P<key>[^"]+)" is "(?P<value>[^"]*)"'))
def json_field(desk: Desk, key: str, value: str) -> None:
    document = json.loads(desk.stdout)
    assert str(document.get(key)) == value, f"{key} is {document.get(key)!r}"


@then("no traceback is shown")
def no_traceback(desk: Desk) -> None:
    assert "Traceback" not in desk.stdout + desk.stderr
