"""The model as plain JSON data, and back: the canonical form behind the fingerprint
(allocator.load.fingerprint) and the body of a compiled rule set in the cache (allocator.store).

A vocabulary or a rule becomes the mapping its file holds once validated: every key present,
lists as lists, a translated text as `{nl, fr, en}`, negated tests under `not`.
"""

from __future__ import annotations

from allocator.model.policy import CONDITION_KEYS, Condition, Rule, Then, When
from allocator.model.vocabulary import VOCABULARY_LISTS, Labels, Settings, Term, Text, Vocabulary

TYPE_CHECKING = False  # typing is not imported at run time (start-up)
if TYPE_CHECKING:
    from typing import Any

_THEN_LISTS = ("partners", "consultation", "competent", "derive")


def _labels(labels: Labels) -> dict[str, str]:
    return {"nl": labels.nl, "fr": labels.fr, "en": labels.en}


def _text(text: Text) -> str | dict[str, str]:
    return text if isinstance(text, str) else _labels(text)


def _condition(condition: Condition) -> dict[str, Any]:
    return {key: list(getattr(condition, key)) for key in CONDITION_KEYS}


def _term(term: Term) -> dict[str, Any]:
    """A term; its phrase only when it has one (the canonical form of a vocabulary without
    phrases, and so its fingerprint, is the one it had before phrases existed)."""
    document: dict[str, Any] = {
        "id": term.id,
        "label": _labels(term.label),
        "description": _labels(term.description),
    }
    if term.phrase is not None:
        document["phrase"] = _labels(term.phrase)
    return document


def vocabulary_document(vocabulary: Vocabulary) -> dict[str, Any]:
    document: dict[str, Any] = {
        name: [_term(term) for term in terms] for name, terms in vocabulary.lists()
    }
    document["settings"] = {"escalation": list(vocabulary.settings.escalation)}
    return document


def rule_document(rule: Rule) -> dict[str, Any]:
    when = rule.when
    then = rule.then
    return {
        "id": rule.id,
        "title": _text(rule.title),
        "basis": _text(rule.basis),
        "description": _text(rule.description),
        "when": {
            **_condition(when),
            "not": _condition(when.not_) if when.not_ is not None else None,
        },
        "then": {
            "lead": then.lead,
            "priority": then.priority,
            **{key: list(getattr(then, key)) for key in _THEN_LISTS},
        },
    }


def _labels_from(data: dict[str, str]) -> Labels:
    return Labels(data["nl"], data["fr"], data["en"])


def _text_from(data: Any) -> Text:
    return data if isinstance(data, str) else _labels_from(data)


def _condition_args(data: dict[str, Any]) -> dict[str, tuple[str, ...]]:
    return {key: tuple(data[key]) for key in CONDITION_KEYS}


def vocabulary_from_document(document: dict[str, Any]) -> Vocabulary:
    """The vocabulary of `vocabulary_document` (raises on a malformed document)."""
    lists = {
        name: tuple(
            Term(
                term["id"],
                _labels_from(term["label"]),
                _labels_from(term["description"]),
                _labels_from(term["phrase"]) if "phrase" in term else None,
            )
            for term in document[name]
        )
        for name in VOCABULARY_LISTS
    }
    return Vocabulary(**lists, settings=Settings(tuple(document["settings"]["escalation"])))


def rule_from_document(document: dict[str, Any]) -> Rule:
    """The rule of `rule_document` (raises on a malformed document)."""
    when, then = document["when"], document["then"]
    negated = when["not"]
    return Rule(
        id=document["id"],
        title=_text_from(document["title"]),
        basis=_text_from(document["basis"]),
        description=_text_from(document["description"]),
        when=When(
            **_condition_args(when),
            not_=Condition(**_condition_args(negated)) if negated is not None else None,
        ),
        then=Then(
            lead=then["lead"],
            priority=then["priority"],
            **{key: tuple(then[key]) for key in _THEN_LISTS},
        ),
    )
