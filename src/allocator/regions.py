"""Sets of cases as unions of boxes: exact set algebra over the finite domain of a policy.

A *box* is one set of values per dimension (topic, location, actor, target, then one boolean
dimension per flag), held as bit masks; it stands for every case whose attributes all lie in
their sets. A *region* is a list of boxes (their union). Rules select boxes, derived facts are
unions of rule regions, and "not" is a complement: so every question about the whole domain
(where is there no lead? where do two rule sets differ?) is answered by a handful of set
operations instead of by deciding millions of cases one by one.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from allocator.models.policy import Condition, Vocabulary

Box = tuple[int, ...]
Region = list[Box]

ATTRIBUTES = ("topic", "location", "actor", "target")
_LISTS = {"topic": "topics", "location": "locations", "actor": "actors", "target": "targets"}


@dataclass(frozen=True)
class Space:
    """The dimensions of the domain: the four case attributes, then one dimension per flag."""

    names: tuple[str, ...]
    values: tuple[tuple[str, ...], ...]
    flags: tuple[str, ...]

    @classmethod
    def of(cls, vocabulary: Vocabulary) -> Space:
        flags = vocabulary.ids("flags")
        names = (*ATTRIBUTES, *(f"flag:{flag}" for flag in flags))
        values = tuple(vocabulary.ids(_LISTS[a]) for a in ATTRIBUTES) + tuple(
            ("no", "yes") for _ in flags
        )
        return cls(names, values, flags)

    @classmethod
    def merged(cls, first: Vocabulary, second: Vocabulary) -> Space:
        """One space for two vocabularies: every value of either, the first's order first."""
        a, b = cls.of(first), cls.of(second)
        flags = (*a.flags, *(f for f in b.flags if f not in a.flags))
        attributes = tuple(
            (*x, *(value for value in y if value not in x))
            for x, y in zip(a.values[:4], b.values[:4], strict=True)
        )
        names = (*ATTRIBUTES, *(f"flag:{flag}" for flag in flags))
        return cls(names, attributes + tuple(("no", "yes") for _ in flags), flags)

    @property
    def full(self) -> Box:
        return tuple((1 << len(v)) - 1 for v in self.values)

    def index(self, name: str) -> int:
        return self.names.index(name)

    def mask(self, dimension: int, chosen: Iterable[str]) -> int:
        values = self.values[dimension]
        bits = 0
        for value in chosen:
            if value in values:
                bits |= 1 << values.index(value)
        return bits

    def size(self, region: Region) -> int:
        """How many cases the region holds (its boxes must be disjoint)."""
        return sum(_product(bin(part).count("1") for part in box) for box in region)

    def size_by(self, region: Region, dimension: int) -> dict[str, int]:
        """How many cases of the region hold each value of one dimension (disjoint boxes)."""
        counts = dict.fromkeys(self.values[dimension], 0)
        for box in region:
            rest = _product(bin(part).count("1") for k, part in enumerate(box) if k != dimension)
            for value in self.chosen(dimension, box[dimension]):
                counts[value] += rest
        return counts

    def total(self) -> int:
        return _product(len(v) for v in self.values)

    def box_of_case(self, case: dict[str, Any]) -> Box:
        flags = set(case.get("flags", ()))
        parts = [self.mask(i, [case.get(a, "unspecified")]) for i, a in enumerate(ATTRIBUTES)]
        parts += [2 if flag in flags else 1 for flag in self.flags]
        return tuple(parts)

    def example(self, region: Region) -> dict[str, Any]:
        """One case of the region (the first value of every set of its first box)."""
        box = region[0]
        case: dict[str, Any] = {}
        for i, attribute in enumerate(ATTRIBUTES):
            case[attribute] = self.values[i][_lowest(box[i])]
        case["flags"] = [
            flag for j, flag in enumerate(self.flags) if _lowest(box[len(ATTRIBUTES) + j]) == 1
        ]
        return case

    def describe_box(self, box: Box) -> str:
        """`topic=proliferation, location=abroad, actor=any` — the shortest honest wording of a box."""
        parts = []
        for i, attribute in enumerate(ATTRIBUTES):
            parts.append(f"{attribute}={self._describe_set(i, box[i])}")
        for j, flag in enumerate(self.flags):
            bits = box[len(ATTRIBUTES) + j]
            if bits != 3:
                parts.append(f"{flag}={'yes' if bits == 2 else 'no'}")
        return ", ".join(parts)

    def box_json(self, box: Box) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for i, attribute in enumerate(ATTRIBUTES):
            out[attribute] = "any" if box[i] == self.full[i] else self.chosen(i, box[i])
        out["flags"] = {
            flag: ("yes" if box[len(ATTRIBUTES) + j] == 2 else "no")
            for j, flag in enumerate(self.flags)
            if box[len(ATTRIBUTES) + j] != 3
        }
        return out

    def chosen(self, dimension: int, bits: int) -> list[str]:
        return [value for k, value in enumerate(self.values[dimension]) if bits >> k & 1]

    def _describe_set(self, dimension: int, bits: int) -> str:
        full = self.full[dimension]
        if bits == full:
            return "any"
        chosen = self.chosen(dimension, bits)
        missing = self.chosen(dimension, full & ~bits)
        if len(missing) < len(chosen) and len(missing) <= 3:
            return "any but " + "|".join(missing)
        return "|".join(chosen)


def _product(numbers: Iterable[int]) -> int:
    result = 1
    for n in numbers:
        result *= n
    return result


def _lowest(bits: int) -> int:
    return (bits & -bits).bit_length() - 1


# --------------------------------------------------------------------------- set operations


def intersect(a: Region, b: Region) -> Region:
    out: Region = []
    for x in a:
        for y in b:
            box = tuple(p & q for p, q in zip(x, y, strict=True))
            if all(box):
                out.append(box)
    return out


def _box_minus(a: Box, b: Box) -> Iterator[Box]:
    """a \\ b as disjoint boxes."""
    if not all(p & q for p, q in zip(a, b, strict=True)):
        yield a
        return
    prefix = list(a)
    for i, (p, q) in enumerate(zip(a, b, strict=True)):
        rest = p & ~q
        if rest:
            yield (*prefix[:i], rest, *a[i + 1 :])
        prefix[i] = p & q


def subtract(a: Region, b: Region) -> Region:
    result = a
    for y in b:
        result = [piece for x in result for piece in _box_minus(x, y)]
        if not result:
            break
    return result


def union(*regions: Region) -> Region:
    """The union, made of disjoint boxes."""
    out: Region = []
    for region in regions:
        for box in region:
            out.extend(subtract([box], out))
    return out


def complement(space: Space, region: Region) -> Region:
    return subtract([space.full], region)


def is_subset(a: Region, b: Region) -> bool:
    return not subtract(a, b)


def equal(a: Region, b: Region) -> bool:
    return is_subset(a, b) and is_subset(b, a)


def contains(region: Region, box: Box) -> bool:
    return any(all(p & q == q for p, q in zip(x, box, strict=True)) for x in region)


def simplify(region: Region) -> Region:
    """Fewer, larger disjoint boxes: merge pairs that differ in one dimension only."""
    boxes = list(union(region))
    merged = True
    while merged:
        merged = False
        for i, j in itertools.combinations(range(len(boxes)), 2):
            a, b = boxes[i], boxes[j]
            diff = [k for k in range(len(a)) if a[k] != b[k]]
            if len(diff) == 1:
                k = diff[0]
                boxes[i] = (*a[:k], a[k] | b[k], *a[k + 1 :])
                del boxes[j]
                merged = True
                break
    return boxes


# --------------------------------------------------------------------------- conditions


def condition_region(space: Space, when: Condition, negated: Condition | None) -> Region:
    """The cases whose attributes and flags satisfy a rule's `when` (derived facts aside)."""
    box = list(space.full)
    for i, attribute in enumerate(ATTRIBUTES):
        wanted: Sequence[str] = getattr(when, attribute)
        if wanted:
            box[i] &= space.mask(i, wanted)
        if negated is not None and getattr(negated, attribute):
            box[i] &= ~space.mask(i, getattr(negated, attribute))
    offset = len(ATTRIBUTES)
    if negated is not None:
        for flag in negated.flags:
            box[offset + space.flags.index(flag)] &= 1
    if not all(box):
        return []
    if not when.flags:
        return [tuple(box)]
    # "any of these flags": disjoint boxes, the first flag set, or not it and the second, …
    out: Region = []
    earlier: list[int] = []
    for flag in when.flags:
        k = offset + space.flags.index(flag)
        piece = list(box)
        for e in earlier:
            piece[e] &= 1
        piece[k] &= 2
        if all(piece):
            out.append(tuple(piece))
        earlier.append(k)
    return out
