"""Look-ups in the vocabulary: is a value known, and if not, what did the user probably mean."""

from __future__ import annotations

import difflib
from collections.abc import Sequence

from pydantic_core import PydanticCustomError

from allocator.errors import Hint
from allocator.models.policy import Vocabulary

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


def suggest(value: str, choices: Sequence[str]) -> str | None:
    """The nearest valid choice to `value`, if one is near enough."""
    if not isinstance(value, str):
        return None
    folded = value.strip().lower().replace("_", "-").replace(" ", "-")
    if folded in choices:
        return folded
    matches = difflib.get_close_matches(folded, choices, n=1, cutoff=0.6)
    if matches:
        return matches[0]
    prefixed = [c for c in choices if folded and c.startswith(folded)]
    return prefixed[0] if len(prefixed) == 1 else None


def unknown_hint(value: str, choices: Sequence[str], kind: str) -> Hint:
    """ "did you mean …? valid …: …" for an unknown value."""
    suggestion = suggest(value, choices)
    listed = ", ".join(choices)
    if suggestion is not None:
        return Hint(
            "did-you-mean-valid", {"suggestion": suggestion, "kinds": kind, "choices": listed}
        )
    return Hint("valid-values", {"kinds": kind, "choices": listed})


def check_value(vocabulary: Vocabulary, list_name: str, value: str) -> None:
    """Raise a pydantic error (turned into a CaseError by the caller) when `value` is not in the list."""
    choices = vocabulary.ids(list_name)
    if value in choices:
        return
    suggestion = suggest(value, choices)
    raise PydanticCustomError(
        "unknown-case-value",
        "unknown {kind} {value}",
        {
            "kind": LIST_KIND[list_name],
            "value": value,
            "suggestion": suggestion,
            "choices": choices,
        },
    )
