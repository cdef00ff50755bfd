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

from allocator.model import Case, Decision, Policy, competence_of


def resolve(
    policy: Policy, case: Case, fired: Iterable[str], facts: Mapping[str, Iterable[str]]
) -> Decision:
    """The decision for `case`, given the ids of the rules that fired and the facts derived.

    One pass over the hits gathers what every hit policy needs (it runs for every decision)."""
    by_id = policy.by_id
    partners: set[str] = set()
    mechanisms: set[str] = set()
    services: set[str] = set()
    leading: list[tuple[str, str, int | None]] = []
    contributing: set[str] = set()
    partnering: list[tuple[str, tuple[str, ...]]] = []
    for rule_id in dict.fromkeys(fired):
        then = by_id[rule_id].then
        if then.lead is not None:
            leading.append((rule_id, then.lead, then.priority))
        partners_of = then.partners
        if partners_of:
            partners.update(partners_of)
        if then.consultation:
            mechanisms.update(then.consultation)
        if then.competent:
            services.update(then.competent)
        if then.consultation or then.competent or then.derive:
            contributing.add(rule_id)
        elif partners_of:
            partnering.append((rule_id, partners_of))

    lead: str | None = None
    winners: list[str] = []
    overridden: list[str] = []
    conflict: list[str] = []
    missing: list[str] = []
    if leading:
        top = max(priority or 0 for _, _, priority in leading)
        leads = set()
        for rule_id, lead_of, priority in leading:
            if priority == top:
                winners.append(rule_id)
                leads.add(lead_of)
            else:
                overridden.append(rule_id)
        if len(leads) == 1:
            lead = leads.pop()
        else:
            conflict, winners = winners, []
    else:
        missing.append("lead")

    competent = tuple(sorted(services))
    partners.discard(lead or "")
    if not mechanisms:
        missing.append("consultation")

    outcome = "conflict" if conflict else "gap" if missing else "decided"
    escalation: tuple[str, ...] = ()
    if outcome != "decided":
        lead = None
        escalation = policy.vocabulary.settings.escalation
        mechanisms.update(escalation)
    contributing.update(winners)
    contributing.update(conflict)
    for rule_id, partners_of in partnering:
        for partner in partners_of:
            if partner != lead:
                contributing.add(rule_id)
                break
    ladder = policy.vocabulary.ladder
    try:  # each rung holds one mechanism
        consultation = tuple(sorted(mechanisms, key=ladder.__getitem__))
    except KeyError:  # one off the ladder: after the rungs, by name
        rungs = len(ladder)
        consultation = tuple(sorted(mechanisms, key=lambda m: (ladder.get(m, rungs), m)))
    return Decision(
        lead=lead,
        partners=tuple(sorted(partners)),
        consultation=consultation,
        competent=competent,
        competence=competence_of(competent),
        rules=tuple(sorted(contributing)),
        ruleset=policy.fingerprint,
        outcome=outcome,
        case=case,
        facts=tuple(sorted(facts)),
        lead_rules=tuple(sorted(winners)),
        overridden=tuple(sorted(overridden)),
        conflict=tuple(sorted(conflict)),
        missing=tuple(missing),
        escalation=escalation,
    )
