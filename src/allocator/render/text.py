"""Decisions and rule listings as text for a person, labels and explanations in NL, FR or EN."""

from __future__ import annotations

import os
import re

from allocator.i18n import DEFAULT_LANG, sanitize, t
from allocator.model import NO_LEAD, Decision, Policy

TYPE_CHECKING = False  # typing is not imported at run time (start-up)
if TYPE_CHECKING:
    from typing import Any


def _label(policy: Policy, kind: str, term_id: str, lang: str) -> str:
    return policy.vocabulary.label(kind, term_id, lang)


#: The widest a line of the answer gets (a terminal narrower than this wraps at its own width).
MAX_WIDTH = 100
#: Below this many columns, lines are not wrapped at all (a very narrow window wraps them itself).
MIN_WIDTH = 60


def output_width() -> int:
    """The width to wrap the answer at: the terminal's, at most MAX_WIDTH; MAX_WIDTH off a terminal."""
    try:
        columns = os.get_terminal_size(1).columns
    except (OSError, ValueError):
        return MAX_WIDTH
    return min(columns, MAX_WIDTH) if columns >= MIN_WIDTH else 10_000


#: Spaces never broken: after "art." or "§" before a number, French spaces before : ; ! ? » and
#: after «, and where the caller put a GLUE.
_UNBREAKABLE = re.compile(
    r"(?<=\bart\.) (?=\d)|(?<=\barts\.) (?=\d)|(?<=§) (?=\d)| (?=[:;!?»])|(?<=«) "
)
GLUE = "\x1f"


def _wrap(first: str, text: str, pad: str, width: int) -> list[str]:
    """`first` + `text`, broken at spaces into lines of at most `width`, continued under `pad`."""
    lines: list[str] = []
    line = first
    room = first
    for word in _UNBREAKABLE.sub(GLUE, text).split(" "):
        if line != room and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = room = pad
        line = line + word if line == room else f"{line} {word}"
    lines.append(line)
    return [line.replace(GLUE, " ") for line in lines]


def decision_text(
    decision: Decision,
    policy: Policy,
    lang: str = DEFAULT_LANG,
    counterfactuals: list[dict[str, Any]] | None = None,
    *,
    why: bool = False,
    ref: str | None = None,
    width: int | None = None,
) -> str:
    """The decision for a person at the duty desk, the answer first and brief (about a dozen lines:
    case, lead, competence, partners, consultation, one line of why, the rule set);
    `why` adds the reasoning (facts, every rule and its basis), `counterfactuals` (from
    `allocator decide --explain`) what other detail of the case would change the lead."""
    case = decision.case
    keys = (
        "heading-case",
        "heading-reference",
        "heading-lead",
        "heading-competence",
        "heading-partners",
        "heading-consultation",
        "heading-why",
        "heading-ruleset",
    )
    width = width or output_width()
    column = max(len(t(key, lang) + t("colon", lang)) for key in keys) + 1
    pad = " " * column

    def head(key: str) -> str:
        return f"{t(key, lang) + t('colon', lang):<{column}}"

    def field(key: str | None, text: str) -> list[str]:
        return _wrap(head(key) if key else pad, text, pad, width)

    flags = ", ".join(_label(policy, "flags", f, lang) for f in case.flags) or t("no-flags", lang)
    attributes = [
        _label(policy, "topics", case.topic, lang),
        _label(policy, "locations", case.location, lang),
        _label(policy, "actors", case.actor, lang),
        _label(policy, "targets", case.target, lang),
        flags,
    ]
    lines = field("heading-case", " · ".join(attributes))
    if ref:
        lines += field("heading-reference", ref)
    if decision.outcome == "conflict":
        priority = policy.by_id[decision.conflict[0]].then.priority
        lines += field(
            "heading-lead",
            t("outcome-conflict", lang, priority=priority, rules=", ".join(decision.conflict)),
        )
    elif decision.outcome == "gap" and "lead" in decision.missing:
        lines += field("heading-lead", t("outcome-gap", lang))
    else:
        # A gap in the consultation alone leaves the lead null in the contract's JSON; the rule
        # that gave it still names it, and the duty officer needs it.
        lead = decision.lead
        if lead is None and decision.lead_rules:
            lead = policy.by_id[decision.lead_rules[0]].then.lead
        if lead == NO_LEAD:
            lines += field("heading-lead", t("lead-none", lang))
        elif lead is not None:
            lines += field("heading-lead", _label(policy, "services", lead, lang))
    if decision.outcome == "gap" and "consultation" in decision.missing:
        lines += field(None, t("outcome-no-consultation", lang))
    if decision.escalation:
        route = " → ".join(_label(policy, "mechanisms", m, lang) for m in decision.escalation)
        lines += field(None, t("escalate", lang, route=route))
    lines += field("heading-competence", competence_brief(policy, decision, lang))
    partners = [_label(policy, "partners", p, lang) for p in decision.partners]
    lines += field("heading-partners", ", ".join(partners) or t("no-partners", lang))
    if decision.consultation:
        ladder = [
            f"{index}.{GLUE}{_label(policy, 'mechanisms', mechanism, lang)}"
            for index, mechanism in enumerate(decision.consultation, 1)
        ]
        lines += field("heading-consultation", ", ".join(ladder))
    if decision.lead_rules and decision.outcome != "conflict":
        lines += field("heading-why", _why_brief(policy, decision, lang))
    lines += field("heading-ruleset", decision.ruleset)
    if why:
        from allocator.engine.explain import explanation  # the reasoning, on request only

        explained = explanation(policy, decision, lang)
        lines += ["", t("heading-reasoning", lang) + t("colon", lang)]
        lines += _wrap("  ", explained["lead"]["text"], "    ", width)
        for item in explained["lead"]["overridden"]:
            lines += _wrap("    ", item["text"], "      ", width)
        lines += _wrap("  ", explained["competence"]["text"], "    ", width)
        for fact in explained["facts"]:
            for because in fact["because"]:
                text = t("fact-because", lang, fact=fact["label"], reasons=because["text"])
                lines += _wrap("  ", f"{text} ({because['rule']})", "    ", width)
        for rule in explained["rules"]:
            lines += _wrap("  ", f"{rule['id']}: {rule['title']}", "    ", width)
            for effect in rule["effects"]:
                lines += _wrap("      ", effect, "        ", width)
            basis = f"{t('label-basis', lang)}{t('colon', lang)} {rule['basis']}"
            lines += _wrap("      ", basis, "        ", width)
    if counterfactuals is not None:
        lines += ["", t("heading-if", lang) + t("colon", lang)]
        for item in counterfactuals:
            lines += _wrap("  ", item["text"], "    ", width)
        if not counterfactuals:
            lines.append(f"  {t('no-counterfactual', lang)}")
    return sanitize("\n".join(lines))


def competence_brief(policy: Policy, decision: Decision, lang: str) -> str:
    """Who is competent, in a few words; where both are, the rule whose criterion gave the lead."""
    if decision.competence == "none":
        return t("competence-none", lang)
    if decision.competence == "exclusive":
        service = _label(policy, "services", decision.competent[0], lang)
        return t("competence-exclusive", lang, service=service)
    if decision.lead_rules and decision.outcome == "decided":
        return t("competence-shared-brief", lang, rule=", ".join(decision.lead_rules))
    return t("competence-shared-undecided", lang)


def _why_brief(policy: Policy, decision: Decision, lang: str) -> str:
    """One line of why: the rule (or rules of equal priority) that gave the lead, its priority,
    and the rules it outranks."""
    winners = [policy.by_id[r] for r in decision.lead_rules]
    titles = "; ".join(rule.title_in(lang) for rule in winners)
    rules = ", ".join(rule.id for rule in winners)
    priority = winners[0].then.priority
    if decision.overridden:
        return t(
            "why-brief-over",
            lang,
            rules=rules,
            title=titles,
            priority=priority,
            overridden=", ".join(decision.overridden),
        )
    return t("why-brief", lang, rules=rules, title=titles, priority=priority)


def rules_table(policy: Policy, lang: str = DEFAULT_LANG) -> str:
    """Every rule: id, title, basis and where it is written."""
    lines = []
    for rule in sorted(
        policy.rules, key=lambda r: (policy.sources[r.id].path, policy.sources[r.id].line)
    ):
        lines.append(f"{rule.id}  ({policy.sources[rule.id]})")
        lines.append(f"    {rule.title_in(lang)}")
        lines.append(f"    {rule.basis_in(lang)}")
    return sanitize("\n".join(lines))
