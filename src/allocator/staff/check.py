"""`allocator check`: validation, lints and the whole-domain analysis, as one sorted list of problems."""

from __future__ import annotations

import shlex
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from allocator.analysis.domain import Finding, Model, build_model, check_findings
from allocator.analysis.regions import Region, Space
from allocator.errors import Hint, Problem, Severity
from allocator.i18n import DEFAULT_LANG, tn
from allocator.load.files import display_path
from allocator.load.rules import read_checked_policy
from allocator.model import ATTRIBUTES, CASE_ATTRIBUTES, LIST_KIND, Policy, Source
from allocator.staff.project import project_root, stale_schemas

#: How many boxes of a region a message spells out before "and N more".
SHOWN_BOXES = 3


@dataclass
class CheckReport:
    """Everything `allocator check` found, and what it looked at."""

    directory: str
    problems: list[Problem]
    policy: Policy | None = None
    model: Model | None = None
    findings: list[Finding] = field(default_factory=list)
    seconds: float = 0.0
    #: The checkout whose own rules these are (allocator.staff.project), else None.
    root: Path | None = None

    def count(self, severity: str) -> int:
        return sum(1 for p in self.problems if p.severity == severity)

    def passed(self, strict: bool = False) -> bool:
        return self.count("error") == 0 and not (strict and self.count("warning"))


def example_command(case: dict[str, Any]) -> str:
    """The command line that asks about `case`."""
    parts = ["allocator", "decide"]
    for attribute in ATTRIBUTES:
        parts += [f"--{attribute}", case[attribute]]
    for flag in case.get("flags", ()):
        parts += ["--flag", flag]
    return shlex.join(parts)


def describe_region(space: Space, region: Region) -> str:
    text = "; ".join(space.describe_box(box) for box in region[:SHOWN_BOXES])
    if len(region) > SHOWN_BOXES:
        text += f" (+{len(region) - SHOWN_BOXES})"
    return text


def _at(source: Source | None, fallback: str) -> dict[str, Any]:
    if source is None:
        return {"path": fallback}
    return {"path": source.path, "line": source.line, "column": source.column}


def lint(policy: Policy, shipped: bool = False) -> list[Problem]:
    """What is valid but suspicious: vocabulary nothing uses, facts nothing reads, texts in one
    language (a warning in the rules of the checkout, `shipped`, a note elsewhere)."""
    problems: list[Problem] = []
    named: dict[str, set[str]] = {name: set() for name in CASE_ATTRIBUTES}
    named["facts"] = set()
    competent: set[str] = set()
    produced: dict[str, set[str]] = {
        "services": set(),
        "partners": set(),
        "mechanisms": set(),
        "facts": set(),
    }
    for rule in policy.rules:
        for block in (rule.when, rule.when.not_):
            if block is not None:
                for attribute, values in block.tests():
                    named[attribute].update(values)
        if rule.then.lead is not None:
            produced["services"].add(rule.then.lead)
        produced["partners"].update(rule.then.partners)
        competent.update(rule.then.competent)
        produced["mechanisms"].update(rule.then.consultation)
        produced["facts"].update(rule.then.derive)
    produced["mechanisms"].update(policy.vocabulary.settings.escalation)
    vocabulary = policy.vocabulary

    def problem(code: str, list_name: str, value: str, severity: str) -> Problem:
        where = policy.term_sources.get(f"{list_name}:{value}")
        return Problem(
            code,
            {"kind": LIST_KIND[list_name], "value": value},
            where.path if where else None,
            where.line if where else None,
            where.column if where else None,
            severity=severity,  # type: ignore[arg-type]
        )

    given_anywhere = produced["partners"] | produced["services"]
    for value in vocabulary.ids("services"):
        if value not in given_anywhere:
            problems.append(problem("unused-id", "services", value, "warning"))
    for value in vocabulary.ids("services"):
        if value not in competent:
            problems.append(problem("never-competent", "services", value, "warning"))
    for value in vocabulary.ids("partners"):
        if value not in produced["partners"]:
            problems.append(problem("unused-id", "partners", value, "warning"))
    for value in vocabulary.ids("mechanisms"):
        if value not in produced["mechanisms"]:
            problems.append(problem("unused-id", "mechanisms", value, "warning"))
    for value in vocabulary.ids("flags"):
        if value not in named["flags"]:
            problems.append(problem("unused-id", "flags", value, "warning"))
    for value in vocabulary.ids("facts"):
        if value not in produced["facts"]:
            problems.append(problem("unused-id", "facts", value, "warning"))
        elif value not in named["facts"]:
            problems.append(problem("unused-fact", "facts", value, "warning"))
    for attribute in ATTRIBUTES:
        list_name = CASE_ATTRIBUTES[attribute]
        for value in vocabulary.ids(list_name):
            if value not in named[attribute]:
                problems.append(problem("unnamed-value", list_name, value, "info"))
    return (
        problems + untranslated(policy, "warning" if shipped else "info") + without_phrase(policy)
    )


def without_phrase(policy: Policy) -> list[Problem]:
    """A note for each term of the vocabulary without a phrase: an explanation then quotes its
    label ("omdat de locatie ‘Militair domein’ is") instead of saying it in a sentence."""
    problems = []
    for list_name, terms in policy.vocabulary.lists():
        for term in terms:
            if term.phrase is None:
                where = policy.term_sources.get(f"{list_name}:{term.id}")
                problems.append(
                    Problem(
                        "missing-phrase",
                        {"kind": LIST_KIND[list_name], "value": term.id},
                        **_at(where, policy.directory),
                        hint=Hint("missing-phrase-help"),
                        severity="info",
                    )
                )
    return problems


def untranslated(policy: Policy, severity: Severity = "info") -> list[Problem]:
    """A problem for each rule text given in one language only (shown as is in NL, FR and EN).

    One text is valid anywhere. The rules of the checkout are read at the duty desk in three
    languages: there it is a warning (`check --strict`, `make spec` and `make test` fail on it);
    in any other rules directory (a proposal, a draft) a note.
    """
    problems = []
    for rule in policy.rules:
        fields = [
            name
            for name in ("title", "basis", "description")
            if isinstance(getattr(rule, name), str)
        ]
        if fields:
            where = policy.sources.get(rule.id)
            problems.append(
                Problem(
                    "untranslated-text",
                    {"rule": rule.id, "fields": ", ".join(fields)},
                    **_at(where, policy.directory),
                    hint=Hint("untranslated-help"),
                    severity=severity,
                )
            )
    return problems


def unnamed_values(policy: Policy) -> list[tuple[str, str]]:
    """The (attribute, value) pairs of the case that no rule names, in vocabulary order."""
    named: set[tuple[str, str]] = set()
    for rule in policy.rules:
        for block in (rule.when, rule.when.not_):
            if block is not None:
                for attribute, values in block.tests():
                    named.update((attribute, value) for value in values)
    return [
        (attribute, value)
        for attribute in ATTRIBUTES
        for value in policy.vocabulary.ids(CASE_ATTRIBUTES[attribute])
        if (attribute, value) not in named
    ]


def _within(space: Space, region: Region, attribute: str, value: str) -> bool:
    """Whether every case of `region` has `value` for `attribute` (the region is about it)."""
    dimension = space.index(attribute)
    mask = space.mask(dimension, [value])
    return all(box[dimension] & ~mask == 0 for box in region)


def findings_as_problems(
    policy: Policy, model: Model, findings: list[Finding], unnamed: set[tuple[str, str]]
) -> list[Problem]:
    """The findings as problems. A gap within the cases of a value no rule names (`unnamed`: a
    value just added to the vocabulary, say) says so, at that value's line of the vocabulary,
    once: the values it names are removed from `unnamed` (their note, "decided like any other",
    would contradict it)."""
    space = model.space
    directory = display_path(Path(policy.directory))
    problems: list[Problem] = []
    for finding in findings:
        example = (
            Hint("example-case", {"command": example_command(finding.example)})
            if finding.example
            else None
        )
        region = describe_region(space, finding.region)
        if finding.kind == "gap":
            code = "gap" if finding.detail.get("missing") == "lead" else "gap-consultation"
            at: dict[str, Any] = {"path": directory}
            new = [
                pair
                for pair in sorted(unnamed, key=lambda pair: (ATTRIBUTES.index(pair[0]), pair[1]))
                if _within(space, finding.region, *pair)
            ]
            if new and finding.example:
                attribute, value = new[0]
                source = policy.term_sources.get(f"{CASE_ATTRIBUTES[attribute]}:{value}")
                at = _at(source, directory)
                example = Hint(
                    "gap-unnamed-help",
                    {
                        "values": ", ".join(f"`{v}`" for _, v in new),
                        "command": example_command(finding.example),
                    },
                )
                unnamed.difference_update(new)
            problems.append(
                Problem(code, {"count": finding.cases, "region": region}, **at, hint=example)
            )
        elif finding.kind == "conflict":
            first, second = finding.rules
            leads = [f"`{lead}`" for lead in finding.detail["leads"]]
            params = {
                "first": first,
                "second": second,
                "first_lead": leads[0],
                "second_lead": leads[1],
                "priority": finding.detail["priority"],
                "count": finding.cases,
                "region": region,
            }
            problems.append(
                Problem(
                    "conflict", params, **_at(policy.sources.get(second), directory), hint=example
                )
            )
        elif finding.kind == "shadowed":
            rule, *covering = finding.rules
            params = {
                "rule": rule,
                "count": finding.cases,
                "by": ", ".join(f"`{r}`" for r in covering) or "other rules",
            }
            problems.append(
                Problem(
                    "shadowed-rule",
                    params,
                    **_at(policy.sources.get(rule), directory),
                    hint=Hint("shadowed-help"),
                    severity="warning",
                )
            )
        elif finding.kind in {"lead-not-competent", "competent-without-lead"}:
            params = {
                "lead": f"`{finding.detail['lead']}`",
                "rules": ", ".join(f"`{r}`" for r in finding.rules) or "-",
                "count": finding.cases,
                "region": region,
            }
            source = policy.sources.get(finding.rules[0]) if finding.rules else None
            problems.append(
                Problem(
                    finding.kind,
                    params,
                    **_at(source, directory),
                    hint=example,
                    severity="error" if finding.kind == "lead-not-competent" else "warning",
                )
            )
        elif finding.kind == "dead":
            problems.append(
                Problem(
                    "dead-rule",
                    {"rule": finding.rules[0]},
                    **_at(policy.sources.get(finding.rules[0]), directory),
                    severity="warning",
                )
            )
    return problems


def check(directory: Path) -> CheckReport:
    """Validate, lint and analyse the rules of `directory`."""
    started = time.perf_counter()
    policy, problems = read_checked_policy(directory)
    root = project_root(directory)
    report = CheckReport(display_path(directory), list(problems), policy, root=root)
    if policy is not None:
        report.model = build_model(policy)
        report.findings = check_findings(policy, report.model)
        unnamed = set(unnamed_values(policy))
        report.problems += findings_as_problems(policy, report.model, report.findings, unnamed)
        report.problems += [
            problem
            for problem in lint(policy, shipped=root is not None)
            if problem.code != "unnamed-value"
            or (problem.params["kind"], problem.params["value"]) in unnamed
        ]
        if root is not None:
            report.problems += stale_schemas(root, policy.vocabulary)
    report.problems.sort(key=Problem.sort_key)
    report.seconds = time.perf_counter() - started
    return report


def dimensions(space: Space, lang: str = DEFAULT_LANG) -> str:
    """The size of the domain, axis by axis: "18 topics × 10 locations × … × 2,048 flag combinations"."""
    sizes = dict(zip(space.names[:4], (len(values) for values in space.values[:4]), strict=True))
    parts = [
        tn("check-dimension-topics", sizes["topic"], lang),
        tn("check-dimension-locations", sizes["location"], lang),
        tn("check-dimension-actors", sizes["actor"], lang),
        tn("check-dimension-targets", sizes["target"], lang),
        tn("check-dimension-flags", 2 ** len(space.flags), lang),
    ]
    return " × ".join(parts)
