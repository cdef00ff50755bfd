"""`allocator decide`: the lead service, the partners and the consultation for one case."""

from __future__ import annotations

from pathlib import Path

import click

from allocator.cli.options import format_option, lang_option, rules_option
from allocator.errors import EXIT_NO_DECISION


@click.command()
@click.option("--topic", "-t", metavar="TOPIC", help="What the case is about, e.g. terrorism.")
@click.option("--location", "-l", metavar="LOCATION", help="Where it plays out, e.g. belgium.")
@click.option("--actor", "-a", metavar="ACTOR", help="Who is behind it, e.g. terrorist-group.")
@click.option(
    "--target",
    metavar="TARGET",
    default="unspecified",
    show_default=True,
    help="Who or what is aimed at.",
)
@click.option(
    "--flag",
    "flags",
    metavar="FLAG",
    multiple=True,
    help="A flag such as imminent; repeat for several.",
)
@rules_option
@lang_option
@format_option("text", "json")
@click.pass_obj
def decide(
    state: object,
    topic: str | None,
    location: str | None,
    actor: str | None,
    target: str,
    flags: tuple[str, ...],
    rules_dir: Path | None,
    fmt: str,
) -> None:
    """Which service leads a case, who must be brought in, and through which channel.

    Exit status: 0 decided (lead `none` included), 2 bad input, 3 invalid rules,
    4 the rules give no lead or contradictory leads (the output names the escalation route).
    """
    from allocator.api import Allocator
    from allocator.render import decision_json, decision_text, dumps

    lang: str = getattr(state, "lang", "en")
    allocator = Allocator.from_directory(rules_dir)
    data = {
        "topic": topic,
        "location": location,
        "actor": actor,
        "target": target,
        "flags": list(flags),
    }
    decision = allocator.decide({key: value for key, value in data.items() if value is not None})
    if fmt == "json":
        click.echo(dumps(decision_json(decision)))
    else:
        click.echo(decision_text(decision, allocator.policy, lang))
    if not decision.decided:
        raise click.exceptions.Exit(EXIT_NO_DECISION)
