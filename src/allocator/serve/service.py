"""What one worker of `allocator serve` holds: the rule set in force, how it is reloaded, the
decision log it appends to, and who may ask.

Nothing here knows HTTP; allocator.serve.app turns requests into calls of `Service`.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import os
import stat
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from allocator.desk.decision_log import Appender, default_log_path
from allocator.desk.service import Allocator
from allocator.errors import AllocatorError, ArgumentError
from allocator.i18n import DEFAULT_LANG, LANGS, sanitize

# --------------------------------------------------------------------------- the decision log


class LogWriter:
    """Appends the service's decision records to the decision log, many at a time.

    A request hands over its records and waits until they are written and fsynced: every answer
    delivered is in the log, as with `allocator decide` and `allocator batch`. The records of all
    the requests waiting at that moment go in one append (one lock, one fsync), and the waiting
    requests are woken together (one call into their event loop), so that logging costs one disk
    flush per group of concurrent requests, not one per request.
    """

    def __init__(self, path: Path | None) -> None:
        self.path = path or default_log_path()
        self._appender = Appender(self.path)
        #: The records of the requests of the current turn of each event loop, and their future.
        self._gathering: dict[
            asyncio.AbstractEventLoop, tuple[list[str], asyncio.Future[None]]
        ] = {}
        self._pending: list[tuple[list[str], Waiter]] = []
        self._ready = threading.Condition()
        self._closing = False
        self._thread = threading.Thread(target=self._run, name="allocator-log", daemon=True)
        self._thread.start()

    async def write(self, records: list[str]) -> None:
        """Return once `records` are in the log; AllocatorError (`log-failed`) if they are not.

        The records of every request of one turn of the event loop travel to the writer thread
        together, once that turn is over: one hand-over and one wake-up per group, not per
        request."""
        loop = asyncio.get_running_loop()
        group = self._gathering.get(loop)
        if group is None:
            group = ([], loop.create_future())
            self._gathering[loop] = group
            loop.call_soon(self._hand_over, loop)
        group[0].extend(records)
        # shield: a request cancelled (its client gone) must not cancel the group's future
        await asyncio.shield(group[1])

    def _hand_over(self, loop: asyncio.AbstractEventLoop) -> None:
        records, future = self._gathering.pop(loop)
        try:
            self._put(records, (loop, future))
        except AllocatorError as exc:
            future.set_exception(exc)

    def _put(self, records: list[str], waiter: Waiter) -> None:
        with self._ready:
            if self._closing:
                raise AllocatorError("serve-stopping")
            self._pending.append((records, waiter))
            self._ready.notify()

    def _run(self) -> None:
        while True:
            with self._ready:
                while not self._pending and not self._closing:
                    self._ready.wait()
                group, self._pending = self._pending, []
                if not group and self._closing:
                    self._appender.close()
                    return
            error: AllocatorError | None = None
            try:
                self._appender.append([record for records, _ in group for record in records])
            except OSError as exc:
                error = AllocatorError(
                    "log-failed", path=str(self.path), reason=exc.strerror or str(exc)
                )
            _wake([waiter for _, waiter in group], error)

    def close(self) -> None:
        """Write what is queued, then stop."""
        with self._ready:
            self._closing = True
            self._ready.notify()
        self._thread.join()


#: Who waits for records to be logged: a future of an event loop.
Waiter = tuple[asyncio.AbstractEventLoop, "asyncio.Future[None]"]


def _wake(waiters: list[Waiter], error: AllocatorError | None) -> None:
    """Resolve every waiter of a group: one call into each event loop, whatever their number."""
    by_loop: dict[asyncio.AbstractEventLoop, list[asyncio.Future[None]]] = {}
    for loop, future in waiters:
        by_loop.setdefault(loop, []).append(future)
    for loop, futures in by_loop.items():
        # A closed loop (RuntimeError): nobody waits any more.
        with contextlib.suppress(RuntimeError):
            loop.call_soon_threadsafe(_resolve, futures, error)


def _resolve(futures: list[asyncio.Future[None]], error: AllocatorError | None) -> None:
    for future in futures:
        if future.done():  # the request was cancelled (its client went away)
            continue
        if error is not None:
            future.set_exception(error)
        else:
            future.set_result(None)


# --------------------------------------------------------------------------- users


@dataclass(frozen=True)
class Tokens:
    """The bearer tokens of `--token-file`: one `user token` pair per line (`#` starts a comment).

    The file must not be readable by others (like an ssh key): a token is a password.
    """

    users: tuple[tuple[str, bytes], ...]

    @classmethod
    def read(cls, path: Path) -> Tokens:
        try:
            info = path.stat()
            if not stat.S_ISREG(info.st_mode):
                raise ArgumentError("serve-token-file-not-file", path=str(path))
            if info.st_mode & 0o077:
                raise ArgumentError(
                    "serve-token-file-open", path=str(path), mode=f"{info.st_mode & 0o777:o}"
                )
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise ArgumentError(
                "serve-token-file-unreadable", path=str(path), reason=exc.strerror or str(exc)
            ) from None
        except UnicodeDecodeError:
            raise ArgumentError("serve-token-file-line", path=str(path), line=0) from None
        users: list[tuple[str, bytes]] = []
        seen: set[bytes] = set()
        for number, raw in enumerate(text.splitlines(), 1):
            line = raw.split("#", 1)[0].strip()
            if not line:
                continue
            parts = line.split()
            if len(parts) != 2 or sanitize(line, one_line=True) != line:
                raise ArgumentError("serve-token-file-line", path=str(path), line=number)
            user, token = parts
            if len(token) < MIN_TOKEN:
                raise ArgumentError(
                    "serve-token-too-short", path=str(path), line=number, limit=MIN_TOKEN
                )
            encoded = token.encode("utf-8")
            if encoded in seen:
                raise ArgumentError("serve-token-repeated", path=str(path), line=number)
            seen.add(encoded)
            users.append((user, encoded))
        if not users:
            raise ArgumentError("serve-token-file-empty", path=str(path))
        return cls(tuple(users))

    def user(self, authorization: str | None) -> str | None:
        """The user whose token the `Authorization: Bearer …` header carries, or None."""
        if not authorization:
            return None
        scheme, _, token = authorization.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            return None
        given = token.strip().encode("utf-8", "surrogateescape")
        found = None
        for user, expected in self.users:  # every token compared, in constant time each
            if hmac.compare_digest(given, expected):
                found = user
        return found


#: The shortest token taken (characters): a token is a password.
MIN_TOKEN = 16


# --------------------------------------------------------------------------- languages


def negotiate(query: str | None, accept_language: str | None) -> str | None:
    """The language to answer in: `?lang=` if given (None when it names no language of ours),
    else the best of Accept-Language, else English."""
    if query is not None:
        code = query.strip().lower()
        return code if code in LANGS else None
    best, best_q = DEFAULT_LANG, 0.0
    for part in (accept_language or "").split(",")[:32]:
        tag, _, params = part.strip().partition(";")
        code = tag.strip().lower()[:2]
        q = 1.0
        params = params.strip()
        if params.startswith("q="):
            try:
                q = float(params[2:])
            except ValueError:
                q = 0.0
        if code in LANGS and q > best_q:
            best, best_q = code, q
    return best


# --------------------------------------------------------------------------- the rule set


def _signature(directory: Path) -> tuple[tuple[str, int, int, int], ...] | None:
    """What changes when a rule file is saved: each file's name, size, inode and time."""
    try:
        entries = []
        with os.scandir(directory) as found:
            for entry in found:
                info = entry.stat()
                entries.append((entry.name, info.st_size, info.st_ino, info.st_mtime_ns))
        return tuple(sorted(entries))
    except OSError:
        return None


def now_text() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


@dataclass
class ReloadState:
    """What /readyz reports about the rule set in force and its reloads."""

    loaded_at: str
    reloads: int = 0
    failures: int = 0
    last_error: str | None = None
    last_error_at: str | None = None


@dataclass
class Service:
    """The rule set in force for one worker, and how it changes.

    `reload()` (on SIGHUP, on a changed rule file, or from a test) loads and compiles the rules
    of the same directory and swaps them in whole, or keeps the rule set in force and reports why.
    Decisions in progress finish under the rule set they started with (Allocator.reload).
    """

    rules_dir: Path
    allocator: Allocator
    log: LogWriter | None
    tokens: Tokens | None = None
    #: Called after every reload attempt with (ok, fingerprint or error message).
    on_reload: Callable[[bool, str], None] | None = None
    state: ReloadState = field(default_factory=lambda: ReloadState(now_text()))
    _reloading: threading.Lock = field(default_factory=threading.Lock)
    _signature: tuple[tuple[str, int, int, int], ...] | None = None

    def __post_init__(self) -> None:
        self._signature = _signature(self.rules_dir)

    @property
    def fingerprint(self) -> str:
        return self.allocator.policy.fingerprint

    def reload(self, reason: str = "signal") -> bool:
        """Load and compile the rules again; True when the new rule set is in force."""
        with self._reloading:
            signature = _signature(self.rules_dir)
            before = self.fingerprint
            try:
                policy = self.allocator.reload(self.rules_dir)
            except AllocatorError as exc:
                message = exc.render("en").replace("\n", " | ")
                self.state.failures += 1
                self.state.last_error = message
                self.state.last_error_at = now_text()
                self._signature = signature  # not retried until a file changes again
                _say(f"reload ({reason}) failed; the rule set in force stays {before}: {message}")
                if self.on_reload is not None:
                    self.on_reload(False, message)
                return False
            self._signature = signature
            self.state.reloads += 1
            self.state.loaded_at = now_text()
            self.state.last_error = None
            self.state.last_error_at = None
            _say(f"reload ({reason}): rule set {policy.fingerprint} in force (was {before})")
            if self.on_reload is not None:
                self.on_reload(True, policy.fingerprint)
            return True

    def changed(self) -> bool:
        """Whether a file of the rules directory changed since the last (attempted) load."""
        return _signature(self.rules_dir) != self._signature

    def watch(self, interval: float, stop: threading.Event) -> None:
        """Reload whenever a rule file changes (polled every `interval` seconds) until `stop`.

        A change is reloaded once the directory has stood still for one interval, so that an
        editor's save in several steps is read once, whole."""
        while not stop.wait(interval):
            if not self.changed():
                continue
            first = _signature(self.rules_dir)
            if stop.wait(min(interval, 0.5)):
                return
            if _signature(self.rules_dir) == first:
                self.reload("file change")

    def readiness(self) -> dict[str, Any]:
        policy = self.allocator.policy
        return {
            "status": "ready",
            "ruleset": policy.fingerprint,
            "rules": len(policy.rules),
            "loaded_at": self.state.loaded_at,
            "reloads": self.state.reloads,
            "reload_failures": self.state.failures,
            "last_reload_error": self.state.last_error,
            "last_reload_error_at": self.state.last_error_at,
            "pid": os.getpid(),
        }


def _say(message: str) -> None:
    """One line on the server's standard error (what an operator reads in the service's log)."""
    stamp = time.strftime("%Y-%m-%dT%H:%M:%S%z")
    sys.stderr.write(f"{stamp} allocator serve [{os.getpid()}]: {sanitize(message)}\n")
    sys.stderr.flush()
