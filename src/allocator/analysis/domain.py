"""Whole-domain analysis: the decision of every case at once, as sets of cases.

`build_model` evaluates a policy symbolically over every topic x location x actor x target x
combination of flags: where each rule applies, where each derived fact holds (stratified, as the
engine does), where each lead wins, where the rules conflict or leave a gap, where each partner
and mechanism is required. On that model:

- `check_findings` reports gaps, conflicts, shadowed rules (they apply somewhere but removing
  them changes no decision) and dead rules (their conditions never hold together);
- `compare` lists the regions where two policies decide differently (`allocator diff`);
- `Model.decide` answers one case from the model, which the tests compare with the engine.

This is an evaluator of its own, built on set algebra, independent of the durable_rules path;
agreement between the two is checked case by case in the tests. The sets are decision diagrams
(allocator.analysis.regions.Diagrams): one node per set, so equality is one comparison and every union,
intersection or difference costs at most what the domain allows, however many rules built it.
Regions as boxes (what messages, JSON and the other tools read) are drawn from them on demand.

How the cost stays polynomial in the number of rules:

- each rule's set, each derived fact, each group of rules the decision reads (a lead at one
  priority, a partner, a mechanism, a competence) is built once, the unions up balanced trees;
- the pairs of rules that may conflict, or that cover a shadowed rule, are found through their
  bounding boxes (`Overlaps`), and only pairs that meet are intersected;
- shadowed rules are found without building the model again without each rule (`Removal`): the
  decision of a case depends only on which groups hold there, and without a rule a group loses
  only the cases where that rule was its only member, which the model knows (each group keeps
  where at least two members hold). The decision is recomputed on those cases alone; only the
  rules downstream of a fact the rule was the only source of are evaluated again, within them.
"""

from __future__ import annotations

import itertools
import random
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from allocator.analysis.regions import (
    Box,
    Diagrams,
    Overlaps,
    Region,
    Space,
    condition_region,
    indexes,
)
from allocator.model import NO_LEAD, Policy, Rule, competence_of, stratify

#: A set of cases: a node of the space's decision diagrams (0 is no case, 1 every case).
Set = int


class RegionView(Mapping[str, Region]):
    """Sets by name, read as regions (lists of disjoint boxes), each drawn when first asked for."""

    def __init__(self, diagrams: Diagrams, sets: Mapping[str, Set]) -> None:
        self._diagrams = diagrams
        self._sets = sets
        self._drawn: dict[str, Region] = {}

    def __getitem__(self, key: str) -> Region:
        drawn = self._drawn.get(key)
        if drawn is None:
            drawn = self._diagrams.boxes(self._sets[key])
            self._drawn[key] = drawn
        return drawn

    def __iter__(self) -> Iterator[str]:
        return iter(self._sets)

    def __len__(self) -> int:
        return len(self._sets)


@dataclass
class Group:
    """Rules whose sets are united into one thing the decision reads (a lead at one priority, a
    partner, a mechanism, a competence, a derived fact): where one of them holds (`once`), and
    where at least two of them do (`twice`), so that the group without any one member is known
    within that member's set without uniting the others again."""

    members: list[str] = field(default_factory=list)
    once: Set = 0
    twice: Set = 0


@dataclass
class Groups:
    """Every group the decision reads, by kind: ("lead", priority, lead), ("partner", id),
    ("mechanism", id), ("competent", id) and ("fact", id)."""

    groups: dict[tuple[Any, ...], Group]
    priorities: list[int]  # highest first
    leads: dict[int, list[str]]  # the leads given at each priority, in order of appearance
    partners: tuple[str, ...]
    mechanisms: tuple[str, ...]
    services: tuple[str, ...]
    escalation: tuple[str, ...]

    def of_rule(self, rule: Rule) -> list[tuple[Any, ...]]:
        keys: list[tuple[Any, ...]] = []
        if rule.then.lead is not None:
            keys.append(("lead", rule.then.priority or 0, rule.then.lead))
        keys += [("partner", p) for p in dict.fromkeys(rule.then.partners)]
        keys += [("mechanism", m) for m in dict.fromkeys(rule.then.consultation)]
        keys += [("competent", s) for s in dict.fromkeys(rule.then.competent)]
        return keys


@dataclass
class Decisions:
    """What the rules decide on every case of a universe (every set within it)."""

    conflict: Set
    gap_lead: Set
    gap_consultation: Set  # where no mechanism applies, gaps of lead included
    leads: dict[str, Set]  # the lead given, where the case is decided
    partners: dict[str, Set]
    mechanisms: dict[str, Set]
    competent: dict[str, Set]

    def same(self, other: Decisions, diagrams: Diagrams) -> bool:
        if self.conflict != other.conflict:
            return False
        join = diagrams.join
        if join(self.gap_lead, self.gap_consultation) != join(
            other.gap_lead, other.gap_consultation
        ):
            return False
        for mine, theirs in (
            (self.leads, other.leads),
            (self.partners, other.partners),
            (self.mechanisms, other.mechanisms),
            (self.competent, other.competent),
        ):
            for key in mine.keys() | theirs.keys():
                if mine.get(key, 0) != theirs.get(key, 0):
                    return False
        return True


def _decide(
    diagrams: Diagrams,
    universe: Set,
    groups: Groups,
    part: Mapping[tuple[Any, ...], Set],
) -> Decisions:
    """The decisions on `universe`, from each group's set there (`part`; absent means empty)."""
    d = diagrams
    higher: Set = 0
    conflict: Set = 0
    leads: dict[str, Set] = {}
    for priority in groups.priorities:
        by_lead = {lead: part.get(("lead", priority, lead), 0) for lead in groups.leads[priority]}
        present = [lead for lead in sorted(by_lead) if by_lead[lead]]
        clash = d.union(
            *(d.intersect(by_lead[a], by_lead[b]) for a, b in itertools.combinations(present, 2))
        )
        clash = d.subtract(clash, higher)
        conflict = d.join(conflict, clash)
        for lead in present:
            won = d.subtract(d.subtract(by_lead[lead], clash), higher)
            leads[lead] = d.join(leads.get(lead, 0), won)
        higher = d.union(higher, *(by_lead[lead] for lead in present))
    gap_lead = d.subtract(universe, higher)
    mechanisms_raw = {m: part.get(("mechanism", m), 0) for m in groups.mechanisms}
    gap_consultation = d.subtract(universe, d.union(*mechanisms_raw.values()))
    undecided = d.union(gap_lead, conflict, gap_consultation)
    mechanisms = {
        m: d.join(region, undecided) if m in groups.escalation else region
        for m, region in mechanisms_raw.items()
    }
    final = {lead: d.subtract(region, undecided) for lead, region in leads.items()}
    partners = {
        p: d.subtract(part.get(("partner", p), 0), final.get(p, 0)) for p in groups.partners
    }
    competent = {s: part.get(("competent", s), 0) for s in groups.services}
    return Decisions(
        conflict=conflict,
        gap_lead=gap_lead,
        gap_consultation=gap_consultation,
        leads={lead: region for lead, region in final.items() if region},
        partners=partners,
        mechanisms=mechanisms,
        competent=competent,
    )


class Model:
    """Every decision of the domain, as sets of cases; read as regions through the properties."""

    def __init__(
        self,
        space: Space,
        rules: dict[str, Rule],
        rule_sets: dict[str, Set],
        fact_sets: dict[str, Set],
        groups: Groups,
        decisions: Decisions,
        conflict_pairs: list[tuple[str, str, Set]],
        ladder: dict[str, int],
    ) -> None:
        self.space = space
        self.diagrams = space.diagrams
        self.rules = rules
        self.rule_sets = rule_sets
        self.fact_sets = fact_sets
        self.groups = groups
        self.decisions = decisions
        self.conflict_pairs = conflict_pairs
        self.escalation = groups.escalation
        self.ladder = ladder
        self._overlaps: Overlaps | None = None
        self._order: list[str] = list(rule_sets)

    @property
    def stages(self) -> dict[str, int]:
        """The evaluation stage of every rule (negated facts are settled first)."""
        if "_stages" not in self.__dict__:
            self.__dict__["_stages"] = stratify(tuple(self.rules.values()))[0]
        return self.__dict__["_stages"]  # type: ignore[no-any-return]

    @property
    def base_sets(self) -> dict[str, Set]:
        """Where each rule's conditions on the case hold, derived facts aside."""
        if "_base_sets" not in self.__dict__:
            self.__dict__["_base_sets"] = {
                rule_id: self.diagrams.of(condition_region(self.space, rule.when, rule.when.not_))
                for rule_id, rule in self.rules.items()
            }
        return self.__dict__["_base_sets"]  # type: ignore[no-any-return]

    # ------------------------------------------------------------------ the sets, as regions

    @property
    def lead_sets(self) -> dict[str, Set]:
        return self.decisions.leads

    @property
    def conflict_set(self) -> Set:
        return self.decisions.conflict

    @property
    def gap_lead_set(self) -> Set:
        return self.decisions.gap_lead

    @property
    def gap_consultation_set(self) -> Set:
        """Where a lead is given but no consultation mechanism."""
        return self.diagrams.subtract(self.decisions.gap_consultation, self.decisions.gap_lead)

    @property
    def undecided_set(self) -> Set:
        d = self.decisions
        return self.diagrams.union(d.gap_lead, d.conflict, d.gap_consultation)

    def region(self, node: Set) -> Region:
        return self.diagrams.boxes(node)

    @property
    def rule_regions(self) -> RegionView:
        return self._view("rule", self.rule_sets)

    @property
    def fact_regions(self) -> RegionView:
        return self._view("fact", self.fact_sets)

    @property
    def lead_regions(self) -> RegionView:
        return self._view("lead", self.decisions.leads)

    @property
    def partner_regions(self) -> RegionView:
        return self._view("partner", self.decisions.partners)

    @property
    def mechanism_regions(self) -> RegionView:
        return self._view("mechanism", self.decisions.mechanisms)

    @property
    def competent_regions(self) -> RegionView:
        return self._view("competent", self.decisions.competent)

    @property
    def conflict_region(self) -> Region:
        return self.region(self.conflict_set)

    @property
    def gap_lead(self) -> Region:
        return self.region(self.gap_lead_set)

    @property
    def gap_consultation(self) -> Region:
        return self.region(self.gap_consultation_set)

    @property
    def conflicts(self) -> list[tuple[str, str, Region]]:
        return [(a, b, self.region(node)) for a, b, node in self.conflict_pairs]

    def _view(self, name: str, sets: Mapping[str, Set]) -> RegionView:
        views = self.__dict__.setdefault("_views", {})
        if name not in views:
            views[name] = RegionView(self.diagrams, sets)
        return views[name]  # type: ignore[no-any-return]

    # ------------------------------------------------------------------ reading one case

    def decide(self, case: dict[str, Any]) -> dict[str, Any]:
        """The decision of one case read off the model: outcome, lead, partners, consultation."""
        box = self.space.box_of_case(case)
        holds = self.diagrams.contains_case
        d = self.decisions
        lead = next((name for name, region in d.leads.items() if holds(region, box)), None)
        if holds(d.conflict, box):
            outcome = "conflict"
        elif holds(d.gap_lead, box) or holds(d.gap_consultation, box):
            outcome = "gap"
        else:
            outcome = "decided"
        partners = sorted(p for p, region in d.partners.items() if holds(region, box))
        mechanisms = sorted(
            (m for m, region in d.mechanisms.items() if holds(region, box)),
            key=lambda m: self.ladder.get(m, len(self.ladder)),
        )
        competent = sorted(s for s, region in d.competent.items() if holds(region, box))
        return {
            "outcome": outcome,
            "lead": lead if outcome == "decided" else None,
            "partners": partners,
            "consultation": mechanisms,
            "competent": competent,
            "competence": competence_of(competent),
            "rules": sorted(r for r, region in self.rule_sets.items() if holds(region, box)),
        }

    # ------------------------------------------------------------------ rules meeting a set

    def meeting(self, node: Set, rule_ids: Iterable[str] | None = None) -> list[str]:
        """The rules (of `rule_ids`, default all) that apply somewhere in the set `node`, sorted."""
        if node == 0:
            return []
        if self._overlaps is None:
            hulls = [self.diagrams.hull(self.rule_sets[r]) for r in self._order]
            self._overlaps = Overlaps(self.space, hulls)
        candidates = self._overlaps.meeting(self.diagrams.hull(node))
        wanted = None if rule_ids is None else set(rule_ids)
        found = []
        for index in indexes(candidates):
            rule_id = self._order[index]
            if wanted is not None and rule_id not in wanted:
                continue
            if self.diagrams.meets(self.rule_sets[rule_id], node):
                found.append(rule_id)
        return sorted(found)


# --------------------------------------------------------------------------- building the model


def build_model(
    policy: Policy,
    rules: Iterable[Rule] | None = None,
    space: Space | None = None,
    regions: dict[str, Set] | None = None,
) -> Model:
    """The symbolic decision model of `policy` (or of `rules` under its vocabulary).

    `regions` may give the rule sets already known (nodes of `space`'s diagrams; when no rule
    deriving a fact changed).
    """
    vocabulary = policy.vocabulary
    space = space or Space.of(vocabulary)
    d = space.diagrams
    chosen = tuple(policy.rules if rules is None else rules)
    base: dict[str, Set] | None = None
    stages: dict[str, int] | None = None
    if regions is not None:
        rule_sets = {rule.id: regions[rule.id] for rule in chosen}
    else:
        rule_sets, base, stages = _rule_sets(chosen, space, 1)
    groups = _groups(policy, chosen, rule_sets, d)
    fact_sets = {key[1]: group.once for key, group in groups.groups.items() if key[0] == "fact"}
    part = {key: group.once for key, group in groups.groups.items()}
    decisions = _decide(d, 1, groups, part)
    model = Model(
        space=space,
        rules={rule.id: rule for rule in chosen},
        rule_sets=rule_sets,
        fact_sets=fact_sets,
        groups=groups,
        decisions=decisions,
        conflict_pairs=[],
        ladder=dict(vocabulary.ladder),
    )
    if base is not None and stages is not None:
        model.__dict__["_base_sets"] = base
        model.__dict__["_stages"] = stages
    model.conflict_pairs = _conflict_pairs(model, chosen)
    return model


def _groups(
    policy: Policy, chosen: tuple[Rule, ...], rule_sets: Mapping[str, Set], d: Diagrams
) -> Groups:
    vocabulary = policy.vocabulary
    lead_rules = [rule for rule in chosen if rule.then.lead is not None]
    priorities = sorted({rule.then.priority or 0 for rule in lead_rules}, reverse=True)
    leads: dict[int, list[str]] = {p: [] for p in priorities}
    for rule in lead_rules:
        given = leads[rule.then.priority or 0]
        if rule.then.lead not in given:
            given.append(rule.then.lead or "")
    groups = Groups(
        groups={},
        priorities=priorities,
        leads=leads,
        partners=vocabulary.partner_ids(),
        mechanisms=vocabulary.ids("mechanisms"),
        services=vocabulary.ids("services"),
        escalation=vocabulary.settings.escalation,
    )
    members: dict[tuple[Any, ...], list[str]] = {}
    for rule in chosen:
        keys = groups.of_rule(rule) + [("fact", f) for f in dict.fromkeys(rule.then.derive)]
        for key in keys:
            members.setdefault(key, []).append(rule.id)
    for key, ids in members.items():
        once, twice = d.once_and_twice([rule_sets[rule_id] for rule_id in ids])
        groups.groups[key] = Group(ids, once, twice)
    return groups


def _rule_sets(
    chosen: Iterable[Rule], space: Space, universe: Set
) -> tuple[dict[str, Set], dict[str, Set], dict[str, int]]:
    """Where each rule applies within `universe`, derived facts included: stage by stage, each
    stage to its fixpoint. Returns (the rule sets, the sets of their conditions on the case alone,
    the stages)."""
    d = space.diagrams
    chosen = tuple(chosen)
    stages, _ = stratify(chosen)
    base = {
        rule.id: d.intersect(d.of(condition_region(space, rule.when, rule.when.not_)), universe)
        for rule in chosen
    }
    derivers: dict[str, list[str]] = defaultdict(list)
    for rule in chosen:
        for fact in rule.then.derive:
            derivers[fact].append(rule.id)
    rule_sets: dict[str, Set] = {}
    fact_sets: dict[str, Set] = defaultdict(int)
    for stage in sorted(set(stages.values())):
        in_stage = [rule for rule in chosen if stages[rule.id] == stage]
        changed = True
        while changed:
            changed = False
            for rule in in_stage:
                region = base[rule.id]
                for fact in rule.when.positive_facts():
                    region = d.intersect(region, fact_sets[fact])
                for fact in rule.when.negative_facts():
                    region = d.subtract(region, fact_sets[fact])
                rule_sets[rule.id] = region
            for fact in {f for rule in in_stage for f in rule.then.derive}:
                new = d.union(*(rule_sets.get(r, 0) for r in derivers[fact]))
                if new != fact_sets[fact]:
                    fact_sets[fact] = new
                    changed = True
    return rule_sets, base, stages


def _conflict_pairs(model: Model, chosen: tuple[Rule, ...]) -> list[tuple[str, str, Set]]:
    """Every pair of rules at one priority naming different leads, and where they clash (outside
    every higher priority): only pairs whose sets meet are intersected."""
    d = model.diagrams
    rule_sets = model.rule_sets
    lead_rules = [rule for rule in chosen if rule.then.lead is not None]
    conflicts: list[tuple[str, str, Set]] = []
    higher: Set = 0
    for priority in model.groups.priorities:
        level = [rule for rule in lead_rules if (rule.then.priority or 0) == priority]
        overlaps = Overlaps(model.space, [d.hull(rule_sets[rule.id]) for rule in level])
        for i, first in enumerate(level):
            region = rule_sets[first.id]
            if not region:
                continue
            later = overlaps.meeting(d.hull(region)) >> (i + 1) << (i + 1)
            for j in indexes(later):
                second = level[j]
                if second.then.lead == first.then.lead:
                    continue
                clash = d.subtract(d.intersect(region, rule_sets[second.id]), higher)
                if clash:
                    conflicts.append((first.id, second.id, clash))
        for lead in model.groups.leads[priority]:
            higher = d.join(higher, model.groups.groups[("lead", priority, lead)].once)
    return conflicts


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


def _lead_map(model: Model) -> dict[str, Set]:
    leads = dict(model.lead_sets)
    leads["(conflict)"] = model.conflict_set
    leads["(no lead)"] = model.diagrams.join(model.gap_lead_set, model.gap_consultation_set)
    return leads


def _responsible(model: Model, region: Set, effect: str, value: str | None) -> list[str]:
    """The rules of `model` that bring `value` (a lead, partner or mechanism) into `region`."""
    if value is None or value.startswith("("):
        return []
    giving = []
    for rule_id, rule in model.rules.items():
        gives = {
            "lead": (rule.then.lead,),
            "partner": rule.then.partners,
            "consultation": rule.then.consultation,
            "competent": rule.then.competent,
        }[effect]
        if value in gives:
            giving.append(rule_id)
    return model.meeting(region, giving)


def compare(old: Model, new: Model) -> list[Change]:
    """Every region where `new` decides differently from `old`: lead, competence, each partner, each mechanism."""
    if new.diagrams is not old.diagrams:
        raise ValueError("compare two models built on one Space: build_model(..., space=space)")
    d = old.diagrams
    changes: list[Change] = []
    old_leads, new_leads = _lead_map(old), _lead_map(new)
    for before, after in itertools.product(sorted(old_leads), sorted(new_leads)):
        if before == after:
            continue
        region = d.intersect(old_leads[before], new_leads[after])
        if region:
            changes.append(
                Change(
                    "lead",
                    before,
                    after,
                    d.boxes(region),
                    _responsible(old, region, "lead", before),
                    _responsible(new, region, "lead", after),
                )
            )
    for aspect, old_map, new_map in (
        ("competent", old.decisions.competent, new.decisions.competent),
        ("partner", old.decisions.partners, new.decisions.partners),
        ("consultation", old.decisions.mechanisms, new.decisions.mechanisms),
    ):
        for value in sorted(set(old_map) | set(new_map)):
            before_region, after_region = old_map.get(value, 0), new_map.get(value, 0)
            removed = d.subtract(before_region, after_region)
            added = d.subtract(after_region, before_region)
            if removed:
                changes.append(
                    Change(
                        aspect,
                        value,
                        None,
                        d.boxes(removed),
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
                        d.boxes(added),
                        [],
                        _responsible(new, added, aspect, value),
                    )
                )
    return changes


def same_decisions(a: Model, b: Model, within: Region | None = None) -> bool:
    """Whether two models (built on one Space) decide every case (of `within`, default all) alike."""
    if b.diagrams is not a.diagrams:
        raise ValueError("compare two models built on one Space: build_model(..., space=space)")
    d = a.diagrams
    universe = 1 if within is None else d.of(within)
    return _clip(a.decisions, universe, d).same(_clip(b.decisions, universe, d), d)


def _clip(decisions: Decisions, universe: Set, d: Diagrams) -> Decisions:
    if universe == 1:
        return decisions

    def clip(sets: dict[str, Set]) -> dict[str, Set]:
        clipped = {key: d.intersect(region, universe) for key, region in sets.items()}
        return {key: region for key, region in clipped.items() if region}

    return Decisions(
        conflict=d.intersect(decisions.conflict, universe),
        gap_lead=d.intersect(decisions.gap_lead, universe),
        gap_consultation=d.intersect(decisions.gap_consultation, universe),
        leads=clip(decisions.leads),
        partners=clip(decisions.partners),
        mechanisms=clip(decisions.mechanisms),
        competent=clip(decisions.competent),
    )


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
    d = model.diagrams
    findings: list[Finding] = []
    for box in model.gap_lead:
        findings.append(
            Finding("gap", [], [box], space.size([box]), space.example([box]), {"missing": "lead"})
        )
    for box in model.gap_consultation:
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
    for first, second, region in model.conflict_pairs:
        parts = d.boxes(region)
        findings.append(
            Finding(
                "conflict",
                [first, second],
                parts,
                d.size(region),
                space.example(parts),
                {
                    "leads": [model.rules[first].then.lead, model.rules[second].then.lead],
                    "priority": model.rules[first].then.priority,
                },
            )
        )
    findings += competence_findings(model)
    removal = Removal(model)
    for rule in policy.rules:
        region = model.rule_sets.get(rule.id, 0)
        if not region:
            findings.append(Finding("dead", [rule.id], [], 0, None))
            continue
        if not removal.changes_something(rule):
            covering = _covering_rules(model, rule, region)
            parts = d.boxes(region)
            findings.append(
                Finding(
                    "shadowed",
                    [rule.id, *covering],
                    parts,
                    d.size(region),
                    space.example(parts),
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
    d = model.diagrams
    competent = model.decisions.competent
    findings: list[Finding] = []
    for service, region in sorted(model.lead_sets.items()):
        if service == NO_LEAD:
            outside = d.intersect(region, d.union(*competent.values()))
            kind = "competent-without-lead"
        else:
            outside = d.subtract(region, competent.get(service, 0))
            kind = "lead-not-competent"
        if not outside:
            continue
        rules = model.meeting(
            outside, [rule_id for rule_id, rule in model.rules.items() if rule.then.lead == service]
        )
        parts = d.boxes(outside)
        findings.append(
            Finding(
                kind,
                rules,
                parts,
                d.size(outside),
                space.example(parts),
                {"lead": service},
            )
        )
    return findings


class Removal:
    """Whether removing one rule changes any decision of the domain, without rebuilding the model.

    The decision of a case depends only on which groups hold there (see `Groups`). Without rule
    r, a group r belongs to loses the cases where r was its only member (r's set minus the group's
    `twice`, its *alone* set); every other group, and every other case, stays. Then, exactly:

    - a competence is lost wherever it is alone: that is a change;
    - a lead at priority p is lost where it is alone and no higher priority gives a lead; there
      the lead part of the decision changes where exactly one other lead is given at p (a conflict
      becomes that lead), or where none is and the priorities below p do not give the same lead
      alone (`_sensitive`, one set per priority and lead, computed once);
    - a partner or a mechanism is lost where it is alone.

    Outside the union of those sets (`raw`) every group the decision reads is the same, so is the
    decision: an empty `raw` proves the rule shadowed. Inside, a few cases drawn from it are decided
    with and without the rule (`Diagrams.sample`): one that differs proves a change. Only when none
    does,
    the decisions are recomputed on `raw`, as sets, from the groups clipped to it, and compared
    (a partner lost where it leads, a mechanism lost where the escalation names it anyway).

    A rule deriving a fact changes more than its groups: where it was the only source of the fact,
    the rules using the fact (and the facts they derive, and so on) change too. Where that happens,
    or when the facts it derives depend on one another (their derivation could support itself),
    sample cases are decided again with every rule (`_evaluate`), and if none differs, the sets of
    the rules downstream of its facts are recomputed without it, within the cases concerned
    (`_recomputed_differs`).

    tests/test_check.py holds this to a rebuild of the model without each rule.
    """

    #: Cases drawn from the set where a removal may change something, before computing it exactly.
    SAMPLES = 6

    def __init__(self, model: Model) -> None:
        self.model = model
        self.d = d = model.diagrams
        groups = model.groups
        self._entangled = _entangled_facts(model.rules.values())
        #: The groups the decision reads (the facts act through the rule sets).
        self._decisive = [key for key in groups.groups if key[0] != "fact"]
        self._derivers: dict[str, list[str]] = defaultdict(list)
        self._readers: dict[str, list[str]] = defaultdict(list)
        for rule_id, rule in model.rules.items():
            for fact in dict.fromkeys(rule.then.derive):
                self._derivers[fact].append(rule_id)
            for fact in dict.fromkeys((*rule.when.positive_facts(), *rule.when.negative_facts())):
                self._readers[fact].append(rule_id)
        self._sensitive: dict[tuple[int, str], Set] = {}
        once = {key: group.once for key, group in groups.groups.items()}

        def at(priority: int, lead: str) -> Set:
            return once.get(("lead", priority, lead), 0)

        # The lead part of the decision given by the priorities below each one (lowest first).
        below: dict[str, Set] = {}
        below_of: dict[int, dict[str, Set]] = {}
        for priority in reversed(groups.priorities):
            below_of[priority] = below
            leads = groups.leads[priority]
            clash = d.union(
                *(
                    d.intersect(at(priority, a), at(priority, b))
                    for a, b in itertools.combinations(leads, 2)
                )
            )
            given = d.union(*(at(priority, lead) for lead in leads))
            below = {
                lead: d.join(
                    d.subtract(at(priority, lead), clash) if lead in leads else 0,
                    d.subtract(below.get(lead, 0), given),
                )
                for lead in set(below) | set(leads)
            }
        higher: Set = 0
        for priority in groups.priorities:
            leads = groups.leads[priority]
            for lead in leads:
                others = [at(priority, other) for other in leads if other != lead]
                any_other = d.union(*others)
                one_other = d.union(
                    *(
                        d.subtract(mine, d.union(*(o for k, o in enumerate(others) if k != j)))
                        for j, mine in enumerate(others)
                    )
                )
                alone_here = d.subtract(d.complement(any_other), below_of[priority].get(lead, 0))
                self._sensitive[(priority, lead)] = d.subtract(
                    d.join(one_other, alone_here), higher
                )
            higher = d.union(higher, *(at(priority, lead) for lead in leads))

    def changes_something(self, rule: Rule) -> bool:
        model, d = self.model, self.d
        region = model.rule_sets[rule.id]
        groups = model.groups.groups
        rnd = random.Random(rule.id)
        keys = model.groups.of_rule(rule)
        alone = {
            key: d.subtract(region, groups[key].twice)
            for key in keys
            if not d.is_subset(region, groups[key].twice)
        }
        if any(key[0] == "competent" for key in alone):
            return True  # a competence only this rule gives somewhere
        raw = d.union(
            *(
                d.intersect(part, self._sensitive[(key[1], key[2])]) if key[0] == "lead" else part
                for key, part in alone.items()
            )
        )
        derived = list(dict.fromkeys(rule.then.derive))
        if any(fact in self._entangled for fact in derived):
            return self._differs_with_facts(rule, region, rnd)
        facts_changed = d.union(
            *(
                d.subtract(region, groups[("fact", f)].twice)
                for f in derived
                if not d.is_subset(region, groups[("fact", f)].twice)
            )
        )
        if facts_changed:
            return self._differs_with_facts(rule, d.join(raw, facts_changed), rnd)
        if not raw:
            return False
        lost = set(keys)
        for _ in range(self.SAMPLES):
            box = d.sample(raw, rnd)
            if _decide_case(model.groups, self._holds(box)) != _decide_case(
                model.groups, self._holds(box, lost)
            ):
                return True
        with_rule = {key: d.intersect(groups[key].once, raw) for key in self._decisive}
        without_rule = dict(with_rule)
        for key in keys:
            without_rule[key] = d.intersect(groups[key].twice, raw)
        return not _decide(d, raw, model.groups, with_rule).same(
            _decide(d, raw, model.groups, without_rule), d
        )

    def _differs_with_facts(self, rule: Rule, concerned: Set, rnd: random.Random) -> bool:
        """Whether removing a rule whose facts change changes a decision within `concerned`."""
        for _ in range(self.SAMPLES):
            box = self.d.sample(concerned, rnd)
            if self._evaluate(box, None) != self._evaluate(box, rule.id):
                return True
        return self._recomputed_differs(rule, concerned)

    def _holds(
        self, box: Box, lost: set[tuple[Any, ...]] | None = None
    ) -> Callable[[tuple[Any, ...]], bool]:
        """Which groups hold at the case `box` (of the rule's set), with the rule or without it
        (then the groups in `lost` hold only where another member does)."""
        groups = self.model.groups.groups
        holds = self.d.contains_case

        def group_holds(key: tuple[Any, ...]) -> bool:
            group = groups.get(key)
            if group is None:
                return False
            if lost is not None and key in lost:
                return holds(group.twice, box)
            return holds(group.once, box)

        return group_holds

    def _evaluate(self, box: Box, without: str | None) -> tuple[Any, ...]:
        """The decision of one case, every rule (but `without`) evaluated there, stage by stage."""
        model = self.model
        fired = _fire(model, box, without)
        keys: set[tuple[Any, ...]] = set()
        for rule_id in fired:
            keys.update(model.groups.of_rule(model.rules[rule_id]))
        return _decide_case(model.groups, keys.__contains__)

    def _recomputed_differs(self, rule: Rule, universe: Set) -> bool:
        """The decisions within `universe` without `rule`, against the model's.

        Only what depends on the rule's facts is computed again: the facts it derives and every
        fact derived from them (`_downstream`), the rules reading them, stage by stage to each
        stage's fixpoint, within `universe`. Every other rule keeps its set; a group is united
        again only if a member changed.
        """
        model, d = self.model, self.d
        down_facts, down_rules = self._downstream(rule)
        changed_ids = set(down_rules) | {rule.id}
        stages, base = model.stages, model.base_sets

        def clip(node: Set) -> Set:
            return d.intersect(node, universe)

        static: dict[str, Set] = {}
        for fact in down_facts:
            kept = [r for r in self._derivers.get(fact, ()) if r not in changed_ids]
            static[fact] = d.union(
                *(clip(model.rule_sets[r]) for r in model.meeting(universe, kept))
            )
        facts = dict(static)
        new_sets: dict[str, Set] = {}
        for stage in sorted({stages[rule_id] for rule_id in down_rules}):
            in_stage = [rule_id for rule_id in down_rules if stages[rule_id] == stage]
            changed = True
            while changed:
                changed = False
                for rule_id in in_stage:
                    when = model.rules[rule_id].when
                    region = clip(base[rule_id])
                    for fact in when.positive_facts():
                        held = facts[fact] if fact in facts else model.fact_sets.get(fact, 0)
                        region = d.intersect(region, held)
                    for fact in when.negative_facts():
                        held = facts[fact] if fact in facts else model.fact_sets.get(fact, 0)
                        region = d.subtract(region, held)
                    new_sets[rule_id] = region
                derived = {f for r in in_stage for f in model.rules[r].then.derive}
                for fact in derived & down_facts:
                    new = d.union(
                        static[fact],
                        *(new_sets.get(r, 0) for r in self._derivers[fact] if r in new_sets),
                    )
                    if new != facts[fact]:
                        facts[fact] = new
                        changed = True
        groups = model.groups.groups
        with_rule: dict[tuple[Any, ...], Set] = {}
        without: dict[tuple[Any, ...], Set] = {}
        for key in self._decisive:
            group = groups[key]
            with_rule[key] = clip(group.once)
            if not changed_ids.intersection(group.members):
                without[key] = with_rule[key]
                continue
            kept = [r for r in group.members if r not in changed_ids]
            without[key] = d.union(
                *(clip(model.rule_sets[r]) for r in model.meeting(universe, kept)),
                *(new_sets[r] for r in group.members if r in new_sets),
            )
        return not _decide(d, universe, model.groups, with_rule).same(
            _decide(d, universe, model.groups, without), d
        )

    def _downstream(self, rule: Rule) -> tuple[set[str], list[str]]:
        """The facts that may change without `rule` (those it derives, and those derived from
        them), and the other rules that read one of them."""
        facts = set(rule.then.derive)
        pending = list(facts)
        rules: set[str] = set()
        while pending:
            fact = pending.pop()
            for reader in self._readers.get(fact, ()):
                if reader == rule.id or reader in rules:
                    continue
                rules.add(reader)
                for derived in self.model.rules[reader].then.derive:
                    if derived not in facts:
                        facts.add(derived)
                        pending.append(derived)
        return facts, [rule_id for rule_id in self.model.rules if rule_id in rules]


def _decide_case(groups: Groups, holds: Callable[[tuple[Any, ...]], bool]) -> tuple[Any, ...]:
    """The decision of one case from the groups that hold there: what `_decide` gives for it, in
    the terms `Decisions.same` compares (conflict, gap, lead, partners, mechanisms, competence)."""
    present: list[str] = []
    for priority in groups.priorities:
        present = [lead for lead in groups.leads[priority] if holds(("lead", priority, lead))]
        if present:
            break
    conflict = len(present) > 1
    mechanisms = {m for m in groups.mechanisms if holds(("mechanism", m))}
    gap = not present or not mechanisms
    if gap or conflict:
        mechanisms |= set(groups.escalation)
        lead = None
    else:
        lead = present[0]
    partners = frozenset(p for p in groups.partners if p != lead and holds(("partner", p)))
    competent = frozenset(s for s in groups.services if holds(("competent", s)))
    return (conflict, gap, lead, partners, frozenset(mechanisms), competent)


def _fire(model: Model, box: Box, without: str | None) -> set[str]:
    """The rules that fire for the case `box` (but `without`), stage by stage as the engine does."""
    stages, base = model.stages, model.base_sets
    holds = model.diagrams.contains_case
    candidates = [
        model.rules[rule_id]
        for rule_id in _base_meeting(model, box)
        if rule_id != without and holds(base[rule_id], box)
    ]
    facts: set[str] = set()
    fired: set[str] = set()
    for stage in sorted({stages[rule.id] for rule in candidates}):
        in_stage = [rule for rule in candidates if stages[rule.id] == stage]
        changed = True
        while changed:
            changed = False
            for rule in in_stage:
                if rule.id in fired:
                    continue
                if not set(rule.when.positive_facts()) <= facts:
                    continue
                if set(rule.when.negative_facts()) & facts:
                    continue
                fired.add(rule.id)
                new = set(rule.then.derive) - facts
                if new:
                    facts |= new
                    changed = True
    return fired


def _base_meeting(model: Model, box: Box) -> list[str]:
    """The rules whose conditions on the case (derived facts aside) may hold in `box`."""
    found: tuple[Overlaps, list[str]] | None = model.__dict__.get("_base_overlaps")
    if found is None:
        order = list(model.rules)
        hulls = [model.diagrams.hull(model.base_sets[rule_id]) for rule_id in order]
        found = model.__dict__["_base_overlaps"] = (Overlaps(model.space, hulls), order)
    overlaps, order = found
    return [order[i] for i in indexes(overlaps.meeting(box))]


def _entangled_facts(rules: Iterable[Rule]) -> set[str]:
    """The facts whose derivation depends, through other facts, on itself or on a fact derived by
    the same rule: there the set of one rule's facts cannot be read off the groups."""
    rules = list(rules)
    uses: dict[str, set[str]] = defaultdict(set)  # fact -> facts its derivers read
    for rule in rules:
        read = set(rule.when.positive_facts()) | set(rule.when.negative_facts())
        for fact in rule.then.derive:
            uses[fact] |= read
    closure: dict[str, set[str]] = {}
    for fact in list(uses):
        seen: set[str] = set()
        stack = list(uses[fact])
        while stack:
            other = stack.pop()
            if other not in seen:
                seen.add(other)
                stack.extend(uses.get(other, ()))
        closure[fact] = seen
    entangled = {fact for fact, reached in closure.items() if fact in reached}
    for rule in rules:
        derived = set(rule.then.derive)
        if len(derived) > 1:
            for fact in derived:
                if closure.get(fact, set()) & derived:
                    entangled |= derived
    return entangled


def _covering_rules(model: Model, rule: Rule, region: Set) -> list[str]:
    """The other rules that already give what `rule` gives wherever it applies: a partner, a
    mechanism, a competence or a fact of its own, or (for a lead rule) any lead."""
    effects: dict[str, set[tuple[str, ...]]] | None = model.__dict__.get("_effects")
    if effects is None:
        effects = {}
        for rule_id, other in model.rules.items():
            then = other.then
            given: set[tuple[str, ...]] = {("lead",)} if then.lead is not None else set()
            given.update(("partner", p) for p in then.partners)
            given.update(("mechanism", m) for m in then.consultation)
            given.update(("competent", c) for c in then.competent)
            given.update(("fact", f) for f in then.derive)
            effects[rule_id] = given
        model.__dict__["_effects"] = effects
    mine = effects[rule.id]
    sharing = [r for r, given in effects.items() if r != rule.id and not given.isdisjoint(mine)]
    return model.meeting(region, sharing)


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
