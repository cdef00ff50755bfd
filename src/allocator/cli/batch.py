"""`allocator batch`: decide many cases from JSON Lines or CSV, one decision per line, in input order."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO

import click

from allocator.cli.options import lang_option, log_options, output_option, rules_option

#: Inputs larger than this get a progress bar (when standard error is a terminal).
PROGRESS_BYTES = 256 * 1024


@click.command()
@click.argument("source", default="-", metavar="[FILE|-]")
@click.option(
    "--input-format",
    type=click.Choice(["auto", "jsonl", "csv"]),
    default="auto",
    show_default=True,
    help="How the input is written (auto: a first line starting with { is JSON Lines, else CSV with a header).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["jsonl", "csv"]),
    default="jsonl",
    show_default=True,
    help="Output format.",
)
@output_option
@click.option(
    "--no-cache", is_flag=True, help="Decide every case with the engine, even one decided before."
)
@rules_option
@lang_option
@log_options
@click.pass_obj
def batch(
    state: object,
    source: str,
    input_format: str,
    fmt: str,
    output: Path | None,
    rules_dir: Path | None,
    no_cache: bool,
    log_path: Path | None,
    no_log: bool,
) -> None:
    """Decide every case of FILE (or standard input), one output line per input line, in order.

    JSON Lines: one object per line with topic, location, actor, and optionally target, flags
    (a list, or a text such as "imminent;offence-indicated") and id (echoed). CSV: a header
    naming those columns. A bad line yields an error record with its line number and the batch
    goes on; a summary goes to standard error. A case decided before under the same rule set is
    answered from the decision cache (see the README); --no-cache asks the engine every time.

    Exit status: 0 every line decided, 4 some cases got no lead (or conflicting leads), 2 some
    lines were invalid (2 wins over 4), 3 invalid rules.
    """
    from allocator.api import Allocator
    from allocator.batch import Writer, run_batch
    from allocator.decisionlog import log_records
    from allocator.messages import t

    lang: str = getattr(state, "lang", "en")
    from allocator.cache import runtime_policy

    # The plain runtime form of the rules: a batch answered from the caches never loads pydantic.
    allocator = Allocator(runtime_policy(rules_dir, cache=not no_cache), cache=not no_cache)
    started = time.perf_counter()
    stream, size = _open(source)
    out: IO[str] = open(output, "w", encoding="utf-8", newline="") if output else sys.stdout  # noqa: SIM115
    try:
        lines: Iterator[str] = iter(stream)
        if size > PROGRESS_BYTES and sys.stderr.isatty():
            lines = _with_progress(lines, size)
        writer = Writer(out, fmt)
        log = None if no_log else (lambda records: log_records(log_path, records))
        summary = run_batch(allocator, lines, writer, input_format, lang, log)
    finally:
        if stream is not sys.stdin:
            stream.close()
        if output:
            out.close()
    seconds = time.perf_counter() - started
    leads = ", ".join(
        f"{lead.upper() if lead != 'none' else 'none'} {n:,}"
        for lead, n in summary.leads.most_common()
    )
    click.echo(
        t(
            "batch-summary",
            lang,
            total=f"{summary.total:,}",
            decided=f"{summary.decided:,}",
            leads=leads or "-",
            no_lead=f"{summary.no_lead:,}",
            invalid=f"{summary.invalid:,}",
            seconds=f"{seconds:.2f}",
            rate=f"{summary.total / seconds:,.0f}" if seconds > 0 else "-",
        ),
        err=True,
    )
    raise click.exceptions.Exit(summary.exit_code)


def _open(source: str) -> tuple[IO[str], int]:
    if source == "-":
        return sys.stdin, 0
    path = Path(source)
    try:
        stream = open(path, encoding="utf-8-sig", errors="replace", newline="")  # noqa: SIM115
    except OSError as exc:
        from allocator.errors import CaseError, Problem

        raise CaseError(
            [Problem("cannot-read-input", {"path": source, "reason": exc.strerror or str(exc)})]
        ) from None
    return stream, os.fstat(stream.fileno()).st_size


def _with_progress(lines: Iterator[str], size: int) -> Iterator[str]:
    with click.progressbar(length=size, file=sys.stderr, label="allocator batch") as bar:
        for line in lines:
            bar.update(len(line.encode("utf-8", "replace")))
            yield line
