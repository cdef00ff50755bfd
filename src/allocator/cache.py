"""The one on-disk cache: each rule set compiled before, so that `allocator decide` starts fast.

What is cached: the validated policy in its plain form (JSON: the vocabulary, the rules, where each
is written, the evaluation stages, the fingerprint), never a decision. Why: parsing and validating
the YAML files costs far more than answering a case; reading this back lets a plain `decide` answer
without importing the YAML parser, pydantic or click (README, "Performance").

How it stays right and safe:

- the key is a digest of the very bytes that were parsed (allocator.paths.read_rules reads each file
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
import hashlib
import json
import os
import stat
import time
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from allocator.light import RuntimePolicy
    from allocator.models.policy import Policy
    from allocator.paths import RulesOnDisk

ENV_DIR = "ALLOCATOR_CACHE_DIR"
PACKAGE = Path(__file__).resolve().parent
#: The form of an entry; a change of it (or of any code) gives new keys.
FORMAT = "allocator-compiled/1"
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


@lru_cache(maxsize=1)
def code_digest() -> str:
    """A digest of allocator's own Python code: a new build never reads an older build's cache."""
    digest = hashlib.sha256()
    for path in sorted(PACKAGE.rglob("*.py")):
        digest.update(path.relative_to(PACKAGE).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def cache_key(rules: RulesOnDisk) -> str | None:
    """The key of the rule set read in `rules`: its bytes, names, the entry form and allocator's code."""
    return rules.digest(f"{FORMAT}\0{code_digest()}")


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
        expected = {"format": FORMAT, "key": key, "sha256": hashlib.sha256(body).hexdigest()}
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
    import tempfile

    directory = private_dir(create=True)
    if directory is None:
        return
    temporary: str | None = None
    try:
        body = json.dumps(document, separators=(",", ":")).encode("ascii")
        header = json.dumps(
            {"format": FORMAT, "key": key, "sha256": hashlib.sha256(body).hexdigest()}
        ).encode("ascii")
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


def policy_document(policy: Policy, names: dict[str, str]) -> dict[str, Any]:
    """The validated policy as plain JSON data; `names` maps each shown file path to its file name,
    so the document holds no path outside the rules directory."""
    document = policy.model_dump(mode="json", by_alias=True)
    for field in ("sources", "term_sources"):
        document[field] = {
            key: [names[source["path"]], source["line"], source["column"]]
            for key, source in document[field].items()
        }
    document.pop("directory")
    return document


def _shown_paths(document: dict[str, Any], directory: Path) -> dict[str, str]:
    from allocator.paths import display_path

    names = {
        source[0] for field in ("sources", "term_sources") for source in document[field].values()
    }
    return {name: display_path(directory / name) for name in names}


def policy_from_document(document: dict[str, Any], directory: Path) -> Policy:
    """The validated policy (pydantic models) from its document (raises on a malformed one)."""
    from allocator.models.policy import Policy

    shown = _shown_paths(document, directory)
    data = dict(document)
    for field in ("sources", "term_sources"):
        data[field] = {
            key: {"path": shown[name], "line": line, "column": column}
            for key, (name, line, column) in document[field].items()
        }
    data["directory"] = str(directory)
    return Policy.model_validate(data)


def runtime_from_document(document: dict[str, Any], directory: Path) -> RuntimePolicy:
    """The plain runtime form from the same document, without pydantic (raises on a malformed one)."""
    from allocator.light import (
        VOCABULARY_LISTS,
        Condition,
        Labels,
        Rule,
        RuntimePolicy,
        Settings,
        Source,
        Term,
        Then,
        Vocabulary,
        When,
    )

    def labels(value: dict[str, str]) -> Labels:
        return Labels(value["nl"], value["fr"], value["en"])

    def text(value: Any) -> str | Labels:
        if isinstance(value, str):
            return value
        return labels(value)

    def condition(value: dict[str, Any]) -> Condition:
        return Condition(
            tuple(value["topic"]),
            tuple(value["location"]),
            tuple(value["actor"]),
            tuple(value["target"]),
            tuple(value["flags"]),
            tuple(value["facts"]),
        )

    source = document["vocabulary"]
    lists = {
        name: tuple(
            Term(term["id"], labels(term["label"]), labels(term["description"]))
            for term in source[name]
        )
        for name in VOCABULARY_LISTS
    }
    vocabulary = Vocabulary(**lists, settings=Settings(tuple(source["settings"]["escalation"])))
    rules = []
    for rule in document["rules"]:
        when, then = rule["when"], rule["then"]
        negated = when["not"]
        rules.append(
            Rule(
                id=rule["id"],
                title=text(rule["title"]),
                basis=text(rule["basis"]),
                description=text(rule["description"]),
                when=When(
                    tuple(when["topic"]),
                    tuple(when["location"]),
                    tuple(when["actor"]),
                    tuple(when["target"]),
                    tuple(when["flags"]),
                    tuple(when["facts"]),
                    condition(negated) if negated is not None else None,
                ),
                then=Then(
                    then["lead"],
                    then["priority"],
                    tuple(then["partners"]),
                    tuple(then["consultation"]),
                    tuple(then["competent"]),
                    tuple(then["derive"]),
                ),
            )
        )
    shown = _shown_paths(document, directory)
    sources = {
        key: Source(shown[name], line, column)
        for key, (name, line, column) in document["sources"].items()
    }
    strata = {str(key): int(value) for key, value in document["strata"].items()}
    return RuntimePolicy(
        vocabulary, tuple(rules), sources, strata, str(document["fingerprint"]), str(directory)
    )


# --------------------------------------------------------------------------- reading a rule set back


def cached_policy(rules: RulesOnDisk) -> Policy | None:
    """The validated policy compiled earlier from the very bytes in `rules`, if cached and intact."""
    key = cache_key(rules)
    document = load_document(key) if key is not None else None
    if document is None:
        return None
    try:
        return policy_from_document(document, rules.directory)
    except Exception:
        return None


def cached_runtime(rules: RulesOnDisk) -> RuntimePolicy | None:
    """The same in its plain runtime form: no pydantic needed to read it (fast start-up)."""
    key = cache_key(rules)
    document = load_document(key) if key is not None else None
    if document is None:
        return None
    try:
        return runtime_from_document(document, rules.directory)
    except Exception:
        return None


def store_policy(rules: RulesOnDisk, policy: Policy) -> None:
    """Cache `policy`, compiled from the very bytes in `rules`."""
    key = cache_key(rules)
    if key is None:
        return
    names = {entry.shown: entry.path.name for entry in (rules.vocabulary, *rules.files) if entry}
    try:
        document = policy_document(policy, names)
    except (KeyError, ValueError, TypeError):
        return
    store_document(key, document)


def runtime_policy(directory: Path | None = None, cache: bool = True) -> RuntimePolicy:
    """The policy of `directory` in its plain runtime form: from the cache when compiled before
    (no pydantic, no YAML), else loaded and validated in full (RuleSetError lists every problem)."""
    from allocator.paths import default_rules_dir, read_rules

    path = Path(directory) if directory is not None else default_rules_dir()
    rules = read_rules(path)
    if cache:
        found = cached_runtime(rules)
        if found is not None:
            return found
    from allocator.light import to_runtime
    from allocator.loader import compile_rules

    return to_runtime(compile_rules(rules, cache=cache))
