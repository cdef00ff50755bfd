"""The decision log: every answer given, appended as one JSON line, traceable to the rules in force.

Writing: the file is opened in append mode and locked exclusively (flock) for the duration of a
write; each record goes out in one `write` of one complete line, and the file is `fsync`ed before
the lock is released. Concurrent processes therefore never interleave lines. If a crash left a
torn last line, the next writer starts on a fresh line, so the torn record can never swallow the
next one.

Reading: every complete, valid line is a record; a line that is not valid JSON (the torn record of
a crash), or valid JSON that is not a decision record as the writer makes it (a field of the wrong
type: `"decision": 5`, `"time": null`, `"flags": [1]`), is reported with its line number and
skipped, never fatal. Readers stream: `records` reads the log forwards one line at a time,
`LatestFirst` reads it backwards in blocks from the end, so the latest few decisions of a log of
millions cost a few blocks, and memory never grows with the log (a line longer than `MAX_LINE` is
skipped without being held). What a record holds is data, not text for a terminal: whoever shows
it sanitises it (allocator.i18n.sanitize).
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import re
import time
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from pathlib import Path

from allocator.errors import AllocatorError
from allocator.model import ATTRIBUTES, Decision
from allocator.record import record as plain_record
from allocator.version import __version__

TYPE_CHECKING = False  # typing is not imported at run time (start-up)
if TYPE_CHECKING:
    from typing import IO, Any

ENV = "ALLOCATOR_LOG"


def default_log_path() -> Path:
    """$ALLOCATOR_LOG, else decisions.jsonl in the user's data directory."""
    env = os.environ.get(ENV)
    if env:
        return Path(env)
    from platformdirs import user_data_path  # lazy: only when $ALLOCATOR_LOG names no log

    return user_data_path("allocator", appauthor=False) / "decisions.jsonl"


@lru_cache(maxsize=1)
def _user() -> str:
    """Who gives the decision, as the operating system knows the process: the name of its real
    user id, else the uid itself (a container without a passwd entry).

    Never $LOGNAME, $USER or $USERNAME, as getpass.getuser() would: anyone can set those
    (`LOGNAME=duty-chief allocator decide …`), and the log is an audit trail.
    """
    try:
        uid = os.getuid()
    except AttributeError:  # no uids on this system
        return "unknown"
    try:
        import pwd  # lazy and guarded: a system without user ids has none

        return pwd.getpwuid(uid).pw_name
    except (ImportError, KeyError, OSError):
        return str(uid)


def record(
    decision: Decision,
    source: str,
    version: str,
    now: datetime | None = None,
    ref: str | None = None,
) -> dict[str, Any]:
    """The log record of one decision (with its case reference, when one is given)."""
    entry = make_record(
        decision.case.as_dict(), decision.summary(), decision.ruleset, source, version, now
    )
    if ref:
        entry["ref"] = ref
    return entry


def make_record(
    case: dict[str, Any],
    summary: dict[str, Any],
    ruleset: str,
    source: str,
    version: str,
    now: datetime | None = None,
) -> dict[str, Any]:
    """A log record from plain data: the case, and the decision's summary (model.SUMMARY_FIELDS)."""
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


#: The second `_now_text` last wrote, and its text up to the seconds.
_second: tuple[int, str] = (-1, "")


def _now_text() -> str:
    """Now, as `make_record` writes it (`2026-12-01T21:30:48.123456Z`), at a fraction of the cost
    of datetime's isoformat: the text up to the seconds is made once per second."""
    global _second
    micros = time.time_ns() // 1000
    seconds, fraction = divmod(micros, 1_000_000)
    known = _second
    if known[0] != seconds:
        known = _second = (seconds, time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(seconds)))
    return f"{known[1]}.{fraction:06d}Z"


@lru_cache(maxsize=256)
def _head(user: str, ruleset: str, source: str, version: str) -> str:
    """The fields of a record between its time and its case, encoded (as `make_record` orders
    them): the same for every record of a batch, or of one user of the service."""
    fields = make_record({}, {}, ruleset, source, version)
    fields["user"] = user
    for name in ("time", "case", "decision"):
        del fields[name]
    return json.dumps(fields, ensure_ascii=False, separators=(",", ":"))[1:-1]


def encoded_record(
    case_json: str,
    summary_json: str,
    ruleset: str,
    source: str,
    version: str,
    extra: dict[str, Any] | None = None,
    user: str | None = None,
) -> str:
    """The same record as `make_record`, from parts already encoded as JSON (for batch speed),
    with the fields of `extra` after the decision (a batch line's `id` and `ref`); `user` names
    who asked when it is not the user running allocator (a user of `allocator serve`)."""
    moment = _now_text()
    head = _head(_user() if user is None else user, ruleset, source, version)
    prefix = f'{{"time":"{moment}",{head}'
    tail = ""
    if extra:
        tail = "," + json.dumps(extra, ensure_ascii=False, separators=(",", ":"))[1:-1]
    return f'{prefix},"case":{case_json},"decision":{summary_json}{tail}}}'


def _encode(entry: dict[str, Any] | str) -> bytes:
    """A record as one line; a str is a record already encoded as JSON (see `encoded_record`)."""
    if isinstance(entry, str):
        return (entry + "\n").encode("utf-8")
    return (json.dumps(entry, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


def append(path: Path, entries: Iterable[dict[str, Any] | str]) -> int:
    """Append records to the log at `path` (created if missing), under its lock, in one write and
    one fsync; returns how many were written."""
    appender = Appender(path)
    try:
        return appender.append(entries)
    finally:
        appender.close()


class Appender:
    """The decision log held open by a writer of many groups of records (`allocator serve`, a
    batch): each `append` of a group takes the lock, writes the group at once and fsyncs it,
    without opening the file again. A log moved away or removed (rotated) is noticed at the next
    group, which goes to a new file at `path`. Not thread-safe: one writer thread uses it."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None
        self._identity: tuple[int, int] | None = None

    def _open(self) -> int:
        self.close()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o640)
        info = os.fstat(fd)
        self._fd, self._identity = fd, (info.st_dev, info.st_ino)
        return fd

    def _current(self) -> int:
        if self._fd is None:
            return self._open()
        try:
            info = os.stat(self.path)
        except FileNotFoundError:
            return self._open()
        if (info.st_dev, info.st_ino) != self._identity:
            return self._open()
        return self._fd

    def append(self, entries: Iterable[dict[str, Any] | str]) -> int:
        """Append the records; OSError if they could not all be written and fsynced."""
        try:
            fd = self._current()
            records = [_encode(entry) for entry in entries]
            fcntl.flock(fd, fcntl.LOCK_EX)
            try:
                size = os.fstat(fd).st_size
                data = b"".join(records)
                if size > 0 and os.pread(fd, 1, size - 1) != b"\n":
                    data = b"\n" + data
                view = memoryview(data)
                while view:
                    done = os.write(fd, view)
                    view = view[done:]
                os.fsync(fd)
            finally:
                fcntl.flock(fd, fcntl.LOCK_UN)
        except OSError:
            self.close()  # the next group opens the file afresh
            raise
        return len(records)

    def close(self) -> None:
        if self._fd is not None:
            fd, self._fd = self._fd, None
            with contextlib.suppress(OSError):  # every group appended was fsynced already
                os.close(fd)


#: The longest line a reader holds (bytes, newline excluded). A record takes a kilobyte or two;
#: a longer line is reported and skipped without being read into memory.
MAX_LINE = 1 << 20
#: How much `LatestFirst` reads at a time, backwards from the end.
BLOCK = 1 << 16
#: How every record the writer makes begins: its time comes first.
_TIME = b'{"time":"'


@plain_record(frozen=False)
class Skipped:
    """A line that is not a decision record: `partial` (the torn last line of a crash), `invalid`
    (not a JSON object), `mistyped` (`field` is missing or of the wrong type), `long` (longer
    than MAX_LINE)."""

    line: int
    reason: str
    field: str | None = None


def _text_list(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def problem(entry: dict[str, Any]) -> str | None:
    """None when `entry` is a decision record as the writer makes it, else the first field that is
    missing or of the wrong type (`time`, `case.flags`, `decision.lead`…).

    Fields a reader shows or compares must have their type: a record read back is untrusted input.
    Older records lack `competent` and `competence`; fields added later are let through.
    """
    for key in ("time", "user", "ruleset"):
        if not isinstance(entry.get(key), str):
            return key
    if parse_time(entry["time"]) is None:
        return "time"
    for key in ("tool", "source", "ref"):
        if key in entry and not isinstance(entry[key], str):
            return key
    case = entry.get("case")
    if not isinstance(case, dict):
        return "case"
    for key in ATTRIBUTES:
        if not isinstance(case.get(key), str) and (key != "target" or key in case):
            return f"case.{key}"
    if "flags" in case and not _text_list(case["flags"]):
        return "case.flags"
    decision = entry.get("decision")
    if not isinstance(decision, dict):
        return "decision"
    if not isinstance(decision.get("outcome"), str):
        return "decision.outcome"
    if "lead" not in decision or not isinstance(decision["lead"], str | None):
        return "decision.lead"
    for key in ("partners", "consultation", "rules"):
        if not _text_list(decision.get(key)):
            return f"decision.{key}"
    if "competent" in decision and not _text_list(decision["competent"]):
        return "decision.competent"
    if "competence" in decision and not isinstance(decision["competence"], str | None):
        return "decision.competence"
    return None


def _parse(raw: bytes | None, complete: bool, strict: bool) -> dict[str, Any] | Skipped:
    """One line as a record, or why it is skipped (its line number still to be filled in)."""
    if raw is None:
        return Skipped(0, "long")
    try:
        entry = json.loads(raw)
    # RecursionError: a line of [[[[…]]]] nested deeper than the parser goes.
    except (ValueError, UnicodeDecodeError, RecursionError):
        return Skipped(0, "invalid" if complete else "partial")
    if not isinstance(entry, dict):
        return Skipped(0, "invalid" if complete else "partial")
    if strict:
        field = problem(entry)
        if field is not None:
            return Skipped(0, "mistyped", field)
    elif "case" not in entry or "decision" not in entry:
        return Skipped(0, "invalid" if complete else "partial")
    return entry


def _open(path: Path, buffering: int = -1) -> IO[bytes] | None:
    """The log at `path` opened for reading; None when there is none yet (nothing was logged)."""
    try:
        return open(path, "rb", buffering=buffering)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise AllocatorError(
            "log-unreadable", path=str(path), reason=exc.strerror or str(exc)
        ) from None


def _forward_lines(fh: IO[bytes]) -> Iterator[tuple[bytes | None, bool]]:
    """Each line of `fh` (None when longer than MAX_LINE), and whether a newline ends it."""
    while True:
        raw = fh.readline(MAX_LINE + 1)
        if not raw:
            return
        if raw.endswith(b"\n"):
            yield raw[:-1], True
        elif len(raw) <= MAX_LINE:
            yield raw, False  # the last line, with no newline: a torn record, or a complete one
        else:
            while raw and not raw.endswith(b"\n"):  # too long: pass over the rest of it
                raw = fh.readline(BLOCK)
            yield None, raw.endswith(b"\n")


def records(
    path: Path, on_skip: Callable[[Skipped], None] | None = None, strict: bool = True
) -> Iterator[tuple[int, dict[str, Any]]]:
    """The records of the log at `path` with their line numbers, oldest first, one line at a time.

    A line that is not a record is passed to `on_skip` as it is met, and skipped. `strict=False`
    only asks for a JSON object with `case` and `decision` (for tools and tests that write
    records of their own shape).
    """
    fh = _open(path)
    if fh is None:
        return
    with fh:
        for number, (raw, complete) in enumerate(_forward_lines(fh), 1):
            if raw is not None and not raw.strip():
                continue
            parsed = _parse(raw, complete, strict)
            if isinstance(parsed, Skipped):
                parsed.line = number
                if on_skip is not None:
                    on_skip(parsed)
                continue
            yield number, parsed


def read(path: Path, strict: bool = False) -> tuple[list[dict[str, Any]], list[Skipped]]:
    """Every record of the log, and the lines skipped (torn or invalid), all in memory.

    For tools and tests; the commands stream (`records`, `LatestFirst`). Without `strict`, any JSON
    object with `case` and `decision` is a record.
    """
    skipped: list[Skipped] = []
    found = [entry for _, entry in records(path, skipped.append, strict)]
    return found, skipped


def _backward_lines(fh: IO[bytes], size: int) -> Iterator[tuple[int, bytes | None, bool]]:
    """Each line of `fh`, the last first: the offset where it starts, its bytes (None when longer
    than MAX_LINE) and whether a newline ends it. Reads BLOCK bytes at a time from the end."""
    if size == 0:
        return
    fh.seek(size - 1)
    complete = fh.read(1) == b"\n"
    pos = size - 1 if complete else size  # the final newline ends the last line, it starts none
    # The line being read when it started in an earlier block: its parts so far, the last first.
    pending: list[bytes] = []
    pending_size = 0
    while pos > 0:
        start = max(0, pos - BLOCK)
        fh.seek(start)
        chunk = fh.read(pos - start)
        cut = len(chunk)
        while (newline := chunk.rfind(b"\n", 0, cut)) >= 0:
            piece = chunk[newline + 1 : cut]
            if pending_size + len(piece) > MAX_LINE:
                line = None
            else:
                line = piece + b"".join(reversed(pending)) if pending else piece
            yield start + newline + 1, line, complete
            pending, pending_size, complete, cut = [], 0, True, newline
        pending_size += cut
        if pending_size <= MAX_LINE:
            pending.append(chunk[:cut])
        else:
            pending = []  # too long to keep: only its length counts now
        pos = start
    yield 0, None if pending_size > MAX_LINE else b"".join(reversed(pending)), complete


class LatestFirst:
    """The records of the log at `path` that pass the filters given, the latest first, read
    backwards from the end in blocks and parsed only as they are asked for:
    `islice(LatestFirst(path), 20)` reads the last lines only, however long the log.

    A line that cannot match a filter is passed over without being parsed (the filters' values
    are vocabulary ids, so a record holding one holds its bytes, unless it is written with JSON
    escapes, and then it is parsed). `skipped()` gives the lines found not to be records so far.
    """

    def __init__(self, path: Path, wanted: Filter | None = None) -> None:
        self.path = path
        self.wanted = wanted or Filter()
        self._needles = self.wanted.needles()
        self._skipped: list[tuple[int, Skipped]] = []  # (offset, what): numbered on demand

    def _may_match(self, raw: bytes) -> bool:
        """False only when the line surely does not pass the filters (no need to parse it)."""
        if b"\\" in raw:  # JSON escapes: only parsing tells
            return True
        if any(needle not in raw for needle in self._needles):
            return False
        since, until = self.wanted.since, self.wanted.until
        if (since is not None or until is not None) and raw.startswith(_TIME):
            moment = parse_time(
                raw[len(_TIME) : raw.find(b'"', len(_TIME))].decode("ascii", "replace")
            )
            if moment is not None and (
                (since is not None and moment < since) or (until is not None and moment > until)
            ):
                return False
        return True

    def __iter__(self) -> Iterator[dict[str, Any]]:
        fh = _open(self.path, buffering=0)  # reads whole blocks, backwards: no buffer to help
        if fh is None:
            return
        quick = self.wanted != Filter()
        with fh:
            size = os.fstat(fh.fileno()).st_size
            for offset, raw, complete in _backward_lines(fh, size):
                if raw is not None and (not raw.strip() or (quick and not self._may_match(raw))):
                    continue
                parsed = _parse(raw, complete, strict=True)
                if isinstance(parsed, Skipped):
                    self._skipped.append((offset, parsed))
                elif self.wanted.matches(parsed):
                    yield parsed

    def skipped(self) -> list[Skipped]:
        """The lines skipped so far, in file order, numbered by counting the newlines before them
        (the one pass over the head of the file, and only when some line was skipped)."""
        if not self._skipped:
            return []
        found = sorted(self._skipped, key=lambda pair: pair[0])
        with open(self.path, "rb") as fh:
            line, pos = 1, 0
            for offset, item in found:
                while pos < offset:
                    data = fh.read(min(BLOCK * 16, offset - pos))
                    if not data:
                        break
                    line += data.count(b"\n")
                    pos += len(data)
                item.line = line
        return [item for _, item in found]


@plain_record
class Filter:
    """Which records `allocator log` and `allocator replay` take: every field given must hold
    (`ref` the exact case reference, `ruleset` a prefix of the fingerprint, `sha256:70de86` or
    `70de86`); the empty Filter takes every record."""

    since: datetime | None = None
    until: datetime | None = None
    topic: str | None = None
    lead: str | None = None
    ref: str | None = None
    ruleset: str | None = None

    def matches(self, entry: dict[str, Any]) -> bool:
        """Whether a (checked) record passes every filter given."""
        if self.since is not None or self.until is not None:
            moment = parse_time(entry.get("time"))
            if moment is None:
                return False
            if (self.since is not None and moment < self.since) or (
                self.until is not None and moment > self.until
            ):
                return False
        if self.topic is not None and entry["case"].get("topic") != self.topic:
            return False
        if self.ref is not None and entry.get("ref") != self.ref:
            return False
        if self.ruleset is not None and not entry["ruleset"].startswith(
            ruleset_prefix(self.ruleset)
        ):
            return False
        return self.lead is None or entry["decision"].get("lead") == self.lead

    def needles(self) -> list[bytes]:
        """Bytes every matching record holds as written (ids and a fingerprint's start)."""
        found = [
            json.dumps(v, ensure_ascii=False).encode()
            for v in (self.topic, self.lead, self.ref)
            if v is not None
        ]
        if self.ruleset is not None:  # a prefix: its opening quote, not its closing one
            found.append(json.dumps(ruleset_prefix(self.ruleset), ensure_ascii=False)[:-1].encode())
        return found


def ruleset_prefix(text: str) -> str:
    """A fingerprint prefix as the log writes fingerprints: `70de86` is `sha256:70de86`."""
    return text if text.startswith("sha256:") else f"sha256:{text}"


def parse_time(text: Any) -> datetime | None:
    if not isinstance(text, str):
        return None
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


#: A span of time back from now, as `--since`/`--until` take it: 30m, 2h, 3d, 1w.
_SPAN = re.compile(r"(\d{1,6})([mhdw])")
_UNIT = {"m": "minutes", "h": "hours", "d": "days", "w": "weeks"}


def parse_moment(text: str, now: datetime | None = None) -> datetime | None:
    """A moment as `--since`/`--until` take it, or None when `text` is none of the forms: a date
    or date-time (ISO 8601; UTC unless it names its offset), a span back from now (`30m`, `2h`,
    `3d`, `1w`), or `today` / `yesterday` (the start of that day, local time)."""
    moment = now or datetime.now(UTC)
    word = text.strip().lower()
    if word in ("today", "yesterday"):
        midnight = moment.astimezone().replace(hour=0, minute=0, second=0, microsecond=0)
        if word == "yesterday":
            # the day before, at its own midnight (a day of 23 or 25 hours included)
            day = (midnight - timedelta(hours=12)).date()
            midnight = datetime(day.year, day.month, day.day).astimezone()
        return midnight.astimezone(UTC)
    if span := _SPAN.fullmatch(word):
        return moment.astimezone(UTC) - timedelta(**{_UNIT[span[2]]: int(span[1])})
    return parse_time(text)


def log_decisions(
    path: Path | None, decisions: Iterable[Decision], source: str, ref: str | None = None
) -> int:
    """Append the records of `decisions` to the log at `path` (default: the user's log), each
    with the case reference `ref` when one is given."""
    return log_records(
        path, (record(decision, source, __version__, ref=ref) for decision in decisions)
    )


def log_records(path: Path | None, entries: Iterable[dict[str, Any] | str]) -> int:
    """Append ready records to the log at `path` (default: the user's log)."""
    target = path or default_log_path()
    try:
        return append(target, entries)
    except OSError as exc:
        raise _log_failed(target, exc) from None


def append_records(appender: Appender, entries: Iterable[dict[str, Any] | str]) -> int:
    """Append ready records through `appender` (a batch holds its log open); a failure is the
    error `log_records` gives."""
    try:
        return appender.append(entries)
    except OSError as exc:
        raise _log_failed(appender.path, exc) from None


def _log_failed(path: Path, exc: OSError) -> AllocatorError:
    return AllocatorError("log-failed", path=str(path), reason=exc.strerror or str(exc))
