"""Decisions and rule listings as text for a person, labels and explanations in NL, FR or EN."""

from __future__ import annotations

from typing import Any

from allocator.engine.explain import explanation
from allocator.i18n import DEFAULT_LANG, sanitize, t
from allocator.model import NO_LEAD, Decision, Policy


def _label(policy: Policy, kind: str, term_id: str, lang: str) -> str:
    return policy.vocabulary.label(kind, term_id, lang)


def decision_text(
    decision: Decision,
    policy: Policy,
    lang: str = DEFAULT_LANG,
    counterfactuals: list[dict[str, Any]] | None = None,
) -> str:
    """The decision for a person at the duty desk: who leads, who to bring in, through which channel, and why."""
    case = decision.case
    keys = (
        "heading-case",
        "heading-lead",
        "heading-competence",
        "heading-partners",
        "heading-consultation",
        "heading-ruleset",
    )
    width = max(len(t(key, lang) + t("colon", lang)) for key in keys) + 1
    pad = " " * width

    def head(key: str) -> str:
        return f"{t(key, lang) + t('colon', lang):<{width}}"

    flags = ", ".join(_label(policy, "flags", f, lang) for f in case.flags) or t("no-flags", lang)
    attributes = [
        _label(policy, "topics", case.topic, lang),
        _label(policy, "locations", case.location, lang),
        _label(policy, "actors", case.actor, lang),
        _label(policy, "targets", case.target, lang),
        flags,
    ]
    lines = [head("heading-case") + " · ".join(attributes), ""]
    if decision.outcome == "conflict":
        priority = policy.by_id[decision.conflict[0]].then.priority
        lines.append(
            head("heading-lead")
            + t("outcome-conflict", lang, priority=priority, rules=", ".join(decision.conflict))
        )
    elif decision.outcome == "gap" and "lead" in decision.missing:
        lines.append(head("heading-lead") + t("outcome-gap", lang))
    elif decision.lead == NO_LEAD:
        lines.append(head("heading-lead") + t("lead-none", lang))
    elif decision.lead is not None:
        lines.append(head("heading-lead") + _label(policy, "services", decision.lead, lang))
    if decision.outcome == "gap" and "consultation" in decision.missing:
        lines.append(pad + t("outcome-no-consultation", lang))
    if decision.escalation:
        route = " → ".join(_label(policy, "mechanisms", m, lang) for m in decision.escalation)
        lines.append(pad + t("escalate", lang, route=route))
    why = explanation(policy, decision, lang)
    lines.append(head("heading-competence") + why["competence"]["text"])
    partners = [_label(policy, "partners", p, lang) for p in decision.partners] or [
        t("no-partners", lang)
    ]
    lines.append(head("heading-partners") + partners[0])
    lines.extend(pad + p for p in partners[1:])
    for index, mechanism in enumerate(decision.consultation, 1):
        heading = head("heading-consultation") if index == 1 else pad
        lines.append(f"{heading}{index}. {_label(policy, 'mechanisms', mechanism, lang)}")

    lines += ["", t("heading-why", lang) + t("colon", lang), f"  {why['lead']['text']}"]
    lines.extend(f"    {item['text']}" for item in why["lead"]["overridden"])
    for fact in why["facts"]:
        for because in fact["because"]:
            text = t("fact-because", lang, fact=fact["label"], reasons=because["text"])
            lines.append(f"  {text} ({because['rule']})")
    for rule in why["rules"]:
        lines.append(f"  {rule['id']}: {rule['title']}")
        lines.extend(f"      {effect}" for effect in rule["effects"])
        lines.append(f"      {t('label-basis', lang)}{t('colon', lang)} {rule['basis']}")
    if counterfactuals is not None:
        lines += ["", t("heading-if", lang) + t("colon", lang)]
        lines.extend(f"  {item['text']}" for item in counterfactuals)
        if not counterfactuals:
            lines.append(f"  {t('no-counterfactual', lang)}")
    lines += ["", head("heading-ruleset") + decision.ruleset]
    return sanitize("\n".join(lines))


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


def with_reference(text: str, ref: str | None, lang: str = DEFAULT_LANG) -> str:
    """A decision's text with the case reference it was asked for on a line of its own, at the end
    (the reference goes to the decision log, not into the decision)."""
    if not ref:
        return text
    heading = t("heading-reference", lang) + t("colon", lang)
    return f"{text}\n{heading} {sanitize(ref)}"
