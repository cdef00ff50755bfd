"""Whole-domain analysis: the decision of every case at once, as regions of cases.

`build_model` evaluates a policy symbolically over every topic x location x actor x target x
combination of flags: where each rule applies, where each derived fact holds (stratified, as the
engine does), where each lead wins, where the rules conflict or leave a gap, where each partner
and mechanism is required. On that model:

- `check_findings` reports gaps, conflicts, shadowed rules (they apply somewhere but removing
  them changes no decision) and dead rules (their conditions never hold together);
- `compare` lists the regions where two policies decide differently (`allocator diff`);
- `Model.decide` answers one case from the model, which the tests compare with the engine.

This is an evaluator of its own, built on set algebra (allocator.regions), independent of the
durable_rules path; agreement between the two is checked case by case in the tests.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from allocator.light import competence_of
from allocator.loader import stratify
from allocator.models.policy import NO_LEAD, Policy, Rule
from allocator.regions import (
    Box,
    Region,
    Space,
    complement,
    condition_region,
    contains,
    equal,
    intersect,
    simplify,
    subtract,
    union,
)


@dataclass
class Model:
    """Every decision of the domain, as regions."""

    space: Space
    rules: dict[str, Rule]
    rule_regions: dict[str, Region]
    fact_regions: dict[str, Region]
    lead_regions: dict[str, Region]
    conflicts: list[tuple[str, str, Region]]
    conflict_region: Region
    gap_lead: Region
    gap_consultation: Region
    partner_regions: dict[str, Region]
    mechanism_regions: dict[str, Region]
    competent_regions: dict[str, Region]
    escalation: tuple[str, ...]
    ladder: dict[str, int] = field(default_factory=dict)

    def decide(self, case: dict[str, Any]) -> dict[str, Any]:
        """The decision of one case read off the model: outcome, lead, partners, consultation."""
        box = self.space.box_of_case(case)
        lead = next(
            (name for name, region in self.lead_regions.items() if contains(region, box)), None
        )
        if contains(self.conflict_region, box):
            outcome = "conflict"
        elif contains(self.gap_lead, box) or contains(self.gap_consultation, box):
            outcome = "gap"
        else:
            outcome = "decided"
        partners = sorted(p for p, region in self.partner_regions.items() if contains(region, box))
        mechanisms = sorted(
            (m for m, region in self.mechanism_regions.items() if contains(region, box)),
            key=lambda m: self.ladder.get(m, len(self.ladder)),
        )
        competent = sorted(
            s for s, region in self.competent_regions.items() if contains(region, box)
        )
        return {
            "outcome": outcome,
            "lead": lead if outcome == "decided" else None,
            "partners": partners,
            "consultation": mechanisms,
            "competent": competent,
            "competence": competence_of(competent),
            "rules": sorted(r for r, region in self.rule_regions.items() if contains(region, box)),
        }

    def rules_at(self, region: Region, rule_ids: Iterable[str] | None = None) -> list[str]:
        """The rules (of `rule_ids`, default all) that apply somewhere in `region`."""
        ids = self.rule_regions if rule_ids is None else rule_ids
        return sorted(r for r in ids if intersect(self.rule_regions.get(r, []), region))


def build_model(
    policy: Policy,
    rules: Iterable[Rule] | None = None,
    space: Space | None = None,
    regions: dict[str, Region] | None = None,
) -> Model:
    """The symbolic decision model of `policy` (or of `rules` under its vocabulary).

    `regions` may give the rule regions already known (when no rule deriving a fact changed).
    """
    vocabulary = policy.vocabulary
    space = space or Space.of(vocabulary)
    chosen = tuple(policy.rules if rules is None else rules)
    rule_regions = (
        {rule.id: regions[rule.id] for rule in chosen}
        if regions is not None
        else _rule_regions(chosen, space)
    )
    fact_regions: dict[str, Region] = defaultdict(list)
    for rule in chosen:
        for fact in rule.then.derive:
            fact_regions[fact] = union(fact_regions[fact], rule_regions[rule.id])
    by_id = {rule.id: rule for rule in chosen}
    lead_rules = [rule for rule in chosen if rule.then.lead is not None]

    lead_regions: dict[str, Region] = defaultdict(list)
    conflicts: list[tuple[str, str, Region]] = []
    conflict_parts: list[Region] = []
    higher: Region = []
    for priority in sorted({rule.then.priority or 0 for rule in lead_rules}, reverse=True):
        level = [rule for rule in lead_rules if rule.then.priority == priority]
        by_lead: dict[str, Region] = defaultdict(list)
        for rule in level:
            by_lead[rule.then.lead or ""] = union(
                by_lead[rule.then.lead or ""], rule_regions[rule.id]
            )
        for first, second in itertools.combinations(level, 2):
            if first.then.lead != second.then.lead:
                clash = subtract(intersect(rule_regions[first.id], rule_regions[second.id]), higher)
                if clash:
                    conflicts.append((first.id, second.id, clash))
        clash_here = union(
            *(
                intersect(by_lead[a], by_lead[b])
                for a, b in itertools.combinations(sorted(by_lead), 2)
            )
        )
        clash_here = subtract(clash_here, higher)
        conflict_parts.append(clash_here)
        for lead, region in by_lead.items():
            lead_regions[lead] = union(
                lead_regions[lead], subtract(subtract(region, clash_here), higher)
            )
        higher = union(higher, *by_lead.values())
    gap_lead = complement(space, higher)
    conflict_region = union(*conflict_parts)

    mechanism_raw: dict[str, Region] = {m: [] for m in vocabulary.ids("mechanisms")}
    partner_raw: dict[str, Region] = {p: [] for p in vocabulary.partner_ids()}
    competent_regions: dict[str, Region] = {s: [] for s in vocabulary.ids("services")}
    for rule in chosen:
        for service in rule.then.competent:
            competent_regions[service] = union(competent_regions[service], rule_regions[rule.id])
        for mechanism in rule.then.consultation:
            mechanism_raw[mechanism] = union(mechanism_raw[mechanism], rule_regions[rule.id])
        for partner in rule.then.partners:
            partner_raw[partner] = union(partner_raw[partner], rule_regions[rule.id])
    gap_consultation = complement(space, union(*mechanism_raw.values()))
    undecided = union(gap_lead, conflict_region, gap_consultation)
    escalation = vocabulary.settings.escalation
    mechanism_regions = {
        m: union(region, undecided) if m in escalation else region
        for m, region in mechanism_raw.items()
    }
    final_leads = {lead: subtract(region, undecided) for lead, region in lead_regions.items()}
    partner_regions = {
        p: subtract(region, final_leads.get(p, [])) for p, region in partner_raw.items()
    }
    return Model(
        space=space,
        rules=by_id,
        rule_regions=rule_regions,
        fact_regions=dict(fact_regions),
        lead_regions={lead: region for lead, region in final_leads.items() if region},
        conflicts=conflicts,
        conflict_region=conflict_region,
        gap_lead=gap_lead,
        gap_consultation=subtract(gap_consultation, gap_lead),
        partner_regions=partner_regions,
        mechanism_regions=mechanism_regions,
        competent_regions=competent_regions,
        escalation=escalation,
        ladder=dict(vocabulary.ladder),
    )


def _rule_regions(chosen: tuple[Rule, ...], space: Space) -> dict[str, Region]:
    """Where each rule applies, derived facts included: stage by stage, each stage to its fixpoint."""
    stages, _ = stratify(chosen)
    base = {rule.id: condition_region(space, rule.when, rule.when.not_) for rule in chosen}
    derivers: dict[str, list[str]] = defaultdict(list)
    for rule in chosen:
        for fact in rule.then.derive:
            derivers[fact].append(rule.id)
    rule_regions: dict[str, Region] = {}
    fact_regions: dict[str, Region] = defaultdict(list)
    for stage in sorted(set(stages.values())):
        in_stage = [rule for rule in chosen if stages[rule.id] == stage]
        changed = True
        while changed:
            changed = False
            for rule in in_stage:
                region = base[rule.id]
                for fact in rule.when.positive_facts():
                    region = intersect(region, fact_regions[fact])
                for fact in rule.when.negative_facts():
                    region = subtract(region, fact_regions[fact])
                rule_regions[rule.id] = region
            for fact in {f for rule in in_stage for f in rule.then.derive}:
                new = union(*(rule_regions.get(r, []) for r in derivers[fact]))
                if not equal(new, fact_regions[fact]):
                    fact_regions[fact] = new
                    changed = True
    return rule_regions


# --------------------------------------------------------------------------- comparing decisions


@dataclass
class Change:
    """Where two models decide differently, on one aspect of the decision."""

    aspect: str  # "lead", "competent", "partner", "consultation"
    before: str | None
    after: str | None
    region: Region
    rules_before: list[str]
    rules_after: list[str]


def _lead_map(model: Model) -> dict[str, Region]:
    leads = dict(model.lead_regions)
    leads["(conflict)"] = model.conflict_region
    leads["(no lead)"] = union(model.gap_lead, model.gap_consultation)
    return leads


def _responsible(model: Model, region: Region, effect: str, value: str | None) -> list[str]:
    """The rules of `model` that bring `value` (a lead, partner or mechanism) into `region`."""
    if value is None or value.startswith("("):
        return []
    found = []
    for rule_id, rule in model.rules.items():
        gives = {
            "lead": (rule.then.lead,),
            "partner": rule.then.partners,
            "consultation": rule.then.consultation,
            "competent": rule.then.competent,
        }[effect]
        if value in gives and intersect(model.rule_regions.get(rule_id, []), region):
            found.append(rule_id)
    return sorted(found)


def compare(old: Model, new: Model) -> list[Change]:
    """Every region where `new` decides differently from `old`: lead, competence, each partner, each mechanism."""
    changes: list[Change] = []
    old_leads, new_leads = _lead_map(old), _lead_map(new)
    for before, after in itertools.product(sorted(old_leads), sorted(new_leads)):
        if before == after:
            continue
        region = intersect(old_leads[before], new_leads[after])
        if region:
            changes.append(
                Change(
                    "lead",
                    before,
                    after,
                    simplify(region),
                    _responsible(old, region, "lead", before),
                    _responsible(new, region, "lead", after),
                )
            )
    for aspect, old_map, new_map in (
        ("competent", old.competent_regions, new.competent_regions),
        ("partner", old.partner_regions, new.partner_regions),
        ("consultation", old.mechanism_regions, new.mechanism_regions),
    ):
        for value in sorted(set(old_map) | set(new_map)):
            before_region, after_region = old_map.get(value, []), new_map.get(value, [])
            removed = subtract(before_region, after_region)
            added = subtract(after_region, before_region)
            if removed:
                changes.append(
                    Change(
                        aspect,
                        value,
                        None,
                        simplify(removed),
                        _responsible(old, removed, aspect, value),
                        [],
                    )
                )
            if added:
                changes.append(
                    Change(
                        aspect,
                        None,
                        value,
                        simplify(added),
                        [],
                        _responsible(new, added, aspect, value),
                    )
                )
    return changes


def same_decisions(a: Model, b: Model, within: Region | None = None) -> bool:
    """Whether two models decide every case (of `within`, default all) the same way."""

    def clip(region: Region) -> Region:
        return region if within is None else intersect(region, within)

    pairs: list[tuple[Region, Region]] = [(clip(a.conflict_region), clip(b.conflict_region))]
    pairs.append(
        (clip(union(a.gap_lead, a.gap_consultation)), clip(union(b.gap_lead, b.gap_consultation)))
    )
    for key in set(a.lead_regions) | set(b.lead_regions):
        pairs.append((clip(a.lead_regions.get(key, [])), clip(b.lead_regions.get(key, []))))
    for mapping_a, mapping_b in (
        (a.competent_regions, b.competent_regions),
        (a.partner_regions, b.partner_regions),
        (a.mechanism_regions, b.mechanism_regions),
    ):
        for key in set(mapping_a) | set(mapping_b):
            pairs.append((clip(mapping_a.get(key, [])), clip(mapping_b.get(key, []))))
    return all(equal(x, y) for x, y in pairs)


# --------------------------------------------------------------------------- findings for `check`


@dataclass
class Finding:
    """One result of the whole-domain analysis."""

    kind: str  # gap, conflict, shadowed, dead, lead-not-competent, competent-without-lead
    rules: list[str]
    region: Region
    cases: int
    example: dict[str, Any] | None
    detail: dict[str, Any] = field(default_factory=dict)


def check_findings(policy: Policy, model: Model | None = None) -> list[Finding]:
    """Gaps, conflicts, dead and shadowed rules of `policy` over its whole domain."""
    model = model or build_model(policy)
    space = model.space
    findings: list[Finding] = []
    for box in simplify(model.gap_lead):
        findings.append(
            Finding("gap", [], [box], space.size([box]), space.example([box]), {"missing": "lead"})
        )
    for box in simplify(model.gap_consultation):
        findings.append(
            Finding(
                "gap",
                [],
                [box],
                space.size([box]),
                space.example([box]),
                {"missing": "consultation"},
            )
        )
    for first, second, region in model.conflicts:
        parts = simplify(region)
        findings.append(
            Finding(
                "conflict",
                [first, second],
                parts,
                space.size(union(region)),
                space.example(parts),
                {
                    "leads": [model.rules[first].then.lead, model.rules[second].then.lead],
                    "priority": model.rules[first].then.priority,
                },
            )
        )
    findings += competence_findings(model)
    for rule in policy.rules:
        region = model.rule_regions.get(rule.id, [])
        if not region:
            findings.append(Finding("dead", [rule.id], [], 0, None))
            continue
        if not _changes_something(policy, model, rule):
            covering = _covering_rules(model, rule, region)
            findings.append(
                Finding(
                    "shadowed",
                    [rule.id, *covering],
                    simplify(region),
                    space.size(union(region)),
                    space.example(region),
                    {"by": covering},
                )
            )
    return findings


def competence_findings(model: Model) -> list[Finding]:
    """Where the lead and the competence disagree.

    A service that leads a case outside its mandate is an error (`lead-not-competent`, naming the
    lead rules); a case within a service's mandate that the rules send to no service (`none`) is
    a warning (`competent-without-lead`): the law may leave it so, but policy staff should say why.
    """
    space = model.space
    findings: list[Finding] = []
    for service, region in sorted(model.lead_regions.items()):
        if service == NO_LEAD:
            outside = intersect(region, union(*model.competent_regions.values()))
            kind = "competent-without-lead"
        else:
            outside = subtract(region, model.competent_regions.get(service, []))
            kind = "lead-not-competent"
        if not outside:
            continue
        rules = sorted(
            rule_id
            for rule_id, rule in model.rules.items()
            if rule.then.lead == service and intersect(model.rule_regions[rule_id], outside)
        )
        parts = simplify(outside)
        findings.append(
            Finding(
                kind,
                rules,
                parts,
                space.size(outside),
                space.example(parts),
                {"lead": service},
            )
        )
    return findings


def _changes_something(policy: Policy, model: Model, rule: Rule) -> bool:
    """Whether removing `rule` changes any decision of the domain."""
    others = [r for r in policy.rules if r.id != rule.id]
    region = model.rule_regions[rule.id]
    if rule.then.derive:  # facts feed other rules: evaluate everything again without it
        return not same_decisions(model, build_model(policy, others, model.space), region)
    if rule.then.lead is not None:  # rule regions stay; the leads (and what they exclude) may move
        without = build_model(policy, others, model.space, model.rule_regions)
        return not same_decisions(model, without, region)
    # Partners, mechanisms and competence only: does it alone bring one of them somewhere?
    for service in rule.then.competent:
        given_elsewhere = union(
            *(model.rule_regions[r.id] for r in others if service in r.then.competent)
        )
        if subtract(region, given_elsewhere):
            return True
    for partner in rule.then.partners:
        given_elsewhere = union(
            *(model.rule_regions[r.id] for r in others if partner in r.then.partners),
            model.lead_regions.get(partner, []),
        )
        if subtract(region, given_elsewhere):
            return True
    undecided = union(model.gap_lead, model.gap_consultation, model.conflict_region)
    for mechanism in rule.then.consultation:
        given_elsewhere = union(
            *(model.rule_regions[r.id] for r in others if mechanism in r.then.consultation),
            undecided if mechanism in model.escalation else [],
        )
        if subtract(region, given_elsewhere):
            return True
    return False


def _covering_rules(model: Model, rule: Rule, region: Region) -> list[str]:
    """The other rules that already give what `rule` gives wherever it applies."""
    covering = set()
    for other_id, other in model.rules.items():
        if other_id == rule.id or not intersect(model.rule_regions.get(other_id, []), region):
            continue
        same_lead = rule.then.lead is not None and other.then.lead is not None
        shared = (
            set(rule.then.partners) & set(other.then.partners)
            or set(rule.then.consultation) & set(other.then.consultation)
            or set(rule.then.competent) & set(other.then.competent)
            or set(rule.then.derive) & set(other.then.derive)
            or same_lead
        )
        if shared:
            covering.add(other_id)
    return sorted(covering)


def lead_name(value: str) -> str:
    return "none" if value == NO_LEAD else value


__all__ = [
    "Box",
    "Change",
    "Finding",
    "Model",
    "build_model",
    "check_findings",
    "compare",
    "competence_findings",
    "same_decisions",
]
