"""rules/ -> the validated policy (allocator.model.Policy): each file parsed once, checked against
the pydantic schemas, then against the vocabulary; every problem with its file:line:col, all at once.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from allocator.engine import plan
from allocator.errors import Hint, Problem, RuleSetError
from allocator.load import schemas
from allocator.load.compiled import cached_check, store_policy
from allocator.load.files import RuleFileBytes, RulesOnDisk, read_rules
from allocator.load.fingerprint import fingerprint
from allocator.load.problems import Loc, pydantic_problems
from allocator.load.suggest import suggest, unknown_hint
from allocator.load.yamlread import SourceMap, parse_once
from allocator.model import (
    CASE_ATTRIBUTES,
    DEFAULT_TARGET,
    LIST_KIND,
    NO_LEAD,
    Policy,
    Rule,
    Source,
    Vocabulary,
    stratify,
)

_ID = re.compile(schemas.ID_PATTERN)


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
        vocabulary = schemas.vocabulary_model(schemas.Vocabulary.model_validate(vocab_data))
    except ValidationError as exc:
        return None, pydantic_problems(exc, schemas.Vocabulary, smap)
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


def parse_file(entry: RuleFileBytes) -> tuple[Any, SourceMap, list[Problem]]:
    """The YAML of one rule file, parsed from the bytes already read (never read again from disk).

    The data is shared with the memo of parsed files: treat it as read-only.
    """
    if entry.data is None:
        problems = [entry.problem] if entry.problem is not None else []
        return None, SourceMap(entry.shown), problems
    return parse_once(entry.data, entry.shown)


def read_policy(directory: Path) -> tuple[Policy | None, list[Problem]]:
    """Read and validate a rules directory; the policy is None whenever any error was found."""
    return parse_rules(read_rules(directory))


def read_checked_policy(directory: Path) -> tuple[Policy | None, list[Problem]]:
    """`read_policy` for `allocator check`: the files' bytes are read, and when the very same
    bytes were compiled before (by any command), the policy and the warnings and notes their
    parsing gave come from the cache of compiled rule sets instead of the YAML parser; else they
    are parsed, and a valid result is stored for the next check or decision."""
    on_disk = read_rules(directory)
    found = cached_check(on_disk)
    if found is not None:
        return found
    policy, problems = parse_rules(on_disk)
    if policy is not None:
        store_policy(on_disk, policy, problems)
    return policy, problems


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
            schemas.RuleFile.model_validate(data)
            bad: set[int] = set()
        except ValidationError as exc:
            problems += pydantic_problems(exc, schemas.RuleFile, smap)
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
            rule = schemas.rule_model(schemas.Rule.model_validate(item))
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
        fingerprint=fingerprint(vocabulary, rules),
        directory=str(directory),
    )
    over = plan.problems(policy)
    if over:  # valid, but more than durable_rules' core can hold: refused here, never a crash
        return None, problems + over
    return policy, problems


def compile_rules(on_disk: RulesOnDisk, cache: bool = True) -> Policy:
    """Parse and validate the bytes read in `on_disk`; with `cache`, store the result under the
    digest of those very bytes. RuleSetError lists every problem."""
    policy, problems = parse_rules(on_disk)
    if policy is None:
        raise RuleSetError(problems)
    if cache:
        store_policy(on_disk, policy, problems)
    return policy
