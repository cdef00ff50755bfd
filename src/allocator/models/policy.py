"""The schema of rules/: the vocabulary file, the rule files, and the loaded policy."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import Discriminator, Field, StrictInt, Tag, model_validator
from pydantic_core import PydanticCustomError

from allocator.light import (
    CASE_ATTRIBUTES,
    DEFAULT_TARGET,
    NO_LEAD,
    ConditionMixin,
    LabelsMixin,
    PolicyMixin,
    RuleMixin,
    VocabularyMixin,
    WhenMixin,
)
from allocator.models.common import Frozen, Id, IdList, RuleId, Text

__all__ = ["CASE_ATTRIBUTES", "DEFAULT_TARGET", "NO_LEAD"]


class Labels(Frozen, LabelsMixin):
    """A text in the three languages of the duty desk."""

    nl: Text
    fr: Text
    en: Text


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


class Vocabulary(Frozen, VocabularyMixin):
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


class Condition(Frozen, ConditionMixin):
    """Tests on a case. A list means "any of these"; `facts` means "all of these derived facts hold"."""

    topic: IdList = ()
    location: IdList = ()
    actor: IdList = ()
    target: IdList = ()
    flags: IdList = Field(default=(), description="The case carries at least one of these flags.")
    facts: IdList = Field(default=(), description="Every one of these derived facts holds.")


class When(Condition, WhenMixin):
    """Every test must hold; under `not`, none of the listed values may hold."""

    not_: Condition | None = Field(default=None, alias="not")


class Then(Frozen):
    """What a rule does when it holds."""

    lead: Id | None = Field(default=None, description="`adiv`, `vsse` or `none`; needs a priority.")
    priority: StrictInt | None = Field(
        default=None, description="Highest wins; equal priorities that disagree are a conflict."
    )
    partners: IdList = ()
    consultation: IdList = ()
    competent: IdList = Field(
        default=(),
        description="Services whose legal mandate the case falls within (`adiv`, `vsse`): the decision's `competent` is the union.",
    )
    derive: IdList = Field(default=(), description="Derived facts this rule establishes.")

    @model_validator(mode="after")
    def _coherent(self) -> Then:
        if self.lead is not None and self.priority is None:
            raise PydanticCustomError(
                "lead-without-priority", "a rule that sets lead needs a priority"
            )
        if self.lead is None and self.priority is not None:
            raise PydanticCustomError("priority-without-lead", "priority only applies with lead")
        if self.lead is None and not (
            self.partners or self.consultation or self.competent or self.derive
        ):
            raise PydanticCustomError("no-effect", "the rule has no effect")
        return self


def _text_or_labels(value: Any) -> str:
    return "labels" if isinstance(value, dict | Labels) else "text"


#: A text policy staff may give in one language for all, or as `{nl: …, fr: …, en: …}`.
Translatable = Annotated[
    Annotated[Text, Tag("text")] | Annotated[Labels, Tag("labels")],
    Discriminator(_text_or_labels),
]


class Rule(Frozen, RuleMixin):
    """One rule: a stable id, its title, legal basis and description, the conditions and the effects."""

    id: RuleId
    title: Translatable = Field(
        description="What the rule says, in a line: one text, or {nl, fr, en}."
    )
    basis: Translatable = Field(
        description="The legal source with the law's official title, e.g. `Organic Law of 30 November 1998, art. 11`: one text, or {nl, fr, en}."
    )
    description: Translatable = Field(
        description="One line in plain words, what the rule does and why: one text, or {nl, fr, en}."
    )
    when: When = When()
    then: Then


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


class Policy(Frozen, PolicyMixin):
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
