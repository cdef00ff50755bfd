"""`allocator decide`: the lead service, the partners and the consultation for one case, and why."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from allocator.cli.options import (
    VocabularyValue,
    format_option,
    lang_option,
    log_options,
    rules_option,
)
from allocator.errors import EXIT_NO_DECISION


@click.command()
@click.option(
    "--topic", "-t", type=VocabularyValue("topics"), help="What the case is about, e.g. terrorism."
)
@click.option(
    "--location", "-l", type=VocabularyValue("locations"), help="Where it plays out, e.g. belgium."
)
@click.option(
    "--actor", "-a", type=VocabularyValue("actors"), help="Who is behind it, e.g. terrorist-group."
)
@click.option(
    "--target",
    type=VocabularyValue("targets"),
    default="unspecified",
    show_default=True,
    help="Who or what is aimed at.",
)
@click.option(
    "--flag",
    "flags",
    type=VocabularyValue("flags"),
    multiple=True,
    help="A flag such as imminent; repeat for several.",
)
@click.option(
    "--explain",
    is_flag=True,
    help="Also say which other values of each attribute would change the lead; in JSON, add the explanation.",
)
@click.option(
    "--interactive/--no-interactive",
    default=None,
    help="Ask for missing attributes (default: when run in a terminal).",
)
@rules_option
@lang_option
@log_options
@format_option("text", "json")
@click.pass_obj
def decide(
    state: object,
    topic: str | None,
    location: str | None,
    actor: str | None,
    target: str,
    flags: tuple[str, ...],
    explain: bool,
    interactive: bool | None,
    rules_dir: Path | None,
    log_path: Path | None,
    no_log: bool,
    fmt: str,
) -> None:
    """Which service leads a case, who must be brought in, through which channel, and why.

    In a terminal, missing attributes are asked for; elsewhere they are a usage error. Every
    decision is appended to the decision log (see `allocator log`) unless --no-log.

    Exit status: 0 decided (lead `none` included), 2 bad input, 3 invalid rules, 4 the rules give
    no lead or contradictory leads (the output names the escalation route), 1 anything else.
    """
    from allocator.api import Allocator
    from allocator.render import decision_json, decision_text, dumps

    lang: str = getattr(state, "lang", "en")
    with Allocator.from_directory(rules_dir) as allocator:
        data = {
            "topic": topic,
            "location": location,
            "actor": actor,
            "target": target,
            "flags": list(flags),
        }
        if interactive is None:
            interactive = sys.stdin.isatty() and sys.stderr.isatty()
        if interactive and not all(data[a] for a in ("topic", "location", "actor")):
            from allocator.cli.guided import complete_case

            data = complete_case(allocator.policy, data, lang)
        decision = allocator.decide(
            {key: value for key, value in data.items() if value is not None}
        )
        counterfactuals = None
        if explain:
            from allocator.explain import counterfactuals as find_counterfactuals

            counterfactuals = find_counterfactuals(
                allocator.policy, allocator.decide, decision, lang
            )
        if fmt == "json":
            document = decision_json(decision)
            if explain:
                from allocator.explain import explanation

                document["explanation"] = {
                    **explanation(allocator.policy, decision, lang),
                    "counterfactuals": counterfactuals,
                }
            text = dumps(document)
        else:
            text = decision_text(decision, allocator.policy, lang, counterfactuals)
    click.echo(text)
    if not no_log:
        from allocator.decisionlog import log_decisions

        log_decisions(log_path, [decision], "decide")
    if not decision.decided:
        raise click.exceptions.Exit(EXIT_NO_DECISION)
