"""The command-line options of `allocator decide` (and those other commands share), written once.

click builds its options from this table (allocator.cli.options), the fast path of a plain
`decide` parses with it without importing click (allocator.cli.fast), and the specification
reader reads the `allocator decide …` lines of the feature files with it (allocator.staff.spec).
"""

from __future__ import annotations

from allocator.i18n import LANGS, sanitize
from allocator.record import record

TYPE_CHECKING = False  # typing is not imported at run time (start-up)
if TYPE_CHECKING:
    from typing import Any

#: How an option is given: one value, a value repeated, a flag, or a `--x/--no-x` switch.
VALUE, REPEATED, FLAG, SWITCH = "value", "repeated", "flag", "switch"


@record
class OptionSpec:
    """One option: its spellings, the name of its value, how it is given, and its help."""

    names: tuple[str, ...]
    dest: str
    help: str
    takes: str = VALUE
    #: The fast path of a plain `decide` knows it (anything else hands over to click).
    fast: bool = False
    #: Its values are the ids of this vocabulary list (checked with the case, completed in a shell).
    vocabulary: str | None = None
    choices: tuple[str, ...] | None = None
    default: str | None = None
    envvar: str | None = None
    #: Its value is a path (a file only, when `file_only`).
    path: bool = False
    file_only: bool = False
    #: The other spelling of a switch (`--no-interactive`).
    negation: str | None = None
    #: Its value is free text written to the decision log: one line of at most this many
    #: characters, with no control or invisible character (see `text_problem`).
    max_length: int | None = None


TOPIC = OptionSpec(
    ("--topic", "-t"),
    "topic",
    "What the case is about, e.g. terrorism.",
    fast=True,
    vocabulary="topics",
)
LOCATION = OptionSpec(
    ("--location", "-l"),
    "location",
    "Where it plays out, e.g. belgium.",
    fast=True,
    vocabulary="locations",
)
ACTOR = OptionSpec(
    ("--actor", "-a"),
    "actor",
    "Who is behind it, e.g. terrorist-group.",
    fast=True,
    vocabulary="actors",
)
TARGET = OptionSpec(
    ("--target",),
    "target",
    "Who or what is aimed at.",
    fast=True,
    vocabulary="targets",
    default="unspecified",
)
FLAGS = OptionSpec(
    ("--flag",),
    "flags",
    "A flag such as imminent; repeat for several.",
    takes=REPEATED,
    fast=True,
    vocabulary="flags",
)
WHY = OptionSpec(
    ("--why",),
    "why",
    "Also give the reasoning: the facts, every rule that applies and its legal basis; in JSON, add the explanation.",
    takes=FLAG,
    fast=True,
)
EXPLAIN = OptionSpec(
    ("--explain",),
    "explain",
    "The reasoning (as --why) and which other values of each attribute would change the lead; in JSON, add both.",
    takes=FLAG,
)
INTERACTIVE = OptionSpec(
    ("--interactive",),
    "interactive",
    "Ask for missing attributes (default: when run in a terminal).",
    takes=SWITCH,
    negation="--no-interactive",
)
RULES = OptionSpec(
    ("--rules",),
    "rules_dir",
    "Rules directory to use (default: the rules in force).",
    fast=True,
    envvar="ALLOCATOR_RULES",
    path=True,
)
LANG = OptionSpec(
    ("--lang",),
    "lang",
    "Language of labels and messages (also: allocator --lang, $ALLOCATOR_LANG).",
    fast=True,
    choices=LANGS,
)
LOG = OptionSpec(
    ("--log",),
    "log_path",
    "Decision log to append to (default: decisions.jsonl in the user's data directory).",
    fast=True,
    envvar="ALLOCATOR_LOG",
    path=True,
    file_only=True,
)
NO_LOG = OptionSpec(
    ("--no-log",),
    "no_log",
    "Do not record this decision in the decision log.",
    takes=FLAG,
    fast=True,
)
#: The longest case reference taken, in characters.
MAX_REF = 100
REF = OptionSpec(
    ("--ref",),
    "ref",
    "A case reference (e.g. from the case file) to record with the decision in the log.",
    fast=True,
    max_length=MAX_REF,
)
FORMAT = OptionSpec(
    ("--format",), "fmt", "Output format.", fast=True, choices=("text", "json"), default="text"
)

#: The options of `allocator decide`, in the order `--help` lists them.
DECIDE = (
    TOPIC,
    LOCATION,
    ACTOR,
    TARGET,
    FLAGS,
    WHY,
    EXPLAIN,
    INTERACTIVE,
    RULES,
    LANG,
    REF,
    LOG,
    NO_LOG,
    FORMAT,
)
#: The attributes of a case `decide` takes, by the name of their value.
CASE_OPTIONS = ("topic", "location", "actor", "target", "flags")


def _spellings(specs: tuple[OptionSpec, ...]) -> dict[str, tuple[OptionSpec, bool]]:
    found: dict[str, tuple[OptionSpec, bool]] = {}
    for spec in specs:
        for name in spec.names:
            found[name] = (spec, True)
        if spec.negation is not None:
            found[spec.negation] = (spec, False)
    return found


_DECIDE_SPELLINGS = _spellings(DECIDE)


def parse_decide(args: list[str], lenient: bool = False) -> dict[str, Any] | None:
    """The values of the options in `args` (what follows `allocator decide`), by `dest`: a text
    for a value, a list for a repeated option, True for a flag, True or False for a switch.

    None when `args` is anything but options of `decide` each given once, with its value; with
    `lenient`, an unknown word is passed over and an option given twice keeps its last value.
    """
    values: dict[str, Any] = {}
    pending = list(args)
    while pending:
        word = pending.pop(0)
        value: str | None = None
        if "=" in word and word.startswith("--"):
            word, value = word.split("=", 1)
        found = _DECIDE_SPELLINGS.get(word)
        if found is None:
            if lenient:
                continue
            return None
        spec, positive = found
        if spec.takes in (FLAG, SWITCH):
            if value is not None:
                if lenient:
                    continue
                return None
            values[spec.dest] = positive
            continue
        if value is None:
            if not pending:
                return values if lenient else None
            value = pending.pop(0)
        if spec.takes == REPEATED:
            values.setdefault(spec.dest, []).append(value)
        elif spec.dest in values and not lenient:
            return None  # given twice: click says what it makes of it
        else:
            values[spec.dest] = value
    return values


def fast_options() -> frozenset[str]:
    """The names of the values the fast path of `decide` knows what to do with."""
    return frozenset(spec.dest for spec in DECIDE if spec.fast)


def text_problem(value: str, limit: int) -> tuple[str, dict[str, Any]] | None:
    """Why free text cannot go into the decision log as given (a message key and its parameters),
    or None: longer than `limit` characters, or holding a character that a reader of the log
    would have to show escaped (a control, escape, bidi or invisible character, a newline or a
    tab: the rules of `sanitize(..., one_line=True)`)."""
    if len(value) > limit:
        return "ref-too-long", {"length": len(value), "limit": limit}
    shown = sanitize(value, one_line=True)
    if shown != value:
        return "ref-control-character", {"value": shown}
    return None
