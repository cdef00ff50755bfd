"""The shipped rule set over the whole domain: no gaps, no conflicts, every id of the contract used."""

from __future__ import annotations

import itertools
from collections import defaultdict

import pytest

from allocator.analysis.domain import build_model
from allocator.analysis.regions import intersect, subtract, union
from allocator.desk.service import Allocator
from allocator.model import DEFAULT_TARGET
from allocator.staff.spec import spec_cases
from allocator.testing import run_cli
from tests.helpers import SHIPPED, Decisions, domain_size

FEATURES = SHIPPED.parent / "features"

#: The ids docs/contract.md promises; other tools and an acceptance suite rely on them.
CONTRACT = {
    "topics": "terrorism radicalisation extremism espionage interference disinformation proliferation sectarian-organisation criminal-organisation cyber-attack military-security economic-potential foreign-military-threat belgians-abroad protection-of-persons security-screening terrorism-financing sabotage",
    "locations": "belgium military-site defence-industry-site nato-site international-institution operations-theatre abroad military-network civil-network",
    "actors": "foreign-intelligence-service foreign-military state-proxy terrorist-group lone-actor extremist-group criminal-organisation sectarian-group belgian-military belgian-civilian foreign-national company unknown",
    "targets": "defence armed-forces-mission allied-forces defence-industry government democratic-process economy-science population public-figure belgian-nationals-abroad critical-infrastructure unspecified",
    "flags": "imminent offence-indicated financial-component goods-transfer cyber-component disputed policy-question structural-issue",
    "services": "adiv vsse",
    "partners": "ocad fedpol federal-prosecutor customs cfi nccn ccb foreign-affairs national-security-authority nato eu osce un foreign-services defence-attaches immigration-office",
    "mechanisms": "liaison joint-platform task-force crisis-cell nsip-committee cciv sciv nvr",
}
CIVIL = {"belgium", "international-institution", "civil-network"}
MILITARY_LOCATIONS = {
    "military-site",
    "defence-industry-site",
    "nato-site",
    "operations-theatre",
    "military-network",
}
MILITARY_ACTORS = {"belgian-military", "foreign-military"}
DEFENCE_TARGETS = {"defence", "armed-forces-mission", "allied-forces", "defence-industry"}


@pytest.mark.parametrize("name", sorted(CONTRACT))
def test_the_vocabulary_holds_every_contract_id(shipped: Allocator, name: str) -> None:
    ids = shipped.policy.vocabulary.ids(name)
    missing = sorted(set(CONTRACT[name].split()) - set(ids))
    assert not missing, f"{name}: missing {missing}"


def test_mechanisms_are_in_the_ladder_order_of_the_contract(shipped: Allocator) -> None:
    assert list(shipped.policy.vocabulary.ids("mechanisms")) == CONTRACT["mechanisms"].split()


def test_every_label_and_description_exists_in_three_languages(shipped: Allocator) -> None:
    incomplete = []
    for name, terms in shipped.policy.vocabulary.lists():
        for term in terms:
            for part in (term.label, term.description):
                for lang in ("nl", "fr", "en"):
                    text = getattr(part, lang)
                    if not text.strip() or "\n" in text.strip():
                        incomplete.append(f"{name}/{term.id}/{lang}")
    assert not incomplete


def test_every_topic_location_actor_has_exactly_one_lead_or_none(
    shipped: Allocator, flag_free_decisions: Decisions
) -> None:
    vocabulary = shipped.policy.vocabulary
    problems = []
    combinations = 0
    for topic, location, actor in itertools.product(
        vocabulary.ids("topics"), vocabulary.ids("locations"), vocabulary.ids("actors")
    ):
        combinations += 1
        decision = flag_free_decisions[topic, location, actor, DEFAULT_TARGET]  # no target given
        if decision.outcome != "decided" or decision.lead not in {"adiv", "vsse", "none"}:
            problems.append(
                f"{topic}/{location}/{actor}: {decision.outcome} {decision.conflict or decision.missing}"
            )
    assert combinations == (
        len(vocabulary.ids("topics"))
        * len(vocabulary.ids("locations"))
        * len(vocabulary.ids("actors"))
    )
    assert not problems, "\n".join(problems[:20])


@pytest.mark.parametrize(
    "case",
    [
        [
            "--topic",
            "criminal-organisation",
            "--location",
            "belgium",
            "--actor",
            "criminal-organisation",
        ],
        ["--topic", "cyber-attack", "--location", "abroad", "--actor", "unknown"],
        [
            "--topic",
            "security-screening",
            "--location",
            "military-site",
            "--actor",
            "belgian-civilian",
        ],
    ],
)
def test_the_command_line_exits_0_on_a_decided_case(case: list[str]) -> None:
    assert run_cli(["decide", *case], {"ALLOCATOR_LANG": "en"}).exit_code == 0


def test_every_partner_and_mechanism_is_produced_by_some_case(
    shipped: Allocator, flag_free_decisions: Decisions
) -> None:
    vocabulary = shipped.policy.vocabulary
    partners: set[str] = set()
    mechanisms: set[str] = set()
    leads: set[str | None] = set()
    assert len(flag_free_decisions) == domain_size(vocabulary) // 2 ** len(vocabulary.ids("flags"))
    for decision in flag_free_decisions.values():  # every topic, location, actor and target
        partners.update(decision.partners)
        mechanisms.update(decision.consultation)
        leads.add(decision.lead)
    for topic, flag in itertools.product(vocabulary.ids("topics"), vocabulary.ids("flags")):
        decision = shipped.decide(
            {"topic": topic, "location": "belgium", "actor": "unknown", "flags": [flag]}
        )
        partners.update(decision.partners)
        mechanisms.update(decision.consultation)
    assert set(vocabulary.partner_ids()) - partners == set()
    assert set(vocabulary.ids("mechanisms")) - mechanisms == set()
    assert leads == {"adiv", "vsse", "none"}


def test_a_flag_never_moves_the_lead_and_only_adds(
    shipped: Allocator, flag_free_decisions: Decisions
) -> None:
    vocabulary = shipped.policy.vocabulary
    for topic, location, flag in itertools.product(
        vocabulary.ids("topics"), vocabulary.ids("locations"), vocabulary.ids("flags")
    ):
        plain = flag_free_decisions[topic, location, "unknown", DEFAULT_TARGET]
        flagged = shipped.decide(
            {"topic": topic, "location": location, "actor": "unknown", "flags": [flag]}
        )
        where = (topic, location, flag)
        assert flagged.lead == plain.lead, where
        assert set(flagged.partners) >= set(plain.partners), where
        assert set(flagged.consultation) >= set(plain.consultation), where


def _settings(case: dict[str, str]) -> set[str]:
    """The settings a case illustrates, read from its attributes alone."""
    military_location = case["location"] in MILITARY_LOCATIONS
    military_actor = case["actor"] in MILITARY_ACTORS
    defence_target = case.get("target", "unspecified") in DEFENCE_TARGETS
    found = set()
    if military_location or military_actor or defence_target:
        found.add("defence-nexus")
    elif case["location"] in CIVIL:
        found.add("civil")
    if case["location"] in {"abroad", "operations-theatre"}:
        found.add("abroad")
    return found


def test_every_topic_has_scenarios_in_the_civil_setting_with_a_defence_nexus_and_abroad(
    shipped: Allocator,
) -> None:
    settings: dict[str, set[str]] = defaultdict(set)
    for spec in spec_cases(FEATURES):
        settings[spec.case["topic"]] |= _settings(spec.case)
    missing = {
        topic: sorted({"civil", "defence-nexus", "abroad"} - settings[topic])
        for topic in shipped.policy.vocabulary.ids("topics")
        if {"civil", "defence-nexus", "abroad"} - settings[topic]
    }
    assert not missing, f"topics lacking scenarios: {missing}"


# --------------------------------------------------------------------------- competence and lead


def test_the_lead_is_always_competent_and_none_means_no_competence(shipped: Allocator) -> None:
    """Over the whole domain (every flag combination), read off the symbolic model of `check`."""
    model = build_model(shipped.policy)
    for service in ("adiv", "vsse"):
        outside = subtract(model.lead_regions.get(service, []), model.competent_regions[service])
        assert not outside, f"{service} leads outside its mandate: {model.space.example(outside)}"
    competent_somewhere = union(*model.competent_regions.values())
    no_service = intersect(model.lead_regions.get("none", []), competent_somewhere)
    assert not no_service, f"a competent service, lead none: {model.space.example(no_service)}"


def test_abroad_alone_never_moves_the_lead(
    shipped: Allocator, flag_free_decisions: Decisions
) -> None:
    """Art. 11 gives ADIV no general mandate abroad: Belgium or abroad, the same case, the same lead."""
    vocabulary = shipped.policy.vocabulary
    moved = []
    for topic, actor, target in itertools.product(
        vocabulary.ids("topics"), vocabulary.ids("actors"), vocabulary.ids("targets")
    ):
        home = flag_free_decisions[topic, "belgium", actor, target]
        away = flag_free_decisions[topic, "abroad", actor, target]
        if home.lead != away.lead:
            moved.append(f"{topic}/{actor}/{target}: {home.lead} -> {away.lead}")
    assert not moved, "\n".join(moved[:20])


def test_osce_and_un_only_where_the_case_concerns_them(shipped: Allocator) -> None:
    """Never added to whole topics: only with the flags arms-control and un-sanctions."""
    model = build_model(shipped.policy)
    space = model.space
    for partner, flag in (("osce", "arms-control"), ("un", "un-sanctions")):
        region = model.partner_regions[partner]
        assert region, partner
        index = space.index(f"flag:{flag}")
        assert all(box[index] == 2 for box in region), f"{partner} without the flag {flag}"


def test_the_national_security_authority_never_sits_beside_the_head_of_adiv(
    shipped: Allocator, flag_free_decisions: Decisions
) -> None:
    """Screening of Defence personnel and candidates: the head of ADIV decides, not the authority."""
    vocabulary = shipped.policy.vocabulary
    for location, target in itertools.product(
        vocabulary.ids("locations"), vocabulary.ids("targets")
    ):
        decision = flag_free_decisions["security-screening", location, "belgian-military", target]
        assert decision.lead == "adiv"
        assert "national-security-authority" not in decision.partners, (location, target)
