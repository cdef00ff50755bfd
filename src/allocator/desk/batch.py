"""`allocator batch`: many cases in (JSON Lines or CSV), one decision per case out, in input order.

No line is ever lost: every input line becomes a decision or an error record carrying its line
number (a value of the wrong type, a nested array, a lone surrogate, NaN, a key or a column given
twice, a line too long: each is an error record, and the batch goes on).

The decisions go out in small blocks, and the log records of a block are written and fsynced
*before* the block is written out: a decision that was delivered is always in the decision log,
whatever stops the batch (a closed pipe, SIGINT, SIGTERM, kill -9). A block is written out as
soon as it is full, and whenever the input has nothing more ready (before waiting for input), so a
slow producer sees its answers at once.

Input is read in bounded pieces: a line longer than MAX_LINE bytes is skipped as it is read (an
error record), never held in memory whole.

With `--jobs`, worker processes decide the lines, chunk by chunk, with `decide_chunk`
(allocator.desk.parallel); the chunks come back here in input order and are logged, then written
out, as the blocks of this process are.
"""

from __future__ import annotations

import contextlib
import csv
import errno
import io
import json
import math
import re
import signal
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import IO, Any, NamedTuple

from allocator.desk.decision_log import encoded_record
from allocator.desk.service import Allocator, Answer
from allocator.errors import (
    EXIT_BROKEN_PIPE,
    EXIT_OUTPUT,
    AllocatorError,
    OutputFailed,
    localized,
    type_name,
)
from allocator.i18n import DEFAULT_LANG, sanitize, sanitize_json, t
from allocator.model import ATTRIBUTES, CASE_ATTRIBUTES, CONTRACT_FIELDS, NO_LEAD, Vocabulary
from allocator.option_table import MAX_REF, text_problem
from allocator.version import __version__

CASE_KEYS = tuple(CASE_ATTRIBUTES)
#: Keys a batch line may carry besides the case: an identifier echoed in the output (and logged),
#: and a case reference, logged with the decision (as `decide --ref` logs it), not echoed.
ID_KEYS = ("id", "ref")
_FLAG_SPLIT = re.compile(r"[;,|\s]+")
#: The longest line read, in bytes (its end included).
MAX_LINE = 1_000_000
#: The longest `id` a line may carry, in characters: it is echoed and logged with the decision
#: (a case-management system's key; a longer one would bloat every log record).
MAX_ID = 200
#: At most this many decisions are logged (one fsync) and then written out together.
BLOCK = 256
_CHUNK = 1 << 16
#: Exit statuses of an interrupted batch: 128 + the signal, as a shell reports it.
EXIT_SIGINT = 130
EXIT_SIGTERM = 143


@dataclass
class Item:
    """One input line: its number, its id if any, and the case data or the reason it has none."""

    line: int
    data: dict[str, Any] | None
    ident: Any = None
    #: (code written in the output, message key, its parameters)
    error: tuple[str, str, dict[str, Any]] | None = None
    #: The case reference, written to the decision log with the decision.
    ref: str | None = None
    #: For a line that is not a valid case: the case values that could be read (echoed in CSV).
    seen: dict[str, Any] | None = None


#: The outcome of one line (`decide_item`).
LINE_INVALID, LINE_FAILED, LINE_DECIDED, LINE_NO_LEAD = range(4)


class Decided(NamedTuple):
    """A chunk of lines decided together (`decide_chunk`): their output, ready to be written out,
    their log records, ready to be logged, and their counts. Plain data: it crosses from a worker
    process (`--jobs`) to the one that logs and writes it out."""

    #: How many lines, and the last of them.
    size: int
    last: int
    data: bytes
    records: list[str]
    decided: int
    no_lead: int
    invalid: int
    failed: int
    leads: dict[str, int]


@dataclass
class Summary:
    total: int = 0
    decided: int = 0
    no_lead: int = 0
    invalid: int = 0
    #: Lines that could not be decided because of an internal error (each has its error record).
    failed: int = 0
    leads: Counter[str] = field(default_factory=Counter)
    #: Log records written (and fsynced).
    logged: int = 0
    #: The last input line decided (or recorded as an error), logged and handed to the output.
    last_line: int = 0
    #: The signal that stopped the batch, if one did.
    interrupted: int | None = None
    broken_pipe: bool = False
    #: What stopped the batch early: the log or the output could not be written, or a worker
    #: process (`--jobs`) failed (why, in the batch's language).
    log_error: AllocatorError | None = None
    output_error: OSError | None = None
    worker_error: str | None = None

    @property
    def given(self) -> int:
        """Decisions given (a decision without a lead is a decision too)."""
        return self.decided + self.no_lead

    def count(self, outcome: int, lead: str | None) -> None:
        """One line more, with its outcome (`decide_item`)."""
        self.total += 1
        if outcome == LINE_DECIDED:
            self.decided += 1
            self.leads[lead or ""] += 1
        elif outcome == LINE_NO_LEAD:
            self.no_lead += 1
        elif outcome == LINE_INVALID:
            self.invalid += 1
        else:
            self.failed += 1

    def add(self, done: Decided) -> None:
        """The lines of a chunk decided together (`decide_chunk`)."""
        self.total += done.size
        self.decided += done.decided
        self.no_lead += done.no_lead
        self.invalid += done.invalid
        self.failed += done.failed
        self.leads.update(done.leads)

    @property
    def exit_code(self) -> int:
        if self.interrupted is not None:
            return EXIT_SIGTERM if self.interrupted == signal.SIGTERM else EXIT_SIGINT
        if self.broken_pipe:
            return EXIT_BROKEN_PIPE
        if self.output_error is not None:
            return EXIT_OUTPUT
        if self.log_error is not None or self.worker_error is not None or self.failed:
            return 1
        if self.invalid:
            return 2
        if self.no_lead:
            return 4
        return 0


def detect_format(first_line: str) -> str:
    return "jsonl" if first_line.lstrip().startswith(("{", "[")) else "csv"


def _flags(value: Any) -> Any:
    if isinstance(value, str):
        return [part for part in _FLAG_SPLIT.split(value) if part]
    return value


# --------------------------------------------------------------------------- interruptions


class Interrupted(BaseException):
    """SIGINT or SIGTERM arrived while the batch was waiting (for input, or for its output to go)."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


class Interrupts:
    """SIGINT and SIGTERM during a batch.

    While a line is decided, or a block logged, a signal is only noted: the batch finishes that
    step, writes out what is logged, and stops. While it waits (for input, or for a reader of its
    output), the signal stops the wait at once.
    """

    def __init__(self) -> None:
        self.pending: int | None = None
        self._waiting = False
        self._previous: dict[int, Any] = {}

    def install(self) -> None:
        if threading.current_thread() is not threading.main_thread():
            return
        for signum in (signal.SIGINT, signal.SIGTERM):
            with contextlib.suppress(ValueError, OSError):
                self._previous[signum] = signal.signal(signum, self._handle)

    def restore(self) -> None:
        for signum, previous in self._previous.items():
            with contextlib.suppress(ValueError, OSError, TypeError):
                signal.signal(signum, previous)
        self._previous = {}

    def _handle(self, signum: int, _frame: Any) -> None:
        if self.pending is None:
            self.pending = signum
        if self._waiting:
            raise Interrupted(signum)

    @contextlib.contextmanager
    def waiting(self, check: bool = True) -> Iterator[None]:
        """A wait a signal may cut short; with `check`, a signal already noted stops it at once."""
        if check and self.pending is not None:
            raise Interrupted(self.pending)
        self._waiting = True
        try:
            yield
        finally:
            self._waiting = False


# --------------------------------------------------------------------------- reading lines


class LineReader:
    """The lines of a binary stream, decoded (UTF-8, invalid bytes replaced), each at most `limit`
    bytes: a longer line is skipped while it is read (never held whole), yielded as an empty line,
    and its number and size noted in `too_long`.

    `before_wait` is called whenever the reader is about to wait for more input.
    """

    def __init__(
        self,
        stream: IO[bytes],
        limit: int = MAX_LINE,
        before_wait: Callable[[], None] | None = None,
        interrupts: Interrupts | None = None,
        progress: Callable[[int], None] | None = None,
    ) -> None:
        self.stream = stream
        self.limit = limit
        self.before_wait = before_wait
        self.interrupts = interrupts
        self.progress = progress
        self.too_long: dict[int, int] = {}
        self.number = 0
        self._buffer = bytearray()
        self._start = 0
        self._eof = False

    def _more(self) -> bool:
        """Read what the input has (waiting for it if need be); False at its end."""
        if self._eof:
            return False
        if self.before_wait is not None:
            self.before_wait()
        read = getattr(self.stream, "read1", None) or self.stream.read
        if self.interrupts is not None:
            with self.interrupts.waiting():
                chunk = read(_CHUNK)
        else:
            chunk = read(_CHUNK)
        if not chunk:
            self._eof = True
            return False
        if self._start:
            del self._buffer[: self._start]
            self._start = 0
        self._buffer += chunk
        if self.progress is not None:
            self.progress(len(chunk))
        return True

    def __iter__(self) -> Iterator[str]:
        buffer = self._buffer
        while True:
            end = buffer.find(b"\n", self._start)
            if end < 0 and len(buffer) - self._start <= self.limit and self._more():
                continue
            if end < 0 and self._start >= len(buffer):
                return  # the end of the input
            if end >= 0 and end + 1 - self._start <= self.limit:
                raw = bytes(buffer[self._start : end + 1])
                self._start = end + 1
            elif end < 0 and len(buffer) - self._start <= self.limit:
                raw = bytes(buffer[self._start :])  # the last line, without its end
                self._start = len(buffer)
            else:
                self.number += 1
                self.too_long[self.number] = self._skip()
                yield "\n"
                continue
            self.number += 1
            text = raw.decode("utf-8", "replace")
            if self.number == 1 and text.startswith("\ufeff"):
                text = text[1:]
            yield text

    def _skip(self) -> int:
        """Skip the rest of an over-long line; its size in bytes (its end included)."""
        buffer = self._buffer
        size = 0
        while True:
            end = buffer.find(b"\n", self._start)
            if end >= 0:
                size += end + 1 - self._start
                self._start = end + 1
                return size
            size += len(buffer) - self._start
            self._start = len(buffer)
            if not self._more():
                return size


# --------------------------------------------------------------------------- parsing lines


class _Refused(Exception):
    def __init__(self, message: str, /, **params: Any) -> None:
        super().__init__(message)
        self.message = message
        self.params = params


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    value = dict(pairs)
    if len(value) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _Refused("batch-json-duplicate-key", key=key)
            seen.add(key)
    return value


def _no_constant(name: str) -> Any:
    raise _Refused("batch-json-number", value=name)


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise _Refused("batch-json-number", value=text)
    return value


#: The decoder of every line: duplicate keys, NaN, Infinity and numbers out of range refused
#: (made once: json.loads with options builds a decoder for every call).
_DECODER = json.JSONDecoder(
    object_pairs_hook=_no_duplicates, parse_constant=_no_constant, parse_float=_finite
)

_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")


def _lone_surrogate(value: Any) -> str | None:
    """The first lone surrogate in any text of `value` (as `ud800`), if any."""
    stack = [value]
    while stack:
        current = stack.pop()
        if isinstance(current, str):
            try:
                current.encode("utf-8")
            except UnicodeEncodeError as exc:
                return f"u{ord(current[exc.start]):04x}"
        elif isinstance(current, dict):
            stack.extend(current.keys())
            stack.extend(current.values())
        elif isinstance(current, list):
            stack.extend(current)
    return None


def _identifier(value: Any) -> tuple[Any, tuple[str, str, dict[str, Any]] | None]:
    """The id to echo and log, or the error record of an id that cannot be: not a text or a
    finite number, or a text longer than MAX_ID characters."""
    if isinstance(value, str) and len(value) > MAX_ID:
        return None, ("invalid-id", "batch-id-too-long", {"length": len(value), "limit": MAX_ID})
    if value is None or isinstance(value, str):
        return value, None
    if isinstance(value, int) and not isinstance(value, bool):
        return value, None
    if isinstance(value, float) and math.isfinite(value):
        return value, None
    found = type_name(value)
    return None, ("invalid-id", "batch-bad-id", {"found": found})


def _reference(value: Any) -> tuple[str | None, tuple[str, str, dict[str, Any]] | None]:
    """The case reference to log (None when absent or empty), or the error record of one the
    log does not take: not a text, too long, or holding a control or invisible character."""
    if value is None or value == "":
        return None, None
    if not isinstance(value, str):
        found = type_name(value)
        return None, (
            "invalid-type",
            "batch-bad-type",
            {"key": "ref", "expected": "type-text", "found": found},
        )
    problem = text_problem(value, MAX_REF)
    if problem is not None:
        return None, ("invalid-ref", *problem)
    return value, None


def parse_json_line(number: int, line: str) -> Item:
    """One JSON Lines line as an Item: the case, or the error record that says why not."""
    try:
        value = _DECODER.decode(line)
    except _Refused as refused:
        return Item(number, None, error=("invalid-json", refused.message, refused.params))
    except json.JSONDecodeError as exc:
        return Item(
            number,
            None,
            error=("invalid-json", "batch-invalid-json", {"detail": exc.msg, "column": exc.colno}),
        )
    except RecursionError:
        return Item(number, None, error=("invalid-json", "batch-json-too-deep", {}))
    except ValueError as exc:  # a number too long for Python's int, among others
        return Item(
            number,
            None,
            error=("invalid-json", "batch-invalid-json", {"detail": str(exc), "column": 1}),
        )
    if "\\u" in line:
        surrogate = _lone_surrogate(value)
        if surrogate is not None:
            return Item(
                number, None, error=("invalid-json", "batch-json-surrogate", {"value": surrogate})
            )
    if not isinstance(value, dict):
        return Item(number, None, error=("invalid-json", "batch-not-object", {}))
    ident, problem = _identifier(value.pop("id", None))
    if problem is not None:
        value.pop("ref", None)
        return Item(number, None, error=problem, seen=value)
    ref, problem = _reference(value.pop("ref", None))
    if problem is not None:
        return Item(number, None, ident, error=problem, seen=value)
    if "flags" in value:
        value["flags"] = _flags(value["flags"])
    problem = _mistyped(value)
    if problem is not None:
        return Item(number, None, ident, error=problem, seen=value)
    return Item(number, value, ident, ref=ref)


def _mistyped(case: dict[str, Any]) -> tuple[str, str, dict[str, Any]] | None:
    """The error record of a case value of the wrong type (a list where one id goes, a flag that
    is not a text): the engine is never asked about it."""
    for key in ATTRIBUTES:
        if key in case and not isinstance(case[key], str):
            found = type_name(case[key])
            return (
                "invalid-type",
                "batch-bad-type",
                {"key": key, "expected": "type-text", "found": found},
            )
    if "flags" not in case:
        return None
    flags = case["flags"]
    if not isinstance(flags, list):
        found = type_name(flags)
        return (
            "invalid-type",
            "batch-bad-type",
            {"key": "flags", "expected": "type-list", "found": found},
        )
    for flag in flags:
        if not isinstance(flag, str):
            return ("invalid-type", "case-flag-not-text", {"found": type_name(flag)})
    return None


def _too_long(number: int, size: int) -> Item:
    return Item(
        number,
        None,
        error=("line-too-long", "batch-line-too-long-bytes", {"size": size, "limit": MAX_LINE}),
    )


#: A line of JSON Lines not parsed yet: its number and its text (parsed by `parse_entry`).
RawLine = tuple[int, str]
#: What a batch decides: an Item (a CSV line, or a line already known to be bad) or a raw line.
Entry = Item | RawLine


def jsonl_entries(
    lines: Iterable[str], start: int = 1, too_long: dict[int, int] | None = None
) -> Iterator[Entry]:
    """The lines of JSON Lines as entries, blank lines left out: a line too long as its error
    record, any other as (number, text), parsed later (`parse_entry`), where it is decided."""
    too_long = too_long if too_long is not None else {}
    for number, line in enumerate(lines, start):
        if number in too_long:
            yield _too_long(number, too_long[number])
            continue
        if len(line) > MAX_LINE // 4:  # bytes (UTF-8) are at most four times the characters
            size = len(line.encode("utf-8", "surrogatepass"))
            if size > MAX_LINE:
                yield _too_long(number, size)
                continue
        if not line.strip():
            continue
        yield number, line


def parse_entry(entry: Entry) -> Item:
    return entry if isinstance(entry, Item) else parse_json_line(*entry)


def read_jsonl(
    lines: Iterable[str], start: int = 1, too_long: dict[int, int] | None = None
) -> Iterator[Item]:
    for entry in jsonl_entries(lines, start, too_long):
        yield parse_entry(entry)


def read_csv(lines: Iterable[str], too_long: dict[int, int] | None = None) -> Iterator[Item]:
    too_long = too_long if too_long is not None else {}
    reader = csv.reader(lines)
    header_error: tuple[str, str, dict[str, Any]] | None = None
    try:
        cells: list[str] = []
        while not any(cell.strip() for cell in cells) and reader.line_num not in too_long:
            cells = next(reader)  # blank lines before the header are skipped
        header = [cell.strip().lower() for cell in cells]
    except StopIteration:
        return
    except csv.Error as exc:
        header = []
        header_error = ("invalid-csv", "batch-csv-header", {"detail": str(exc)})
    header_line = max(reader.line_num, 1)
    if header_line in too_long:
        header_error = (
            "line-too-long",
            "batch-line-too-long-bytes",
            {"size": too_long[header_line], "limit": MAX_LINE},
        )
    unknown = [h for h in header if h not in CASE_KEYS + ID_KEYS]
    repeated = [h for h, n in Counter(header).items() if n > 1 and h in CASE_KEYS + ID_KEYS]
    if header_error is None and unknown:
        header_error = (
            "invalid-csv",
            "batch-csv-columns",
            {
                "count": len(unknown),
                "columns": ", ".join(unknown),
                "expected": ", ".join(CASE_KEYS + ID_KEYS),
            },
        )
    if header_error is None and repeated:
        header_error = (
            "invalid-csv",
            "batch-csv-duplicate-columns",
            {"count": len(repeated), "columns": ", ".join(repeated)},
        )
    if header_error is not None:
        yield Item(header_line, None, error=header_error)
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            if reader.line_num in too_long:
                yield _too_long(reader.line_num, too_long[reader.line_num])
            else:
                yield Item(
                    reader.line_num,
                    None,
                    error=("invalid-csv", "batch-csv-row", {"detail": str(exc)}),
                )
            continue
        if reader.line_num in too_long:
            yield _too_long(reader.line_num, too_long[reader.line_num])
            continue
        if not any(cell.strip() for cell in row):
            continue
        if header_error is not None:
            yield Item(reader.line_num, None, error=("invalid-csv", "batch-csv-no-header", {}))
            continue
        if len(row) != len(header):
            yield Item(
                reader.line_num,
                None,
                error=(
                    "invalid-csv",
                    "batch-csv-cells",
                    {"count": len(row), "header": len(header)},
                ),
            )
            continue
        data = {key: cell.strip() for key, cell in zip(header, row, strict=True) if cell.strip()}
        ident, problem = _identifier(data.pop("id", None))
        if problem is not None:
            data.pop("ref", None)
            yield Item(reader.line_num, None, None, error=problem, seen=data)
            continue
        ref, problem = _reference(data.pop("ref", None))
        if "flags" in data:
            data["flags"] = _flags(data["flags"])
        if problem is not None:
            yield Item(reader.line_num, None, ident, error=problem, seen=data)
            continue
        yield Item(reader.line_num, data, ident, ref=ref)


# --------------------------------------------------------------------------- writing records

#: The columns of CSV output: where the case was, the case as read, its outcome, the contract's
#: fields, the error.
CSV_COLUMNS = ["line", "id", *CASE_KEYS, "outcome", *CONTRACT_FIELDS, "error"]

#: Every control character (newlines and tabs too): shown as an escape in a CSV cell.
_CELL_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
#: What a spreadsheet reads as the start of a formula.
_FORMULA_START = ("=", "+", "-", "@")


def csv_cell(value: Any) -> str:
    """A value as a CSV cell that a spreadsheet shows as text: control characters escaped, and a
    leading `=`, `+`, `-` or `@` (a formula) neutralised with an apostrophe."""
    text = "" if value is None else str(value)
    text = sanitize(_CELL_CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text))
    if text.startswith(_FORMULA_START):
        text = "'" + text
    return text


def csv_headings(lang: str) -> list[str]:
    """The CSV column headers in `lang` (for `--labels`), in the order of CSV_COLUMNS."""
    headings = {
        "line": t("batch-column-line", lang),
        "id": t("batch-column-id", lang),
        "topic": t("batch-column-topic", lang),
        "location": t("batch-column-location", lang),
        "actor": t("batch-column-actor", lang),
        "target": t("batch-column-target", lang),
        "flags": t("batch-column-flags", lang),
        "outcome": t("batch-column-outcome", lang),
        "lead": t("batch-column-lead", lang),
        "partners": t("batch-column-partners", lang),
        "consultation": t("batch-column-consultation", lang),
        "competent": t("batch-column-competent", lang),
        "competence": t("batch-column-competence", lang),
        "rules": t("batch-column-rules", lang),
        "ruleset": t("batch-column-ruleset", lang),
        "error": t("batch-column-error", lang),
    }
    return [headings[column] for column in CSV_COLUMNS]


class Writer:
    """Renders one output record per input line, as JSON Lines or CSV (text; written by the batch).

    With `labels` (a vocabulary) and CSV, the case values, the lead, partners, consultation and
    competent services are written as their labels in `lang`, and the headers too; else as ids.
    """

    def __init__(
        self, fmt: str, labels: Vocabulary | None = None, lang: str = DEFAULT_LANG
    ) -> None:
        self.fmt = fmt
        self.labels = labels if fmt == "csv" else None
        self.lang = lang
        self._buffer = io.StringIO()
        self._csv = csv.writer(self._buffer, lineterminator="\n") if fmt == "csv" else None

    def _row(self, cells: list[Any]) -> str:
        assert self._csv is not None
        self._buffer.seek(0)
        self._buffer.truncate()
        self._csv.writerow([csv_cell(cell) for cell in cells])
        return self._buffer.getvalue()

    def header(self) -> str:
        if self._csv is None:
            return ""
        return self._row(csv_headings(self.lang) if self.labels is not None else list(CSV_COLUMNS))

    def _label(self, kind: str, term_id: str) -> str:
        if self.labels is None:
            return term_id
        if kind == "services" and term_id == NO_LEAD:
            return t("lead-none", self.lang)
        return self.labels.label(kind, term_id, self.lang)

    def _labels(self, kind: str, ids: Iterable[str]) -> str:
        return ";".join(self._label(kind, term_id) for term_id in ids)

    def _case(self, values: dict[str, Any] | None) -> list[str]:
        """The case's cells as read: a text as it is (or its label), flags joined with `;`, and
        nothing for what is missing or could not be read as text."""
        cells = []
        for key, kind in CASE_ATTRIBUTES.items():
            value = (values or {}).get(key)
            if isinstance(value, str):
                cells.append(
                    self._labels(kind, [value]) if key == "flags" else self._label(kind, value)
                )
            elif key == "flags" and isinstance(value, list):
                cells.append(self._labels(kind, [flag for flag in value if isinstance(flag, str)]))
            else:
                cells.append("")
        return cells

    def decision(self, item: Item, answer: Answer) -> str:
        if self._csv is not None:
            document = json.loads(answer.json)
            lead = answer.lead
            return self._row(
                [
                    item.line,
                    item.ident,
                    *self._case(item.data),
                    answer.outcome,
                    self._label("services", lead) if lead else "",
                    self._labels("partners", document["partners"]),
                    self._labels("mechanisms", document["consultation"]),
                    self._labels("services", document["competent"]),
                    document["competence"],
                    ";".join(document["rules"]),
                    document["ruleset"],
                    "",
                ]
            )
        head = f'{{"line":{item.line},'
        if item.ident is not None:
            head += f'"id":{_json_id(item.ident)},'
        return head + answer.json[1:] + "\n"

    def error(self, item: Item, code: str, message: str) -> str:
        if self._csv is not None:
            case = self._case(item.data if item.data is not None else item.seen)
            return self._row(
                [
                    item.line,
                    item.ident,
                    *case,
                    "invalid",
                    *[""] * len(CONTRACT_FIELDS),
                    f"{code}: {message}",
                ]
            )
        head = f'{{"line":{item.line},'
        if item.ident is not None:
            head += f'"id":{_json_id(item.ident)},'
        error = json.dumps(
            {"code": code, "message": message}, ensure_ascii=False, separators=(",", ":")
        )
        return f'{head}"error":{error}}}\n'


def _json_id(ident: Any) -> str:
    """An id as JSON that is safe on a terminal: control, bidi and other invisible characters
    written as JSON escapes (the same data), every other character as it is."""
    return sanitize_json(json.dumps(ident, ensure_ascii=False))


# --------------------------------------------------------------------------- the batch


class _Stop(Exception):
    """The batch stops: the log or the output failed, or the output's reader went away."""


def _output_failure(exc: BaseException) -> OSError | None:
    """The OSError inside the failure of a guarded standard output (allocator.cli.entry), if it is one."""
    return exc.error if isinstance(exc, OutputFailed) else None


def decide_item(
    allocator: Allocator, writer: Writer, item: Item, lang: str, logged: bool
) -> tuple[int, str | None, str, str | None]:
    """One line decided: its outcome (LINE_DECIDED, LINE_NO_LEAD, LINE_INVALID, LINE_FAILED), its
    lead, its output record and, when `logged`, its log record (a decision only). Never raises
    for one line."""
    if item.error is not None or item.data is None:
        code, key, params = item.error or ("invalid", "batch-not-object", {})
        return (
            LINE_INVALID,
            None,
            writer.error(item, code, sanitize(localized(key, lang, params))),
            None,
        )
    try:
        answer = allocator.answer(item.data)
        text = writer.decision(item, answer)
    except AllocatorError as exc:
        message = exc.render(lang).replace("\n", " ")
        outcome = LINE_INVALID if exc.exit_code == 2 else LINE_FAILED
        return outcome, None, writer.error(item, exc.key, message), None
    except Exception as exc:  # never lose the batch for one line: say which, and go on
        reason = sanitize(f"{type(exc).__name__}: {exc}")
        message = t("batch-line-failed", lang, reason=reason)
        return LINE_FAILED, None, writer.error(item, "internal-error", message), None
    record = None
    if logged:
        extra: dict[str, Any] = {}
        if item.ident is not None:
            extra["id"] = item.ident
        if item.ref is not None:
            extra["ref"] = item.ref
        record = encoded_record(
            answer.case_json, answer.summary_json, answer.ruleset, "batch", __version__, extra
        )
    return (LINE_DECIDED if answer.decided else LINE_NO_LEAD), answer.lead, text, record


def decide_chunk(
    allocator: Allocator, writer: Writer, entries: list[Entry], lang: str, logged: bool
) -> Decided:
    """Lines decided together, in order, as `decide_item` decides each (a worker of `--jobs`
    decides its chunks with it; so does the batch that hands them out)."""
    texts: list[str] = []
    records: list[str] = []
    counted = Summary()
    last = 0
    for entry in entries:
        item = parse_entry(entry)
        outcome, lead, text, record = decide_item(allocator, writer, item, lang, logged)
        counted.count(outcome, lead)
        texts.append(text)
        if record is not None:
            records.append(record)
        last = item.line
    return Decided(
        counted.total,
        last,
        "".join(texts).encode("utf-8", "backslashreplace"),
        records,
        counted.decided,
        counted.no_lead,
        counted.invalid,
        counted.failed,
        dict(counted.leads),
    )


class Batch:
    """Decides the lines of one input, logs and writes them out block by block."""

    def __init__(
        self,
        allocator: Allocator,
        writer: Writer,
        out: IO[bytes],
        lang: str = DEFAULT_LANG,
        log: Callable[[list[str]], int] | None = None,
        interrupts: Interrupts | None = None,
        block: int = BLOCK,
    ) -> None:
        self.allocator = allocator
        self.writer = writer
        self.out = out
        self.lang = lang
        self.log = log
        self.interrupts = interrupts
        self.block = block
        self.summary = Summary()
        self._records: list[str] = []
        self._text: list[str] = []
        self._lines: list[int] = []
        self._started = False

    # ----------------------------------------------------------------- blocks

    def flush(self) -> None:
        """Log the block's decisions (written and fsynced), then write the block out."""
        if not self._text:
            return
        records, self._records = self._records, []
        data = "".join(self._text).encode("utf-8", "backslashreplace")
        last = self._lines[-1]
        self._text = []
        self._lines = []
        self._deliver(records, data, last)

    def _deliver(self, records: list[str], data: bytes, last: int) -> None:
        """Log `records` (written and fsynced), then write `data` out: a block whose last line is
        `last`. Raises _Stop when either fails."""
        if records and self.log is not None:
            try:
                self.summary.logged += self.log(records)
            except AllocatorError as exc:
                self.summary.log_error = exc
                raise _Stop from None
        self.summary.last_line = max(self.summary.last_line, last)
        try:
            if self.interrupts is not None:
                # A signal noted while the block was logged does not withhold it: only one that
                # arrives while the output waits for its reader cuts the write short.
                with self.interrupts.waiting(check=False):
                    self._write(data)
            else:
                self._write(data)
        except OSError as exc:
            self._output_failed(exc)
        except BaseException as exc:
            error = _output_failure(exc)
            if error is None:
                raise
            self._output_failed(error)

    def _output_failed(self, error: OSError) -> None:
        self.summary.output_error = error
        if isinstance(error, BrokenPipeError) or error.errno == errno.EPIPE:
            self.summary.broken_pipe = True
        raise _Stop from None

    def _write(self, data: bytes) -> None:
        view = memoryview(data)
        while view:
            done = self.out.write(view)
            view = view[done if done is not None else len(view) :]
        self.out.flush()

    def _start(self) -> None:
        """The header of the output (CSV), written out with the first block, or before the batch
        first waits for input, so that a reader sees it at once."""
        if not self._started:
            self._started = True
            header = self.writer.header()
            if header:
                self._text.append(header)
                self._lines.append(0)

    def _emit(self, line: int, text: str, record: str | None) -> None:
        self._start()
        self._text.append(text)
        self._lines.append(line)
        if record is not None:
            self._records.append(record)
        if len(self._text) >= self.block:
            self.flush()

    # ----------------------------------------------------------------- lines

    def _one(self, item: Item) -> None:
        outcome, lead, text, record = decide_item(
            self.allocator, self.writer, item, self.lang, self.log is not None
        )
        self.summary.count(outcome, lead)
        self._emit(item.line, text, record)

    def run(self, reader: LineReader | Iterable[str], input_format: str = "auto") -> Summary:
        """Decide every line; stop early only on a signal, a closed output or a failing log."""
        try:
            self._run(reader, input_format)
        except _Stop:
            pass
        except Interrupted as interrupted:
            self.summary.interrupted = interrupted.signum
        return self.summary

    def _before_wait(self) -> None:
        """What the batch does before it waits for more input: write out what it decided."""
        self.flush()

    def _entries(
        self, reader: LineReader | Iterable[str], input_format: str
    ) -> Iterator[Entry] | None:
        """The lines of the input to decide, in order (None for an input with none): JSON Lines
        as entries parsed where they are decided, CSV as Items."""
        if isinstance(reader, LineReader):
            reader.before_wait = self._before_wait
            too_long = reader.too_long
        else:
            too_long = {}
        iterator = iter(self._read(reader))
        head: list[str] = []
        first: str | None = None
        for line in iterator:
            head.append(line)
            if line.strip() and len(head) not in too_long:
                first = line
                break
        if first is None and not too_long:
            return None
        if input_format != "auto":
            fmt = input_format
        else:
            fmt = detect_format(first) if first is not None else "jsonl"
        self._start()
        pending = _chain(head, iterator)
        if fmt == "jsonl":
            return jsonl_entries(pending, too_long=too_long)
        return read_csv(pending, too_long)

    def _read(self, reader: LineReader | Iterable[str]) -> Iterable[str]:
        """The lines of the input, as read."""
        return reader

    def _run(self, reader: LineReader | Iterable[str], input_format: str) -> None:
        entries = self._entries(reader, input_format)
        if entries is None:
            return
        for entry in entries:
            self._one(parse_entry(entry))
            if self.interrupts is not None and self.interrupts.pending is not None:
                self.flush()  # what was decided is logged, then written out; then the batch stops
                raise Interrupted(self.interrupts.pending)
        self.flush()


def run_batch(
    allocator: Allocator,
    lines: LineReader | Iterable[str],
    writer: Writer,
    out: IO[bytes],
    input_format: str = "auto",
    lang: str = DEFAULT_LANG,
    log: Callable[[list[str]], int] | None = None,
    interrupts: Interrupts | None = None,
) -> Summary:
    """Decide every line of `lines`, writing each result to `out` (bytes) block by block, each
    block's log records written first; return the counts."""
    return Batch(allocator, writer, out, lang, log, interrupts).run(lines, input_format)


def _chain(head: list[str], tail: Iterator[str]) -> Iterator[str]:
    yield from head
    yield from tail
