"""The vocabulary: every id a case or a rule may use, each with its labels, and the words of the contract."""

from __future__ import annotations

import re

from allocator.record import field, record

#: The single-valued attributes of a case (docs/contract.md), in the order they are shown.
ATTRIBUTES = ("topic", "location", "actor", "target")
#: The attributes every case must give (the target defaults, flags may be none).
REQUIRED_ATTRIBUTES = ATTRIBUTES[:3]
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
#: The abbreviation at the end of a label: `(SGRS)`.
_ABBREVIATION = re.compile(r"\(([^()\s]+)\)\s*$")
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
#: Vocabulary list name -> the kind used in messages.
LIST_KIND = {
    "topics": "topic",
    "locations": "location",
    "actors": "actor",
    "targets": "target",
    "flags": "flag",
    "services": "service",
    "partners": "partner",
    "mechanisms": "mechanism",
    "facts": "fact",
}


@record
class Labels:
    """A text in the three languages of the duty desk."""

    nl: str
    fr: str
    en: str

    def get(self, lang: str) -> str:
        return str(getattr(self, lang, self.en))


#: A text given in one language for all, or in each.
Text = str | Labels


def text_in(text: Text, lang: str) -> str:
    """`text` in `lang` (a plain text is the same in every language)."""
    return text if isinstance(text, str) else text.get(lang)


@record
class Term:
    """One entry of the vocabulary: an id, its label, a one-line description and, optionally, the
    words that say it inside a sentence of an explanation (the slot each list's phrase fills is
    described in the header of rules/vocabulary.yaml)."""

    id: str
    label: Labels
    description: Labels
    phrase: Labels | None = None


@record
class Settings:
    """Policy-wide settings: the escalation route of a case without a lead."""

    escalation: tuple[str, ...]


@record
class Vocabulary:
    """rules/vocabulary.yaml: every id a case or a rule may use. Mechanisms are in ladder order."""

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
    #: Every list by name, each as id -> term.
    terms: dict[str, dict[str, Term]] = field(init=False, repr=False, compare=False)
    #: Mechanism id -> its rung on the ladder (most operational first).
    ladder: dict[str, int] = field(init=False, repr=False, compare=False)
    #: Case attribute -> the ids it may take (for the plain check of a case).
    case_ids: dict[str, frozenset[str]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        terms = {name: {term.id: term for term in getattr(self, name)} for name in VOCABULARY_LISTS}
        object.__setattr__(self, "terms", terms)
        object.__setattr__(self, "ladder", {m.id: i for i, m in enumerate(self.mechanisms)})
        case_ids = {a: frozenset(terms[name]) for a, name in CASE_ATTRIBUTES.items()}
        object.__setattr__(self, "case_ids", case_ids)

    def lists(self) -> list[tuple[str, tuple[Term, ...]]]:
        """Every list with its name, in file order."""
        return [(name, getattr(self, name)) for name in VOCABULARY_LISTS]

    def ids(self, name: str) -> tuple[str, ...]:
        """The ids of one list, in file order."""
        return tuple(self.terms[name])

    def partner_ids(self) -> tuple[str, ...]:
        """Who may be named a partner: the services and the partners."""
        return self.ids("services") + self.ids("partners")

    def lead_ids(self) -> tuple[str, ...]:
        return (*self.ids("services"), NO_LEAD)

    def term(self, kind: str, term_id: str) -> Term | None:
        """The term `term_id` of list `kind` (services and partners stand in for each other)."""
        names = {"services": (kind, "partners"), "partners": (kind, "services")}.get(kind, (kind,))
        for name in names:
            term = self.terms.get(name, {}).get(term_id)
            if term is not None:
                return term
        return None

    def label(self, kind: str, term_id: str, lang: str) -> str:
        """The label of `term_id` in list `kind` (services and partners stand in for each other)."""
        term = self.term(kind, term_id)
        return term_id if term is None else str(term.label.get(lang))

    def short_label(self, kind: str, term_id: str, lang: str) -> str:
        """The abbreviation that ends the label, `SGRS` of `Service Général du Renseignement et de
        la Sécurité (SGRS)`, for a narrow place (a cell of the matrix, a listing); else the label."""
        label = self.label(kind, term_id, lang)
        found = _ABBREVIATION.search(label)
        return found.group(1) if found else label

    def phrase(self, kind: str, term_id: str, lang: str) -> str | None:
        """The words that say `term_id` inside a sentence in `lang` (rules/vocabulary.yaml, header),
        or None when the vocabulary gives none (the explanation then quotes the label)."""
        term = self.term(kind, term_id)
        return None if term is None or term.phrase is None else str(term.phrase.get(lang))
