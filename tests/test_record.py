"""allocator.record behaves as the standard dataclasses it replaces on the fast path."""

from __future__ import annotations

import copy
import dataclasses
import pickle
from dataclasses import InitVar
from typing import ClassVar

import pytest

from allocator.record import FrozenInstanceError, field, fields, record, replace


@record
class Point:
    """A point."""

    x: int
    y: int = 0
    tags: tuple[str, ...] = ()
    ORIGIN: ClassVar[str] = "origin"

    def norm(self) -> int:
        return abs(self.x) + abs(self.y)


@record
class Labelled(Point):
    label: str = ""


@record(kw_only=True)
class Indexed:
    items: tuple[str, ...]
    extra: dict[str, int] = field(default_factory=dict)
    index: dict[str, int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "index", {item: n for n, item in enumerate(self.items)})


@record(frozen=False)
class Node:
    children: list[Node] = field(default_factory=list)
    ends: int = 0


@dataclasses.dataclass(frozen=True, slots=True)
class StdPoint:
    x: int
    y: int = 0
    tags: tuple[str, ...] = ()


def test_init_defaults_equality_hash_and_repr_as_dataclasses() -> None:
    point = Point(1, tags=("a",))
    std = StdPoint(1, tags=("a",))
    assert (point.x, point.y, point.tags) == (std.x, std.y, std.tags)
    assert repr(point) == repr(std).replace("StdPoint", "Point")
    assert point == Point(1, 0, ("a",))
    assert point != Point(2)
    assert hash(point) == hash(Point(1, 0, ("a",)))
    assert {point, Point(1, 0, ("a",))} == {point}
    other: object = std
    assert point != other  # another class is never equal
    assert point.norm() == 1
    assert Point.ORIGIN == "origin"
    assert Point.__doc__ == "A point."
    assert Point.__match_args__ == ("x", "y", "tags")
    assert not hasattr(point, "__dict__")  # slots


def test_frozen_fields_cannot_change() -> None:
    point = Point(1)
    with pytest.raises(FrozenInstanceError):
        point.x = 2  # type: ignore[misc]
    with pytest.raises(FrozenInstanceError):
        del point.x
    with pytest.raises(AttributeError):
        point.z = 1  # type: ignore[attr-defined]


def test_inheritance_keyword_only_factories_and_post_init() -> None:
    labelled = Labelled(1, 2, (), "here")
    assert labelled.norm() == 3
    assert labelled != Point(1, 2)
    assert fields(labelled) == ("x", "y", "tags", "label")
    one, two = Indexed(items=("a", "b")), Indexed(items=("a", "b"))
    assert one.index == {"a": 0, "b": 1}
    assert one.extra is not two.extra  # a fresh dict each
    assert one == two
    assert "index" not in repr(one)
    with pytest.raises(TypeError):
        Indexed(("a",))  # type: ignore[call-arg]


def test_mutable_records_are_not_hashable() -> None:
    node = Node()
    node.ends = 2
    node.children.append(Node())
    assert node == Node([Node()], 2)
    with pytest.raises(TypeError):
        hash(node)


def test_replace_pickle_and_copy() -> None:
    indexed = Indexed(items=("a",), extra={"n": 1})
    changed = replace(indexed, items=("b", "c"))
    assert changed.index == {"b": 0, "c": 1}
    assert changed.extra == {"n": 1}
    with pytest.raises(ValueError, match="index"):
        replace(indexed, index={})
    for value in (Labelled(1, 2, ("t",), "x"), indexed, Node([Node()], 3)):
        assert pickle.loads(pickle.dumps(value)) == value
        assert copy.deepcopy(value) == value
    assert pickle.loads(pickle.dumps(indexed)).index == {"a": 0}


def test_a_field_without_default_after_one_with_is_refused() -> None:
    with pytest.raises(TypeError, match="follows"):

        @record
        class Wrong:
            a: int = 0
            b: int  # type: ignore[misc]


def test_what_a_record_does_not_do_is_refused() -> None:
    with pytest.raises(TypeError, match="InitVar"):

        @record
        class Passing:
            a: InitVar[int]

    with pytest.raises(TypeError):
        record(order=True)  # type: ignore[call-arg]
