"""Hits -> Decision: the hit policies, in plain Python, with no engine in sight.

- Lead: exactly one. Among the rules that fired and set a lead, the highest priority wins. Two
  or more rules at that priority that name different leads are a conflict; no lead rule at all
  is a gap. Lead rules outranked by a higher priority are "overridden".
- Partners and consultation mechanisms: the union over every rule that fired (whether or not its
  own lead won). Partners sorted, without duplicates, never the lead itself; mechanisms in ladder
  order (the order of `mechanisms` in rules/vocabulary.yaml).
- Competence: the services named `competent` by any rule that fired, sorted; `competence` is
  `none`, `exclusive` or `shared` by their number. Competence is a legal finding and stays what
  it is on a gap or a conflict.
- A case with no consultation mechanism is a gap as well: the contract promises at least one.
- On a gap or a conflict the lead is null and `escalation` (settings in vocabulary.yaml) names the
  route; its mechanisms are added to the consultation.
- `rules` lists every rule that contributed: the rules that chose the lead, every rule that added a
  partner (other than the lead itself), a mechanism, a competent service or a derived fact, and every rule in a
  conflict. Sorted by id.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from allocator.model import Case, Decision, Policy, Rule, competence_of


def resolve(
    policy: Policy, case: Case, fired: Iterable[str], facts: Mapping[str, Iterable[str]]
) -> Decision:
    """The decision for `case`, given the ids of the rules that fired and the facts derived."""
    by_id = policy.by_id
    hits: list[Rule] = [by_id[rule_id] for rule_id in dict.fromkeys(fired)]
    lead_rules = [rule for rule in hits if rule.then.lead is not None]

    lead: str | None = None
    winners: list[Rule] = []
    overridden: list[Rule] = []
    conflict: list[Rule] = []
    missing: list[str] = []
    if lead_rules:
        top = max(rule.then.priority or 0 for rule in lead_rules)
        winners = [rule for rule in lead_rules if rule.then.priority == top]
        overridden = [rule for rule in lead_rules if rule.then.priority != top]
        leads = {rule.then.lead for rule in winners}
        if len(leads) == 1:
            lead = winners[0].then.lead
        else:
            conflict, winners = winners, []
    else:
        missing.append("lead")

    competent = tuple(sorted({service for rule in hits for service in rule.then.competent}))
    partners = {partner for rule in hits for partner in rule.then.partners}
    partners.discard(lead or "")
    ladder = policy.vocabulary.ladder
    mechanisms = {mechanism for rule in hits for mechanism in rule.then.consultation}
    if not mechanisms:
        missing.append("consultation")

    outcome = "conflict" if conflict else "gap" if missing else "decided"
    escalation: tuple[str, ...] = ()
    if outcome != "decided":
        lead = None
        escalation = policy.vocabulary.settings.escalation
        mechanisms.update(escalation)

    contributing = {rule.id for rule in winners} | {rule.id for rule in conflict}
    contributing |= {
        rule.id
        for rule in hits
        if rule.then.consultation
        or rule.then.competent
        or rule.then.derive
        or set(rule.then.partners) - {lead}
    }
    return Decision(
        lead=lead,
        partners=tuple(sorted(partners)),
        consultation=tuple(sorted(mechanisms, key=lambda m: (ladder.get(m, len(ladder)), m))),
        competent=competent,
        competence=competence_of(competent),
        rules=tuple(sorted(contributing)),
        ruleset=policy.fingerprint,
        outcome=outcome,
        case=case,
        facts=tuple(sorted(facts)),
        lead_rules=tuple(sorted(rule.id for rule in winners)),
        overridden=tuple(sorted(rule.id for rule in overridden)),
        conflict=tuple(sorted(rule.id for rule in conflict)),
        missing=tuple(missing),
        escalation=escalation,
    )
