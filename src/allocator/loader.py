"""rules/ and case input -> validated models; every problem with its file:line:col, all at once."""

from __future__ import annotations

import hashlib
import json
import re
import types
import typing
from collections import OrderedDict
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

if typing.TYPE_CHECKING:
    from allocator.light import AnyPolicy

from allocator.errors import CaseError, Hint, Problem, RuleSetError, type_name
from allocator.models.case import Case
from allocator.models.common import ID_PATTERN
from allocator.models.policy import (
    CASE_ATTRIBUTES,
    DEFAULT_TARGET,
    NO_LEAD,
    Policy,
    Rule,
    RuleFile,
    Source,
    Vocabulary,
)
from allocator.paths import RuleFileBytes, RulesOnDisk, default_rules_dir, read_rules
from allocator.vocab import LIST_KIND, suggest, unknown_hint
from allocator.yamlread import SourceMap

_ID = re.compile(ID_PATTERN)
#: Version of the canonical form hashed into the fingerprint; bump it if that form changes.
CANONICAL_FORM = "allocator-policy/2"

Loc = tuple[str | int, ...]


# --------------------------------------------------------------------------- pydantic errors -> problems


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


# --------------------------------------------------------------------------- the policy


def _id_positions(value: Any, loc: Loc) -> Iterator[tuple[str, Loc]]:
    """Each id of a one-or-many field with the loc of that id."""
    if isinstance(value, list):
        for index, item in enumerate(value):
            yield item, (*loc, index)
    elif isinstance(value, str):
        yield value, loc


def _check_vocabulary(vocab_data: Any, smap: SourceMap) -> tuple[Vocabulary | None, list[Problem]]:
    try:
        vocabulary = Vocabulary.model_validate(vocab_data)
    except ValidationError as exc:
        return None, pydantic_problems(exc, Vocabulary, smap)
    problems: list[Problem] = []

    def at(loc: Loc, code: str, hint: Hint | None = None, **params: Any) -> None:
        line, col = smap.locate(loc)
        problems.append(Problem(code, params, smap.path, line, col, hint))

    seen_any: dict[str, tuple[str, int]] = {}
    for name, terms in vocabulary.lists():
        first: dict[str, int] = {}
        for index, term in enumerate(terms):
            loc: Loc = (name, index, "id")
            if term.id in first:
                at(
                    loc,
                    "duplicate-id",
                    kind=LIST_KIND[name],
                    value=term.id,
                    first_line=first[term.id],
                )
            first.setdefault(term.id, smap.locate(loc)[0])
            if name in {"services", "partners"}:
                if term.id == NO_LEAD:
                    at(loc, "reserved-id", value=term.id)
                other = seen_any.get(term.id)
                if other is not None and other[0] != name:
                    at(loc, "id-in-two-lists", value=term.id)
                seen_any.setdefault(term.id, (name, index))
    if DEFAULT_TARGET not in vocabulary.ids("targets"):
        at(("targets",), "default-target-missing", value=DEFAULT_TARGET)
    mechanisms = vocabulary.ids("mechanisms")
    for value, loc in _id_positions(
        vocab_data["settings"]["escalation"], ("settings", "escalation")
    ):
        if value not in mechanisms:
            at(
                loc,
                "unknown-id",
                unknown_hint(value, mechanisms, "mechanism"),
                kind="mechanism",
                value=value,
            )
    return vocabulary, problems


def _mapping(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, dict) else {}


def _check_references(
    data: Mapping[str, Any], loc: Loc, vocabulary: Vocabulary, smap: SourceMap
) -> list[Problem]:
    """Every id a rule names must be in the vocabulary list its place calls for.

    Works on the raw data, so a rule with a schema error still has its ids checked.
    """
    problems: list[Problem] = []

    def check(value_data: Any, place: Loc, list_name: str, allowed: tuple[str, ...]) -> None:
        for value, id_loc in _id_positions(value_data, place):
            if not isinstance(value, str) or value in allowed or not _ID.fullmatch(value):
                continue  # not an id at all: the schema reports it (bad-id)
            line, col = smap.locate(id_loc)
            kind = LIST_KIND.get(list_name, list_name)
            hint = unknown_hint(value, allowed, kind)
            if suggest(value, allowed) is None:
                hint = Hint("add-to-vocabulary")
            problems.append(
                Problem("unknown-id", {"kind": kind, "value": value}, smap.path, line, col, hint)
            )

    condition_lists = {**CASE_ATTRIBUTES, "facts": "facts"}
    when = _mapping(data.get("when"))
    for block, block_loc in (
        (when, (*loc, "when")),
        (_mapping(when.get("not")), (*loc, "when", "not")),
    ):
        for attribute, list_name in condition_lists.items():
            if attribute in block:
                check(
                    block[attribute], (*block_loc, attribute), list_name, vocabulary.ids(list_name)
                )
    then = _mapping(data.get("then"))
    then_loc = (*loc, "then")
    places = {
        "lead": ("services", vocabulary.lead_ids()),
        "partners": ("partners", vocabulary.partner_ids()),
        "competent": ("services", vocabulary.ids("services")),
        "consultation": ("mechanisms", vocabulary.ids("mechanisms")),
        "derive": ("facts", vocabulary.ids("facts")),
    }
    for key, (list_name, allowed) in places.items():
        if key in then:
            check(then[key], (*then_loc, key), list_name, allowed)
    return problems


def stratify(rules: tuple[Rule, ...]) -> tuple[dict[str, int], list[tuple[str, list[str]]]]:
    """The evaluation stage of each rule: a rule that negates a fact runs after every rule deriving it.

    Returns (stage per rule id, negation cycles found as (fact, path)). A rule that uses a fact
    positively may run in the same stage as the rules deriving it (the engine chains within a stage).
    """
    derivers: dict[str, list[Rule]] = {}
    for rule in rules:
        for fact in rule.then.derive:
            derivers.setdefault(fact, []).append(rule)
    stage = {rule.id: 1 for rule in rules}
    limit = len(rules) + 1

    def fact_stage(fact: str) -> int:
        return max((stage[r.id] for r in derivers.get(fact, [])), default=0)

    changed = True
    while changed:
        changed = False
        for rule in rules:
            needed = max(
                [1]
                + [fact_stage(f) for f in rule.when.positive_facts()]
                + [fact_stage(f) + 1 for f in rule.when.negative_facts()]
            )
            if needed > stage[rule.id]:
                if needed > limit:
                    continue
                stage[rule.id] = needed
                changed = True
    cycles: list[tuple[str, list[str]]] = []
    for rule in rules:
        for fact in rule.when.negative_facts():
            if fact_stage(fact) >= stage[rule.id]:
                cycles.append((fact, [rule.id, *(r.id for r in derivers.get(fact, []))]))
    return stage, cycles


def canonical_form(vocabulary: Vocabulary, rules: tuple[Rule, ...]) -> bytes:
    """The meaning of a rule set as bytes: comments, blanks, key order and file layout do not count."""
    document = {
        "form": CANONICAL_FORM,
        "vocabulary": vocabulary.model_dump(mode="json", by_alias=True),
        "rules": [
            rule.model_dump(mode="json", by_alias=True)
            for rule in sorted(rules, key=lambda r: r.id)
        ],
    }
    return json.dumps(document, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode(
        "utf-8"
    )


def fingerprint(vocabulary: Vocabulary, rules: tuple[Rule, ...]) -> str:
    return "sha256:" + hashlib.sha256(canonical_form(vocabulary, rules)).hexdigest()


#: Files parsed recently, by (shown path, digest of their bytes): a reload parses only what changed.
_PARSED: OrderedDict[tuple[str, bytes], tuple[Any, SourceMap, list[Problem]]] = OrderedDict()
_PARSED_SIZE = 128


def parse_file(entry: RuleFileBytes) -> tuple[Any, SourceMap, list[Problem]]:
    """The YAML of one rule file, parsed from the bytes already read (never read again from disk).

    The data is shared with a cache of recently parsed files: treat it as read-only.
    """
    from allocator import yamlread

    if entry.data is None:
        problems = [entry.problem] if entry.problem is not None else []
        return None, SourceMap(entry.shown), problems
    key = (entry.shown, hashlib.sha256(entry.data).digest())
    parsed = _PARSED.get(key)
    if parsed is None:
        parsed = yamlread.parse_yaml(entry.data, entry.shown)
        _PARSED[key] = parsed
        if len(_PARSED) > _PARSED_SIZE:
            _PARSED.popitem(last=False)
    else:
        _PARSED.move_to_end(key)
    data, smap, problems = parsed
    return data, smap, list(problems)


def read_policy(directory: Path) -> tuple[Policy | None, list[Problem]]:
    """Read and validate a rules directory; the policy is None whenever any error was found."""
    return parse_rules(read_rules(directory))


def parse_rules(on_disk: RulesOnDisk) -> tuple[Policy | None, list[Problem]]:
    """Validate the rule files read in `on_disk` (their bytes, as read: nothing is read again)."""
    directory = on_disk.directory
    problems: list[Problem] = list(on_disk.problems)
    vocabulary: Vocabulary | None = None
    term_sources: dict[str, Source] = {}
    if on_disk.vocabulary is not None:
        data, smap, read_problems = parse_file(on_disk.vocabulary)
        problems += read_problems
        if data is not None:
            vocabulary, vocab_problems = _check_vocabulary(data, smap)
            problems += vocab_problems
            if vocabulary is not None:
                for name, terms in vocabulary.lists():
                    for index, term in enumerate(terms):
                        line, col = smap.locate((name, index, "id"))
                        term_sources.setdefault(
                            f"{name}:{term.id}", Source(path=smap.path, line=line, column=col)
                        )

    rules: list[Rule] = []
    sources: dict[str, Source] = {}
    fact_uses: list[tuple[str, Problem]] = []
    for entry in on_disk.files:
        data, smap, read_problems = parse_file(entry)
        problems += read_problems
        if data is None:
            continue
        try:
            RuleFile.model_validate(data)
            bad: set[int] = set()
        except ValidationError as exc:
            problems += pydantic_problems(exc, RuleFile, smap)
            bad = {
                int(e["loc"][1])
                for e in exc.errors()
                if len(e["loc"]) > 1 and e["loc"][0] == "rules" and isinstance(e["loc"][1], int)
            }
            if not isinstance(data, dict) or not isinstance(data.get("rules"), list):
                continue
        for index, item in enumerate(data["rules"]):
            loc: Loc = ("rules", index)
            if vocabulary is not None and isinstance(item, dict):
                problems += _check_references(item, loc, vocabulary, smap)
            if index in bad:
                continue
            rule = Rule.model_validate(item)
            line, col = smap.locate((*loc, "id"))
            if rule.id in sources:
                first = sources[rule.id]
                problems.append(
                    Problem(
                        "duplicate-rule-id",
                        {"value": rule.id, "first": str(first)},
                        smap.path,
                        line,
                        col,
                    )
                )
                continue
            sources[rule.id] = Source(path=smap.path, line=line, column=col)
            rules.append(rule)
            when = _mapping(item.get("when"))
            for block, block_loc in (
                (when, (*loc, "when")),
                (_mapping(when.get("not")), (*loc, "when", "not")),
            ):
                for fact, fact_loc in _id_positions(block.get("facts"), (*block_loc, "facts")):
                    fline, fcol = smap.locate(fact_loc)
                    problem = Problem("fact-never-derived", {"value": fact}, smap.path, fline, fcol)
                    fact_uses.append((fact, problem))

    derived = {fact for rule in rules for fact in rule.then.derive}
    known_facts = set(vocabulary.ids("facts")) if vocabulary is not None else set()
    for fact, problem in fact_uses:
        if fact not in derived and (vocabulary is None or fact in known_facts):
            problems.append(problem)

    stages, cycles = stratify(tuple(rules))
    for fact, chain in cycles:
        source = sources[chain[0]]
        problems.append(
            Problem(
                "negation-cycle",
                {"value": fact, "path": " -> ".join(chain)},
                source.path,
                source.line,
                source.column,
            )
        )

    errors = [p for p in problems if p.severity == "error"]
    if errors or vocabulary is None:
        return None, problems
    policy = Policy(
        vocabulary=vocabulary,
        rules=tuple(rules),
        sources=sources,
        term_sources=term_sources,
        strata=stages,
        fingerprint=fingerprint(vocabulary, tuple(rules)),
        directory=str(directory),
    )
    from allocator import limits  # pure: it imports no durable_rules

    over = limits.problems(policy)
    if over:  # valid, but more than durable_rules' core can hold: refused here, never a crash
        return None, problems + over
    return policy, problems


def load_policy(directory: Path | str | None = None, cache: bool = True) -> Policy:
    """The validated policy of `directory` (default: the rules in force); RuleSetError lists every problem.

    With `cache`, a policy compiled before from the very same bytes (and the same allocator) is
    read back from the on-disk cache (allocator.cache) instead of being parsed and validated again.
    """
    path = Path(directory) if directory is not None else default_rules_dir()
    on_disk = read_rules(path)
    if cache:
        from allocator.cache import cached_policy

        compiled = cached_policy(on_disk)
        if compiled is not None:
            return compiled
    return compile_rules(on_disk, cache=cache)


def compile_rules(on_disk: RulesOnDisk, cache: bool = True) -> Policy:
    """Parse and validate the bytes read in `on_disk`; with `cache`, store the result under the
    digest of those very bytes. RuleSetError lists every problem."""
    policy, problems = parse_rules(on_disk)
    if policy is None:
        raise RuleSetError(problems)
    if cache:
        from allocator.cache import store_policy

        store_policy(on_disk, policy)
    return policy


# --------------------------------------------------------------------------- cases


def make_case(policy: AnyPolicy, data: Mapping[str, Any]) -> Case:
    """A Case from user input, checked against the policy's vocabulary; CaseError lists every problem."""
    try:
        return Case.model_validate(dict(data), context={"vocabulary": policy.vocabulary})
    except ValidationError as exc:
        raise CaseError(case_problems(exc, policy.vocabulary)) from None


def case_problems(exc: ValidationError, vocabulary: Any) -> list[Problem]:
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
                    hint=unknown_hint(str(ctx.get("value")), choices, kind),
                )
            )
        elif error["type"] == "missing":
            option = "flag" if attribute == "flags" else attribute
            problems.append(Problem("missing-attribute", {"kind": kind, "option": option}))
        elif error["type"] == "string_pattern_mismatch" and attribute in CASE_ATTRIBUTES:
            value = error.get("input")
            choices = vocabulary.ids(CASE_ATTRIBUTES[attribute])
            problems.append(
                Problem(
                    "unknown-case-value",
                    {"kind": kind, "value": value},
                    hint=unknown_hint(str(value), choices, kind),
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
