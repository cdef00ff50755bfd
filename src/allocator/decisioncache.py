"""The decision cache: per rule set (fingerprint) and allocator build, the engine's answer per case.

The domain is finite, so answers repeat; every cached answer was computed by the engine for that
very case under that very rule set. One SQLite file per (code digest, fingerprint) in the cache
directory of allocator.cache, safe for concurrent processes; a damaged cache is ignored.
"""

from __future__ import annotations

import contextlib
import sqlite3

from allocator.cache import cache_dir, code_digest

#: decision JSON, outcome, lead, summary JSON (for the log), case JSON
Row = tuple[str, str, str | None, str, str]


class DecisionCache:
    """Decisions by case for one rule set, in SQLite (safe for concurrent processes)."""

    def __init__(self, fingerprint: str) -> None:
        self.fingerprint = fingerprint
        self._pending: list[tuple[str, str, str, str | None, str, str]] = []
        self._db: sqlite3.Connection | None = None
        name = f"decisions-{code_digest()}-{fingerprint.removeprefix('sha256:')[:32]}.sqlite"
        try:
            directory = cache_dir()
            directory.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(directory / name, timeout=5, isolation_level=None)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT)")
            self._db.execute(
                "CREATE TABLE IF NOT EXISTS decisions (case_key TEXT PRIMARY KEY, decision TEXT,"
                " outcome TEXT, lead TEXT, summary TEXT, case_json TEXT)"
            )
            self._db.execute("INSERT OR IGNORE INTO meta VALUES ('fingerprint', ?)", (fingerprint,))
            stored = self._db.execute("SELECT value FROM meta WHERE key = 'fingerprint'").fetchone()
            if stored is None or stored[0] != fingerprint:
                self.close()
        except (OSError, sqlite3.Error):
            self._db = None

    @property
    def active(self) -> bool:
        return self._db is not None

    def get(self, key: str) -> Row | None:
        """The row cached for `key` (decision JSON, outcome, lead, summary JSON, case JSON), if any."""
        if self._db is None:
            return None
        try:
            row = self._db.execute(
                "SELECT decision, outcome, lead, summary, case_json FROM decisions WHERE case_key = ?",
                (key,),
            ).fetchone()
        except sqlite3.Error:
            return None
        return (row[0], row[1], row[2], row[3], row[4]) if row else None

    def put(self, key: str, row: Row) -> None:
        if self._db is not None:
            self._pending.append((key, *row))
            if len(self._pending) >= 1000:
                self.flush()

    def flush(self) -> None:
        if self._db is None or not self._pending:
            return
        try:
            with self._db:
                self._db.execute("BEGIN")
                self._db.executemany(
                    "INSERT OR IGNORE INTO decisions VALUES (?, ?, ?, ?, ?, ?)", self._pending
                )
        except sqlite3.Error:
            pass  # a cache that cannot be written only costs time
        self._pending = []

    def close(self) -> None:
        if self._db is not None:
            self.flush()
            with contextlib.suppress(sqlite3.Error):
                self._db.close()
            self._db = None
