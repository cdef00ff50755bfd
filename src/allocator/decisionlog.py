"""The decision log: every answer given, appended as one JSON line, traceable to the rules in force.

Writing: the file is opened in append mode and locked exclusively (flock) for the duration of a
write; each record goes out in one `write` of one complete line, and the file is `fsync`ed before
the lock is released. Concurrent processes therefore never interleave lines. If a crash left a
torn last line, the next writer starts on a fresh line, so the torn record can never swallow the
next one.

Reading: every complete, valid line is a record; a line that is not valid JSON (the torn record of
a crash) is reported with its line number and skipped, never fatal.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from allocator.light import AnyDecision as Decision

ENV = "ALLOCATOR_LOG"


def default_log_path() -> Path:
    """$ALLOCATOR_LOG, else decisions.jsonl in the user's data directory."""
    env = os.environ.get(ENV)
    if env:
        return Path(env)
    from platformdirs import user_data_path

    return user_data_path("allocator", appauthor=False) / "decisions.jsonl"


@lru_cache(maxsize=1)
def _user() -> str:
    import getpass

    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no name for this uid (containers)
        return str(os.getuid()) if hasattr(os, "getuid") else "unknown"


def record(
    decision: Decision, source: str, version: str, now: datetime | None = None
) -> dict[str, Any]:
    """The log record of one decision."""
    return make_record(
        decision.case.as_dict(), decision.summary(), decision.ruleset, source, version, now
    )


def make_record(
    case: dict[str, Any],
    summary: dict[str, Any],
    ruleset: str,
    source: str,
    version: str,
    now: datetime | None = None,
) -> dict[str, Any]:
    """A log record from plain data: the case, and the decision's summary (light.SUMMARY_FIELDS)."""
    moment = (now or datetime.now(UTC)).astimezone(UTC)
    return {
        "time": moment.isoformat(timespec="microseconds").replace("+00:00", "Z"),
        "user": _user(),
        "tool": f"allocator {version}",
        "source": source,
        "ruleset": ruleset,
        "case": case,
        "decision": summary,
    }


def encoded_record(
    case_json: str, summary_json: str, ruleset: str, source: str, version: str
) -> str:
    """The same record as `make_record`, from parts already encoded as JSON (for batch speed)."""
    head = make_record({}, {}, ruleset, source, version)
    head.pop("case")
    head.pop("decision")
    prefix = json.dumps(head, ensure_ascii=False, separators=(",", ":"))[:-1]
    return f'{prefix},"case":{case_json},"decision":{summary_json}}}'


def _encode(entry: dict[str, Any] | str) -> bytes:
    """A record as one line; a str is a record already encoded as JSON (see `encoded_record`)."""
    if isinstance(entry, str):
        return (entry + "\n").encode("utf-8")
    return (json.dumps(entry, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


def append(path: Path, entries: Iterable[dict[str, Any] | str]) -> int:
    """Append records to the log at `path` (created if missing); returns how many were written."""
    import fcntl

    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o640)
    written = 0
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        size = os.fstat(fd).st_size
        fresh_line = size > 0 and os.pread(fd, 1, size - 1) != b"\n"
        for entry in entries:
            data = _encode(entry)
            if fresh_line:
                data, fresh_line = b"\n" + data, False
            view = memoryview(data)
            while view:  # one write per record; a regular file only writes less on a full disk
                done = os.write(fd, view)
                view = view[done:]
            written += 1
        os.fsync(fd)
    finally:
        os.close(fd)  # closing releases the lock
    return written


@dataclass
class Skipped:
    line: int
    reason: str


def read(path: Path) -> tuple[list[dict[str, Any]], list[Skipped]]:
    """Every valid record of the log, and the lines skipped (torn or invalid)."""
    records: list[dict[str, Any]] = []
    skipped: list[Skipped] = []
    if not path.exists():
        return records, skipped
    with open(path, "rb") as fh:
        data = fh.read()
    lines = data.split(b"\n")
    last_complete = data.endswith(b"\n")
    for number, raw in enumerate(lines, 1):
        if not raw.strip():
            continue
        partial = number == len(lines) and not last_complete
        try:
            entry = json.loads(raw)
            if not isinstance(entry, dict) or "case" not in entry or "decision" not in entry:
                raise ValueError("not a decision record")
        except (ValueError, UnicodeDecodeError):
            skipped.append(Skipped(number, "partial" if partial else "invalid"))
            continue
        records.append(entry)
    return records, skipped


def select(
    records: Iterable[dict[str, Any]],
    since: datetime | None = None,
    until: datetime | None = None,
    topic: str | None = None,
    lead: str | None = None,
) -> Iterator[dict[str, Any]]:
    """The records that match every filter given."""
    for entry in records:
        moment = parse_time(entry.get("time", ""))
        if since is not None and (moment is None or moment < since):
            continue
        if until is not None and (moment is None or moment > until):
            continue
        if topic is not None and entry["case"].get("topic") != topic:
            continue
        if lead is not None and entry["decision"].get("lead") != lead:
            continue
        yield entry


def parse_time(text: str) -> datetime | None:
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def log_decisions(path: Path | None, decisions: Iterable[Decision], source: str) -> int:
    """Append the records of `decisions` to the log at `path` (default: the user's log)."""
    from allocator import __version__

    return log_records(path, (record(decision, source, __version__) for decision in decisions))


def log_records(path: Path | None, entries: Iterable[dict[str, Any] | str]) -> int:
    """Append ready records to the log at `path` (default: the user's log)."""
    from allocator.errors import AllocatorError

    target = path or default_log_path()
    try:
        return append(target, entries)
    except OSError as exc:
        raise AllocatorError(
            "log-failed", path=str(target), reason=exc.strerror or str(exc)
        ) from None
