"""`allocator check`: planted problems give exactly their finding and exit code; the analysis equals brute force."""

from __future__ import annotations

import itertools
import json
from pathlib import Path
from typing import Any

import pytest

from allocator.analysis.domain import build_model, check_findings, same_decisions
from allocator.analysis.regions import contains
from allocator.desk.service import Allocator
from allocator.load.policy import load_policy
from allocator.staff.check import check
from allocator.testing import run_cli
from tests.helpers import SHIPPED, Decisions, domain_size

EN = {"ALLOCATOR_LANG": "en"}


def run_check(rules: Path, *extra: str) -> tuple[int, dict[str, Any]]:
    result = run_cli(["check", "--rules", str(rules), "--format", "json", *extra], EN)
    return result.exit_code, json.loads(result.stdout)


def codes(document: dict[str, Any]) -> list[str]:
    return [problem["code"] for problem in document["problems"] if problem["severity"] != "info"]


def add_rule(rules: Path, text: str) -> None:
    (rules / "planted.yaml").write_text("rules:\n" + text, encoding="utf-8")


def test_the_shipped_rules_pass_strict(shipped: Allocator) -> None:
    result = run_cli(["check", "--strict"], EN)
    assert result.exit_code == 0, result.stdout + result.stderr
    assert f"{domain_size(shipped.policy.vocabulary):,} cases" in result.stdout
    assert "0 errors, 0 warnings" in result.stdout


def test_json_report_of_the_shipped_rules(shipped: Allocator) -> None:
    result = run_cli(["check", "--format", "json"], EN)
    document = json.loads(result.stdout)
    assert document["passed"] is True
    assert document["summary"]["cases"] == domain_size(shipped.policy.vocabulary)
    assert document["findings"] == []
    assert document["ruleset"].startswith("sha256:")


@pytest.fixture(scope="module")
def espionage_art8_only(flag_free_decisions: Decisions) -> int:
    """The flag-free espionage cases to which espionage.art8-threat alone gives a lead, no other
    lead rule applying: those without a Defence nexus (the civil locations, civil actors, and
    targets that are neither Defence nor Belgians abroad), but for a foreign intelligence service
    against a civil target (foreign-service.civil-target). Counted on the engine's decisions,
    over the vocabulary as it is."""
    count = sum(
        1
        for (topic, *_), decision in flag_free_decisions.items()
        if topic == "espionage"
        and decision.lead_rules == ("espionage.art8-threat",)
        and not decision.overridden
    )
    assert count > 0
    return count


def test_a_removed_lead_rule_is_a_gap_with_its_region(
    rules_copy: Path, edit: Any, espionage_art8_only: int
) -> None:
    text = (rules_copy / "espionage.yaml").read_text()
    start = text.index("  - id: espionage.art8-threat")
    end = text.index("  - id: espionage.diplomats")
    (rules_copy / "espionage.yaml").write_text(text[:start] + text[end:])
    code, document = run_check(rules_copy)
    assert code == 3
    assert set(codes(document)) == {"gap"}
    findings = document["findings"]
    assert {finding["kind"] for finding in findings} == {"gap"}
    assert all(finding["example"]["topic"] == "espionage" for finding in findings)
    assert all(region["topic"] == ["espionage"] for f in findings for region in f["regions"])
    flags = 2 ** len(load_policy(rules_copy).vocabulary.ids("flags"))
    assert sum(finding["cases"] for finding in findings) == espionage_art8_only * flags
    text_result = run_cli(["check", "--rules", str(rules_copy)], EN)
    for finding in findings:
        assert (
            f"gap: no rule gives a lead for {finding['cases']:,} cases: topic=espionage"
            in text_result.stderr
        )
    assert "for instance: allocator decide --topic espionage" in text_result.stderr


def test_a_duplicated_lead_rule_with_another_service_is_a_conflict(
    rules_copy: Path, espionage_art8_only: int
) -> None:
    add_rule(
        rules_copy,
        "  - id: planted.rival\n"
        "    title: A rival\n"
        "    basis: None\n"
        "    description: Gives espionage without a Defence nexus to ADIV.\n"
        "    when: {topic: espionage, not: {facts: defence-nexus}}\n"
        "    then: {lead: adiv, priority: 200}\n",
    )
    code, document = run_check(rules_copy)
    assert code == 3
    assert codes(document) == ["conflict"]
    (finding,) = document["findings"]
    assert finding["rules"] == ["espionage.art8-threat", "planted.rival"]
    assert finding["leads"] == ["vsse", "adiv"]
    flags = 2 ** len(load_policy(rules_copy).vocabulary.ids("flags"))
    assert finding["cases"] == espionage_art8_only * flags
    problem = document["problems"][0]
    assert problem["path"].endswith("planted.yaml")
    assert (problem["line"], problem["column"]) == (2, 9)


def test_a_rule_under_a_broader_one_is_shadowed(rules_copy: Path) -> None:
    add_rule(
        rules_copy,
        "  - id: planted.ocad-in-brussels\n"
        "    title: OCAD for terrorism in Belgium\n"
        "    basis: Law of 10 July 2006\n"
        "    description: Already given by terrorism.ocad everywhere.\n"
        "    when: {topic: terrorism, location: belgium}\n"
        "    then: {partners: ocad}\n",
    )
    code, document = run_check(rules_copy)
    assert code == 0  # a warning only
    assert codes(document) == ["shadowed-rule"]
    (finding,) = document["findings"]
    assert finding["kind"] == "shadowed"
    assert finding["rules"][0] == "planted.ocad-in-brussels"
    assert "terrorism.ocad" in finding["by"]
    strict_code, _ = run_check(rules_copy, "--strict")
    assert strict_code == 3


def test_an_outranked_lead_rule_is_shadowed(rules_copy: Path) -> None:
    add_rule(
        rules_copy,
        "  - id: planted.outranked\n"
        "    title: Always outranked\n"
        "    basis: None\n"
        "    description: Military security is already ADIV's at 400.\n"
        "    when: {topic: military-security}\n"
        "    then: {lead: vsse, priority: 100}\n",
    )
    code, document = run_check(rules_copy, "--strict")
    assert code == 3
    assert codes(document) == ["shadowed-rule"]


def test_conditions_that_never_hold_together_are_a_dead_rule(rules_copy: Path) -> None:
    add_rule(
        rules_copy,
        "  - id: planted.dead\n"
        "    title: Never\n"
        "    basis: None\n"
        "    description: Abroad and not abroad at once.\n"
        "    when: {topic: terrorism, facts: abroad, not: {location: [abroad, operations-theatre]}}\n"
        "    then: {partners: un}\n",
    )
    code, document = run_check(rules_copy)
    assert code == 0
    assert codes(document) == ["dead-rule"]
    assert (
        document["problems"][0]["message"]
        == "the conditions of `planted.dead` never hold together: it applies to no case"
    )


def test_a_typo_is_an_error_with_did_you_mean(rules_copy: Path, edit: Any) -> None:
    edit(rules_copy / "terrorism.yaml", "      partners: ocad", "      partners: ocda")
    code, document = run_check(rules_copy)
    assert code == 3
    (problem,) = [p for p in document["problems"] if p["severity"] == "error"]
    assert problem["code"] == "unknown-id"
    assert problem["help"].startswith("did you mean `ocad`?")
    assert problem["path"].endswith("terrorism.yaml")
    assert problem["line"] > 0
    assert problem["column"] == 17


def test_an_unused_partner_and_an_unused_fact_are_warnings(rules_copy: Path, edit: Any) -> None:
    edit(rules_copy / "flags.yaml", "      partners: osce", "      consultation: liaison")
    words = '{nl: "x", fr: "x", en: "x"}'
    edit(
        rules_copy / "vocabulary.yaml",
        "\nsettings:",
        f"\n  - id: planted-fact\n    label: {words}\n    description: {words}\n\nsettings:",
    )
    add_rule(
        rules_copy,
        "  - id: planted.fact\n"
        "    title: A fact nobody reads\n"
        "    basis: None\n"
        "    description: Derived, never used.\n"
        "    when: {topic: terrorism}\n"
        "    then: {derive: planted-fact}\n",
    )
    code, document = run_check(rules_copy)
    assert code == 0
    found = {(p["code"], p["message"]) for p in document["problems"] if p["severity"] == "warning"}
    assert ("unused-id", "the partner `osce` is never used by any rule") in found
    assert ("unused-fact", "the fact `planted-fact` is derived but no rule uses it") in found
    assert run_check(rules_copy, "--strict")[0] == 3


def test_every_problem_is_listed_sorted_and_all_at_once(rules_copy: Path, edit: Any) -> None:
    edit(rules_copy / "terrorism.yaml", "      partners: ocad", "      partners: ocda")
    edit(rules_copy / "espionage.yaml", "    when:\n", "    wen:\n")
    result = run_cli(["check", "--rules", str(rules_copy)], EN)
    assert result.exit_code == 3
    lines = [
        line for line in result.stderr.splitlines() if ": " in line and not line.startswith("  ")
    ]
    assert any("espionage.yaml" in line and "unknown-key" in line for line in lines)
    assert any("terrorism.yaml" in line and "unknown-id" in line for line in lines)
    paths = [
        line.split(":")[0]
        for line in lines
        if line.startswith("rules") or "/" in line.split(":")[0]
    ]
    assert paths == sorted(paths)


# --------------------------------------------------------------------------- the analysis equals brute force


def assert_same_decision(engine: Any, symbolic: dict[str, Any], case: dict[str, Any]) -> None:
    """The engine's decision and the one read off the symbolic model are the same."""
    seen = (
        engine.outcome,
        engine.lead,
        list(engine.partners),
        list(engine.consultation),
        list(engine.competent),
        engine.competence,
    )
    keys = ("outcome", "lead", "partners", "consultation", "competent", "competence")
    assert seen == tuple(symbolic[key] for key in keys), case


def brute_force_agrees(
    rules: Path, targets: list[str], flags: list[list[str]], known: Decisions | None = None
) -> int:
    """Compares every case of the product with the symbolic model; `known`: the engine's decisions
    of the flag-free cases, when they were computed already."""
    policy = load_policy(rules)
    if known is not None:
        assert policy.fingerprint == next(iter(known.values())).ruleset
    model = build_model(policy)
    allocator = Allocator(policy)
    vocabulary = policy.vocabulary
    compared = 0
    for topic, location, actor, target, flag_set in itertools.product(
        vocabulary.ids("topics"),
        vocabulary.ids("locations"),
        vocabulary.ids("actors"),
        targets,
        flags,
    ):
        case = {
            "topic": topic,
            "location": location,
            "actor": actor,
            "target": target,
            "flags": flag_set,
        }
        if known is not None and not flag_set:
            engine = known[topic, location, actor, target]
        else:
            engine = allocator.decide(case)
        assert_same_decision(engine, model.decide(case), case)
        box = model.space.box_of_case(case)
        assert contains(model.gap_lead, box) == ("lead" in engine.missing), case
        assert contains(model.conflict_region, box) == (engine.outcome == "conflict"), case
        compared += 1
    allocator.close()
    return compared


@pytest.mark.slow
def test_the_analysis_equals_brute_force_on_the_shipped_rules(
    shipped: Allocator, flag_free_decisions: Decisions
) -> None:
    targets = ["unspecified", "defence", "belgian-nationals-abroad", "government"]
    flag_sets = [
        [],
        ["imminent", "goods-transfer"],
        ["policy-question", "disputed", "cyber-component"],
    ]
    compared = brute_force_agrees(
        Path(shipped.policy.directory), targets, flag_sets, flag_free_decisions
    )
    vocabulary = shipped.policy.vocabulary
    assert compared == (
        len(vocabulary.ids("topics"))
        * len(vocabulary.ids("locations"))
        * len(vocabulary.ids("actors"))
        * len(targets)
        * len(flag_sets)
    )


@pytest.mark.slow
def test_the_analysis_equals_brute_force_on_planted_gaps_and_conflicts(rules_copy: Path) -> None:
    add_rule(
        rules_copy,
        "  - id: planted.rival\n"
        "    title: A rival\n"
        "    basis: None\n"
        "    description: Conflicts with terrorism.art8-threat when a lone actor is followed.\n"
        "    when: {topic: [terrorism, extremism], facts: individual-followed, not: {location: abroad}}\n"
        "    then: {lead: none, priority: 200}\n"
        "  - id: planted.imminent-espionage\n"
        "    title: Imminent espionage to VSSE\n"
        "    basis: None\n"
        "    description: At the priority of a Defence nexus, so it conflicts with espionage.defence-nexus.\n"
        "    when: {topic: espionage, flags: imminent}\n"
        "    then: {lead: vsse, priority: 400}\n",
    )
    text = (rules_copy / "proliferation.yaml").read_text()
    start = text.index("  - id: proliferation.art8-threat")
    end = text.index("  - id: proliferation.customs")
    (rules_copy / "proliferation.yaml").write_text(text[:start] + text[end:])
    compared = brute_force_agrees(rules_copy, ["unspecified", "defence"], [[], ["imminent"]])
    vocabulary = load_policy(rules_copy).vocabulary
    assert compared == (
        len(vocabulary.ids("topics"))
        * len(vocabulary.ids("locations"))
        * len(vocabulary.ids("actors"))
        * 2
        * 2
    )
    kinds = {finding.kind for finding in check_findings(load_policy(rules_copy))}
    assert {"gap", "conflict"} <= kinds


def test_check_report_object(rules_copy: Path) -> None:
    report = check(rules_copy)
    assert report.passed(strict=True)
    assert report.model is not None
    assert report.policy is not None
    assert report.model.space.total() == domain_size(report.policy.vocabulary)


# --------------------------------------------------------------------------- shadowed rules equal a rebuild without each rule


def crowded_rule_set(directory: Path, count: int, seed: int, recursive: bool) -> Path:
    """A generated rule set (tests/rulegen.py) made crowded: few partners, mechanisms and
    priorities, broad conditions, so that many rules overlap, outrank or repeat one another."""
    import random
    import shutil

    from tests.rulegen import VOCABULARY, generate, vocabulary_ids

    rnd = random.Random(seed)
    rules = generate(count, seed, vocabulary_ids(), recursive=recursive)
    for rule in rules:
        then, when = rule["then"], rule["when"]
        if "partners" in then:
            then["partners"] = rnd.sample(["ocad", "adiv", "vsse"], rnd.randint(1, 2))
        if "consultation" in then:
            then["consultation"] = rnd.sample(["liaison", "cciv", "joint-platform"], 1)
        if "priority" in then:
            then["priority"] = rnd.choice([100, 200])
        for attribute in ("topic", "location", "actor", "target"):
            tested = [key for key in when if key not in ("not", "facts", "flags")]
            if attribute in when and len(tested) > 1 and rnd.random() < 0.9:
                del when[attribute]
    directory.mkdir()
    shutil.copyfile(SHIPPED / VOCABULARY, directory / VOCABULARY)
    text = "rules:\n" + "".join(f"  - {json.dumps(rule)}\n" for rule in rules)
    (directory / "crowded.yaml").write_text(text, encoding="utf-8")
    return directory


@pytest.mark.slow
@pytest.mark.parametrize(
    ("count", "seed", "recursive"), [(100, 1, False), (100, 6, False), (90, 6, True)]
)
def test_shadowed_rules_are_those_whose_removal_changes_nothing(
    tmp_path: Path, count: int, seed: int, recursive: bool
) -> None:
    """check_findings finds shadowed rules without building the model again without each rule:
    it must name exactly the rules a rebuild without them shows to change no decision."""
    policy = load_policy(crowded_rule_set(tmp_path / "rules", count, seed, recursive), cache=False)
    model = build_model(policy)
    shadowed = {f.rules[0] for f in check_findings(policy, model) if f.kind == "shadowed"}
    expected = set()
    for rule in policy.rules:
        if not model.rule_sets[rule.id]:
            continue  # dead, not shadowed
        others = [other for other in policy.rules if other.id != rule.id]
        if same_decisions(model, build_model(policy, others, model.space)):
            expected.add(rule.id)
    assert shadowed == expected
    assert len(expected) >= 7  # the set is crowded enough to mean something
    assert len(expected) < len(policy.rules) // 2


@pytest.mark.slow
@pytest.mark.parametrize(("count", "seed", "recursive"), [(60, 5, False), (150, 7, True)])
def test_the_model_of_a_generated_rule_set_equals_the_engine(
    tmp_path: Path, count: int, seed: int, recursive: bool
) -> None:
    """Irregular rules (tests/rulegen.py): derived facts, negations, flags, overlapping priorities;
    random cases, any flags."""
    import random

    from tests.rulegen import write_rule_set

    rules = write_rule_set(tmp_path / "rules", count, seed=seed, recursive=recursive)
    policy = load_policy(rules, cache=False)
    model = build_model(policy)
    vocabulary = policy.vocabulary
    rnd = random.Random(seed)
    outcomes = set()
    with Allocator(policy, cache=False) as allocator:
        for _ in range(5_000):
            case: dict[str, Any] = {
                attribute: rnd.choice(vocabulary.ids(name))
                for attribute, name in (
                    ("topic", "topics"),
                    ("location", "locations"),
                    ("actor", "actors"),
                    ("target", "targets"),
                )
            }
            case["flags"] = [flag for flag in vocabulary.ids("flags") if rnd.random() < 0.2]
            engine = allocator.decide(case)
            assert_same_decision(engine, model.decide(case), case)
            outcomes.add(engine.outcome)
    assert outcomes == {"decided", "gap", "conflict"}


def test_a_second_check_of_the_same_bytes_reads_the_compiled_rules_and_says_the_same(
    rules_copy: Path, edit: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`check` takes the policy, and the warnings and notes its files gave when parsed, from the
    cache of compiled rule sets when the very same bytes were compiled before: the report is the
    same, without the YAML parser. An edit is parsed again."""
    import allocator.load.rules as rules_module

    edit(rules_copy / "flags.yaml", "      partners: osce", "      consultation: liaison")
    add_rule(
        rules_copy,
        "  - id: planted.untranslated\n"
        "    title: Only in English\n"
        "    basis: None\n"
        "    description: A rule whose texts are in one language.\n"
        "    when: {topic: terrorism}\n"
        "    then: {partners: ocad}\n",
    )
    first = run_check(rules_copy)

    def no_parsing(*_: Any) -> Any:
        raise AssertionError("the YAML was parsed again")

    with monkeypatch.context() as patch:
        patch.setattr(rules_module, "parse_rules", no_parsing)
        second = run_check(rules_copy)
    first[1]["summary"].pop("seconds")
    second[1]["summary"].pop("seconds")
    assert second == first
    assert any(p["severity"] == "warning" for p in first[1]["problems"])
    assert any(p["severity"] == "info" for p in first[1]["problems"])
    edit(rules_copy / "flags.yaml", "      consultation: liaison", "      partners: osce")
    third = run_check(rules_copy)
    assert third[1]["problems"] != first[1]["problems"]
