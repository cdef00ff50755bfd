"""`allocator batch`: many cases in (JSON Lines or CSV), one decision per case out, in input order.

A bad line never stops the batch: it yields an error record carrying its line number, and the
batch goes on. Every decision is logged (in chunks: one write per record, one fsync per chunk).
"""

from __future__ import annotations

import csv
import json
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import IO, Any

from allocator import __version__
from allocator.api import Allocator, Answer
from allocator.decisionlog import encoded_record
from allocator.errors import AllocatorError
from allocator.messages import DEFAULT_LANG, t

CASE_KEYS = ("topic", "location", "actor", "target", "flags")
#: Keys a batch line may carry besides the case: an identifier echoed in the output.
ID_KEYS = ("id",)
LOG_CHUNK = 1000
_FLAG_SPLIT = re.compile(r"[;,|\s]+")
MAX_LINE = 1_000_000


@dataclass
class Item:
    """One input line: its number, its id if any, and the case data or the reason it has none."""

    line: int
    data: dict[str, Any] | None
    ident: Any = None
    #: (code written in the output, message key, its parameters)
    error: tuple[str, str, dict[str, Any]] | None = None


@dataclass
class Summary:
    total: int = 0
    decided: int = 0
    no_lead: int = 0
    invalid: int = 0
    leads: Counter[str] = field(default_factory=Counter)

    @property
    def exit_code(self) -> int:
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


def read_jsonl(lines: Iterable[str], start: int = 1) -> Iterator[Item]:
    for number, line in enumerate(lines, start):
        if not line.strip():
            continue
        if len(line) > MAX_LINE:
            yield Item(
                number,
                None,
                error=(
                    "line-too-long",
                    "batch-line-too-long",
                    {"size": f"{len(line):,}", "limit": f"{MAX_LINE:,}"},
                ),
            )
            continue
        try:
            value = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Item(
                number,
                None,
                error=(
                    "invalid-json",
                    "batch-invalid-json",
                    {"detail": exc.msg, "column": exc.colno},
                ),
            )
            continue
        if not isinstance(value, dict):
            yield Item(
                number,
                None,
                error=("invalid-json", "batch-not-object", {}),
            )
            continue
        ident = value.pop("id", None)
        if "flags" in value:
            value["flags"] = _flags(value["flags"])
        yield Item(number, value, ident)


def read_csv(lines: Iterable[str]) -> Iterator[Item]:
    reader = csv.reader(lines)
    try:
        header = [cell.strip().lower() for cell in next(reader)]
    except StopIteration:
        return
    except csv.Error as exc:
        yield Item(1, None, error=("invalid-csv", "batch-csv-header", {"detail": str(exc)}))
        return
    unknown = [h for h in header if h not in CASE_KEYS + ID_KEYS]
    if unknown:
        yield Item(
            1,
            None,
            error=(
                "invalid-csv",
                "batch-csv-columns",
                {"columns": ", ".join(unknown), "expected": ", ".join(CASE_KEYS + ID_KEYS)},
            ),
        )
        return
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield Item(
                reader.line_num, None, error=("invalid-csv", "batch-csv-row", {"detail": str(exc)})
            )
            continue
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            yield Item(
                reader.line_num,
                None,
                error=(
                    "invalid-csv",
                    "batch-csv-cells",
                    {"cells": len(row), "header": len(header)},
                ),
            )
            continue
        data = {key: cell.strip() for key, cell in zip(header, row, strict=True) if cell.strip()}
        ident = data.pop("id", None)
        if "flags" in data:
            data["flags"] = _flags(data["flags"])
        yield Item(reader.line_num, data, ident)


CSV_COLUMNS = [
    "line",
    "id",
    "outcome",
    "lead",
    "partners",
    "consultation",
    "competent",
    "competence",
    "rules",
    "ruleset",
    "error",
]


class Writer:
    """Writes one output record per input line, as JSON Lines or CSV."""

    def __init__(self, out: IO[str], fmt: str) -> None:
        self.out = out
        self.fmt = fmt
        self._csv = csv.writer(out, lineterminator="\n") if fmt == "csv" else None
        if self._csv is not None:
            self._csv.writerow(CSV_COLUMNS)

    def decision(self, item: Item, answer: Answer) -> None:
        if self._csv is not None:
            document = json.loads(answer.json)
            self._csv.writerow(
                [
                    item.line,
                    "" if item.ident is None else item.ident,
                    answer.outcome,
                    answer.lead or "",
                    ";".join(document["partners"]),
                    ";".join(document["consultation"]),
                    ";".join(document["competent"]),
                    document["competence"],
                    ";".join(document["rules"]),
                    document["ruleset"],
                    "",
                ]
            )
            return
        head = f'{{"line":{item.line},'
        if item.ident is not None:
            head += f'"id":{json.dumps(item.ident, ensure_ascii=False)},'
        self.out.write(head + answer.json[1:] + "\n")

    def error(self, item: Item, code: str, message: str) -> None:
        if self._csv is not None:
            self._csv.writerow(
                [
                    item.line,
                    "" if item.ident is None else item.ident,
                    "invalid",
                    *[""] * (len(CSV_COLUMNS) - 4),
                    f"{code}: {message}",
                ]
            )
            return
        record: dict[str, Any] = {"line": item.line}
        if item.ident is not None:
            record["id"] = item.ident
        record["error"] = {"code": code, "message": message}
        self.out.write(json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n")


def run_batch(
    allocator: Allocator,
    lines: Iterable[str],
    writer: Writer,
    input_format: str = "auto",
    lang: str = DEFAULT_LANG,
    log: Callable[[list[str]], Any] | None = None,
) -> Summary:
    """Decide every line of `lines`; write each result as it comes; return the counts."""
    iterator = iter(lines)
    head: list[str] = []
    for line in iterator:
        head.append(line)
        if line.strip():
            break
    if not any(line.strip() for line in head):
        return Summary()
    fmt = detect_format(head[-1]) if input_format == "auto" else input_format
    pending = _chain(head, iterator)
    items = read_jsonl(pending) if fmt == "jsonl" else read_csv(pending)
    summary = Summary()
    to_log: list[str] = []
    ruleset = allocator.policy.fingerprint
    for item in items:
        summary.total += 1
        if item.error is not None or item.data is None:
            code, key, params = item.error or ("invalid", "batch-not-object", {})
            writer.error(item, code, t(key, lang, **params))
            summary.invalid += 1
            continue
        try:
            answer = allocator.answer(item.data)
        except AllocatorError as exc:
            if exc.exit_code != 2:
                raise
            writer.error(item, exc.key, exc.render(lang).replace("\n", " "))
            summary.invalid += 1
            continue
        writer.decision(item, answer)
        if answer.decided:
            summary.decided += 1
            summary.leads[answer.lead or ""] += 1
        else:
            summary.no_lead += 1
        if log is not None:
            to_log.append(
                encoded_record(answer.case_json, answer.summary_json, ruleset, "batch", __version__)
            )
            if len(to_log) >= LOG_CHUNK:
                log(to_log)
                to_log = []
    if log is not None and to_log:
        log(to_log)
    allocator.flush()
    return summary


def _chain(head: list[str], tail: Iterator[str]) -> Iterator[str]:
    yield from head
    yield from tail
