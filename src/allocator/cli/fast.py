"""`allocator decide` at the speed of the duty desk: answer from the compiled rule set without
importing click, pydantic or the YAML parser.

The fast path takes only the plain form of the command, every attribute given as an id of the
vocabulary. Anything else (a help request, a missing or unknown value, an option it does not
know, rules not yet compiled) returns None, and the full command line takes over with its
guided input, its complete checks and messages. Both paths decide with the same engine, the
same resolution and the same rendering on the one runtime model; a test checks that their
outputs are identical.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from allocator.engine.durable import Engine
from allocator.engine.resolve import resolve
from allocator.errors import AllocatorError
from allocator.i18n import LANGS, detect_lang, sanitize, t
from allocator.load.compiled import cached_policy
from allocator.load.files import default_rules_dir, read_rules
from allocator.model import DEFAULT_TARGET, plain_case
from allocator.option_table import (
    FORMAT,
    LANG,
    LOG,
    MAX_REF,
    REF,
    RULES,
    WHY,
    fast_options,
    parse_decide,
    text_problem,
)
from allocator.render.json import dumps
from allocator.render.text import decision_text

TYPE_CHECKING = False  # typing is not imported at run time (start-up)
if TYPE_CHECKING:
    from typing import Any

_LEADING_LANG = {LANG.names[0]} | {f"{LANG.names[0]}={lang}" for lang in LANGS}


def _parse(argv: list[str]) -> dict[str, Any] | None:
    """The options of a plain `decide` command, or None if it is anything more."""
    leading: dict[str, Any] = {}
    args = list(argv)
    while args and args[0] in _LEADING_LANG:
        if args[0] == LANG.names[0]:
            if len(args) < 2:
                return None
            leading[LANG.dest] = args[1]
            args = args[2:]
        else:
            leading[LANG.dest] = args[0].split("=", 1)[1]
            args = args[1:]
    if not args or args[0] != "decide":
        return None
    options = parse_decide(args[1:])
    if options is None or not fast_options().issuperset(options) or leading.keys() & options:
        return None  # given twice, or an option only click knows: let click say what it makes of it
    return {**leading, **options}


def run(argv: list[str]) -> int | None:
    """Answer `allocator decide …` and return its exit status, or None to hand over to the full path.

    A failure before anything is written hands over too (the full path then reports it properly);
    after the answer is written, it is an internal error (exit 1), never a second answer.
    """
    written = [False]
    try:
        return _answer(argv, written)
    except Exception as exc:
        if not written[0]:
            return None
        sys.stderr.write(
            f"allocator: {t('internal-error', 'en', reason=sanitize(f'{type(exc).__name__}: {exc}'))}\n"
        )
        return 1


def _answer(argv: list[str], written: list[bool]) -> int | None:
    options = _parse(argv)
    if options is None:
        return None
    fmt = options.get(FORMAT.dest, FORMAT.default)
    if fmt not in (FORMAT.choices or ()) or options.get(LANG.dest, "en") not in LANGS:
        return None
    ref = options.get(REF.dest) or None
    if ref is not None and text_problem(ref, MAX_REF) is not None:
        return None  # the full path refuses it with its message (exit 2)
    rules = options.get(RULES.dest) or os.environ.get(str(RULES.envvar))
    directory = Path(rules) if rules else default_rules_dir()
    # The rule files' bytes, read once and bounded: the compiled form cached under their digest, if
    # any. Anything odd (a file missing, unreadable, not a regular file) goes the full way.
    policy = cached_policy(read_rules(directory))
    if policy is None:
        return None
    case = plain_case(
        policy.vocabulary,
        {
            "topic": options.get("topic"),
            "location": options.get("location"),
            "actor": options.get("actor"),
            # An empty --target counts as none here (the full path refuses it; see the README).
            "target": options.get("target") or DEFAULT_TARGET,
            "flags": options.get("flags", []),
        },
    )
    if case is None:
        return None  # the full path lists every mistake with did-you-mean
    lang = detect_lang(options.get(LANG.dest))
    with Engine(policy) as engine:
        matches = engine.match(case)
    decision = resolve(policy, case, matches.fired, matches.facts)
    why = bool(options.get(WHY.dest))
    if fmt == "json":
        document = decision.as_json()
        if why:
            from allocator.engine.explain import explanation  # only with --why

            document["explanation"] = explanation(policy, decision, lang)
        text = dumps(document)
    else:
        text = decision_text(decision, policy, lang, why=why, ref=ref)
    written[0] = True
    sys.stdout.write(text + "\n")
    sys.stdout.flush()
    if not options.get("no_log"):
        log = options.get(LOG.dest) or os.environ.get(str(LOG.envvar))
        try:
            # Imported once the answer is out: a duty officer waits for the answer, not the log.
            from allocator.desk.decision_log import log_decisions

            log_decisions(Path(log) if log else None, [decision], "decide", ref)
        except AllocatorError as exc:
            sys.stderr.write(
                f"allocator: {t('error', lang)}{t('colon', lang)} {exc.render(lang)}\n"
            )
            return 1
    return 0 if decision.decided else 4
