"""`allocator diff OLD [NEW]`: which cases a rule change decides differently, region by region."""

from __future__ import annotations

from pathlib import Path

import click

from allocator.cli.options import format_option, lang_option, rules_option
from allocator.render.json import dumps
from allocator.staff.diff import diff_rules


@click.command()
@click.argument("old")
@click.argument("new", required=False)
@rules_option
@lang_option
@format_option("text", "json")
@click.pass_obj
def diff(state: object, old: str, new: str | None, rules_dir: Path | None, fmt: str) -> None:
    """Every region of cases whose decision changes between two rule sets.

    OLD and NEW are rules directories or git revisions of the checkout holding the rules in
    force (HEAD~1, a branch, a tag); NEW defaults to the rules in force as they are on disk, so
    `allocator diff HEAD` shows what uncommitted edits change. Lists each changed region with
    the decision before and after and the rules responsible, then a summary. Exit 0 when
    nothing changes, 1 when something does.
    """
    lang: str = getattr(state, "lang", "en")
    report = diff_rules(old, new, rules_dir)
    click.echo(dumps(report.as_json()) if fmt == "json" else report.text(lang))
    raise click.exceptions.Exit(1 if report.changes else 0)
