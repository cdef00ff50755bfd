"""A case as the duty officer describes it, and the plain check that lets a valid one through."""

from __future__ import annotations

from collections.abc import Mapping

from allocator.model.vocabulary import CASE_ATTRIBUTES, DEFAULT_TARGET, Vocabulary
from allocator.record import record

TYPE_CHECKING = False  # typing is not imported at run time (start-up)
if TYPE_CHECKING:
    from typing import Any

CaseKey = tuple[str, str, str, str, tuple[str, ...]]


@record
class Case:
    """topic, location, actor, optional target and flags (docs/contract.md).

    Flags are sorted and without duplicates (whoever builds a case sees to it: the boundary's
    validation, `plain_case`), so equal cases compare and hash equal.
    """

    topic: str
    location: str
    actor: str
    target: str = DEFAULT_TARGET
    flags: tuple[str, ...] = ()

    def key(self) -> CaseKey:
        return (self.topic, self.location, self.actor, self.target, self.flags)

    def as_dict(self) -> dict[str, Any]:
        return {
            "topic": self.topic,
            "location": self.location,
            "actor": self.actor,
            "target": self.target,
            "flags": list(self.flags),
        }


def plain_case(vocabulary: Vocabulary, data: Any) -> Case | None:
    """The case `data` describes, when it is plain and valid: a mapping of case attributes only,
    each a known id of the vocabulary (target defaulted, flags a list of known ids). None sends
    the case the long way, through the full validation that names every problem.

    It runs before every decision: plain loops and set lookups, no generator."""
    if not isinstance(data, Mapping):
        return None
    for key in data:
        if not isinstance(key, str) or key not in CASE_ATTRIBUTES:
            return None
    ids = vocabulary.case_ids
    topic = data.get("topic")
    if type(topic) is not str or topic not in ids["topic"]:
        return None
    location = data.get("location")
    if type(location) is not str or location not in ids["location"]:
        return None
    actor = data.get("actor")
    if type(actor) is not str or actor not in ids["actor"]:
        return None
    target = data.get("target", DEFAULT_TARGET)
    if type(target) is not str or target not in ids["target"]:
        return None
    flags = data.get("flags", ())
    if not isinstance(flags, list | tuple):
        return None
    if not flags:
        return Case(topic, location, actor, target)
    known = ids["flags"]
    for flag in flags:
        if type(flag) is not str or flag not in known:
            return None
    return Case(topic, location, actor, target, tuple(sorted(set(flags))))
