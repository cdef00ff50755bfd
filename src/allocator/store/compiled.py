"""The one on-disk cache: each rule set compiled before, so that `allocator decide` starts fast.

What is cached: the validated policy in its plain form (JSON: the vocabulary, the rules, where each
is written, the evaluation stages, the fingerprint), never a decision. Why: parsing and validating
the YAML files costs far more than answering a case; reading this back lets a plain `decide` answer
without importing the YAML parser, pydantic or click (README, "Performance").

How it stays right and safe:

- the key is a digest of the very bytes that were parsed (allocator.load.files.read_rules reads each file
  once, into memory; the digest and the parser both use those bytes), of the file names and of
  allocator's own code: an edit, even one saved while the rules were being read, or a new build,
  gives another key. Neither the working directory nor the rules' directory is in the key; file
  paths are stored relative to the rules directory and made whole when read back;
- an entry is JSON (it cannot run code when read), written atomically (a temporary file, then
  os.replace), with the SHA-256 of its body in its first line, checked when read;
- the directory must be owned by the current user and closed to others (0700), every entry owned by
  the current user with mode 0600: anything else is refused (a directory of ours that is open to
  others, with nothing in it but our entries, is closed to 0700); a refused or damaged entry is
  ignored and overwritten with a fresh one, never an error;
- only the KEEP most recently used entries are kept; the files of older allocator versions (pickles,
  SQLite decision caches) are removed.

The directory is $ALLOCATOR_CACHE_DIR, else `allocator` in the user's cache directory
($XDG_CACHE_HOME or ~/.cache).
"""

from __future__ import annotations

import contextlib
import json
import os
import stat
import time
from collections.abc import Mapping, Sequence
from functools import lru_cache
from pathlib import Path

from allocator.digest import NAME, hasher
from allocator.errors import Hint, Problem
from allocator.model import Policy, Source
from allocator.model.document import (
    rule_document,
    rule_from_document,
    vocabulary_document,
    vocabulary_from_document,
)

TYPE_CHECKING = False  # typing is not imported at run time (start-up)
if TYPE_CHECKING:
    from typing import Any

ENV_DIR = "ALLOCATOR_CACHE_DIR"
#: allocator's own code (this file is in allocator/store/).
PACKAGE = Path(__file__).resolve().parent.parent
#: The form of an entry; a change of it (or of any code) gives new keys.
FORMAT = "allocator-compiled/2"
#: How many compiled rule sets are kept (the most recently used).
KEEP = 8
#: The largest entry read back (a rule set is at most a few MB of JSON).
MAX_ENTRY_BYTES = 64 * 1024 * 1024
_PREFIX = "compiled-"
_SUFFIX = ".json"
#: Files of earlier versions of allocator, removed when the cache is pruned.
_LEGACY = ("policy-", "runtime-", "decisions-")
_TEMPORARY = ".tmp-"


def cache_dir() -> Path:
    env = os.environ.get(ENV_DIR)
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "allocator"


def _code_files() -> list[tuple[str, str, os.stat_result]]:
    """allocator's Python files: (path relative to the package, full path, stat), sorted."""
    found = []
    pending = [(str(PACKAGE), "")]
    while pending:
        directory, prefix = pending.pop()
        with os.scandir(directory) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    if entry.name != "__pycache__":
                        pending.append((entry.path, f"{prefix}{entry.name}/"))
                elif entry.name.endswith(".py"):
                    found.append((f"{prefix}{entry.name}", entry.path, entry.stat()))
    return sorted(found, key=lambda item: item[0])


@lru_cache(maxsize=1)
def code_digest() -> str:
    """A digest of allocator's own Python code: a new build never reads an older build's cache.

    Reading and hashing every source file costs a start-up about 5 ms; so the digest is also
    kept in the cache, under a stamp of the files' names, sizes, inodes and modification and
    change times (the change time cannot be set back by a user). An edit changes the stamp, and
    the digest is computed again from the bytes."""
    files = _code_files()
    stamp = hasher()
    for relative, _, info in files:
        stamp.update(
            f"{relative}\0{info.st_size}\0{info.st_ino}\0{info.st_dev}"
            f"\0{info.st_mtime_ns}\0{info.st_ctime_ns}\n".encode()
        )
    key = f"code-{stamp.hexdigest()}"
    known = load_document(key)
    if known is not None:
        value = known.get("code")
        if (
            isinstance(value, str)
            and len(value) == 16
            and all(c in "0123456789abcdef" for c in value)
        ):
            return value
    digest = hasher()
    for relative, path, _ in files:
        digest.update(relative.encode())
        with open(path, "rb") as fh:
            digest.update(fh.read())
    value = digest.hexdigest()[:16]
    store_document(key, {"code": value})
    return value


def salt() -> str:
    """What a key mixes in besides the rule files' names and bytes: the entry form and allocator's
    code (allocator.load.compiled computes the key)."""
    return f"{FORMAT}\0{code_digest()}"


# --------------------------------------------------------------------------- the directory and entries


def _uid() -> int | None:
    return os.getuid() if hasattr(os, "getuid") else None


def _ours(name: str) -> bool:
    return name.startswith((_PREFIX, _TEMPORARY, *_LEGACY))


def private_dir(create: bool) -> Path | None:
    """The cache directory if it is ours and closed to others (made so when it holds only our
    entries); None when it cannot be used."""
    directory = cache_dir()
    try:
        if create:
            directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        found = os.stat(directory)
        uid = _uid()
        if not stat.S_ISDIR(found.st_mode) or (uid is not None and found.st_uid != uid):
            return None
        if uid is not None and found.st_mode & 0o077:
            if not all(_ours(name) for name in os.listdir(directory)):
                return None  # not a directory allocator made: leave it as it is, cache nothing
            os.chmod(directory, 0o700)
            if os.stat(directory).st_mode & 0o077:
                return None
    except OSError:
        return None
    return directory


def _entry(directory: Path, key: str) -> Path:
    return directory / f"{_PREFIX}{key}{_SUFFIX}"


def _read_entry(path: Path) -> bytes | None:
    """The bytes of an entry if it is a regular file of ours with mode 0600, not too large."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        return None
    try:
        found = os.fstat(fd)
        uid = _uid()
        if (
            not stat.S_ISREG(found.st_mode)
            or (uid is not None and (found.st_uid != uid or stat.S_IMODE(found.st_mode) != 0o600))
            or found.st_size > MAX_ENTRY_BYTES
        ):
            return None
        chunks = []
        total = 0
        while total <= MAX_ENTRY_BYTES:
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        return b"".join(chunks) if total <= MAX_ENTRY_BYTES else None
    except OSError:
        return None
    finally:
        os.close(fd)


def load_document(key: str) -> dict[str, Any] | None:
    """The document stored under `key`, if present, intact and ours; None otherwise (never an error)."""
    directory = private_dir(create=False)
    if directory is None:
        return None
    path = _entry(directory, key)
    try:
        data = _read_entry(path)
        if data is None:
            return None
        header, newline, body = data.partition(b"\n")
        expected = {"format": FORMAT, "key": key, NAME: hasher(body).hexdigest()}
        if not newline or json.loads(header) != expected:
            return None
        document = json.loads(body)
        if not isinstance(document, dict):
            return None
    except Exception:  # a damaged entry, whatever the damage: ignored, then rebuilt
        return None
    with contextlib.suppress(OSError):
        os.utime(path)  # recently used: kept when the cache is pruned
    return document


def store_document(key: str, document: dict[str, Any]) -> None:
    """Write atomically (a private temporary file, then rename), then prune; a failure only costs
    the next start-up time."""
    import tempfile  # lazy: only a cache miss writes, and tempfile costs the fast path's start-up

    directory = private_dir(create=True)
    if directory is None:
        return
    temporary: str | None = None
    try:
        body = json.dumps(document, separators=(",", ":")).encode("ascii")
        header = json.dumps({"format": FORMAT, "key": key, NAME: hasher(body).hexdigest()}).encode(
            "ascii"
        )
        fd, temporary = tempfile.mkstemp(dir=directory, prefix=_TEMPORARY, suffix=_SUFFIX)
        with os.fdopen(fd, "wb") as fh:
            os.fchmod(fh.fileno(), 0o600)
            fh.write(header + b"\n" + body)
        os.replace(temporary, _entry(directory, key))
        temporary = None
    except (OSError, ValueError, TypeError):
        return
    finally:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
    prune(directory)


def prune(directory: Path, keep: int = KEEP) -> None:
    """Keep the `keep` most recently used entries; remove older ones, the files of earlier
    versions of allocator and temporary files left by an interrupted write."""
    now = time.time()
    entries: list[tuple[float, str]] = []
    try:
        names = os.listdir(directory)
    except OSError:
        return
    for name in names:
        path = directory / name
        try:
            found = os.lstat(path)
        except OSError:
            continue
        if name.startswith(_PREFIX) and name.endswith(_SUFFIX):
            entries.append((found.st_mtime, name))
        elif name.startswith(_LEGACY) or (
            name.startswith(_TEMPORARY) and now - found.st_mtime > 3600
        ):
            _remove(path)
    entries.sort(reverse=True)
    for _mtime, name in entries[keep:]:
        _remove(directory / name)


def _remove(path: Path) -> None:
    with contextlib.suppress(OSError):
        os.unlink(path)


# --------------------------------------------------------------------------- the policy as a document


def _sources(sources: Mapping[str, Source], names: Mapping[str, str]) -> dict[str, list[Any]]:
    return {key: [names[s.path], s.line, s.column] for key, s in sources.items()}


def _sources_from(data: dict[str, Any], shown: Mapping[str, str]) -> dict[str, Source]:
    return {
        key: Source(shown[name], int(line), int(column))
        for key, (name, line, column) in data.items()
    }


def policy_document(policy: Policy, names: Mapping[str, str]) -> dict[str, Any]:
    """The policy as plain JSON data; `names` maps each shown file path to its file name, so the
    document holds no path outside the rules directory."""
    return {
        "vocabulary": vocabulary_document(policy.vocabulary),
        "rules": [rule_document(rule) for rule in policy.rules],
        "sources": _sources(policy.sources, names),
        "term_sources": _sources(policy.term_sources, names),
        "strata": dict(policy.strata),
        "fingerprint": policy.fingerprint,
    }


def policy_from_document(
    document: dict[str, Any], directory: Path, shown: Mapping[str, str]
) -> Policy:
    """The policy of `policy_document`, its files shown as `shown` maps their names (raises on a
    malformed document)."""
    return Policy(
        vocabulary=vocabulary_from_document(document["vocabulary"]),
        rules=tuple(rule_from_document(rule) for rule in document["rules"]),
        sources=_sources_from(document["sources"], shown),
        term_sources=_sources_from(document["term_sources"], shown),
        strata={str(key): int(value) for key, value in document["strata"].items()},
        fingerprint=str(document["fingerprint"]),
        directory=str(directory),
    )


# --------------------------------------------------------------------------- reading and writing


def read_policy(key: str, directory: Path, shown: Mapping[str, str]) -> Policy | None:
    """The policy stored under `key`, if present, intact and ours (never an error)."""
    document = load_document(key)
    if document is None:
        return None
    try:
        return policy_from_document(document, directory, shown)
    except Exception:  # a damaged entry, whatever the damage: ignored, then rebuilt
        return None


def write_policy(
    key: str,
    policy: Policy,
    names: Mapping[str, str],
    problems: Sequence[Problem] | None = None,
) -> None:
    """Store `policy` under `key`, with the warnings and notes its files gave when they were
    parsed (for `allocator check`); a failure only costs the next start-up time."""
    try:
        document = policy_document(policy, names)
    except (KeyError, ValueError, TypeError):
        return
    if problems is not None:
        try:
            found = _problems_document(problems, names)
            json.dumps(found)  # parameters that are not plain JSON: the problems are not stored
        except (KeyError, ValueError, TypeError):
            found = None
        if found is not None:
            document["problems"] = found
    store_document(key, document)


def read_checked(
    key: str, directory: Path, shown: Mapping[str, str]
) -> tuple[Policy, list[Problem]] | None:
    """The policy stored under `key` with the problems its files gave when parsed, if both are
    stored, intact and ours (never an error)."""
    document = load_document(key)
    if document is None or not isinstance(document.get("problems"), list):
        return None
    try:
        policy = policy_from_document(document, directory, shown)
        problems = [_problem_from(item, shown) for item in document["problems"]]
    except Exception:  # a damaged entry, whatever the damage: ignored, then rebuilt
        return None
    return policy, problems


def _problems_document(
    problems: Sequence[Problem], names: Mapping[str, str]
) -> list[dict[str, Any]] | None:
    """The problems as JSON, each file named as in the rules directory; None when one of them
    is about something else than a rule file (it is then not stored)."""
    found = []
    for problem in problems:
        if problem.severity == "error":
            return None  # a rule set with errors is never stored
        name = None
        if problem.path is not None:
            name = names.get(problem.path)
            if name is None:
                return None
        found.append(
            {
                "code": problem.code,
                "params": dict(problem.params),
                "file": name,
                "line": problem.line,
                "column": problem.column,
                "hint": None
                if problem.hint is None
                else {"key": problem.hint.key, "params": dict(problem.hint.params)},
                "severity": problem.severity,
            }
        )
    return found


def _problem_from(item: dict[str, Any], shown: Mapping[str, str]) -> Problem:
    hint = item["hint"]
    severity = item["severity"]
    if severity not in ("warning", "info"):
        raise ValueError(severity)
    return Problem(
        code=str(item["code"]),
        params=dict(item["params"]),
        path=None if item["file"] is None else shown[item["file"]],
        line=item["line"],
        column=item["column"],
        hint=None if hint is None else Hint(str(hint["key"]), dict(hint["params"])),
        severity=severity,
    )
