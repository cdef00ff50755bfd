"""Rules with their conditions and effects, and the policy: a validated rule set ready to run."""

from __future__ import annotations

from collections.abc import Iterator

from allocator.model.vocabulary import Text, Vocabulary, text_in
from allocator.record import field, record

#: The keys of a condition, in the order they are tested and explained.
CONDITION_KEYS = ("topic", "location", "actor", "target", "flags", "facts")


@record
class Condition:
    """Tests on a case. A list means "any of these"; `facts` means "all of these derived facts hold"."""

    topic: tuple[str, ...] = ()
    location: tuple[str, ...] = ()
    actor: tuple[str, ...] = ()
    target: tuple[str, ...] = ()
    flags: tuple[str, ...] = ()
    facts: tuple[str, ...] = ()

    def tests(self) -> Iterator[tuple[str, tuple[str, ...]]]:
        """Each key that tests something, with its values."""
        for name in CONDITION_KEYS:
            values: tuple[str, ...] = getattr(self, name)
            if values:
                yield name, values


@record
class When(Condition):
    """Every test must hold; under `not_`, none of the listed values may hold."""

    not_: Condition | None = None

    def positive_facts(self) -> tuple[str, ...]:
        return self.facts

    def negative_facts(self) -> tuple[str, ...]:
        return self.not_.facts if self.not_ is not None else ()


@record
class Then:
    """What a rule does when it holds."""

    lead: str | None = None
    priority: int | None = None
    partners: tuple[str, ...] = ()
    consultation: tuple[str, ...] = ()
    competent: tuple[str, ...] = ()
    derive: tuple[str, ...] = ()


@record
class Rule:
    """One rule: a stable id, its title, legal basis and description, the conditions and the effects."""

    id: str
    title: Text
    basis: Text
    description: Text
    when: When
    then: Then

    def title_in(self, lang: str) -> str:
        return text_in(self.title, lang)

    def basis_in(self, lang: str) -> str:
        return text_in(self.basis, lang)

    def description_in(self, lang: str) -> str:
        return text_in(self.description, lang)


@record
class Source:
    """Where a rule (or a vocabulary entry) is written."""

    path: str
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}"


@record(kw_only=True)
class Policy:
    """A validated rule set: the vocabulary, the rules, where they stand, and its fingerprint."""

    vocabulary: Vocabulary
    rules: tuple[Rule, ...]
    #: Where each rule is written, by rule id.
    sources: dict[str, Source]
    #: Evaluation stage of every rule (negated facts are settled first).
    strata: dict[str, int]
    fingerprint: str
    directory: str
    #: Where each vocabulary entry is written, keyed `list:id`.
    term_sources: dict[str, Source] = field(default_factory=dict)
    #: The rules by id.
    by_id: dict[str, Rule] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "by_id", {rule.id: rule for rule in self.rules})

    @property
    def stage_count(self) -> int:
        return max(self.strata.values(), default=1)


def stratify(rules: tuple[Rule, ...]) -> tuple[dict[str, int], list[tuple[str, list[str]]]]:
    """The evaluation stage of each rule: a rule that negates a fact runs after every rule deriving it.

    Returns (stage per rule id, negation cycles found as (fact, path)). A rule that uses a fact
    positively may run in the same stage as the rules deriving it (the engine chains within a stage).
    """
    derivers: dict[str, list[Rule]] = {}
    for rule in rules:
        for fact in rule.then.derive:
            derivers.setdefault(fact, []).append(rule)
    stage = {rule.id: 1 for rule in rules}
    limit = len(rules) + 1

    def fact_stage(fact: str) -> int:
        return max((stage[r.id] for r in derivers.get(fact, [])), default=0)

    changed = True
    while changed:
        changed = False
        for rule in rules:
            needed = max(
                [1]
                + [fact_stage(f) for f in rule.when.positive_facts()]
                + [fact_stage(f) + 1 for f in rule.when.negative_facts()]
            )
            if needed > stage[rule.id]:
                if needed > limit:
                    continue
                stage[rule.id] = needed
                changed = True
    cycles: list[tuple[str, list[str]]] = []
    for rule in rules:
        for fact in rule.when.negative_facts():
            if fact_stage(fact) >= stage[rule.id]:
                cycles.append((fact, [rule.id, *(r.id for r in derivers.get(fact, []))]))
    return stage, cycles
