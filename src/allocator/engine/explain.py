"""Why a decision is what it is: the facts and what produced them, the rules and their basis, the
hit policy that chose the lead, and what a different detail of the case would have changed.

Everything here is plain Python over the decision and the policy; the counterfactuals ask the
engine (through `Allocator.decide`) about the neighbouring cases.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from allocator.i18n import DEFAULT_LANG, t
from allocator.model import ATTRIBUTES, CASE_ATTRIBUTES, NO_LEAD, Condition, Decision, Policy, Rule


def _label(policy: Policy, list_name: str, value: str, lang: str) -> str:
    return policy.vocabulary.label(list_name, value, lang)


def _join(items: list[str], lang: str) -> str:
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {t('word-or', lang)} {items[-1]}"


def _and(items: list[str], lang: str) -> str:
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {t('word-and', lang)} {items[-1]}"


def lead_text(policy: Policy, lead: str | None, lang: str) -> str:
    if lead is None:
        return "-"
    if lead == NO_LEAD:
        return t("lead-none-short", lang)
    return _label(policy, "services", lead, lang)


def reasons(policy: Policy, rule: Rule, decision: Decision, lang: str) -> list[str]:
    """Why `rule` holds for the decision's case, one phrase per condition, in the case's own values."""
    case = decision.case
    phrases: list[str] = []

    def positive(block: Condition) -> None:
        for attribute, values in block.tests():
            if attribute == "facts":
                phrases.extend(
                    t("because-fact", lang, value=_label(policy, "facts", f, lang)) for f in values
                )
            elif attribute == "flags":
                present = [f for f in values if f in case.flags]
                phrases.append(
                    t(
                        "because-flags",
                        lang,
                        value=_join([_label(policy, "flags", f, lang) for f in present], lang),
                    )
                )
            else:
                value = getattr(case, attribute)
                phrases.append(
                    t(
                        f"because-{attribute}",
                        lang,
                        value=_label(policy, CASE_ATTRIBUTES[attribute], value, lang),
                    )
                )

    def negative(block: Condition) -> None:
        for attribute, values in block.tests():
            if attribute == "facts":
                phrases.extend(
                    t("because-not-fact", lang, value=_label(policy, "facts", f, lang))
                    for f in values
                )
            elif attribute == "flags":
                labels = [_label(policy, "flags", f, lang) for f in values]
                phrases.append(t("because-not-flags", lang, value=_join(labels, lang)))
            else:
                labels = [_label(policy, CASE_ATTRIBUTES[attribute], v, lang) for v in values]
                phrases.append(t(f"because-not-{attribute}", lang, value=_join(labels, lang)))

    positive(rule.when)
    if rule.when.not_ is not None:
        negative(rule.when.not_)
    return phrases or [t("because-always", lang)]


def _effects(policy: Policy, rule: Rule, decision: Decision, lang: str) -> list[str]:
    effects = []
    if rule.then.lead is not None:
        effects.append(
            f"{t('heading-lead', lang)}{t('colon', lang)} {lead_text(policy, rule.then.lead, lang)}"
        )
    partners = [p for p in rule.then.partners if p != decision.lead]
    if partners:
        labels = [_label(policy, "partners", p, lang) for p in partners]
        effects.append(f"{t('heading-partners', lang)}{t('colon', lang)} {', '.join(labels)}")
    if rule.then.competent:
        labels = [_label(policy, "services", c, lang) for c in rule.then.competent]
        effects.append(f"{t('label-competent', lang)}{t('colon', lang)} {', '.join(labels)}")
    if rule.then.consultation:
        labels = [_label(policy, "mechanisms", m, lang) for m in rule.then.consultation]
        effects.append(f"{t('heading-consultation', lang)}{t('colon', lang)} {', '.join(labels)}")
    if rule.then.derive:
        labels = [_label(policy, "facts", f, lang) for f in rule.then.derive]
        effects.append(f"{t('kind-fact', lang)}{t('colon', lang)} {', '.join(labels)}")
    return effects


def explanation(policy: Policy, decision: Decision, lang: str = DEFAULT_LANG) -> dict[str, Any]:
    """The decision explained, as data: facts, lead (with the hit policy), every contributing rule."""
    by_id = policy.by_id
    facts = []
    for fact in decision.facts:
        producers = [by_id[r] for r in decision.rules if fact in by_id[r].then.derive]
        facts.append(
            {
                "fact": fact,
                "label": _label(policy, "facts", fact, lang),
                "because": [
                    {"rule": rule.id, "text": _and(reasons(policy, rule, decision, lang), lang)}
                    for rule in producers
                ],
            }
        )
    lead: dict[str, Any] = {"outcome": decision.outcome, "lead": decision.lead}
    if decision.outcome == "conflict":
        priority = by_id[decision.conflict[0]].then.priority
        lead["policy"] = "conflict"
        lead["priority"] = priority
        lead["rules"] = list(decision.conflict)
        lead["text"] = t(
            "why-conflict",
            lang,
            priority=priority,
            rules=_and(
                [f"{r} ({lead_text(policy, by_id[r].then.lead, lang)})" for r in decision.conflict],
                lang,
            ),
        )
    elif "lead" in decision.missing:
        lead["policy"] = "gap"
        lead["rules"] = []
        lead["text"] = t("why-gap", lang)
    else:
        winners = list(decision.lead_rules)
        priority = by_id[winners[0]].then.priority
        lead["policy"] = "highest-priority"
        lead["priority"] = priority
        lead["rules"] = winners
        lead["text"] = t(
            "why-lead",
            lang,
            rules=_and(winners, lang),
            priority=priority,
            lead=lead_text(policy, decision.lead or by_id[winners[0]].then.lead, lang),
        )
        if "consultation" in decision.missing:
            lead["text"] += " " + t("why-no-consultation", lang)
    lead["overridden"] = [
        {
            "rule": r,
            "lead": by_id[r].then.lead,
            "priority": by_id[r].then.priority,
            "text": t(
                "why-overridden",
                lang,
                rule=r,
                lead=lead_text(policy, by_id[r].then.lead, lang),
                priority=by_id[r].then.priority,
            ),
        }
        for r in decision.overridden
    ]
    if decision.escalation:
        route = " → ".join(_label(policy, "mechanisms", m, lang) for m in decision.escalation)
        lead["escalation"] = list(decision.escalation)
        lead["text"] += " " + t("escalate", lang, route=route)
    rules = []
    for rule_id in sorted(decision.rules, key=lambda r: _order(decision, by_id[r])):
        rule = by_id[rule_id]
        rules.append(
            {
                "id": rule.id,
                "title": rule.title_in(lang),
                "basis": rule.basis_in(lang),
                "because": _and(reasons(policy, rule, decision, lang), lang),
                "effects": _effects(policy, rule, decision, lang),
            }
        )
    return {
        "facts": facts,
        "lead": lead,
        "competence": competence_explained(policy, decision, lang),
        "rules": rules,
    }


def competence_explained(policy: Policy, decision: Decision, lang: str) -> dict[str, Any]:
    """Which services are competent, by which rules, and (where both are) the criterion of the lead."""
    by_id = policy.by_id
    found: dict[str, Any] = {
        "competence": decision.competence,
        "competent": list(decision.competent),
        "rules": {
            service: sorted(r for r in decision.rules if service in by_id[r].then.competent)
            for service in decision.competent
        },
    }
    if decision.competence == "none":
        found["text"] = t("competence-none", lang)
    elif decision.competence == "exclusive":
        service = _label(policy, "services", decision.competent[0], lang)
        found["text"] = t("competence-exclusive", lang, service=service)
    elif decision.lead_rules and decision.outcome == "decided":
        criterion = by_id[decision.lead_rules[0]]
        found["criterion"] = {"rule": criterion.id, "title": criterion.title_in(lang)}
        found["text"] = t(
            "competence-shared", lang, rule=criterion.id, criterion=criterion.title_in(lang)
        )
    else:
        found["text"] = t("competence-shared-undecided", lang)
    return found


def _order(decision: Decision, rule: Rule) -> tuple[int, str]:
    """Lead rules first, then the rules that bring partners and mechanisms, then derived facts."""
    if rule.id in decision.lead_rules or rule.id in decision.conflict:
        return (0, rule.id)
    if rule.then.partners or rule.then.consultation or rule.then.competent:
        return (1, rule.id)
    return (2, rule.id)


# --------------------------------------------------------------------------- counterfactuals


def counterfactuals(
    policy: Policy,
    decide: Callable[[dict[str, Any]], Decision],
    decision: Decision,
    lang: str = DEFAULT_LANG,
) -> list[dict[str, Any]]:
    """For each attribute (and each flag), the other values that would change the lead, grouped by the new lead."""
    case = decision.case.as_dict()
    here = decision.lead_or_outcome
    found: list[dict[str, Any]] = []
    for attribute in ATTRIBUTES:
        by_outcome: dict[str, list[str]] = {}
        for value in policy.vocabulary.ids(CASE_ATTRIBUTES[attribute]):
            if value == case[attribute]:
                continue
            other = decide({**case, attribute: value}).lead_or_outcome
            if other != here:
                by_outcome.setdefault(other, []).append(value)
        for outcome, values in by_outcome.items():
            labels = [_label(policy, CASE_ATTRIBUTES[attribute], v, lang) for v in values]
            found.append(
                {
                    "attribute": attribute,
                    "values": values,
                    "outcome": outcome,
                    "text": t(f"cf-{attribute}", lang, values=_join(labels, lang))
                    + ", "
                    + _outcome_text(policy, outcome, lang),
                }
            )
    for flag in policy.vocabulary.ids("flags"):
        flags = set(case["flags"])
        toggled = sorted(flags - {flag}) if flag in flags else sorted(flags | {flag})
        other = decide({**case, "flags": toggled}).lead_or_outcome
        if other != here:
            key = "cf-flag-remove" if flag in flags else "cf-flag-add"
            found.append(
                {
                    "attribute": "flags",
                    "values": [flag],
                    "outcome": other,
                    "text": t(key, lang, values=_label(policy, "flags", flag, lang))
                    + ", "
                    + _outcome_text(policy, other, lang),
                }
            )
    return found


def _outcome_text(policy: Policy, outcome: str, lang: str) -> str:
    if outcome == "gap":
        return t("cf-gap", lang)
    if outcome == "conflict":
        return t("cf-conflict", lang)
    if outcome == NO_LEAD:
        return t("cf-none", lang)
    return t("cf-lead", lang, lead=lead_text(policy, outcome, lang))
