"""The schema of rules/: the vocabulary file, the rule files, and the loaded policy."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cached_property
from typing import Annotated, Any

from pydantic import Discriminator, Field, StrictInt, Tag, model_validator
from pydantic_core import PydanticCustomError

from allocator.models.common import Frozen, Id, IdList, RuleId, Text

#: The attributes of a case (CONTRACT.md), mapped to the vocabulary list that holds their values.
CASE_ATTRIBUTES: dict[str, str] = {
    "topic": "topics",
    "location": "locations",
    "actor": "actors",
    "target": "targets",
    "flags": "flags",
}
#: The target of a case that names none (CONTRACT.md).
DEFAULT_TARGET = "unspecified"
#: The lead of a case outside both services' mandates (CONTRACT.md).
NO_LEAD = "none"


class Labels(Frozen):
    """A text in the three languages of the duty desk."""

    nl: Text
    fr: Text
    en: Text

    def get(self, lang: str) -> str:
        return str(getattr(self, lang, self.en))


class Term(Frozen):
    """One entry of the vocabulary: an id, its label and a one-line description, in NL, FR and EN."""

    id: Id
    label: Labels
    description: Labels


class Settings(Frozen):
    """Policy-wide settings."""

    escalation: IdList = Field(
        description="Consultation mechanisms, in order, named when the rules give no lead or conflicting leads."
    )


class Vocabulary(Frozen):
    """rules/vocabulary.yaml: every id a case or a rule may use. Mechanisms are listed in ladder order."""

    topics: tuple[Term, ...] = Field(min_length=1)
    locations: tuple[Term, ...] = Field(min_length=1)
    actors: tuple[Term, ...] = Field(min_length=1)
    targets: tuple[Term, ...] = Field(min_length=1)
    flags: tuple[Term, ...] = ()
    services: tuple[Term, ...] = Field(min_length=1)
    partners: tuple[Term, ...] = ()
    mechanisms: tuple[Term, ...] = Field(
        min_length=1, description="In ladder order: most operational first."
    )
    facts: tuple[Term, ...] = ()
    settings: Settings

    def lists(self) -> Iterator[tuple[str, tuple[Term, ...]]]:
        for name in type(self).model_fields:
            if name != "settings":
                yield name, getattr(self, name)

    @cached_property
    def terms(self) -> dict[str, dict[str, Term]]:
        """Every list by name, each as id -> term."""
        return {name: {term.id: term for term in terms} for name, terms in self.lists()}

    def ids(self, name: str) -> tuple[str, ...]:
        """The ids of one list, in file order."""
        return tuple(self.terms[name])

    @cached_property
    def ladder(self) -> dict[str, int]:
        return {term.id: index for index, term in enumerate(self.mechanisms)}

    def partner_ids(self) -> tuple[str, ...]:
        """Who may be named a partner: the services and the partners."""
        return self.ids("services") + self.ids("partners")

    def lead_ids(self) -> tuple[str, ...]:
        return (*self.ids("services"), NO_LEAD)

    def label(self, kind: str, term_id: str, lang: str) -> str:
        """The label of `term_id` in list `kind` (falling back to the id itself)."""
        for name in (
            (kind, "partners")
            if kind == "services"
            else (kind, "services")
            if kind == "partners"
            else (kind,)
        ):
            term = self.terms.get(name, {}).get(term_id)
            if term is not None:
                return term.label.get(lang)
        return term_id


class Condition(Frozen):
    """Tests on a case. A list means "any of these"; `facts` means "all of these derived facts hold"."""

    topic: IdList = ()
    location: IdList = ()
    actor: IdList = ()
    target: IdList = ()
    flags: IdList = Field(default=(), description="The case carries at least one of these flags.")
    facts: IdList = Field(default=(), description="Every one of these derived facts holds.")

    def tests(self) -> Iterator[tuple[str, tuple[str, ...]]]:
        for name in ("topic", "location", "actor", "target", "flags", "facts"):
            values: tuple[str, ...] = getattr(self, name)
            if values:
                yield name, values


class When(Condition):
    """Every test must hold; under `not`, none of the listed values may hold."""

    not_: Condition | None = Field(default=None, alias="not")

    def negated(self) -> Iterator[tuple[str, tuple[str, ...]]]:
        if self.not_ is not None:
            yield from self.not_.tests()

    def positive_facts(self) -> tuple[str, ...]:
        return self.facts

    def negative_facts(self) -> tuple[str, ...]:
        return self.not_.facts if self.not_ is not None else ()


class Then(Frozen):
    """What a rule does when it holds."""

    lead: Id | None = Field(default=None, description="`adiv`, `vsse` or `none`; needs a priority.")
    priority: StrictInt | None = Field(
        default=None, description="Highest wins; equal priorities that disagree are a conflict."
    )
    partners: IdList = ()
    consultation: IdList = ()
    derive: IdList = Field(default=(), description="Derived facts this rule establishes.")

    @model_validator(mode="after")
    def _coherent(self) -> Then:
        if self.lead is not None and self.priority is None:
            raise PydanticCustomError(
                "lead-without-priority", "a rule that sets lead needs a priority"
            )
        if self.lead is None and self.priority is not None:
            raise PydanticCustomError("priority-without-lead", "priority only applies with lead")
        if self.lead is None and not (self.partners or self.consultation or self.derive):
            raise PydanticCustomError("no-effect", "the rule has no effect")
        return self


def _text_or_labels(value: Any) -> str:
    return "labels" if isinstance(value, dict | Labels) else "text"


#: A text policy staff may give in one language for all, or as `{nl: …, fr: …, en: …}`.
Translatable = Annotated[
    Annotated[Text, Tag("text")] | Annotated[Labels, Tag("labels")],
    Discriminator(_text_or_labels),
]


def in_language(text: Translatable, lang: str) -> str:
    """`text` in `lang` (a plain text is the same in every language)."""
    return text if isinstance(text, str) else text.get(lang)


class Rule(Frozen):
    """One rule: a stable id, its title, legal basis and description, the conditions and the effects."""

    id: RuleId
    title: Translatable = Field(
        description="What the rule says, in a line: one text, or {nl, fr, en}."
    )
    basis: Text = Field(
        description="The legal source, e.g. `Organic Law of 30 November 1998, art. 11`."
    )
    description: Translatable = Field(
        description="One line in plain words, what the rule does and why: one text, or {nl, fr, en}."
    )
    when: When = When()
    then: Then

    def title_in(self, lang: str) -> str:
        return in_language(self.title, lang)

    def description_in(self, lang: str) -> str:
        return in_language(self.description, lang)


class RuleFile(Frozen):
    """A rule file of rules/: its rules, grouped by domain."""

    rules: tuple[Rule, ...] = Field(min_length=1)


class Source(Frozen):
    """Where a rule is written."""

    path: str
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}"


class Policy(Frozen):
    """A loaded, validated rule set: the vocabulary, the rules, where they stand, and its fingerprint."""

    vocabulary: Vocabulary
    rules: tuple[Rule, ...]
    sources: dict[str, Source]
    term_sources: dict[str, Source] = Field(
        default_factory=dict, description="Where each vocabulary entry is written, keyed `list:id`."
    )
    strata: dict[str, int] = Field(
        description="Evaluation stage of every rule (negated facts are settled first)."
    )
    fingerprint: str
    directory: str

    @cached_property
    def by_id(self) -> dict[str, Rule]:
        return {rule.id: rule for rule in self.rules}

    @property
    def stage_count(self) -> int:
        return max(self.strata.values(), default=1)
