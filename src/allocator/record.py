"""Records: what `dataclasses.dataclass(frozen=True, slots=True)` gives, for a fraction of its
cost at import.

A plain `allocator decide` is a new process, and most of its time is spent importing. The
standard decorator imports `inspect` (with `ast`, `dis` and `tokenize`) and compiles six or more
functions for every class; for the twenty-odd classes a decision needs (the runtime model, the
engine's plan, problems, the rule files read), that was about a quarter of a cold start. `record`
compiles one function per class, `__init__`, and shares the rest: equality on the compared
fields, a hash for frozen records, `repr`, pickling (a batch sends its policy to its workers),
`replace` and `__match_args__`.

What it supports is what those classes use, with the standard meaning: `frozen` (the default)
and `kw_only`; defaults, `field(default_factory=…)`, `field(init=False, repr=False,
compare=False)`; `__post_init__`; a record extending another. Anything else (ordering, `InitVar`,
a field without a default after one with) is refused when the class is defined. The model, the
engine and everything a plain decision imports use it (tests/test_fastpath.py checks that a plain
`decide` never imports `dataclasses`); other modules may use either.
"""

from __future__ import annotations

from operator import attrgetter

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any, TypeVar, dataclass_transform

    T = TypeVar("T")
else:

    def dataclass_transform(**_options):
        return lambda decorator: decorator


class FrozenInstanceError(AttributeError):
    """An attempt to change a field of a frozen record."""


_MISSING = object()
#: The default of an argument whose field has a default factory (the factory runs in __init__).
_FACTORY = object()


class Field:
    """How one field is made and shown: what `field(…)` returns in a class body."""

    __slots__ = ("compare", "default", "default_factory", "init", "repr")

    def __init__(
        self,
        default: Any = _MISSING,
        default_factory: Any = _MISSING,
        init: bool = True,
        repr: bool = True,
        compare: bool = True,
    ) -> None:
        if default is not _MISSING and default_factory is not _MISSING:
            raise ValueError("a field cannot have both a default and a default factory")
        self.default = default
        self.default_factory = default_factory
        self.init = init
        self.repr = repr
        self.compare = compare


def field(
    *,
    default: Any = _MISSING,
    default_factory: Callable[[], Any] | Any = _MISSING,
    init: bool = True,
    repr: bool = True,
    compare: bool = True,
) -> Any:
    """A field with a default factory, or left out of `__init__`, `repr` or comparisons."""
    return Field(default, default_factory, init, repr, compare)


def fields(record: Any) -> tuple[str, ...]:
    """The names of the fields of a record (class or instance), in order."""
    return tuple(name for name, _ in record.__record_fields__)


def replace(instance: T, /, **changes: Any) -> T:
    """A copy of `instance` with the fields named in `changes` changed (`dataclasses.replace`)."""
    for name, spec in instance.__record_fields__:  # type: ignore[attr-defined]
        if not spec.init:
            if name in changes:
                raise ValueError(f"field {name!r} is not set by __init__: it cannot be replaced")
        elif name not in changes:
            changes[name] = getattr(instance, name)
    return type(instance)(**changes)


def _frozen_setattr(self: Any, name: str, value: Any) -> None:
    raise FrozenInstanceError(f"cannot assign to field {name!r}")


def _frozen_delattr(self: Any, name: str) -> None:
    raise FrozenInstanceError(f"cannot delete field {name!r}")


def _is_class_var(annotation: Any) -> bool:
    text = annotation if isinstance(annotation, str) else getattr(annotation, "__name__", "")
    return text.startswith(("ClassVar", "typing.ClassVar", "Final", "typing.Final"))


def _own_fields(cls: type) -> list[tuple[str, Field]]:
    found = []
    # The class's own annotations, as written (inspect.get_annotations would import inspect).
    for name, annotation in cls.__dict__.get("__annotations__", {}).items():  # noqa: RUF063
        if _is_class_var(annotation):
            continue
        if str(annotation).startswith(("InitVar", "dataclasses.InitVar")):
            raise TypeError(f"{cls.__name__}.{name}: a record has no InitVar")
        value = cls.__dict__.get(name, _MISSING)
        found.append((name, value if isinstance(value, Field) else Field(default=value)))
    return found


def _init(
    cls: type, specs: list[tuple[str, Field]], frozen: bool, kw_only: bool
) -> Callable[..., None]:
    """`__init__`, compiled once for the class."""
    scope: dict[str, Any] = {"_FACTORY": _FACTORY, "_set": object.__setattr__}
    positional: list[str] = []
    keywords: list[str] = []
    body: list[str] = []
    for index, (name, spec) in enumerate(specs):
        if spec.default is not _MISSING:
            scope[f"_d{index}"] = spec.default
        if spec.default_factory is not _MISSING:
            scope[f"_f{index}"] = spec.default_factory
        if spec.init:
            if spec.default_factory is not _MISSING:
                argument, value = (
                    f"{name}=_FACTORY",
                    f"_f{index}() if {name} is _FACTORY else {name}",
                )
            elif spec.default is not _MISSING:
                argument, value = f"{name}=_d{index}", name
            else:
                argument, value = name, name
            if kw_only:
                keywords.append(argument)
            else:
                if "=" not in argument and any("=" in earlier for earlier in positional):
                    raise TypeError(
                        f"{cls.__name__}: field {name!r} without a default follows one with"
                    )
                positional.append(argument)
        elif spec.default_factory is not _MISSING:
            value = f"_f{index}()"
        elif spec.default is not _MISSING:
            value = f"_d{index}"
        else:
            continue  # set by __post_init__
        body.append(f"_set(self, {name!r}, {value})" if frozen else f"self.{name} = {value}")
    if hasattr(cls, "__post_init__"):
        body.append("self.__post_init__()")
    arguments = ", ".join(["self", *positional, *(["*", *keywords] if keywords else [])])
    source = f"def __init__({arguments}):\n    " + "\n    ".join(body or ["pass"]) + "\n"
    exec(source, scope)
    init: Callable[..., None] = scope["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    return init


def _getter(names: tuple[str, ...]) -> Callable[[Any], tuple[Any, ...]]:
    """The values of `names` of a record, as a tuple."""
    if not names:
        return lambda _record: ()
    if len(names) == 1:
        one = attrgetter(names[0])
        return lambda record: (one(record),)
    getter: Callable[[Any], tuple[Any, ...]] = attrgetter(*names)
    return getter


def _methods(
    cls: type, specs: list[tuple[str, Field]], frozen: bool, kw_only: bool
) -> dict[str, Any]:
    compared = _getter(tuple(name for name, spec in specs if spec.compare))
    shown = tuple(name for name, spec in specs if spec.repr)
    every = _getter(tuple(name for name, _ in specs))
    names = tuple(name for name, _ in specs)

    def __eq__(self: Any, other: Any) -> Any:
        if other.__class__ is self.__class__:
            return compared(self) == compared(other)
        return NotImplemented

    def __repr__(self: Any) -> str:
        values = ", ".join(f"{name}={getattr(self, name)!r}" for name in shown)
        return f"{self.__class__.__qualname__}({values})"

    def __getstate__(self: Any) -> tuple[Any, ...]:
        return every(self)

    def __setstate__(self: Any, state: tuple[Any, ...]) -> None:
        for name, value in zip(names, state, strict=True):
            object.__setattr__(self, name, value)

    methods: dict[str, Any] = {
        "__init__": _init(cls, specs, frozen, kw_only),
        "__eq__": __eq__,
        "__repr__": __repr__,
        "__getstate__": __getstate__,
        "__setstate__": __setstate__,
        "__match_args__": tuple(name for name, spec in specs if spec.init) if not kw_only else (),
        "__record_fields__": tuple(specs),
    }
    if frozen:

        def __hash__(self: Any) -> int:
            return hash(compared(self))

        methods.update(__hash__=__hash__, __setattr__=_frozen_setattr, __delattr__=_frozen_delattr)
    else:
        methods["__hash__"] = None
    for method in methods.values():
        if callable(method) and method.__qualname__.startswith("_methods."):
            method.__qualname__ = f"{cls.__qualname__}.{method.__name__}"
    return methods


def _make(cls: type, frozen: bool, kw_only: bool) -> type:
    inherited: list[tuple[str, Field]] = list(getattr(cls, "__record_fields__", ()))
    own = _own_fields(cls)
    own_names = {name for name, _ in own}
    specs = [(name, spec) for name, spec in inherited if name not in own_names] + own
    namespace = {
        key: value
        for key, value in cls.__dict__.items()
        if key not in own_names and key not in ("__dict__", "__weakref__")
    }
    namespace["__slots__"] = tuple(name for name, _ in own if name not in dict(inherited))
    namespace.update(_methods(cls, specs, frozen, kw_only))
    made = type(cls)(cls.__name__, cls.__bases__, namespace)
    made.__qualname__ = cls.__qualname__
    for value in namespace.values():  # a method using super(): its class is the one made here
        function = getattr(value, "__func__", value)
        code = getattr(function, "__code__", None)
        if code is not None and "__class__" in code.co_freevars:
            function.__closure__[code.co_freevars.index("__class__")].cell_contents = made
    return made


@dataclass_transform(frozen_default=True, field_specifiers=(field, Field))
def record(cls: type | None = None, /, *, frozen: bool = True, kw_only: bool = False) -> Any:
    """Make `cls` a record: `@record`, `@record(kw_only=True)`, `@record(frozen=False)`."""

    def wrap(cls: type) -> type:
        return _make(cls, frozen, kw_only)

    return wrap if cls is None else wrap(cls)
