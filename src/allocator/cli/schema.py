"""`allocator schema`: the JSON Schema of the rule files, for editors."""

from __future__ import annotations

from pathlib import Path

import click

from allocator.cli.options import lang_option, output_option, rules_option
from allocator.load.policy import load_policy
from allocator.staff.schema import schema_text


@click.command()
@click.option(
    "--kind",
    type=click.Choice(["rules", "vocabulary"]),
    default="rules",
    show_default=True,
    help="Which file's schema.",
)
@output_option
@rules_option
@lang_option
def schema(kind: str, output: Path | None, rules_dir: Path | None) -> None:
    """Print the JSON Schema of rule files (or of vocabulary.yaml), generated from the models.

    The rules schema lists the vocabulary's ids, so an editor completes them. The shipped
    schemas live in schema/ (`make schema` refreshes them; a test keeps them in sync).
    """
    text = schema_text(kind, load_policy(rules_dir).vocabulary)
    if output is None:
        click.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8")
