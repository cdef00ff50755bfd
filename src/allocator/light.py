"""The runtime shapes of a policy, a case and a decision, without pydantic.

The pydantic models (allocator.models) validate what is read: the rule files, the case. Once
validated, a policy is turned into these plain frozen dataclasses (`to_runtime`), which the
engine, the resolution, the explanations and the rendering use just as they use the models:
both share the behaviour defined here in mixins. So `allocator decide` can answer from a
compiled rule set without importing pydantic (a cold start several times faster), and the
behaviour is written once.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from typing import TypeAlias

    from allocator.models import case as _case
    from allocator.models import decision as _decision
    from allocator.models import policy as _policy
    from allocator.models.policy import Policy

#: The attributes of a case (docs/contract.md), mapped to the vocabulary list that holds their values.
CASE_ATTRIBUTES: dict[str, str] = {
    "topic": "topics",
    "location": "locations",
    "actor": "actors",
    "target": "targets",
    "flags": "flags",
}
#: The target of a case that names none (docs/contract.md).
DEFAULT_TARGET = "unspecified"
#: The lead of a case outside both services' mandates (docs/contract.md).
NO_LEAD = "none"
#: How many services a case falls within (docs/contract.md): none, one, or both.
COMPETENCE = ("none", "exclusive", "shared")


def competence_of(competent: tuple[str, ...] | list[str]) -> str:
    """`none`, `exclusive` or `shared`, from the services competent for a case."""
    return COMPETENCE[min(len(competent), 2)]


#: The lists of the vocabulary, in file order.
VOCABULARY_LISTS = (
    "topics",
    "locations",
    "actors",
    "targets",
    "flags",
    "services",
    "partners",
    "mechanisms",
    "facts",
)


# --------------------------------------------------------------------------- shared behaviour


class LabelsMixin:
    def get(self, lang: str) -> str:
        return str(getattr(self, lang, getattr(self, "en")))  # noqa: B009


def in_language(text: Any, lang: str) -> str:
    """`text` in `lang` (a plain text is the same in every language)."""
    return text if isinstance(text, str) else text.get(lang)


class VocabularyMixin:
    def lists(self) -> Iterator[tuple[str, tuple[Any, ...]]]:
        for name in VOCABULARY_LISTS:
            yield name, getattr(self, name)

    @cached_property
    def terms(self) -> dict[str, dict[str, Any]]:
        """Every list by name, each as id -> term."""
        return {name: {term.id: term for term in terms} for name, terms in self.lists()}

    def ids(self, name: str) -> tuple[str, ...]:
        """The ids of one list, in file order."""
        return tuple(self.terms[name])

    @cached_property
    def ladder(self) -> dict[str, int]:
        return {term.id: index for index, term in enumerate(getattr(self, "mechanisms"))}  # noqa: B009

    def partner_ids(self) -> tuple[str, ...]:
        """Who may be named a partner: the services and the partners."""
        return self.ids("services") + self.ids("partners")

    def lead_ids(self) -> tuple[str, ...]:
        return (*self.ids("services"), NO_LEAD)

    def label(self, kind: str, term_id: str, lang: str) -> str:
        """The label of `term_id` in list `kind` (services and partners stand in for each other)."""
        names = {"services": (kind, "partners"), "partners": (kind, "services")}.get(kind, (kind,))
        for name in names:
            term = self.terms.get(name, {}).get(term_id)
            if term is not None:
                return str(term.label.get(lang))
        return term_id


class ConditionMixin:
    def tests(self) -> Iterator[tuple[str, tuple[str, ...]]]:
        for name in ("topic", "location", "actor", "target", "flags", "facts"):
            values: tuple[str, ...] = getattr(self, name)
            if values:
                yield name, values


class WhenMixin(ConditionMixin):
    if TYPE_CHECKING:
        not_: Any

    def negated(self) -> Iterator[tuple[str, tuple[str, ...]]]:
        if self.not_ is not None:
            yield from self.not_.tests()

    def positive_facts(self) -> tuple[str, ...]:
        return tuple(getattr(self, "facts"))  # noqa: B009

    def negative_facts(self) -> tuple[str, ...]:
        return tuple(self.not_.facts) if self.not_ is not None else ()


class RuleMixin:
    if TYPE_CHECKING:  # the fields both shapes of a rule have
        id: str
        basis: Any
        title: Any
        description: Any
        when: Any
        then: Any

    def title_in(self, lang: str) -> str:
        return in_language(getattr(self, "title"), lang)  # noqa: B009

    def basis_in(self, lang: str) -> str:
        return in_language(getattr(self, "basis"), lang)  # noqa: B009

    def description_in(self, lang: str) -> str:
        return in_language(getattr(self, "description"), lang)  # noqa: B009


class PolicyMixin:
    @cached_property
    def by_id(self) -> dict[str, Any]:
        return {rule.id: rule for rule in getattr(self, "rules")}  # noqa: B009

    @property
    def stage_count(self) -> int:
        return max(getattr(self, "strata").values(), default=1)  # noqa: B009


class CaseMixin:
    def key(self) -> tuple[str, str, str, str, tuple[str, ...]]:
        get = self.__getattribute__
        return (get("topic"), get("location"), get("actor"), get("target"), tuple(get("flags")))

    def as_dict(self) -> dict[str, Any]:
        topic, location, actor, target, flags = self.key()
        return {
            "topic": topic,
            "location": location,
            "actor": actor,
            "target": target,
            "flags": list(flags),
        }

    def describe(self) -> str:
        topic, location, actor, target, flags = self.key()
        return f"topic={topic} location={location} actor={actor} target={target} flags={','.join(flags) or '-'}"


DECISION_FIELDS = (
    "lead",
    "partners",
    "consultation",
    "competent",
    "competence",
    "rules",
    "ruleset",
    "outcome",
    "case",
    "facts",
    "lead_rules",
    "overridden",
    "conflict",
    "missing",
    "escalation",
)

#: The part of a decision the decision log keeps (and `allocator replay` compares).
SUMMARY_FIELDS = ("outcome", "lead", "partners", "consultation", "competent", "competence", "rules")


class DecisionMixin:
    @property
    def decided(self) -> bool:
        return bool(getattr(self, "outcome") == "decided")  # noqa: B009

    def summary(self) -> dict[str, Any]:
        """The decision as the decision log records it (SUMMARY_FIELDS)."""
        document = self.as_json()
        return {key: document[key] for key in SUMMARY_FIELDS}

    def as_json(self) -> dict[str, Any]:
        """The decision as docs/contract.md shapes it: lead, partners, consultation, rules, ruleset first."""
        out: dict[str, Any] = {}
        for name in DECISION_FIELDS:
            value = getattr(self, name)
            out[name] = (
                value.as_dict()
                if name == "case"
                else list(value)
                if isinstance(value, tuple)
                else value
            )
        return out


# --------------------------------------------------------------------------- the plain shapes


@dataclass(frozen=True)
class Labels(LabelsMixin):
    nl: str
    fr: str
    en: str


@dataclass(frozen=True)
class Term:
    id: str
    label: Labels
    description: Labels


@dataclass(frozen=True)
class Settings:
    escalation: tuple[str, ...]


@dataclass(frozen=True)
class Vocabulary(VocabularyMixin):
    topics: tuple[Term, ...]
    locations: tuple[Term, ...]
    actors: tuple[Term, ...]
    targets: tuple[Term, ...]
    flags: tuple[Term, ...]
    services: tuple[Term, ...]
    partners: tuple[Term, ...]
    mechanisms: tuple[Term, ...]
    facts: tuple[Term, ...]
    settings: Settings


@dataclass(frozen=True)
class Condition(ConditionMixin):
    topic: tuple[str, ...] = ()
    location: tuple[str, ...] = ()
    actor: tuple[str, ...] = ()
    target: tuple[str, ...] = ()
    flags: tuple[str, ...] = ()
    facts: tuple[str, ...] = ()


@dataclass(frozen=True)
class When(WhenMixin, Condition):
    not_: Condition | None = None


@dataclass(frozen=True)
class Then:
    lead: str | None
    priority: int | None
    partners: tuple[str, ...]
    consultation: tuple[str, ...]
    competent: tuple[str, ...]
    derive: tuple[str, ...]


@dataclass(frozen=True)
class Rule(RuleMixin):
    id: str
    title: str | Labels
    basis: str | Labels
    description: str | Labels
    when: When
    then: Then


@dataclass(frozen=True)
class Source:
    path: str
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}"


@dataclass(frozen=True)
class RuntimePolicy(PolicyMixin):
    vocabulary: Vocabulary
    rules: tuple[Rule, ...]
    sources: dict[str, Source]
    strata: dict[str, int]
    fingerprint: str
    directory: str


@dataclass(frozen=True)
class Case(CaseMixin):
    topic: str
    location: str
    actor: str
    target: str = DEFAULT_TARGET
    flags: tuple[str, ...] = ()


@dataclass(frozen=True)
class DecisionData(DecisionMixin):
    """The decision as the resolution computes it; the pydantic `Decision` is built from it."""

    lead: str | None
    partners: tuple[str, ...]
    consultation: tuple[str, ...]
    competent: tuple[str, ...]
    competence: str
    rules: tuple[str, ...]
    ruleset: str
    outcome: str
    case: Any
    facts: tuple[str, ...] = ()
    lead_rules: tuple[str, ...] = ()
    overridden: tuple[str, ...] = ()
    conflict: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()
    escalation: tuple[str, ...] = field(default=())


# --------------------------------------------------------------------------- conversion


def _labels(value: Any) -> Labels:
    return Labels(value.nl, value.fr, value.en)


def _text(value: Any) -> str | Labels:
    return value if isinstance(value, str) else _labels(value)


def _condition(value: Any) -> Condition:
    return Condition(
        value.topic, value.location, value.actor, value.target, value.flags, value.facts
    )


def to_runtime(policy: Policy) -> RuntimePolicy:
    """The validated policy as plain runtime data."""
    source = policy.vocabulary
    lists = {
        name: tuple(
            Term(t.id, _labels(t.label), _labels(t.description)) for t in getattr(source, name)
        )
        for name in VOCABULARY_LISTS
    }
    vocabulary = Vocabulary(**lists, settings=Settings(tuple(source.settings.escalation)))
    rules = tuple(
        Rule(
            id=rule.id,
            title=_text(rule.title),
            basis=_text(rule.basis),
            description=_text(rule.description),
            when=When(
                rule.when.topic,
                rule.when.location,
                rule.when.actor,
                rule.when.target,
                rule.when.flags,
                rule.when.facts,
                _condition(rule.when.not_) if rule.when.not_ is not None else None,
            ),
            then=Then(
                rule.then.lead,
                rule.then.priority,
                rule.then.partners,
                rule.then.consultation,
                rule.then.competent,
                rule.then.derive,
            ),
        )
        for rule in policy.rules
    )
    sources = {key: Source(s.path, s.line, s.column) for key, s in policy.sources.items()}
    return RuntimePolicy(
        vocabulary, rules, sources, dict(policy.strata), policy.fingerprint, policy.directory
    )


if TYPE_CHECKING:
    #: What the runtime code accepts: a validated model or its plain runtime form.
    AnyPolicy: TypeAlias = "_policy.Policy | RuntimePolicy"
    AnyRule: TypeAlias = RuleMixin
    AnyCondition: TypeAlias = "_policy.Condition | Condition"
    AnyCase: TypeAlias = "_case.Case | Case"
    AnyDecision: TypeAlias = "_decision.Decision | DecisionData"
