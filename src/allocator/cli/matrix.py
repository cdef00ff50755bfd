"""`allocator matrix`: the competence matrix, for a terminal, a spreadsheet or a policy meeting."""

from __future__ import annotations

from pathlib import Path

import click

from allocator.cli.options import lang_option, output_option, rules_option
from allocator.desk.service import Allocator
from allocator.i18n import t
from allocator.model import ATTRIBUTES
from allocator.render.json import dumps
from allocator.staff.matrix import (
    build_matrix,
    compare_matrix,
    matrix_csv,
    matrix_html,
    matrix_json,
    matrix_text,
    open_baseline,
)


@click.command()
@click.option(
    "--rows",
    type=click.Choice(ATTRIBUTES),
    default="topic",
    show_default=True,
    help="Attribute down the side.",
)
@click.option(
    "--columns",
    type=click.Choice(ATTRIBUTES),
    default="location",
    show_default=True,
    help="Attribute across the top.",
)
@click.option("--topic", metavar="TOPIC", help="Slice: fix the topic.")
@click.option("--location", metavar="LOCATION", help="Slice: fix the location.")
@click.option(
    "--actor", metavar="ACTOR", help="Slice: fix the actor (default: every actor, per cell)."
)
@click.option("--target", metavar="TARGET", help="Slice: fix the target (default: unspecified).")
@click.option(
    "--flag",
    "flags",
    metavar="FLAG",
    multiple=True,
    help="Slice: cases with this flag; repeat for several.",
)
@click.option(
    "--view",
    type=click.Choice(["lead", "competence"]),
    default="lead",
    show_default=True,
    help="What a cell shows: the lead, or the services competent (and who leads where both are).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "csv", "html", "json"]),
    default="text",
    show_default=True,
)
@click.option(
    "--diff",
    "old",
    metavar="OLD",
    help="Mark the cells whose answer changed since OLD: a rules directory, or a git revision of "
    "the checkout holding the rules (HEAD, HEAD~1, a branch, a tag).",
)
@output_option
@rules_option
@lang_option
@click.pass_obj
def matrix(
    state: object,
    rows: str,
    columns: str,
    topic: str | None,
    location: str | None,
    actor: str | None,
    target: str | None,
    flags: tuple[str, ...],
    view: str,
    fmt: str,
    old: str | None,
    output: Path | None,
    rules_dir: Path | None,
) -> None:
    """The competence matrix: the lead for every row x column, sliced by the other attributes.

    Rows are topics and columns locations by default; each cell then covers every actor
    (ADIV/VSSE when they disagree) for an unspecified target and no flag. --format html writes
    one self-contained page, coloured by lead, with the partners, mechanisms and rules of each
    cell on hover and on click (a link to `page.html#cell-N` opens with cell N shown), in the
    language of --lang. --view competence shows which services are competent instead, and who
    leads where both are (`both→ADIV`); the criterion that gave the lead is in each cell's
    details.

    --diff OLD compares with another rule set (a rules directory, or a git revision of the
    checkout holding the rules, like `allocator diff`): the matrix is the one of the rules in
    force (or --rules), each cell whose answer changed is marked, with its answer before (text:
    a mark, and the cells listed below the table; HTML: a ring and the answer before in the cell
    and its details; JSON: `changed`, `before`; CSV: one line per cell).
    """
    lang: str = getattr(state, "lang", "en")
    if rows == columns:
        raise click.UsageError(t("matrix-same-axes", lang))
    fixed: dict[str, object] = {"flags": list(flags)}
    for axis, value in (
        ("topic", topic),
        ("location", location),
        ("actor", actor),
        ("target", target),
    ):
        if value is not None and axis not in {rows, columns}:
            fixed[axis] = value
    allocator = Allocator.from_directory(rules_dir)
    baseline = open_baseline(old, rules_dir) if old is not None else None
    table = build_matrix(allocator, rows, columns, fixed, view)
    if baseline is not None:
        before, label = baseline
        with before:
            compare_matrix(table, before, label)
    if fmt == "html":
        text = matrix_html(table, lang)
    elif fmt == "csv":
        text = matrix_csv(table)
    elif fmt == "json":
        text = dumps(matrix_json(table)) + "\n"
    else:
        text = matrix_text(table, lang) + "\n"
    if output is None:
        click.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8")
