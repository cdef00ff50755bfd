"""Sets of cases as unions of boxes: exact set algebra over the finite domain of a policy.

A *box* is one set of values per dimension (topic, location, actor, target, then one boolean
dimension per flag), held as bit masks; it stands for every case whose attributes all lie in
their sets. A *region* is a list of boxes (their union). Rules select boxes, derived facts are
unions of rule regions, and "not" is a complement: so every question about the whole domain
(where is there no lead? where do two rule sets differ?) is answered by a handful of set
operations instead of by deciding millions of cases one by one.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from allocator.model import ATTRIBUTES, CASE_ATTRIBUTES, DEFAULT_TARGET, Condition, Vocabulary

Box = tuple[int, ...]
Region = list[Box]


@dataclass(frozen=True)
class Space:
    """The dimensions of the domain: the four case attributes, then one dimension per flag."""

    names: tuple[str, ...]
    values: tuple[tuple[str, ...], ...]
    flags: tuple[str, ...]
    _diagrams: Any = field(default=None, init=False, repr=False, compare=False, hash=False)

    @property
    def diagrams(self) -> Diagrams:
        """The decision diagrams of this space: every set the analysis holds is one of its nodes.

        One store per Space object: two models built on the same Space can be compared node for node.
        """
        diagrams: Diagrams | None = self._diagrams
        if diagrams is None:
            diagrams = Diagrams(self)
            object.__setattr__(self, "_diagrams", diagrams)
        return diagrams

    @classmethod
    def of(cls, vocabulary: Vocabulary) -> Space:
        flags = vocabulary.ids("flags")
        names = (*ATTRIBUTES, *(f"flag:{flag}" for flag in flags))
        values = tuple(vocabulary.ids(CASE_ATTRIBUTES[a]) for a in ATTRIBUTES) + tuple(
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
        parts = [self.mask(i, [case.get(a, DEFAULT_TARGET)]) for i, a in enumerate(ATTRIBUTES)]
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
    """Fewer, larger disjoint boxes: merge boxes that differ in one dimension only.

    Boxes that agree everywhere but in one dimension are found by hashing (the box without that
    dimension), not pair by pair: each pass is linear in the number of boxes, and passes repeat
    until nothing merges (at most as many as there are boxes, in practice a handful).
    """
    return merge_boxes(union(region))


def merge_boxes(boxes: Iterable[Box]) -> Region:
    """`simplify` for boxes already disjoint; the first box of each merged group keeps its place."""
    out = list(boxes)
    if not out:
        return out
    dims = len(out[0])
    stale = 0  # dimensions tried in a row without a merge
    k = 0
    while stale < dims and len(out) > 1:
        first_k = out[0][k]
        if all(box[k] == first_k for box in out):  # then none is alike elsewhere: no merge
            stale += 1
            k = (k + 1) % dims
            continue
        groups: dict[Box, int] = {}
        merged: list[Box] = []
        for box in out:
            key = box[:k] + box[k + 1 :]
            at = groups.get(key)
            if at is None:
                groups[key] = len(merged)
                merged.append(box)
            else:
                first = merged[at]
                merged[at] = (*first[:k], first[k] | box[k], *first[k + 1 :])
        stale = stale + 1 if len(merged) == len(out) else 1
        out = merged
        k = (k + 1) % dims
    return out


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


# --------------------------------------------------------------------------- decision diagrams


class Diagrams:
    """Sets of cases as reduced, ordered multi-valued decision diagrams, shared in one store.

    A node tests one dimension of the space (topic, location, actor, target, then each flag, in
    that order) and has one child per value of it; terminal 0 is the empty set, terminal 1 every
    case. Nodes are unique (same dimension, same children: same node) and a node whose children
    are all one node is that node: so a set has exactly one node, equal sets are equal numbers,
    and emptiness is `node == 0`.

    Every operation is memoised on its pair of nodes, and the pairs met below one node are at most
    the prefixes of the domain above it (18 topics x 9 locations x 13 actors ... for the shipped
    vocabulary): the cost of a union, an intersection or a difference is bounded by the domain,
    never by how many operations built its operands. Unions of boxes, by contrast, split into
    more boxes at every subtraction and grow exponentially with the rules.
    """

    #: Memoised results kept per operation before the memo is emptied (it is only a cache).
    MEMO_LIMIT = 1_000_000

    def __init__(self, space: Space, order: Sequence[int] | None = None) -> None:
        self.space = space
        #: The dimension tested at each level (by default the space's own order: the attributes,
        #: then the flags; the flags last keep the diagrams small, whatever the attributes' order),
        #: and the level of each dimension.
        self.order = tuple(order) if order is not None else tuple(range(len(space.names)))
        self.inverse = tuple(self.order.index(d) for d in range(len(self.order)))
        self.sizes = tuple(len(space.values[d]) for d in self.order)
        self.depth = len(self.sizes)  # the level of the terminals
        self.full = tuple(space.full[d] for d in self.order)  # per level
        # span[l]: how many assignments the dimensions l.. have.
        self.span = [1] * (self.depth + 1)
        for level in range(self.depth - 1, -1, -1):
            self.span[level] = self.span[level + 1] * self.sizes[level]
        self.level: list[int] = [self.depth, self.depth]
        self.kids: list[tuple[int, ...]] = [(), ()]
        # One table of nodes per level, by children; the memos by pair of nodes (a << 32 | b).
        self._unique: list[dict[tuple[int, ...], int]] = [{} for _ in range(self.depth)]
        self._and: dict[int, int] = {}
        self._or: dict[int, int] = {}
        self._diff: dict[int, int] = {}
        self._meets: dict[int, bool] = {}
        self._subset: dict[int, bool] = {}
        self._count: dict[int, int] = {0: 0, 1: 1}

    # ------------------------------------------------------------------ building

    def _levels(self, box: Sequence[int]) -> tuple[int, ...]:
        """A box (by dimension) as its masks by level."""
        return tuple(box[d] for d in self.order)

    def _dims(self, masks: Sequence[int]) -> Box:
        """Masks by level as a box (by dimension)."""
        return tuple(masks[level] for level in self.inverse)

    def node(self, level: int, kids: tuple[int, ...]) -> int:
        first = kids[0]
        if kids.count(first) == len(kids):
            return first
        table = self._unique[level]
        found = table.get(kids)
        if found is None:
            found = len(self.level)
            self.level.append(level)
            self.kids.append(kids)
            table[kids] = found
        return found

    def box(self, box: Box) -> int:
        """The set of the cases of one box."""
        box = self._levels(box)
        result = 1
        for level in range(self.depth - 1, -1, -1):
            bits = box[level]
            if bits == self.full[level]:
                continue
            result = self.node(
                level, tuple(result if bits >> i & 1 else 0 for i in range(self.sizes[level]))
            )
        return result

    def of(self, region: Region) -> int:
        """The set of the cases of a region (a list of boxes)."""
        return self.union(*(self.box(box) for box in region))

    # ------------------------------------------------------------------ algebra

    def intersect(self, a: int, b: int) -> int:
        if a == 0 or b == 0:
            return 0
        if a == 1 or a == b:
            return b
        if b == 1:
            return a
        key = a << 32 | b if a < b else b << 32 | a
        found = self._and.get(key)
        if found is not None:
            return found
        la, lb = self.level[a], self.level[b]
        if la == lb:
            result = self.node(la, tuple(map(self.intersect, self.kids[a], self.kids[b])))
        elif la < lb:
            result = self.node(la, tuple(self.intersect(x, b) for x in self.kids[a]))
        else:
            result = self.node(lb, tuple(self.intersect(a, y) for y in self.kids[b]))
        if len(self._and) > self.MEMO_LIMIT:
            self._and.clear()
        self._and[key] = result
        return result

    def join(self, a: int, b: int) -> int:
        """The union of two sets."""
        if a == 1 or b == 1:
            return 1
        if a == 0 or a == b:
            return b
        if b == 0:
            return a
        key = a << 32 | b if a < b else b << 32 | a
        found = self._or.get(key)
        if found is not None:
            return found
        la, lb = self.level[a], self.level[b]
        if la == lb:
            result = self.node(la, tuple(map(self.join, self.kids[a], self.kids[b])))
        elif la < lb:
            result = self.node(la, tuple(self.join(x, b) for x in self.kids[a]))
        else:
            result = self.node(lb, tuple(self.join(a, y) for y in self.kids[b]))
        if len(self._or) > self.MEMO_LIMIT:
            self._or.clear()
        self._or[key] = result
        return result

    def subtract(self, a: int, b: int) -> int:
        if a == 0 or b == 1 or a == b:
            return 0
        if b == 0:
            return a
        key = a << 32 | b
        found = self._diff.get(key)
        if found is not None:
            return found
        la, lb = self.level[a], self.level[b]
        if la == lb:
            result = self.node(la, tuple(map(self.subtract, self.kids[a], self.kids[b])))
        elif la < lb:
            result = self.node(la, tuple(self.subtract(x, b) for x in self.kids[a]))
        else:
            result = self.node(lb, tuple(self.subtract(a, y) for y in self.kids[b]))
        if len(self._diff) > self.MEMO_LIMIT:
            self._diff.clear()
        self._diff[key] = result
        return result

    def union(self, *sets: int) -> int:
        """The union of any number of sets, joined pairwise (a balanced tree of joins)."""
        items = [s for s in sets if s != 0]
        if not items:
            return 0
        while len(items) > 1:
            paired = [self.join(items[i], items[i + 1]) for i in range(0, len(items) - 1, 2)]
            if len(items) % 2:
                paired.append(items[-1])
            items = paired
        return items[0]

    def meets(self, a: int, b: int) -> bool:
        """Whether two sets share a case (without building their intersection)."""
        if a == 0 or b == 0:
            return False
        if a == 1 or b == 1 or a == b:
            return True
        key = a << 32 | b if a < b else b << 32 | a
        found = self._meets.get(key)
        if found is not None:
            return found
        known = self._and.get(key)
        if known is not None:
            return known != 0
        la, lb = self.level[a], self.level[b]
        if la == lb:
            result = any(map(self.meets, self.kids[a], self.kids[b]))
        elif la < lb:
            result = any(self.meets(x, b) for x in self.kids[a])
        else:
            result = any(self.meets(a, y) for y in self.kids[b])
        if len(self._meets) > self.MEMO_LIMIT:
            self._meets.clear()
        self._meets[key] = result
        return result

    def is_subset(self, a: int, b: int) -> bool:
        """Whether every case of `a` is in `b` (without building their difference)."""
        if a == 0 or b == 1 or a == b:
            return True
        if b == 0 or a == 1:
            return False
        key = a << 32 | b
        found = self._subset.get(key)
        if found is not None:
            return found
        known = self._diff.get(key)
        if known is not None:
            return known == 0
        la, lb = self.level[a], self.level[b]
        if la == lb:
            result = all(map(self.is_subset, self.kids[a], self.kids[b]))
        elif la < lb:
            result = all(self.is_subset(x, b) for x in self.kids[a])
        else:
            result = all(self.is_subset(a, y) for y in self.kids[b])
        if len(self._subset) > self.MEMO_LIMIT:
            self._subset.clear()
        self._subset[key] = result
        return result

    def once_and_twice(self, sets: Sequence[int]) -> tuple[int, int]:
        """Where at least one of `sets` holds, and where at least two do.

        Halves are combined up a balanced tree (twice = twice of either half, or once in both), so
        the large sets meet only near the top, rather than each set meeting the union of all the
        sets before it.
        """
        if not sets:
            return 0, 0
        level = [(s, 0) for s in sets]
        while len(level) > 1:
            paired = []
            for i in range(0, len(level) - 1, 2):
                (once_a, twice_a), (once_b, twice_b) = level[i], level[i + 1]
                twice = self.union(twice_a, twice_b, self.intersect(once_a, once_b))
                paired.append((self.join(once_a, once_b), twice))
            if len(level) % 2:
                paired.append(level[-1])
            level = paired
        return level[0]

    def complement(self, a: int) -> int:
        return self.subtract(1, a)

    # ------------------------------------------------------------------ reading

    def _assignments(self, node: int) -> int:
        """How many assignments of the dimensions from the node's own level down it holds."""
        found = self._count.get(node)
        if found is None:
            level = self.level[node]
            below = self.span[level + 1]
            found = sum(
                self._assignments(kid) * (below // self.span[self.level[kid]])
                for kid in self.kids[node]
            )
            self._count[node] = found
        return found

    def size(self, node: int) -> int:
        """How many cases the set holds."""
        return self._assignments(node) * (self.span[0] // self.span[self.level[node]])

    def contains_case(self, node: int, box: Box) -> bool:
        """Whether the set holds the case of a box with one value in every dimension."""
        while node > 1:
            level = self.level[node]
            node = self.kids[node][_lowest(box[self.order[level]])]
        return node == 1

    def contains(self, node: int, box: Box) -> bool:
        """Whether the set holds every case of a box."""
        return self.subtract(self.box(box), node) == 0

    def boxes(self, node: int) -> Region:
        """The set as disjoint boxes: one per path of the diagram, the values of a node that lead
        to the same child in one box, then boxes that differ in one dimension only merged."""
        if node == 0:
            return []
        full = self.full
        memo: dict[int, list[tuple[int, ...]]] = {1: [()]}

        def below(n: int) -> list[tuple[int, ...]]:
            found = memo.get(n)
            if found is not None:
                return found
            level = self.level[n]
            masks: dict[int, int] = {}
            for value, kid in enumerate(self.kids[n]):
                if kid:
                    masks[kid] = masks.get(kid, 0) | 1 << value
            out: list[tuple[int, ...]] = []
            for kid, mask in masks.items():
                gap = full[level + 1 : self.level[kid]]
                out.extend((mask, *gap, *rest) for rest in below(kid))
            memo[n] = out
            return out

        top = full[: self.level[node]]
        return merge_boxes(self._dims((*top, *rest)) for rest in below(node))

    def first_box(self, node: int) -> Box:
        """One box of the set: the first values of the first path."""
        parts = list(self.full)
        while node > 1:
            level = self.level[node]
            kids = self.kids[node]
            value = next(i for i, kid in enumerate(kids) if kid)
            parts[level] = 1 << value
            node = kids[value]
        return self._dims(parts)

    def sample(self, node: int, rnd: Any) -> Box:
        """One case of a non-empty set, drawn with `rnd` (a random.Random): a random child at each
        node, a random value where the path skips a dimension."""
        parts = []
        level = 0
        while level < self.depth:
            if self.level[node] == level:
                kids = self.kids[node]
                value = rnd.choice([i for i, kid in enumerate(kids) if kid])
                node = kids[value]
            else:
                value = rnd.randrange(self.sizes[level])
            parts.append(1 << value)
            level += 1
        return self._dims(parts)

    def hull(self, node: int) -> Box:
        """The smallest box holding the set: per dimension, every value some case of it has."""
        if node == 0:
            return tuple(0 for _ in self.full)
        masks = [0] * self.depth
        seen: set[int] = set()
        stack = [node]
        for level in range(self.level[node]):
            masks[level] = self.full[level]
        while stack:
            n = stack.pop()
            if n in seen or n <= 1:
                continue
            seen.add(n)
            level = self.level[n]
            for value, kid in enumerate(self.kids[n]):
                if kid:
                    masks[level] |= 1 << value
                    for skipped in range(level + 1, self.level[kid]):
                        masks[skipped] = self.full[skipped]
                    stack.append(kid)
        return self._dims(masks)


class Overlaps:
    """Which of many boxes meet a given box, by bit sets over the boxes' indexes: per dimension and
    value, the boxes holding that value. A query costs a few big-integer operations per value, not
    one test per box."""

    def __init__(self, space: Space, hulls: Sequence[Box]) -> None:
        self.count = len(hulls)
        self.by_value: list[list[int]] = [[0] * len(values) for values in space.values]
        for index, hull in enumerate(hulls):
            bit = 1 << index
            for dimension, bits in enumerate(hull):
                row = self.by_value[dimension]
                while bits:
                    low = bits & -bits
                    row[low.bit_length() - 1] |= bit
                    bits ^= low

    def meeting(self, box: Box) -> int:
        """The indexes of the boxes meeting `box`, as a bit set."""
        found = (1 << self.count) - 1
        for dimension, bits in enumerate(box):
            row = self.by_value[dimension]
            here = 0
            while bits:
                low = bits & -bits
                here |= row[low.bit_length() - 1]
                bits ^= low
            found &= here
            if not found:
                break
        return found


def indexes(bits: int) -> Iterator[int]:
    """The positions of the set bits of `bits`, lowest first."""
    while bits:
        low = bits & -bits
        yield low.bit_length() - 1
        bits ^= low
