"""`allocator batch`: decide many cases from JSON Lines or CSV, one decision per line, in input order."""

from __future__ import annotations

import errno
import functools
import os
import signal
import sys
import time
from pathlib import Path
from typing import IO, Any

import click

from allocator.cli.log import LeadNames, lead_names
from allocator.cli.options import lang_option, log_options, output_option, rules_option
from allocator.desk.batch import Interrupts, LineReader, Summary, Writer, run_batch
from allocator.desk.decision_log import Appender, append_records, default_log_path
from allocator.desk.parallel import run_parallel_batch
from allocator.desk.service import Allocator
from allocator.errors import ArgumentError, OutputFailed
from allocator.i18n import number, sanitize, t, tn
from allocator.load.policy import load_policy

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
@click.option(
    "--labels",
    is_flag=True,
    help="CSV output: the case values, lead, partners, consultation, competent services and the column headers as labels in the chosen language (--lang), not ids.",
)
@output_option
@click.option(
    "--no-cache",
    is_flag=True,
    help="Compile the rules afresh (not from the cache of compiled rule sets) and ask the engine for every case, even one already decided in this batch.",
)
@click.option(
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    metavar="N",
    help="Decide in N worker processes (default: one per core; 1: in this process only). The output, the decision log (block by block, each before it is written out), the summary and the exit status are the same whatever N; a small input is decided in this process.",
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
    labels: bool,
    output: Path | None,
    rules_dir: Path | None,
    no_cache: bool,
    jobs: int | None,
    log_path: Path | None,
    no_log: bool,
) -> None:
    """Decide every case of FILE (or standard input), one output line per input line, in order.

    JSON Lines: one object per line with topic, location, actor, and optionally target, flags
    (a list, or a text such as "imminent;offence-indicated") and id (echoed). CSV: a header
    naming those columns. CSV output repeats each line's case after its line and id; with
    --labels, as labels in the --lang language (headers too). A bad line yields an error record with its line number and the batch
    goes on; a summary goes to standard error. The decisions are logged block by block, each
    block before it is written out; SIGINT or SIGTERM stop the batch cleanly after the line being
    decided (exit 130, 143), with what was decided and logged reported on standard error. With
    --jobs N the lines are decided in N worker processes; the output and the log are the same.

    Exit status: 0 every line decided, 4 some cases got no lead (or conflicting leads), 2 some
    lines were invalid (2 wins over 4), 3 invalid rules, 1 a line could not be decided (internal
    error), the log could not be written or a worker process failed, 74 the output could not be
    written.
    """
    lang: str = getattr(state, "lang", "en")
    jobs = jobs if jobs is not None else os.cpu_count() or 1
    if labels and fmt != "csv":
        raise ArgumentError("batch-labels-need-csv")
    stream, size = _open(source)
    try:
        _refuse_clobbering(
            source, stream, output, None if no_log else (log_path or default_log_path())
        )
        # Compiled rules, from the store: a batch of valid cases never needs pydantic.
        policy = load_policy(rules_dir, cache=not no_cache)
        with Allocator(policy, cache=not no_cache) as allocator:
            started = time.perf_counter()
            out: IO[bytes] = open(output, "wb") if output else _stdout()  # noqa: SIM115
            interrupts = Interrupts()
            interrupts.install()
            progress = _Progress(size)
            # The log held open for the whole batch: one write and one fsync per block of records.
            appender = None if no_log else Appender(log_path or default_log_path())
            try:
                reader = LineReader(stream, interrupts=interrupts, progress=progress.update)
                log = None if appender is None else functools.partial(append_records, appender)
                writer = Writer(fmt, allocator.policy.vocabulary if labels else None, lang)
                if jobs > 1:
                    summary = run_parallel_batch(
                        allocator,
                        reader,
                        writer,
                        out,
                        input_format,
                        lang,
                        log,
                        interrupts,
                        jobs=jobs,
                        cache=not no_cache,
                    )
                else:
                    summary = run_batch(
                        allocator, reader, writer, out, input_format, lang, log, interrupts
                    )
            finally:
                if appender is not None:
                    appender.close()
                progress.finish()
                interrupts.restore()
                closing = _close(out) if output else None
            if closing is not None and summary.output_error is None:
                summary.output_error = closing
    finally:
        if stream is not _stdin():
            stream.close()
    names = lead_names(lang, policy)
    _report(summary, time.perf_counter() - started, lang, no_log, output is None, names)
    raise click.exceptions.Exit(summary.exit_code)


def _close(out: IO[bytes]) -> OSError | None:
    try:
        out.close()
    except OSError as exc:
        return exc
    return None


def _report(
    summary: Summary,
    seconds: float,
    lang: str,
    no_log: bool,
    to_stdout: bool,
    names: LeadNames,
) -> None:
    """The summary on standard error; how far an interrupted batch went."""
    if summary.broken_pipe and to_stdout:
        # The reader of the output went away (`| head`): quietly, as a Unix tool does.
        raise OutputFailed(summary.output_error or BrokenPipeError(errno.EPIPE, "Broken pipe"))
    leads = ", ".join(
        t("batch-summary-lead", lang, lead=names(lead), cases=number(n, lang))
        for lead, n in summary.leads.most_common()
    )
    lines = [
        tn(
            "batch-summary",
            summary.total,
            lang,
            decided=tn("batch-summary-decided", summary.decided, lang),
            leads=leads or "-",
            no_lead=number(summary.no_lead, lang),
            invalid=tn("batch-summary-invalid", summary.invalid, lang),
            seconds=number(seconds, lang, 2),
            rate=number(summary.total / seconds, lang, 0) if seconds > 0 else "-",
        )
    ]
    if summary.failed:
        lines.append(tn("batch-failed-lines", summary.failed, lang))
    if summary.interrupted is not None:
        name = signal.Signals(summary.interrupted).name
        if no_log:
            lines.append(
                tn(
                    "batch-interrupted-no-log",
                    summary.given,
                    lang,
                    signal=name,
                    line=summary.last_line,
                )
            )
        else:
            lines.append(
                tn(
                    "batch-interrupted",
                    summary.given,
                    lang,
                    signal=name,
                    line=summary.last_line,
                    logged=tn("batch-interrupted-logged", summary.logged, lang),
                )
            )
    if summary.log_error is not None:
        params = summary.log_error.params
        lines.append(
            tn(
                "batch-log-failed",
                summary.logged,
                lang,
                path=params.get("path", "?"),
                reason=params.get("reason", "?"),
                line=summary.last_line,
            )
        )
    if summary.worker_error is not None:
        lines.append(
            tn(
                "batch-worker-failed",
                summary.logged,
                lang,
                reason=summary.worker_error,
                line=summary.last_line,
            )
        )
    if summary.output_error is not None and not summary.broken_pipe:
        error = summary.output_error
        lines.append(
            tn(
                "batch-output-failed",
                summary.logged,
                lang,
                reason=error.strerror or str(error),
                line=summary.last_line,
            )
        )
    prefix = f"allocator: {t('error', lang)}{t('colon', lang)} "
    for index, line in enumerate(lines):
        click.echo(sanitize(line if index == 0 else prefix + line), err=True)
    if summary.output_error is not None and to_stdout:
        # Standard output failed (a full disk, a closed descriptor): the command line ends it as
        # it ends any command whose output fails (exit 74), with what is buffered discarded.
        raise OutputFailed(summary.output_error)


def _stdin() -> Any:
    return getattr(sys.stdin, "buffer", sys.stdin)


def _stdout() -> IO[bytes]:
    """Standard output as bytes (what the batch writes is UTF-8 whatever the locale)."""
    stream: Any = sys.stdout
    stream.flush()
    return getattr(stream, "buffer", stream)  # type: ignore[no-any-return]


def _open(source: str) -> tuple[IO[bytes], int]:
    """The input as bytes (decoded line by line by the batch), and its size when known."""
    if source == "-":
        return _stdin(), 0
    path = Path(source)
    try:
        stream = open(path, "rb")  # noqa: SIM115
        size = os.fstat(stream.fileno()).st_size
    except OSError as exc:
        raise ArgumentError(
            "cannot-read-input", path=source, reason=exc.strerror or str(exc)
        ) from None
    return stream, size


def _same(stream: Any, path: Path) -> bool:
    """Whether `path` is the very file behind `stream` (same device and inode)."""
    try:
        return os.path.samestat(os.fstat(stream.fileno()), os.stat(path))
    except (OSError, ValueError, AttributeError):  # no such file yet, or no descriptor (tests)
        return False


def _refuse_clobbering(source: str, stream: Any, output: Path | None, log: Path | None) -> None:
    """A usage error (exit 2) when --output is the input itself (`--output` would truncate it
    before it is read) or the decision log."""
    if output is None:
        return
    same_input = _same(stream, output)
    if not same_input and source != "-":
        try:
            same_input = os.path.samefile(source, output)
        except OSError:
            same_input = False
    if same_input:
        raise ArgumentError("batch-output-is-input", path=str(output))
    if log is not None:
        try:
            if os.path.samefile(log, output):
                raise ArgumentError("batch-output-is-log", path=str(output))
        except OSError:
            pass


class _Progress:
    """A progress bar on standard error for a large input read from a terminal session."""

    def __init__(self, size: int) -> None:
        self._bar: Any = None
        if size > PROGRESS_BYTES and sys.stderr.isatty():
            self._bar = click.progressbar(length=size, file=sys.stderr, label="allocator batch")
            self._bar.__enter__()

    def update(self, count: int) -> None:
        if self._bar is not None:
            self._bar.update(count)

    def finish(self) -> None:
        if self._bar is not None:
            self._bar.__exit__(None, None, None)
            self._bar = None
