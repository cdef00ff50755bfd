"""What the user probably meant: the values an answer may stand for, the nearest valid value, and
the help line that names them.

An id is matched as the user would read it: case, accents and separators aside ("Défense",
"defense" and "DEFENSE" are the same; so are "military site" and "military-site"), and by its
labels as well as its id when the caller gives them.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Mapping, Sequence

from allocator.errors import Hint

#: Runs of what separates words in an id or a label, compared as one hyphen.
_SEPARATORS = re.compile(r"[\s_\-]+")
#: Names: each id with the other names it goes by (its labels); the id always counts as one.
Names = Mapping[str, Sequence[str]]


def fold(text: str) -> str:
    """`text` as it is compared: without accents (Unicode NFKD, combining marks dropped), case
    folded, every run of spaces, underscores and hyphens one hyphen, typographic apostrophes
    plain."""
    decomposed = unicodedata.normalize("NFKD", text.replace("\u2019", "'"))
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _SEPARATORS.sub("-", bare.casefold()).strip("-")


def _folded(names: Names) -> dict[str, list[str]]:
    return {id_: [fold(id_), *(fold(name) for name in others)] for id_, others in names.items()}


def matching(value: str, names: Names) -> list[str]:
    """The ids `value` may stand for, in the order of `names`: those of which it is the id or a
    name, compared folded; else those whose id or a name starts with it. An exact match wins
    over the prefixes ("terrorism" is not also "terrorism-financing"). None: an empty list; more
    than one: `value` is ambiguous."""
    key = fold(value) if isinstance(value, str) else ""
    if not key:
        return []
    folded = _folded(names)
    exact = [id_ for id_, forms in folded.items() if key in forms]
    if exact:
        return exact
    return [id_ for id_, forms in folded.items() if any(form.startswith(key) for form in forms)]


def suggest(value: str, choices: Sequence[str], names: Names | None = None) -> str | None:
    """The nearest valid choice to `value`, if one is near enough: the one it is in another case
    or with other accents, the only one it starts, else the closest in spelling. With `names`,
    the labels count as well as the ids."""
    if not isinstance(value, str):
        return None
    every: Names = names if names is not None else dict.fromkeys(choices, ())
    found = matching(value, every)
    if len(found) == 1:
        return found[0]
    key = fold(value)
    spelled = {form: id_ for id_, forms in _folded(every).items() for form in forms}
    close = difflib.get_close_matches(key, list(spelled), n=1, cutoff=0.6)
    return spelled[close[0]] if close else None


def unknown_hint(value: str, choices: Sequence[str], kind: str, names: Names | None = None) -> Hint:
    """The help line for an unknown value: "`terr` could be: terrorism, terrorism-financing"
    when it starts several ids (or names), else "did you mean …? valid …: …"."""
    listed = ", ".join(choices)
    if isinstance(value, str):
        found = matching(value, names if names is not None else dict.fromkeys(choices, ()))
        if len(found) > 1:
            return Hint("could-be", {"value": value, "choices": ", ".join(found)})
    suggestion = suggest(value, choices, names)
    if suggestion is not None:
        return Hint(
            "did-you-mean-valid", {"suggestion": suggestion, "kinds": kind, "choices": listed}
        )
    return Hint("valid-values", {"kinds": kind, "choices": listed})
