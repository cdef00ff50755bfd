"""What the user probably meant: the nearest valid value, and the help line that names it."""

from __future__ import annotations

import difflib
from collections.abc import Sequence

from allocator.errors import Hint


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
