"""How a policy is compiled for durable_rules, and whether it fits. Pure: imports no durable.

allocator.engine.durable runs the result in durable_rules' C core; this module decides what the core is
given, so that the loader and `allocator check` can refuse what the core cannot hold (with the
limit and the numbers) before anything reaches it, and the engine can refuse it once more.

The limits are those of durable_rules 2.0.28 (github.com/jruizgit/rules, src/rules/). Crossing
most of them does not fail cleanly: the core reads or writes past its fixed arrays, then aborts
(`free(): invalid pointer`), segfaults, or returns an error code that hides the first one.

The compilation, and why:
- List membership is computed once per case, not by the core: each distinct list a rule tests
  (an attribute and a set of values, `topic: [espionage, terrorism]`) becomes a field `m<k>` of
  the case fact, present (true) when the case's value is in the list, absent otherwise. A rule
  tests `{m<k>: true}`, or `{"$nex": {m<k>: 1}}` under `not`. A single value of topic, location,
  actor or target is tested on the attribute itself. There is no `$or` left: each one cost the
  core a private node and a slot of its 64-entry matching stack, the cause of the crash with 65
  list rules matching one case.
- Rules whose whole condition is the same are one durable rule, whose action records every
  allocator rule sharing it (257 identical conditions overflowed a node's 256 joins: error 108;
  128 identical lists, the 128 `$or` branches under one node: error 107).
- A rule joins the facts it needs: the case (pattern `c`), the stage fact when it negates a
  derived fact (`s`, stratified negation: the stage fact carries the facts settled so far), and
  each derived fact it requires (`f0`, `f1`, ...). A rule that tests nothing of the case does not
  join the case; only a rule that negates a fact waits for a stage fact.
- Carried fields: a rule that joins the case with one derived fact only (it may negate facts
  too), or, negating, with the stage fact only, tests the case on that fact instead, which then
  carries the case's fields such rules test (`Plan.carried`, `Plan.stage_fields`): one pattern
  where there were two. Every pattern costs every case (the core sets up about 8 KB of memory
  per pattern of the ruleset when it opens a case's session: most of the time of a decision),
  and most rules that use a fact use it with the case so. A fact carries fields only when all
  of the case's would fit in it (MAX_FACT_PROPERTIES), so the limits stay the case fact's and
  the stage fact's. A rule joining several derived facts keeps the case as a pattern of its own:
  the facts one rule may join (MAX_PATTERNS) stay what they were.
- Within a pattern, tests are ordered so that conditions share their first tests (the core shares
  alpha nodes between identical prefixes).
- Where too many tests would hang under one alpha node (more than the core's lists hold, or more
  than its matching stack can visit), or too many rules join one node, they are spread under
  always-true grouping tests (`{"$neq": {"kind": "~<n>"}}`), which cost a node each and change
  no answer.
- Every kind of fact asserted has a catch-all rule (see allocator.engine.durable); those of the
  derived and stage facts never fire (NEVER_FIRES): their `count`, the matches the core waits for
  before it starts the action, is beyond what one session holds.

What remains, checked by `problems()`: the number of distinct conditions, the fields of the case
fact (the lists one case can meet at once) and of the stage fact (the negated facts, and the
case's fields it carries), the facts one rule joins, and, as a last line, the branching and the
matching stack after the spreading.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator

from allocator.errors import EXIT_RULES, EngineError, Hint, Problem
from allocator.i18n import DEFAULT_LANG, sanitize, t
from allocator.model import ATTRIBUTES, CASE_ATTRIBUTES, Policy
from allocator.record import field, record

TYPE_CHECKING = False  # typing is not imported at run time (start-up)
if TYPE_CHECKING:
    from typing import Any, TypeAlias

# --------------------------------------------------------------------------- durable's limits

#: rete.c `MAX_ACTIONS` (4096): rules in one ruleset, the catch-all rules included.
MAX_ACTIONS = 4096
#: events.c `MAX_STACK_SIZE` (64): alpha nodes pending in the depth-first match of one fact
#: (`handleAlpha` pushes every matching child of a node at once; the 65th push fails with 303 and
#: leaves the session corrupt).
MAX_STACK_SIZE = 64
#: rules.h `BETA_LIST_LENGTH` (256): joins (beta nodes) fed by one alpha node. The list is ended by
#: a zero and read without a bound, so 255 are usable; the 257th fails with 108.
MAX_BETAS = 255
#: rules.h `NEXT_LIST_LENGTH` (128): `$nex` tests (and `$or` branches) under one alpha node; 127
#: usable for the same reason (the 129th fails with 107).
MAX_NEX_CHILDREN = 127
#: rules.h `NEXT_BUCKET_LENGTH` (512): other tests under one alpha node, an open-addressed table
#: whose search stops at an empty slot: 511 usable (error 106 beyond).
MAX_HASHED_CHILDREN = 511
#: state.h `MAX_OBJECT_PROPERTIES` (255): properties of one fact, `sid` and `id` included.
#: Measured: 254 work, 255 fail with 302 (the old engine's 309 on `delete_state` hid it).
MAX_FACT_PROPERTIES = 254
#: state.h `MAX_MESSAGE_FRAMES` (16): facts one rule joins (its patterns).
MAX_PATTERNS = 16
#: rete.h `MAX_SEQUENCE_EXPRESSIONS` (32): expressions of one pattern. A `$and` takes two, and
#: each `$or` two more (at most 15 lists per rule before error 113): the compiled patterns are one
#: `$and` each, with no `$or` and no join expression.
MAX_EXPRESSIONS = 32

#: The catch-all rules, one per kind of fact (allocator.engine.durable).
FACT_KINDS = ("case", "fact", "stage")
#: The catch-all rules that never fire: those of derived and stage facts. Their `count` (the
#: matches the core waits for before it starts a rule's action; rete.h, an unsigned short) is
#: beyond what one session holds, so they hold every fact of their kind (what keeps durable's
#: memory sound) and no action runs for them. The catch-all of the case fact does fire, once per
#: case: durable leaves a session's action context uninitialised until an action starts, and
#: `delete_state` frees it (`free(): invalid pointer`, or a segfault, after a case no rule
#: matched). The case fact is asserted first in every session, derived facts by actions, stage
#: facts after the case's actions: an action has always started before any of them.
NEVER_FIRES = ("fact", "stage")
CATCH_ALL_COUNT = 65535
#: The conditions one ruleset holds besides its catch-all rules.
MAX_CONDITIONS = MAX_ACTIONS - len(FACT_KINDS)
#: Properties every case fact carries besides the tests: sid, id, kind.
CASE_OVERHEAD = 3
#: Properties every stage fact carries besides the settled facts: sid, id, kind, n.
STAGE_OVERHEAD = 4
#: Properties every derived fact carries: sid, id, kind, name.
FACT_OVERHEAD = 4

#: Spreading: a node is split when more tests than this can match one fact at once (the width),
#: or when more tests of one list than this hang under it (a long search for the core).
SPREAD_WIDTH = 24
SPREAD_CHILDREN = 64
#: At most this many joins per alpha node before they are spread (below MAX_BETAS).
SPREAD_BETAS = 200

#: The single-valued attributes of a case, in the order their tests come.
SINGLE = ATTRIBUTES

# Operators of a test: (property, operator, value).
EQ, NEQ, NEX = "eq", "neq", "nex"
Test: TypeAlias = "tuple[str, str, Any]"


def as_json(test: Test) -> dict[str, Any]:
    """A test as durable_rules reads it."""
    name, operator, value = test
    if operator == EQ:
        return {name: value}
    if operator == NEQ:
        return {"$neq": {name: value}}
    return {"$nex": {name: 1}}


def pattern_json(tests: tuple[Test, ...]) -> dict[str, Any]:
    if len(tests) == 1:
        return as_json(tests[0])
    return {"$and": [as_json(test) for test in tests]}


# --------------------------------------------------------------------------- the compiled policy


@record
class Membership:
    """A list a rule tests: the case fact carries `name` (true) when the case meets it."""

    name: str
    attribute: str
    values: frozenset[str]

    def holds(self, value: str) -> bool:
        return value in self.values


@record(frozen=False)
class Node:
    """An alpha node as the core will build it: tests below it, and the joins it feeds."""

    children: dict[Test, Node] = field(default_factory=dict)
    #: (durable rule, pattern alias) of every pattern ending here.
    ends: list[tuple[str, str]] = field(default_factory=list)


@record
class Plan:
    """A policy compiled for durable_rules."""

    #: The ruleset, without actions: durable rule name -> {"all": [{alias: pattern}, ...]}.
    definition: dict[str, dict[str, Any]]
    #: Durable rule name -> the indexes (in policy.rules) of the allocator rules it records.
    groups: dict[str, tuple[int, ...]]
    memberships: tuple[Membership, ...]
    #: Single-valued attributes some rule tests on the attribute itself (the case fact carries them).
    direct: tuple[str, ...]
    #: Derived fact -> its field in the stage facts (the facts some rule negates).
    settled: dict[str, str]
    #: The stages whose rules wait for a stage fact (those that negate a derived fact).
    stages: tuple[int, ...]
    #: The alpha network the definition makes (for the limits).
    root: Node
    #: Durable rule name -> its patterns (alias, tests).
    patterns: dict[str, tuple[tuple[str, tuple[Test, ...]], ...]]
    #: The most alpha nodes the core's match of one fact holds pending (stack_depth).
    stack: int
    #: Derived fact -> the case's fields it carries: those tested on it by the rules that join
    #: the case with that fact alone (see "carried" in the module docstring).
    carried: dict[str, frozenset[str]] = field(default_factory=dict)
    #: The case's fields the stage facts carry, likewise.
    stage_fields: frozenset[str] = frozenset()

    def fields_of(self, attribute: str, value: str) -> tuple[str, ...]:
        """The membership fields a case with `attribute` = `value` carries."""
        return tuple(
            m.name for m in self.memberships if m.attribute == attribute and m.holds(value)
        )


def _conditions(
    policy: Policy,
) -> tuple[dict[tuple[Any, ...], list[int]], dict[tuple[str, frozenset[str]], Membership]]:
    """The allocator rules grouped by their whole condition, and the lists they test."""
    memberships: dict[tuple[str, frozenset[str]], Membership] = {}

    def field_of(attribute: str, values: Iterable[str]) -> str:
        key = (attribute, frozenset(values))
        if key not in memberships:
            memberships[key] = Membership(f"m{len(memberships)}", attribute, key[1])
        return memberships[key].name

    derived = {fact for rule in policy.rules for fact in rule.then.derive}
    conditions: dict[tuple[Any, ...], list[int]] = {}
    for index, rule in enumerate(policy.rules):
        when = rule.when
        tests: set[Test] = set()
        for attribute, values in when.tests():
            if attribute == "facts":
                continue
            if attribute in SINGLE and len(set(values)) == 1:
                tests.add((attribute, EQ, values[0]))
            else:
                tests.add((field_of(attribute, values), EQ, True))
        if when.not_ is not None:
            for attribute, values in when.not_.tests():
                if attribute == "facts":
                    continue
                if attribute in SINGLE and len(set(values)) == 1:
                    tests.add((attribute, NEQ, values[0]))
                else:
                    tests.add((field_of(attribute, values), NEX, 1))
        # A negated fact no rule derives never holds: its negation is no test at all.
        negated = frozenset(fact for fact in when.negative_facts() if fact in derived)
        stage = policy.strata[rule.id] if negated else 0
        key = (frozenset(tests), stage, negated, frozenset(when.positive_facts()))
        conditions.setdefault(key, []).append(index)
    return conditions, memberships


def _test_order(conditions: Iterable[tuple[Any, ...]]) -> dict[Test, tuple[Any, ...]]:
    """A sort key for the case tests: the most shared first, so that conditions share prefixes."""
    counts: Counter[Test] = Counter()
    for tests, *_ in conditions:
        counts.update(tests)
    return {test: (-count, test[1] != EQ, test[0], str(test[2])) for test, count in counts.items()}


def compile_policy(policy: Policy, widths: Iterable[int] | None = None) -> Plan:
    """The policy as a durable_rules ruleset, spread to stay within the core's limits.

    `widths`: the spreading widths to try, widest first (the default: SPREAD_WIDTH, then
    narrower while the matching stack would overflow); the tests pass one huge width to meet
    the core unspread.
    """
    conditions, memberships = _conditions(policy)
    order = _test_order(conditions)
    facts = policy.vocabulary.ids("facts")
    fact_rank = {fact: index for index, fact in enumerate(facts)}
    negated_facts = sorted(
        {fact for _, _, negated, _ in conditions for fact in negated},
        key=lambda f: (fact_rank.get(f, len(fact_rank)), f),
    )
    settled = {fact: f"d{index}" for index, fact in enumerate(negated_facts)}
    vocabulary = _Values(policy, tuple(memberships.values()))
    direct = tuple(
        attribute
        for attribute in SINGLE
        if any(test[0] == attribute for key in conditions for test in key[0])
    )
    # Carrying the case's fields must not make a fact larger than the core holds (checked for
    # all of them: a fact carries some).
    case_fields = len(direct) + sum(_case_lists(vocabulary).values())
    facts_can_carry = FACT_OVERHEAD + case_fields <= MAX_FACT_PROPERTIES
    stage_can_carry = STAGE_OVERHEAD + len(settled) + case_fields <= MAX_FACT_PROPERTIES

    groups: dict[str, tuple[int, ...]] = {}
    aliases: dict[str, list[str]] = {}
    paths: list[tuple[list[Test], tuple[str, str]]] = []
    stages: set[int] = set()
    carried: dict[str, set[str]] = {}
    stage_fields: set[str] = set()
    for number, ((tests, stage, negated, positive), indexes) in enumerate(conditions.items()):
        name = f"g{number}"
        groups[name] = tuple(indexes)
        names: list[str] = []
        case_tests = sorted(tests, key=order.__getitem__)
        joined = sorted(positive, key=lambda f: (fact_rank.get(f, len(fact_rank)), f))
        # The case joined with one derived fact, else with the stage fact alone: its tests go
        # on that fact (see "carried").
        on_fact = bool(tests) and len(joined) == 1 and facts_can_carry
        on_stage = bool(tests) and not joined and bool(negated) and stage_can_carry
        if (tests or not (negated or positive)) and not (on_fact or on_stage):
            paths.append(([("kind", EQ, "case"), *case_tests], (name, "c")))
            names.append("c")
        if negated:
            stages.add(stage)
            if on_stage:
                stage_fields.update(test[0] for test in case_tests)
            fields = sorted(settled[fact] for fact in negated)
            paths.append(
                (
                    [
                        ("kind", EQ, "stage"),
                        ("n", EQ, stage),
                        *((f, NEX, 1) for f in fields),
                        *(case_tests if on_stage else ()),
                    ],
                    (name, "s"),
                )
            )
            names.append("s")
        for index, fact in enumerate(joined):
            if on_fact:
                carried.setdefault(fact, set()).update(test[0] for test in case_tests)
            paths.append(
                (
                    [("kind", EQ, "fact"), ("name", EQ, fact), *(case_tests if on_fact else ())],
                    (name, f"f{index}"),
                )
            )
            names.append(f"f{index}")
        aliases[name] = names
    for kind in FACT_KINDS:
        paths.append(([("kind", EQ, kind)], (f"_{kind}", "m")))
        aliases[f"_{kind}"] = ["m"]

    # Spread crowded nodes; narrower if the matching stack still overflows somewhere.
    for width in sorted(set(widths or (SPREAD_WIDTH, 8, 4, 2)), reverse=True):
        root = Node()
        for tests_, end in paths:
            node = root
            for test in tests_:
                node = node.children.setdefault(test, Node())
            node.ends.append(end)
        spread(root, vocabulary, width)
        stack = stack_depth(root, vocabulary)
        if stack <= MAX_STACK_SIZE:
            break

    found: dict[str, dict[str, tuple[Test, ...]]] = {name: {} for name in aliases}
    for path, node in walk(root):
        for name, alias in node.ends:
            found[name][alias] = path
    patterns = {
        name: tuple((alias, found[name][alias]) for alias in names)
        for name, names in aliases.items()
    }
    definition: dict[str, dict[str, Any]] = {
        name: {"all": [{alias: pattern_json(tests)} for alias, tests in rule]}
        for name, rule in patterns.items()
    }
    for kind in NEVER_FIRES:
        definition[f"_{kind}"]["count"] = CATCH_ALL_COUNT
    return Plan(
        definition=definition,
        groups=groups,
        memberships=tuple(memberships.values()),
        direct=direct,
        settled=settled,
        stages=tuple(sorted(stages)),
        root=root,
        patterns=patterns,
        stack=stack,
        carried={fact: frozenset(names) for fact, names in carried.items()},
        stage_fields=frozenset(stage_fields),
    )


def walk(node: Node, path: tuple[Test, ...] = ()) -> Iterator[tuple[tuple[Test, ...], Node]]:
    """Every node below `node` (itself included), with the tests leading to it."""
    stack = [(path, node)]
    while stack:
        path, node = stack.pop()
        yield path, node
        for test, child in node.children.items():
            stack.append(((*path, test), child))


# --------------------------------------------------------------------------- widths and spreading


class _Values:
    """What one fact can match: which tests can hold at once."""

    def __init__(self, policy: Policy, memberships: tuple[Membership, ...]) -> None:
        self.values = {a: policy.vocabulary.ids(CASE_ATTRIBUTES[a]) for a in SINGLE}
        self.memberships = {m.name: m for m in memberships}

    def width(self, tests: Iterable[Test]) -> int:
        """At most how many of `tests` (siblings under one node) one fact can meet at once.

        Tests of one single-valued attribute (on it or on its lists) are counted for the worst
        value; equal tests of `kind`, `n` and `name` exclude each other; the rest (flags, settled
        facts, grouping tests) may all hold together.
        """
        by_attribute: dict[str, list[Test]] = {}
        width = 0
        exclusive: set[str] = set()
        flag_fields: set[str] = set()
        for test in tests:
            name, operator, _ = test
            membership = self.memberships.get(name)
            attribute = membership.attribute if membership is not None else name
            if attribute in SINGLE:
                by_attribute.setdefault(attribute, []).append(test)
            elif attribute == "flags":
                flag_fields.add(name)
            elif operator == EQ and name in ("kind", "n", "name"):
                exclusive.add(name)
            else:
                width += 1
        width += len(exclusive) + len(flag_fields)
        for attribute, group in by_attribute.items():
            width += self._worst(attribute, group)
        return width

    def _worst(self, attribute: str, tests: list[Test]) -> int:
        """The most of `tests` (all on one single-valued attribute) that one value meets."""
        base = 0  # the tests every value but a few meets: `$neq` and negated lists
        delta: Counter[str] = Counter()
        for name, operator, expected in tests:
            membership = self.memberships.get(name)
            values = membership.values if membership is not None else (expected,)
            if operator == EQ:
                delta.update(values)
            else:
                base += 1
                delta.subtract(values)
        known = self.values[attribute]
        best = max((delta[value] for value in known if value in delta), default=0)
        if any(value not in delta for value in known):
            best = max(best, 0)
        return base + best


def _needs_spreading(node: Node, values: _Values, width: int) -> bool:
    if len(node.children) <= 1:
        return False
    tests = list(node.children)
    nex = sum(1 for test in tests if test[1] == NEX)
    return (
        len(tests) - nex > SPREAD_CHILDREN or nex > SPREAD_CHILDREN or values.width(tests) > width
    )


def _grouping(node: Node) -> Iterator[Test]:
    """Always-true tests not yet used under `node`."""
    number = 0
    while True:
        number += 1
        test = ("kind", NEQ, f"~{number}")
        if test not in node.children:
            yield test


def spread(root: Node, values: _Values, width: int | None = None) -> None:
    """Split crowded nodes under always-true grouping tests (see the module docstring)."""
    width = width or SPREAD_WIDTH
    chunk = max(2, width // 2)
    pending = [root]
    while pending:
        node = pending.pop()
        if len(node.ends) > SPREAD_BETAS:
            ends, node.ends = node.ends, node.ends[:SPREAD_BETAS]
            names = _grouping(node)
            for start in range(SPREAD_BETAS, len(ends), SPREAD_BETAS):
                node.children[next(names)] = Node(ends=ends[start : start + SPREAD_BETAS])
        while _needs_spreading(node, values, width):
            # Tests of one property side by side: equal tests of one attribute exclude each
            # other, so a group may hold many of them and still be narrow.
            tests = sorted(node.children, key=lambda test: (test[0], test[1], str(test[2])))
            names = _grouping(node)
            groups: dict[Test, Node] = {}
            group: list[Test] = []
            for test in tests:
                if group and (
                    len(group) >= SPREAD_CHILDREN or values.width([*group, test]) > chunk
                ):
                    groups[next(names)] = Node({t: node.children[t] for t in group})
                    group = []
                group.append(test)
            groups[next(names)] = Node({t: node.children[t] for t in group})
            node.children = groups
        pending.extend(node.children.values())


def nodes(root: Node) -> list[Node]:
    """Every node below `root` (itself included), parents before children."""
    found = [root]
    for node in found:
        found.extend(node.children.values())
    return found


def stack_depth(root: Node, values: _Values) -> int:
    """The most alpha nodes the core's depth-first match can hold pending for one fact.

    `handleAlpha` pops a node and pushes every child the fact matches; the stack then holds the
    siblings still to visit on each level of the current path.
    """
    depth: dict[int, int] = {}
    for node in reversed(nodes(root)):  # children before parents
        children = node.children
        if not children:
            depth[id(node)] = 0
            continue
        below = max(depth[id(child)] for child in children.values())
        own = len(children) if len(children) == 1 else values.width(children)
        depth[id(node)] = own + max(0, below - 1)
    return depth[id(root)]


# --------------------------------------------------------------------------- the figures


def _case_lists(values: _Values, names: Iterable[str] | None = None) -> dict[str, int]:
    """The lists one case can meet at once, per attribute (the case fact's membership fields;
    with `names`, those of its fields only)."""
    lists: dict[str, int] = {}
    memberships = list(values.memberships.values())
    if names is not None:
        wanted = set(names)
        memberships = [m for m in memberships if m.name in wanted]
    for attribute in SINGLE:
        holding: Counter[str] = Counter()
        for membership in memberships:
            if membership.attribute == attribute:
                holding.update(membership.values)
        if holding:
            lists[attribute] = max(holding[value] for value in values.values[attribute])
    flags = sum(1 for m in memberships if m.attribute == "flags")
    if flags:
        lists["flags"] = flags
    return lists


@record
class Figures:
    """How much of durable_rules' capacity a compiled policy uses."""

    rules: int
    conditions: int
    durable_rules: int
    case_properties: int
    #: The lists one case can meet at once, per attribute (the case fact's fields).
    case_lists: dict[str, int]
    stage_properties: int
    #: Properties of the largest derived fact (those that carry the case's fields).
    fact_properties: int
    patterns: int
    #: The rule with the most patterns (its durable rule name).
    widest_rule: str
    stack: int
    betas: int
    hashed_children: int
    nex_children: int
    alpha_nodes: int
    beta_nodes: int


def measure(policy: Policy, plan: Plan | None = None) -> Figures:
    plan = plan or compile_policy(policy)
    values = _Values(policy, plan.memberships)
    lists = _case_lists(values)
    case_properties = CASE_OVERHEAD + len(plan.direct) + sum(lists.values())

    def carried(names: frozenset[str]) -> int:
        """The most of the case's fields `names` one fact can carry."""
        return sum(1 for name in names if name in SINGLE) + sum(_case_lists(values, names).values())

    every = nodes(plan.root)
    widest = max(plan.patterns, key=lambda name: len(plan.patterns[name]))
    return Figures(
        rules=len(policy.rules),
        conditions=len(plan.groups),
        durable_rules=len(plan.definition),
        case_properties=case_properties,
        case_lists=lists,
        stage_properties=STAGE_OVERHEAD + len(plan.settled) + carried(plan.stage_fields),
        fact_properties=FACT_OVERHEAD + max(map(carried, plan.carried.values()), default=0),
        patterns=len(plan.patterns[widest]),
        widest_rule=widest,
        stack=plan.stack,
        betas=max(len(node.ends) for node in every),
        hashed_children=max(sum(1 for t in node.children if t[1] != NEX) for node in every),
        nex_children=max(sum(1 for t in node.children if t[1] == NEX) for node in every),
        alpha_nodes=len(every) - 1,
        beta_nodes=sum(len(rule) for rule in plan.patterns.values()),
    )


# --------------------------------------------------------------------------- the problems


def problems(policy: Policy, plan: Plan | None = None) -> list[Problem]:
    """What keeps durable_rules from holding `policy`: one problem per limit crossed (none: it fits)."""
    plan = plan or compile_policy(policy)
    figures = measure(policy, plan)
    found: list[Problem] = []
    where = _directory(policy)
    if figures.durable_rules > MAX_ACTIONS:
        found.append(
            Problem(
                "limit-conditions",
                {"count": figures.conditions, "rules": figures.rules, "limit": MAX_CONDITIONS},
                where,
                hint=Hint("limit-conditions-help"),
            )
        )
    if figures.case_properties > MAX_FACT_PROPERTIES:
        detail = ", ".join(f"{name}: {count}" for name, count in figures.case_lists.items())
        found.append(
            Problem(
                "limit-case-lists",
                {
                    "count": sum(figures.case_lists.values()),
                    "detail": detail,
                    "limit": MAX_FACT_PROPERTIES - CASE_OVERHEAD - len(plan.direct),
                },
                where,
                hint=Hint("limit-case-lists-help"),
            )
        )
    if figures.stage_properties > MAX_FACT_PROPERTIES:
        found.append(
            Problem(
                "limit-negated-facts",
                {"count": len(plan.settled), "limit": MAX_FACT_PROPERTIES - STAGE_OVERHEAD},
                where,
            )
        )
    for name, rule in plan.patterns.items():
        if len(rule) > MAX_PATTERNS:
            first = policy.rules[plan.groups[name][0]]
            facts = len(dict.fromkeys(first.when.positive_facts()))
            source = policy.sources.get(first.id)
            found.append(
                Problem(
                    "limit-rule-facts",
                    {"rule": first.id, "count": facts, "limit": facts - len(rule) + MAX_PATTERNS},
                    source.path if source else where,
                    source.line if source else None,
                    source.column if source else None,
                    hint=Hint("limit-rule-facts-help"),
                )
            )
    crowded = figures.betas > MAX_BETAS
    crowded |= figures.hashed_children > MAX_HASHED_CHILDREN
    crowded |= figures.nex_children > MAX_NEX_CHILDREN
    if crowded or figures.stack > MAX_STACK_SIZE:
        found.append(
            Problem(
                "limit-branching",
                {"count": figures.stack, "limit": MAX_STACK_SIZE},
                where,
                hint=Hint("limit-conditions-help"),
            )
        )
    return found


def _directory(policy: Policy) -> str | None:
    directory = policy.directory
    return directory if directory and not directory.startswith("<") else None


class LimitError(EngineError):
    """The inference engine cannot hold the rule set (exit 3, like invalid rules); lists every limit crossed."""

    exit_code = EXIT_RULES

    def __init__(self, found: Iterable[Problem]) -> None:
        self.problems = tuple(found)
        super().__init__("limit-exceeded", count=len(self.problems))

    def render(self, lang: str = DEFAULT_LANG) -> str:
        lines = [problem.render(lang) for problem in self.problems]
        lines.append(t(self.key, lang, **self.params))
        return sanitize("\n".join(lines))


def check(policy: Policy, plan: Plan | None = None) -> None:
    """Raise LimitError if durable_rules cannot hold `policy`."""
    found = problems(policy, plan)
    if found:
        raise LimitError(found)
