"""`allocator coverage`: which rules and which regions of the domain the specification exercises."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from allocator.analysis.domain import Model, build_model
from allocator.analysis.regions import Region, complement, contains, intersect, subtract, union
from allocator.desk.service import Allocator
from allocator.model import Policy
from allocator.staff.spec import Specification, read_specification


def features_candidates(rules: Path) -> list[Path]:
    """Where the specification is looked for: features/ beside the rules directory (the
    checkout's layout), then ./features."""
    return [rules.resolve().parent / "features", Path("features")]


def default_features_dir(rules: Path) -> Path | None:
    """The first of `features_candidates` that is a directory, else None (an installed package
    has no features/: the specification lives in the checkout)."""
    return next((path for path in features_candidates(rules) if path.is_dir()), None)


def has_feature_files(folder: Path) -> bool:
    return any(folder.rglob("*.feature"))


@dataclass
class RegionCoverage:
    rule: str
    lead: str
    region: Region
    cases: int
    hits: int


@dataclass
class CompetenceCoverage:
    """The cases with one shape of competence and one lead: `shared`, `adiv` or `vsse` alone, `none`."""

    competence: str
    lead: str
    cases: int
    hits: int


@dataclass
class CoverageReport:
    policy: Policy
    model: Model
    specification: Specification
    exercised: dict[str, int] = field(default_factory=dict)
    regions: list[RegionCoverage] = field(default_factory=list)
    competence: list[CompetenceCoverage] = field(default_factory=list)
    #: Scenario cases the tool refuses (the command-line features ask for those on purpose).
    invalid_cases: list[str] = field(default_factory=list)

    @property
    def rule_ids(self) -> list[str]:
        return [rule.id for rule in self.policy.rules]

    def unexercised(self) -> list[str]:
        return [r for r in self.rule_ids if not self.exercised.get(r)]

    def unnamed(self) -> list[str]:
        return [r for r in self.rule_ids if not self.specification.names(r)]

    def complete(self) -> bool:
        """Every rule named by a scenario and exercised by a scenario case."""
        return not self.unexercised() and not self.unnamed()

    def domain_share(self) -> float:
        covered = union(*(r.region for r in self.regions if r.hits))
        return self.model.space.size(covered) / self.model.space.total()

    def as_json(self) -> dict[str, Any]:
        space = self.model.space
        return {
            "features": [str(p) for p in self.specification.files],
            "scenarios": self.specification.scenarios,
            "cases": len(self.specification.cases),
            "rules": {
                rule: {
                    "exercised": self.exercised.get(rule, 0),
                    "named": self.specification.names(rule),
                }
                for rule in self.rule_ids
            },
            "lead_regions": [
                {
                    "rule": r.rule,
                    "lead": r.lead,
                    "cases": r.cases,
                    "scenario_cases": r.hits,
                    "regions": [space.box_json(box) for box in r.region],
                }
                for r in self.regions
            ],
            "competence_regions": [
                {
                    "competence": c.competence,
                    "lead": c.lead,
                    "cases": c.cases,
                    "scenario_cases": c.hits,
                }
                for c in self.competence
            ],
            "domain_share": round(self.domain_share(), 6),
            "invalid_cases": self.invalid_cases,
            "complete": self.complete(),
        }


def coverage(policy: Policy, features: Path) -> CoverageReport:
    """Decide every scenario case with the engine; map the cases onto the lead regions of the model."""
    specification = read_specification(features)
    model = build_model(policy)
    report = CoverageReport(policy, model, specification)
    allocator = Allocator(policy)
    boxes = []
    try:
        for spec_case in specification.cases:
            try:
                decision = allocator.decide(spec_case.case)
            except Exception as exc:  # a scenario about an invalid case (the CLI features do that)
                report.invalid_cases.append(
                    f"{spec_case.feature}: {spec_case.scenario}: {type(exc).__name__}"
                )
                continue
            for rule_id in decision.rules:
                report.exercised[rule_id] = report.exercised.get(rule_id, 0) + 1
            boxes.append(model.space.box_of_case(decision.case.as_dict()))
    finally:
        allocator.close()
    # Where each lead rule decides: its region, minus every region where a higher priority applies.
    lead_rules = [rule for rule in policy.rules if rule.then.lead is not None]
    for rule in sorted(lead_rules, key=lambda r: r.id):
        higher = union(
            *(
                model.rule_regions[o.id]
                for o in lead_rules
                if (o.then.priority or 0) > (rule.then.priority or 0)
            )
        )
        region = subtract(model.rule_regions[rule.id], higher)
        region = intersect(region, model.lead_regions.get(rule.then.lead or "", []))
        hits = sum(1 for box in boxes if contains(region, box))
        report.regions.append(
            RegionCoverage(rule.id, rule.then.lead or "", region, model.space.size(region), hits)
        )
    report.competence = _competence_coverage(model, boxes)
    return report


def _competence_coverage(model: Model, boxes: list[Any]) -> list[CompetenceCoverage]:
    """Each shape of competence (both, one of them, none) crossed with each lead, and its cases."""
    adiv = model.competent_regions.get("adiv", [])
    vsse = model.competent_regions.get("vsse", [])
    shapes = {
        "shared": intersect(adiv, vsse),
        "adiv": subtract(adiv, vsse),
        "vsse": subtract(vsse, adiv),
        "none": complement(model.space, union(adiv, vsse)),
    }
    found = []
    for competence, shape in shapes.items():
        for lead, leads in sorted(model.lead_regions.items()):
            region = intersect(shape, leads)
            if region:
                hits = sum(1 for box in boxes if contains(region, box))
                found.append(CompetenceCoverage(competence, lead, model.space.size(region), hits))
    return found
