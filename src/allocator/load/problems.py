"""pydantic's errors in the author's words: a stable code, the file:line:col of the key or value
at fault, and a help line where one helps."""

from __future__ import annotations

import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from allocator.errors import Hint, Problem, type_name
from allocator.load.suggest import suggest, unknown_hint
from allocator.load.yamlread import SourceMap
from allocator.model import CASE_ATTRIBUTES, LIST_KIND, Vocabulary

Loc = tuple[str | int, ...]


def _unwrap(annotation: Any) -> Any:
    """The model class inside Optional[...], tuple[..., ...] or Annotated[...], if any."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            annotation = args[0] if len(args) == 1 else annotation
            if len(args) != 1:
                return annotation
        else:
            return annotation


def _model_at(model: type[BaseModel], loc: Loc) -> type[BaseModel] | None:
    """The model that validates the mapping found at `loc` below `model`."""
    current: Any = model
    for part in loc:
        current = _unwrap(current)
        if isinstance(part, int):
            if typing.get_origin(current) is tuple:
                current = typing.get_args(current)[0]
                continue
            return None
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        field = next(
            (f for name, f in current.model_fields.items() if (f.alias or name) == part),
            None,
        )
        if field is None:
            return None
        current = field.annotation
    current = _unwrap(current)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _keys_of(model: type[BaseModel]) -> list[str]:
    return [field.alias or name for name, field in model.model_fields.items()]


_EXPECTED = {
    "string_type": "type-text",
    "int_type": "type-number",
    "int_parsing": "type-number",
    "bool_type": "type-boolean",
    "tuple_type": "type-text-or-list",
    "list_type": "type-list",
    "iterable_type": "type-list",
    "model_type": "type-mapping",
    "model_attributes_type": "type-mapping",
    "dict_type": "type-mapping",
}


#: Keys whose value is one id or a list of ids.
_ID_LIST_KEYS = {
    "topic",
    "location",
    "actor",
    "target",
    "flags",
    "facts",
    "partners",
    "consultation",
    "competent",
    "derive",
    "escalation",
}


#: Tags of the text-or-translations union (Rule.title, .basis, .description), which pydantic puts in loc.
_UNION_TAGS = {"text", "labels"}


def _field_loc(raw: tuple[Any, ...]) -> Loc:
    """pydantic's loc without the parts that name a validator or a union branch, not a key."""
    loc: list[str | int] = []
    for part in raw:
        if isinstance(part, str) and (
            part.startswith(("function-", "tuple["))
            or (part in _UNION_TAGS and loc and loc[-1] in {"title", "basis", "description"})
        ):
            continue
        loc.append(part)
    return tuple(loc)


def _last_key(loc: Loc) -> str:
    for part in reversed(loc):
        if isinstance(part, str):
            return part
    return "?"


def pydantic_problems(
    exc: ValidationError, model: type[BaseModel], smap: SourceMap, prefix: Loc = ()
) -> list[Problem]:
    """Translate pydantic's errors into positioned problems in the author's words."""
    problems: list[Problem] = []
    errors = exc.errors(include_url=False)
    item_errors = {tuple(e["loc"][:-1]) for e in errors if len(e["loc"]) > 1}
    for error in errors:
        raw_loc = tuple(error["loc"])
        if error["type"] == "too_short" and any(
            loc[: len(raw_loc)] == raw_loc for loc in item_errors
        ):
            continue  # a list whose items are all invalid: the items' own errors say why
        kind = error["type"]
        loc = _field_loc(raw_loc)
        full = (*prefix, *loc)
        where = smap.locate(full)
        params: dict[str, Any] = {"key": _last_key(full)}
        hint: Hint | None = None
        code: str
        if kind == "missing":
            code = "missing-key"
            where = smap.locate(full[:-1])
        elif kind == "extra_forbidden":
            code = "unknown-key"
            where = smap.locate(full, key=True)
            parent = _model_at(model, loc[:-1])
            if parent is not None:
                choices = _keys_of(parent)
                guess = suggest(str(loc[-1]), choices)
                hint = (
                    Hint("did-you-mean", {"suggestion": guess})
                    if guess
                    else Hint("valid-values", {"kinds": "key", "choices": ", ".join(choices)})
                )
        elif kind in _EXPECTED and not full:
            code = "top-not-mapping"
            params = {"found": type_name(error.get("input"))}
        elif kind in _EXPECTED:
            code = "wrong-type"
            expected = _EXPECTED[kind]
            if expected == "type-text-or-list" and _last_key(full) not in _ID_LIST_KEYS:
                expected = "type-list"
            params["expected"] = expected
            params["found"] = type_name(error.get("input"))
        elif kind == "string_pattern_mismatch":
            is_rule_id = len(full) == 3 and full[0] == "rules" and full[2] == "id"
            code = "bad-rule-id" if is_rule_id else "bad-id"
            params = {"value": error.get("input")}
        elif kind == "string_too_short":
            code = "empty-text"
        elif kind == "too_short":
            code = "empty-list"
        elif kind in {"lead-without-priority", "priority-without-lead", "no-effect"}:
            code = kind
            where = smap.locate(full)
        else:
            code = "invalid-value"
            params = {"detail": error["msg"]}
        problems.append(Problem(code, params, smap.path, where[0], where[1], hint))
    return problems


def _names(vocabulary: Vocabulary, attribute: str) -> dict[str, tuple[str, ...]] | None:
    """Each value of `attribute` with its labels in every language: what a user may have typed."""
    if attribute not in CASE_ATTRIBUTES:
        return None
    terms = getattr(vocabulary, CASE_ATTRIBUTES[attribute])
    return {term.id: (term.label.nl, term.label.fr, term.label.en) for term in terms}


def case_problems(exc: ValidationError, vocabulary: Vocabulary) -> list[Problem]:
    """The problems of a case given by a user, each with its help line: the values it may have
    meant (an id in another case, the start of several ids, a label), or the valid ones."""
    problems: list[Problem] = []
    for error in exc.errors(include_url=False):
        loc = error["loc"]
        attribute = str(loc[0]) if loc else "case"
        kind = LIST_KIND.get(CASE_ATTRIBUTES.get(attribute, ""), attribute)
        if error["type"] == "unknown-case-value":
            ctx = error.get("ctx") or {}
            choices = tuple(ctx.get("choices", ()))
            problems.append(
                Problem(
                    "unknown-case-value",
                    {"kind": kind, "value": ctx.get("value")},
                    hint=unknown_hint(
                        str(ctx.get("value")), choices, kind, _names(vocabulary, attribute)
                    ),
                )
            )
        elif error["type"] == "missing":
            # The key of the case as a program gives it (JSON, the library); the command line
            # says its option instead (CaseError.with_options).
            option = attribute
            choices = (
                vocabulary.ids(CASE_ATTRIBUTES[attribute]) if attribute in CASE_ATTRIBUTES else ()
            )
            problems.append(
                Problem(
                    "missing-attribute",
                    {"kind": kind, "option": option},
                    hint=Hint("valid-values", {"kinds": kind, "choices": ", ".join(choices)})
                    if choices
                    else None,
                )
            )
        elif error["type"] == "string_pattern_mismatch" and attribute in CASE_ATTRIBUTES:
            value = error.get("input")
            choices = vocabulary.ids(CASE_ATTRIBUTES[attribute])
            problems.append(
                Problem(
                    "unknown-case-value",
                    {"kind": kind, "value": value},
                    hint=unknown_hint(str(value), choices, kind, _names(vocabulary, attribute)),
                )
            )
        elif error["type"] == "extra_forbidden":
            problems.append(
                Problem(
                    "unknown-key",
                    {"key": attribute},
                    hint=Hint(
                        "valid-values", {"kinds": "key", "choices": ", ".join(CASE_ATTRIBUTES)}
                    ),
                )
            )
        else:
            problems.append(Problem("case-invalid", {"detail": f"{attribute}: {error['msg']}"}))
    return problems
