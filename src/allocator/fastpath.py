"""`allocator decide` at the speed of the duty desk: answer from the compiled rule set without
importing click, pydantic or the YAML parser.

The fast path takes only the plain form of the command, every attribute given as an id of the
vocabulary. Anything else (a help request, a missing or unknown value, an option it does not
know, rules not yet compiled) returns None, and the full command line takes over with its
guided input, its complete checks and messages. Both paths decide with the same engine, the
same resolution and the same rendering (allocator.light gives them one runtime form); a test
checks that their outputs are identical.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from allocator.light import DEFAULT_TARGET

_VALUE_OPTIONS = {
    "--topic": "topic",
    "-t": "topic",
    "--location": "location",
    "-l": "location",
    "--actor": "actor",
    "-a": "actor",
    "--target": "target",
    "--flag": "flag",
    "--format": "format",
    "--rules": "rules",
    "--lang": "lang",
    "--log": "log",
}
_FLAG_OPTIONS = {"--no-log": "no_log"}


def _parse(argv: list[str]) -> dict[str, object] | None:
    """The options of a plain `decide` command, or None if it is anything more."""
    options: dict[str, object] = {"flags": []}
    args = list(argv)
    while args and args[0] in {"--lang"} | {f"--lang={x}" for x in ("en", "nl", "fr")}:
        if args[0] == "--lang":
            if len(args) < 2:
                return None
            options["lang"] = args[1]
            args = args[2:]
        else:
            options["lang"] = args[0].split("=", 1)[1]
            args = args[1:]
    if not args or args[0] != "decide":
        return None
    args = args[1:]
    while args:
        option = args.pop(0)
        value: str | None = None
        if "=" in option and option.startswith("--"):
            option, value = option.split("=", 1)
        if option in _FLAG_OPTIONS and value is None:
            options[_FLAG_OPTIONS[option]] = True
            continue
        if option not in _VALUE_OPTIONS:
            return None
        if value is None:
            if not args:
                return None
            value = args.pop(0)
        name = _VALUE_OPTIONS[option]
        if name == "flag":
            options["flags"].append(value)  # type: ignore[attr-defined]
        elif name in options:
            return None  # given twice: let click say what it makes of it
        else:
            options[name] = value
    return options


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
        from allocator.messages import sanitize, t

        sys.stderr.write(
            f"allocator: {t('internal-error', 'en', reason=sanitize(f'{type(exc).__name__}: {exc}'))}\n"
        )
        return 1


def _answer(argv: list[str], written: list[bool]) -> int | None:
    options = _parse(argv)
    if options is None or not all(options.get(a) for a in ("topic", "location", "actor")):
        return None
    if options.get("format", "text") not in {"text", "json"} or options.get("lang", "en") not in {
        "en",
        "nl",
        "fr",
    }:
        return None
    from allocator.cache import cached_runtime
    from allocator.paths import default_rules_dir, read_rules

    rules = options.get("rules") or os.environ.get("ALLOCATOR_RULES")
    directory = Path(str(rules)) if rules else default_rules_dir()
    # The rule files' bytes, read once and bounded: the compiled form cached under their digest, if
    # any. Anything odd (a file missing, unreadable, not a regular file) goes the full way.
    policy = cached_runtime(read_rules(directory))
    if policy is None:
        return None
    vocabulary = policy.vocabulary
    flags = tuple(sorted(set(options["flags"])))  # type: ignore[call-overload]
    target = str(options.get("target") or DEFAULT_TARGET)
    known = {
        name: set(vocabulary.ids(name))
        for name in ("topics", "locations", "actors", "targets", "flags")
    }
    if (
        options["topic"] not in known["topics"]
        or options["location"] not in known["locations"]
        or options["actor"] not in known["actors"]
        or target not in known["targets"]
        or not known["flags"].issuperset(flags)
    ):
        return None  # the full path lists every mistake with did-you-mean

    from allocator.engine import Engine
    from allocator.light import Case
    from allocator.messages import detect_lang
    from allocator.render import decision_text, dumps
    from allocator.resolve import resolve

    case = Case(
        str(options["topic"]), str(options["location"]), str(options["actor"]), target, flags
    )
    lang = detect_lang(str(options["lang"]) if options.get("lang") else None)
    with Engine(policy) as engine:
        matches = engine.match(case)
    decision = resolve(policy, case, matches.fired, matches.facts)
    if options.get("format") == "json":
        text = dumps(decision.as_json())
    else:
        text = decision_text(decision, policy, lang)
    written[0] = True
    sys.stdout.write(text + "\n")
    sys.stdout.flush()
    if not options.get("no_log"):
        from allocator.decisionlog import log_decisions
        from allocator.errors import AllocatorError
        from allocator.messages import t

        log = options.get("log") or os.environ.get("ALLOCATOR_LOG")
        try:
            log_decisions(Path(str(log)) if log else None, [decision], "decide")
        except AllocatorError as exc:
            sys.stderr.write(f"allocator: {t('error', lang)}: {exc.render(lang)}\n")
            return 1
    return 0 if decision.decided else 4
