"""`allocator rules`: every rule with its title, legal basis and place in rules/."""

from __future__ import annotations

from pathlib import Path

import click

from allocator.cli.options import format_option, lang_option, rules_option
from allocator.load.policy import load_policy
from allocator.render.json import dumps, rules_json
from allocator.render.text import rules_table


@click.command()
@rules_option
@lang_option
@format_option("text", "json")
@click.pass_obj
def rules(state: object, rules_dir: Path | None, fmt: str) -> None:
    """List every rule: id, title, legal basis and file:line."""
    lang: str = getattr(state, "lang", "en")
    policy = load_policy(rules_dir)
    click.echo(dumps(rules_json(policy, lang)) if fmt == "json" else rules_table(policy, lang))
