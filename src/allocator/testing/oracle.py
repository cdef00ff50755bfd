"""A reference evaluator, deliberately naive, to check the engine against.

It reads the same runtime model but shares no evaluation code with the durable_rules path
(allocator.engine): it matches conditions itself, computes the derived facts by its
own layered fixpoint, and applies the hit policies itself. Slow and obvious on purpose.
"""

from __future__ import annotations

from typing import Any

from allocator.model import ATTRIBUTES, COMPETENCE, DEFAULT_TARGET, Policy, Rule


def _holds(rule: Rule, case: dict[str, Any], flags: set[str], facts: set[str]) -> bool:
    when = rule.when
    for attribute in ATTRIBUTES:
        allowed = getattr(when, attribute)
        if allowed and case[attribute] not in allowed:
            return False
    if when.flags and not flags.intersection(when.flags):
        return False
    if any(fact not in facts for fact in when.facts):
        return False
    negated = when.not_
    if negated is not None:
        for attribute in ATTRIBUTES:
            if case[attribute] in getattr(negated, attribute):
                return False
        if flags.intersection(negated.flags):
            return False
        if facts.intersection(negated.facts):
            return False
    return True


#: The layers of the latest policies, by identity (a policy is frozen): worked out once per policy,
#: not once per case. Each entry keeps its policy alive, so an id is never reused while it is here.
_LAYERS: dict[int, tuple[Policy, list[list[Rule]]]] = {}
_KEEP = 8


def _layers(policy: Policy) -> list[list[Rule]]:
    """`_layers_of(policy)`, remembered for the last few policies."""
    known = _LAYERS.get(id(policy))
    if known is not None and known[0] is policy:
        return known[1]
    layers = _layers_of(policy)
    if len(_LAYERS) >= _KEEP:
        _LAYERS.pop(next(iter(_LAYERS)), None)
    _LAYERS[id(policy)] = (policy, layers)
    return layers


def _layers_of(policy: Policy) -> list[list[Rule]]:
    """Rules grouped so that every fact a layer negates is final before the layer runs."""
    derivers: dict[str, list[Rule]] = {}
    for rule in policy.rules:
        for fact in rule.then.derive:
            derivers.setdefault(fact, []).append(rule)
    depth: dict[str, int] = {}

    def rule_depth(rule: Rule, seen: frozenset[str]) -> int:
        if rule.id in depth:
            return depth[rule.id]
        if rule.id in seen:
            return 0  # a positive cycle: the fixpoint within the layer settles it
        level = 0
        for fact in rule.when.facts:
            for other in derivers.get(fact, []):
                level = max(level, rule_depth(other, seen | {rule.id}))
        if rule.when.not_ is not None:
            for fact in rule.when.not_.facts:
                for other in derivers.get(fact, []):
                    level = max(level, rule_depth(other, seen | {rule.id}) + 1)
        depth[rule.id] = level
        return level

    for rule in policy.rules:
        rule_depth(rule, frozenset())
    top = max(depth.values(), default=0)
    return [[rule for rule in policy.rules if depth[rule.id] == level] for level in range(top + 1)]


def _reads_facts(rule: Rule) -> bool:
    return bool(rule.when.facts) or (rule.when.not_ is not None and bool(rule.when.not_.facts))


def decide(policy: Policy, case: dict[str, Any]) -> dict[str, Any]:
    """The decision for `case` (a dict with topic, location, actor, target, flags)."""
    case = {"target": DEFAULT_TARGET, "flags": [], **case}
    flags = set(case["flags"])
    facts: set[str] = set()
    fired: set[str] = set()
    for layer in _layers(policy):
        candidates = layer
        while candidates:
            derived = False
            for rule in candidates:
                if rule.id not in fired and _holds(rule, case, flags, facts):
                    fired.add(rule.id)
                    derived = derived or bool(rule.then.derive)
                    facts.update(rule.then.derive)
            # Once every rule has been tried, only a rule that reads facts can change its answer,
            # and only when a new fact was derived: those are tried again until nothing changes.
            candidates = (
                [r for r in layer if r.id not in fired and _reads_facts(r)] if derived else []
            )
    rules = [rule for rule in policy.rules if rule.id in fired]

    leads = [rule for rule in rules if rule.then.lead is not None]
    outcome, lead = "decided", None
    if not leads:
        outcome = "gap"
    else:
        best = max(rule.then.priority or 0 for rule in leads)
        chosen = {rule.then.lead for rule in leads if rule.then.priority == best}
        if len(chosen) > 1:
            outcome = "conflict"
        else:
            lead = chosen.pop()
    mechanisms: set[str] = set()
    partners: set[str] = set()
    competent: set[str] = set()
    for rule in rules:
        mechanisms.update(rule.then.consultation)
        partners.update(rule.then.partners)
        competent.update(rule.then.competent)
    if not mechanisms and outcome == "decided":
        outcome = "gap"
    if outcome != "decided":
        lead = None
        mechanisms.update(policy.vocabulary.settings.escalation)
    if lead is not None:
        partners.discard(lead)
    ladder = [term.id for term in policy.vocabulary.mechanisms]
    return {
        "outcome": outcome,
        "lead": lead,
        "partners": sorted(partners),
        "consultation": [m for m in ladder if m in mechanisms],
        "competent": sorted(competent),
        "competence": COMPETENCE[min(len(competent), 2)],
        "facts": sorted(facts),
        "fired": sorted(fired),
    }
