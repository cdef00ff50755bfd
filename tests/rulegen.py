"""Generated rule sets over the shipped vocabulary, for the scaling tests and `make bench`.

`rule_set(count, seed)` gives `count` rules as the rule files would hold them, irregular on purpose
(rules written by many hands over the years, not a grid): random lists of topics, locations,
actors and targets, negated lists, any-of flags, negated flags, derived facts used and negated,
leads at a handful of priorities that overlap and sometimes conflict, partners, consultation and
competence. Every set is valid and loads: every fact some rule uses is derived by some rule, and a
rule deriving a fact only uses (or negates) facts earlier in the vocabulary's order, so there is
never a negation cycle. Deterministic: the same (count, seed) always gives the same files.

`write_rule_set(directory, count, seed)` writes them beside a copy of the shipped vocabulary, in
files of at most RULES_PER_FILE rules, ready for `allocator check --rules DIRECTORY`.

Used by tests/test_check_scaling.py and bench/run.py (which puts the repository root on sys.path).
"""

from __future__ import annotations

import json
import random
import shutil
from pathlib import Path
from typing import Any

from allocator.load.files import default_rules_dir

#: The sizes the bench reports and the scaling test compares.
SIZES = (100, 500, 2_000)
SEED = 20_240_611
RULES_PER_FILE = 100
VOCABULARY = "vocabulary.yaml"

_LISTS = {"topic": "topics", "location": "locations", "actor": "actors", "target": "targets"}
#: A few priority levels, so that lead rules overlap, outrank each other and sometimes conflict.
PRIORITIES = (100, 200, 300, 400, 500)


def vocabulary_ids(rules_dir: Path | None = None) -> dict[str, tuple[str, ...]]:
    """The ids of every list of the shipped vocabulary (or of `rules_dir`'s), in file order."""
    from allocator.load.yamlread import read_yaml

    path = (rules_dir or default_rules_dir()) / VOCABULARY
    data, _, problems = read_yaml(path, str(path))
    assert data is not None, problems
    return {
        name: tuple(term["id"] for term in terms)
        for name, terms in data.items()
        if isinstance(terms, list)
    }


def _some(rnd: random.Random, values: tuple[str, ...], most: int) -> list[str]:
    return sorted(rnd.sample(values, rnd.randint(1, min(most, len(values)))), key=values.index)


def _one_or_list(values: list[str]) -> str | list[str]:
    return values[0] if len(values) == 1 else values


#: How many different lists of values (per attribute, and of flags) a generated set draws from:
#: policy staff name the same groupings again and again, and durable_rules holds at most 247
#: lists one case can meet at once (allocator.limits). Single values are drawn freely.
LISTS_PER_ATTRIBUTE = 24
FLAG_LISTS = 12


def _pools(rnd: random.Random, ids: dict[str, tuple[str, ...]]) -> dict[str, list[list[str]]]:
    pools: dict[str, list[list[str]]] = {}
    for attribute, name in _LISTS.items():
        values = ids[name]
        pools[attribute] = [
            _some(rnd, values, max(2, len(values) // 2)) for _ in range(LISTS_PER_ATTRIBUTE)
        ]
    pools["flags"] = [_some(rnd, ids["flags"], 3) for _ in range(FLAG_LISTS)]
    return pools


def _pick(rnd: random.Random, pool: list[list[str]], values: tuple[str, ...]) -> str | list[str]:
    """A single value one time in three, else a list of the pool."""
    if rnd.random() < 1 / 3:
        return rnd.choice(values)
    return _one_or_list(rnd.choice(pool))


def generate(
    count: int,
    seed: int = SEED,
    ids: dict[str, tuple[str, ...]] | None = None,
    *,
    recursive: bool = False,
) -> list[dict[str, Any]]:
    """`count` rules (as the `rules:` list of a rule file holds them), the same for the same seed.

    With `recursive`, a rule deriving a fact may also require any fact, its own included (facts
    that support one another), and only rules deriving nothing negate facts: still no negation
    cycle, but derivations that feed themselves.
    """
    ids = ids or vocabulary_ids()
    rnd = random.Random(f"{seed}:{count}:{recursive}")
    pools = _pools(rnd, ids)
    facts = ids["facts"]
    services = ids["services"]
    leads = (*services, "none")
    rules: list[dict[str, Any]] = []
    for index in range(count):
        rule_id = f"gen.r{index:05d}"
        when: dict[str, Any] = {}
        not_: dict[str, Any] = {}
        then: dict[str, Any] = {}
        # The first rules derive each fact once, so that every fact any rule uses is derived.
        derives = facts[index] if index < len(facts) else None
        if derives is None and rnd.random() < 0.12:
            derives = rnd.choice(facts)
        usable = facts[: facts.index(derives)] if derives else facts
        negatable_facts = usable
        if recursive and derives:
            usable, negatable_facts = facts, ()
        # Case attributes: one to three of them, each a random list (broad or narrow).
        for attribute in rnd.sample(list(_LISTS), rnd.randint(1, 3)):
            when[attribute] = _pick(rnd, pools[attribute], ids[_LISTS[attribute]])
        if rnd.random() < 0.3:
            when["flags"] = _pick(rnd, pools["flags"], ids["flags"])
        if usable and rnd.random() < 0.35:
            when["facts"] = _one_or_list(_some(rnd, usable, 2))
        # Negations: a list of another attribute, flags, or a fact.
        if rnd.random() < 0.4:
            attribute = rnd.choice([a for a in _LISTS if a not in when] or list(_LISTS))
            not_[attribute] = _pick(rnd, pools[attribute], ids[_LISTS[attribute]])
        if rnd.random() < 0.2:
            not_["flags"] = _pick(rnd, pools["flags"], ids["flags"])
        if negatable_facts and rnd.random() < 0.25:
            positive = when.get("facts", [])
            positive = [positive] if isinstance(positive, str) else positive
            negatable = [fact for fact in negatable_facts if fact not in positive]
            if negatable:
                not_["facts"] = rnd.choice(negatable)
        if not_:
            when["not"] = not_
        # Effects.
        if derives:
            then["derive"] = derives
        elif rnd.random() < 0.45:
            then["lead"] = rnd.choice(leads)
            then["priority"] = rnd.choice(PRIORITIES)
        if not derives:
            if rnd.random() < 0.35:
                then["partners"] = _one_or_list(_some(rnd, ids["partners"], 2))
            if rnd.random() < 0.4:
                then["consultation"] = _one_or_list(_some(rnd, ids["mechanisms"], 2))
            if rnd.random() < 0.35:
                then["competent"] = _one_or_list(_some(rnd, services, 2))
            if not then:
                then["consultation"] = rnd.choice(ids["mechanisms"])
        rules.append(
            {
                "id": rule_id,
                "title": f"Generated rule {index}",
                "basis": "None (generated for the scaling tests)",
                "description": f"Generated from seed {seed}.",
                "when": when,
                "then": then,
            }
        )
    return rules


def write_rule_set(
    directory: Path,
    count: int,
    seed: int = SEED,
    rules_dir: Path | None = None,
    *,
    recursive: bool = False,
) -> Path:
    """A rules directory: the shipped vocabulary and `count` generated rules. Returns `directory`."""
    source = rules_dir or default_rules_dir()
    directory.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source / VOCABULARY, directory / VOCABULARY)
    rules = generate(count, seed, vocabulary_ids(source), recursive=recursive)
    for number, start in enumerate(range(0, len(rules), RULES_PER_FILE)):
        chunk = rules[start : start + RULES_PER_FILE]
        # JSON is YAML: one flow mapping per rule keeps the files quick to write and to read.
        text = "rules:\n" + "".join(f"  - {json.dumps(rule)}\n" for rule in chunk)
        (directory / f"generated-{number:03d}.yaml").write_text(text, encoding="utf-8")
    return directory
