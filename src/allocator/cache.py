"""On-disk caches, keyed so that they can never serve what another rule set or another allocator decided.

- The compiled rule set: the validated policy, pickled, under a digest of the rule files' bytes
  (names and contents) and of allocator's own code. Any edit of a rule file, any new version of
  allocator, gives a new key: a stale entry is never read, only left to age out.
- The decisions: one SQLite file per (rule-set fingerprint, code digest), mapping a case to the
  decision the engine gave for it. The domain is finite, so answers repeat; every cached answer
  was computed by the engine for that very case under that very rule set.

The directory is $ALLOCATOR_CACHE_DIR, else `allocator` in the user's cache directory
($XDG_CACHE_HOME or ~/.cache). A damaged or unreadable cache is ignored, never an error.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import sqlite3
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from allocator.models.policy import Policy

ENV_DIR = "ALLOCATOR_CACHE_DIR"
PACKAGE = Path(__file__).resolve().parent


def cache_dir() -> Path:
    env = os.environ.get(ENV_DIR)
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "allocator"


@lru_cache(maxsize=1)
def code_digest() -> str:
    """A digest of allocator's own Python code: a new build never reads an older build's cache."""
    digest = hashlib.sha256()
    for path in sorted(PACKAGE.rglob("*.py")):
        digest.update(path.relative_to(PACKAGE).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def rules_digest(files: list[Path]) -> str | None:
    """A digest of the names and bytes of the rule files; None when one cannot be read."""
    digest = hashlib.sha256(code_digest().encode())
    try:
        for path in files:
            digest.update(path.name.encode() + b"\0")
            digest.update(path.read_bytes())
            digest.update(b"\0")
    except OSError:
        return None
    return digest.hexdigest()


# --------------------------------------------------------------------------- the compiled rule set


def load_compiled(digest: str) -> Policy | None:
    path = cache_dir() / f"policy-{digest}.pickle"
    try:
        with open(path, "rb") as fh:
            policy = pickle.load(fh)
    except (
        OSError,
        pickle.UnpicklingError,
        EOFError,
        AttributeError,
        ImportError,
        TypeError,
        ValueError,
    ):
        return None
    from allocator.models.policy import Policy

    return policy if isinstance(policy, Policy) else None


def store_compiled(digest: str, policy: Policy) -> None:
    """Write atomically (temporary file, then rename); a failure only costs the next start-up time."""
    directory = cache_dir()
    try:
        directory.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=directory, prefix=".policy-")
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(policy, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, directory / f"policy-{digest}.pickle")
    except OSError:
        return


# --------------------------------------------------------------------------- decisions


class DecisionCache:
    """Decisions by case for one rule set, in SQLite (safe for concurrent processes)."""

    def __init__(self, fingerprint: str) -> None:
        self.fingerprint = fingerprint
        self._pending: list[tuple[str, str]] = []
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
                "CREATE TABLE IF NOT EXISTS decisions (case_key TEXT PRIMARY KEY, decision TEXT)"
            )
            self._db.execute("INSERT OR IGNORE INTO meta VALUES ('fingerprint', ?)", (fingerprint,))
            stored = self._db.execute("SELECT value FROM meta WHERE key = 'fingerprint'").fetchone()
            if stored is None or stored[0] != fingerprint:
                self.close()
        except (OSError, sqlite3.Error):
            self.close()

    @property
    def active(self) -> bool:
        return self._db is not None

    def get(self, key: str) -> str | None:
        """The decision JSON cached for `key`, if any."""
        if self._db is None:
            return None
        try:
            row = self._db.execute(
                "SELECT decision FROM decisions WHERE case_key = ?", (key,)
            ).fetchone()
        except sqlite3.Error:
            return None
        return row[0] if row else None

    def put(self, key: str, decision_json: str) -> None:
        if self._db is not None:
            self._pending.append((key, decision_json))
            if len(self._pending) >= 1000:
                self.flush()

    def flush(self) -> None:
        if self._db is None or not self._pending:
            return
        try:
            with self._db:
                self._db.execute("BEGIN")
                self._db.executemany("INSERT OR IGNORE INTO decisions VALUES (?, ?)", self._pending)
        except sqlite3.Error:
            pass
        self._pending = []

    def close(self) -> None:
        if self._db is not None:
            self.flush()
            with contextlib.suppress(sqlite3.Error):
                self._db.close()
            self._db = None
