"""The pydantic schemas of what is read: the vocabulary file, the rule files and a case given by a
user; each validated once, then converted into the runtime model (allocator.model).

The JSON Schemas of the rule files (`allocator schema`, schema/*.json) are generated from these
classes: their names, docstrings and field descriptions are what an editor shows.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    StrictInt,
    StringConstraints,
    Tag,
    ValidationInfo,
    WithJsonSchema,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from allocator import model
from allocator.load.suggest import suggest
from allocator.model import CASE_ATTRIBUTES, DEFAULT_TARGET, LIST_KIND

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
RULE_ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*(\.[a-z0-9]+(-[a-z0-9]+)*)*$"


class Frozen(BaseModel):
    """Immutable, and refuses keys it does not know."""

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=False)


#: A vocabulary id: lowercase kebab-case, as in docs/contract.md.
Id = Annotated[str, StringConstraints(strict=True, pattern=ID_PATTERN)]
#: A rule id: kebab-case parts joined by dots (`terrorism.civil-setting`).
RuleId = Annotated[str, StringConstraints(strict=True, pattern=RULE_ID_PATTERN)]
#: Non-empty text, surrounding blanks removed.
Text = Annotated[str, StringConstraints(strict=True, strip_whitespace=True, min_length=1)]


def _one_or_many(value: Any) -> Any:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list):
        return tuple(value)
    return value


#: One id or a list of ids, always held as a tuple.
IdList = Annotated[
    tuple[Id, ...],
    BeforeValidator(_one_or_many),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "pattern": ID_PATTERN},
                {"type": "array", "items": {"type": "string", "pattern": ID_PATTERN}},
            ]
        }
    ),
]


class Labels(Frozen):
    """A text in the three languages of the duty desk."""

    nl: Text
    fr: Text
    en: Text


class Term(Frozen):
    """One entry of the vocabulary: an id, its label and a one-line description, in NL, FR and EN;
    optionally the phrase that says it inside a sentence of an explanation."""

    id: Id
    label: Labels
    phrase: Labels | None = Field(
        default=None,
        description=(
            "How an explanation says this term inside a sentence, in NL, FR and EN, lower-cased as"
            " the language writes it there: for a location the place with its preposition (`op een"
            " militair domein`), for the others a noun phrase with its article (`een eenling`); the"
            " header of rules/vocabulary.yaml names the slot of each list. Without it, explanations"
            " quote the label."
        ),
    )
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


class Condition(Frozen):
    """Tests on a case. A list means "any of these"; `facts` means "all of these derived facts hold"."""

    topic: IdList = ()
    location: IdList = ()
    actor: IdList = ()
    target: IdList = ()
    flags: IdList = Field(default=(), description="The case carries at least one of these flags.")
    facts: IdList = Field(default=(), description="Every one of these derived facts holds.")


class When(Condition):
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


class Rule(Frozen):
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


class Case(Frozen):
    """topic, location, actor, optional target and flags (docs/contract.md).

    Validate with `Case.model_validate(data, context={"vocabulary": vocabulary})` to check every
    value against rules/vocabulary.yaml; without a vocabulary only the id syntax is checked.
    Flags are kept sorted and without duplicates, so equal cases compare and hash equal.
    """

    topic: Id
    location: Id
    actor: Id
    target: Id = DEFAULT_TARGET
    flags: tuple[Id, ...] = Field(default=())

    @field_validator("flags", mode="before")
    @classmethod
    def _flags_as_set(cls, value: Any) -> Any:
        if isinstance(value, str):
            value = [part for part in value.replace(";", ",").split(",") if part.strip()]
        if isinstance(value, (list, tuple, set, frozenset)):
            return tuple(sorted({str(v).strip() if isinstance(v, str) else v for v in value}))
        return value

    @field_validator("topic", "location", "actor", "target", "flags")
    @classmethod
    def _in_vocabulary(cls, value: Any, info: ValidationInfo) -> Any:
        vocabulary: model.Vocabulary | None = (info.context or {}).get("vocabulary")
        if vocabulary is None:
            return value
        name = info.field_name or ""
        values = value if isinstance(value, tuple) else (value,)
        for one in values:
            _check_value(vocabulary, CASE_ATTRIBUTES[name], one)
        return value


def _check_value(vocabulary: model.Vocabulary, list_name: str, value: str) -> None:
    """Raise a pydantic error (turned into a CaseError by allocator.load.cases) when `value` is
    not in the list."""
    choices = vocabulary.ids(list_name)
    if value in choices:
        return
    raise PydanticCustomError(
        "unknown-case-value",
        "unknown {kind} {value}",
        {
            "kind": LIST_KIND[list_name],
            "value": value,
            "suggestion": suggest(value, choices),
            "choices": choices,
        },
    )


# --------------------------------------------------------------------------- into the model


def _labels(labels: Labels) -> model.Labels:
    return model.Labels(labels.nl, labels.fr, labels.en)


def _text(text: str | Labels) -> model.Text:
    return text if isinstance(text, str) else _labels(text)


def _condition(condition: Condition) -> dict[str, tuple[str, ...]]:
    return {
        "topic": condition.topic,
        "location": condition.location,
        "actor": condition.actor,
        "target": condition.target,
        "flags": condition.flags,
        "facts": condition.facts,
    }


def vocabulary_model(vocabulary: Vocabulary) -> model.Vocabulary:
    """The validated vocabulary in the runtime model."""
    lists = {
        name: tuple(
            model.Term(
                term.id,
                _labels(term.label),
                _labels(term.description),
                _labels(term.phrase) if term.phrase is not None else None,
            )
            for term in getattr(vocabulary, name)
        )
        for name in model.VOCABULARY_LISTS
    }
    return model.Vocabulary(**lists, settings=model.Settings(vocabulary.settings.escalation))


def rule_model(rule: Rule) -> model.Rule:
    """A validated rule in the runtime model."""
    when, then = rule.when, rule.then
    return model.Rule(
        id=rule.id,
        title=_text(rule.title),
        basis=_text(rule.basis),
        description=_text(rule.description),
        when=model.When(
            **_condition(when),
            not_=model.Condition(**_condition(when.not_)) if when.not_ is not None else None,
        ),
        then=model.Then(
            lead=then.lead,
            priority=then.priority,
            partners=then.partners,
            consultation=then.consultation,
            competent=then.competent,
            derive=then.derive,
        ),
    )


def case_model(case: Case) -> model.Case:
    """A validated case in the runtime model."""
    return model.Case(case.topic, case.location, case.actor, case.target, case.flags)
