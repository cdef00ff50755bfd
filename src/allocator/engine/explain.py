"""Why a decision is what it is: the facts and what produced them, the rules and their basis, the
hit policy that chose the lead, and what a different detail of the case would have changed.

Everything here is plain Python over the decision and the policy; the counterfactuals ask the
engine (through `Allocator.decide`) about the neighbouring cases.

The texts are sentences of each language, not labels dropped into slots: each message
(`because-*`, `cf-*`, `why-*`) is written per language around the phrase of a term
(rules/vocabulary.yaml, `phrase`: "op een militair domein", "un acteur isolé", "State Security
(VSSE)"), one message per attribute and polarity, so that each language orders its words (Dutch
puts the verb last in "omdat de zaak zich op een militair domein afspeelt"). A term without a
phrase is quoted by its label in a construction of its own (the `*-label` messages: "omdat de
locatie ‘Militair domein’ is"); `allocator check` names such a term in a note.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from allocator.i18n import DEFAULT_LANG, t
from allocator.model import ATTRIBUTES, CASE_ATTRIBUTES, NO_LEAD, Decision, Policy, Rule

TYPE_CHECKING = False  # typing is not imported at run time (start-up)
if TYPE_CHECKING:
    from typing import Any


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


def _then(items: list[str], lang: str) -> str:
    """`a, then b, then c`: the rungs of a route in order."""
    return f", {t('word-then', lang)} ".join(items)


def _phrases(policy: Policy, list_name: str, values: Iterable[str], lang: str) -> list[str] | None:
    """The phrase of each value, as a sentence says it (rules/vocabulary.yaml, header); None if
    one of them has none: the sentence then quotes the labels instead."""
    found = [policy.vocabulary.phrase(list_name, value, lang) for value in values]
    return None if None in found else [str(phrase) for phrase in found]


def _quoted(policy: Policy, list_name: str, values: Iterable[str], lang: str) -> list[str]:
    """The label of each value in quotation marks, as the language writes them: ‘…’, « … »."""
    return [t("quoted", lang, value=_label(policy, list_name, value, lang)) for value in values]


def lead_text(policy: Policy, lead: str | None, lang: str) -> str:
    if lead is None:
        return "-"
    if lead == NO_LEAD:
        return t("lead-none-short", lang)
    return _label(policy, "services", lead, lang)


def reasons(policy: Policy, rule: Rule, decision: Decision, lang: str) -> list[str]:
    """Why `rule` holds for the decision's case: one clause per condition, in the case's own
    values, to follow "because" (fact-because): a subordinate clause in Dutch, verb last. Each
    value is said by its phrase; a value without one is quoted by its label."""
    case = decision.case
    clauses: list[str] = []

    def listed(kind: str, name: str, values: Sequence[str], negated: bool) -> None:
        """Facts, or the flags of the condition the case carries: positive, every one holds
        ("A and B"); negated, none does ("A or B"). A term without phrase is quoted by label."""
        not_ = "not-" if negated else ""
        said = _phrases(policy, kind, values, lang)
        if said is None:
            quoted = _quoted(policy, kind, values, lang)
            clauses.extend(t(f"because-{not_}{name}-label", lang, value=q) for q in quoted)
        else:
            joined = _join(said, lang) if negated else _and(said, lang)
            clauses.append(t(f"because-{not_}{name}", lang, value=joined))

    for attribute, values in rule.when.tests():
        if attribute == "facts":
            listed("facts", "fact", values, negated=False)
        elif attribute == "flags":
            listed("flags", "flags", [f for f in values if f in case.flags], negated=False)
        else:
            list_name = CASE_ATTRIBUTES[attribute]
            value = getattr(case, attribute)
            said = _phrases(policy, list_name, [value], lang)
            if said is not None:
                clauses.append(t(f"because-{attribute}", lang, value=said[0]))
            else:
                quoted = _quoted(policy, list_name, [value], lang)[0]
                clauses.append(t(f"because-{attribute}-label", lang, value=quoted))
    if rule.when.not_ is not None:
        for attribute, values in rule.when.not_.tests():
            if attribute == "facts":
                listed("facts", "fact", values, negated=True)
            elif attribute == "flags":
                listed("flags", "flags", list(values), negated=True)
            else:
                list_name = CASE_ATTRIBUTES[attribute]
                said = _phrases(policy, list_name, values, lang)
                if said is not None:
                    clauses.append(t(f"because-not-{attribute}", lang, value=_join(said, lang)))
                else:
                    quoted = _join(_quoted(policy, list_name, values, lang), lang)
                    clauses.append(t(f"because-not-{attribute}-label", lang, value=quoted))
    return clauses or [t("because-always", lang)]


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
        heading = t("heading-derived-fact", lang) + t("colon", lang)
        effects.append(f"{heading} {', '.join(labels)}")
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
        lead["text"] = _why_lead(
            policy, decision, decision.lead or by_id[winners[0]].then.lead, priority, lang
        )
        if "consultation" in decision.missing:
            lead["text"] += " " + t("why-no-consultation", lang)
    lead["overridden"] = [
        {
            "rule": r,
            "lead": by_id[r].then.lead,
            "priority": by_id[r].then.priority,
            "text": _why_overridden(policy, by_id[r], lang),
        }
        for r in decision.overridden
    ]
    if decision.escalation:
        lead["escalation"] = list(decision.escalation)
        route = _phrases(policy, "mechanisms", decision.escalation, lang)
        if route is not None:
            lead["text"] += " " + t("why-escalate", lang, route=_then(route, lang))
        else:
            labels = [_label(policy, "mechanisms", m, lang) for m in decision.escalation]
            lead["text"] += " " + t("why-escalate-label", lang, route=" → ".join(labels))
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
            list_name = CASE_ATTRIBUTES[attribute]
            said = _phrases(policy, list_name, values, lang)
            then = _outcome_text(policy, outcome, lang)
            if said is not None:
                text = t(f"cf-{attribute}", lang, values=_join(said, lang), outcome=then)
            else:
                quoted = _join(_quoted(policy, list_name, values, lang), lang)
                text = t(f"cf-{attribute}-label", lang, values=quoted, outcome=then)
            found.append(
                {"attribute": attribute, "values": values, "outcome": outcome, "text": text}
            )
    for flag in policy.vocabulary.ids("flags"):
        flags = set(case["flags"])
        toggled = sorted(flags - {flag}) if flag in flags else sorted(flags | {flag})
        other = decide({**case, "flags": toggled}).lead_or_outcome
        if other != here:
            said = _phrases(policy, "flags", [flag], lang)
            then = _outcome_text(policy, other, lang)
            if flag in flags and said is not None:
                text = t("cf-flag-remove", lang, values=said[0], outcome=then)
            elif flag in flags:
                quoted = _quoted(policy, "flags", [flag], lang)[0]
                text = t("cf-flag-remove-label", lang, values=quoted, outcome=then)
            elif said is not None:
                text = t("cf-flag-add", lang, values=said[0], outcome=then)
            else:
                quoted = _quoted(policy, "flags", [flag], lang)[0]
                text = t("cf-flag-add-label", lang, values=quoted, outcome=then)
            found.append({"attribute": "flags", "values": [flag], "outcome": other, "text": text})
    return found


def _outcome_text(policy: Policy, outcome: str, lang: str) -> str:
    """What the lead would be, as the main clause after "if …": "State Security (VSSE) would lead"."""
    if outcome == "gap":
        return t("cf-gap", lang)
    if outcome == "conflict":
        return t("cf-conflict", lang)
    if outcome == NO_LEAD:
        return t("cf-none", lang)
    said = _phrases(policy, "services", [outcome], lang)
    if said is not None:
        return t("cf-lead", lang, lead=said[0])
    return t("cf-lead-label", lang, lead=_quoted(policy, "services", [outcome], lang)[0])


def _why_lead(
    policy: Policy, decision: Decision, lead: str | None, priority: int | None, lang: str
) -> str:
    """Which rule gave the lead and to whom: the service, or (lead `none`) the partners the case
    goes to."""
    rules = _and(list(decision.lead_rules), lang)
    if lead == NO_LEAD:
        partners = list(decision.partners)
        if not partners:
            return t("why-lead-none-alone", lang, rules=rules, priority=priority)
        said = _phrases(policy, "partners", partners, lang)
        if said is not None:
            return t(
                "why-lead-none", lang, rules=rules, priority=priority, partners=_and(said, lang)
            )
        quoted = _and(_quoted(policy, "partners", partners, lang), lang)
        return t("why-lead-none-label", lang, rules=rules, priority=priority, partners=quoted)
    said = _phrases(policy, "services", [str(lead)], lang)
    if said is not None:
        return t("why-lead", lang, rules=rules, priority=priority, lead=said[0])
    quoted = _quoted(policy, "services", [str(lead)], lang)[0]
    return t("why-lead-label", lang, rules=rules, priority=priority, lead=quoted)


def _why_overridden(policy: Policy, rule: Rule, lang: str) -> str:
    """A lead rule outranked by the winner, and the lead it would have given."""
    lead, priority = rule.then.lead, rule.then.priority
    if lead == NO_LEAD:
        return t("why-overridden-none", lang, rule=rule.id, priority=priority)
    said = _phrases(policy, "services", [str(lead)], lang)
    if said is not None:
        return t("why-overridden", lang, rule=rule.id, priority=priority, lead=said[0])
    quoted = _quoted(policy, "services", [str(lead)], lang)[0]
    return t("why-overridden-label", lang, rule=rule.id, priority=priority, lead=quoted)
