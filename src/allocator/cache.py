"""On-disk caches, keyed so that they can never serve what another rule set or another allocator decided.

- The compiled rule set: the validated policy, pickled, under a digest of the rule files' bytes
  (names and contents) and of allocator's own code. Any edit of a rule file, any new version of
  allocator, gives a new key: a stale entry is never read, only left to age out.
- The decisions (allocator.decisioncache): one SQLite file per rule-set fingerprint and code
  digest, mapping a case to the decision the engine gave for it.

The directory is $ALLOCATOR_CACHE_DIR, else `allocator` in the user's cache directory
($XDG_CACHE_HOME or ~/.cache). A damaged or unreadable cache is ignored, never an error.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from allocator.light import RuntimePolicy
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


def _load(name: str) -> object | None:
    try:
        with open(cache_dir() / name, "rb") as fh:
            value: object = pickle.load(fh)  # the user's own cache, written by allocator below
            return value
    except (
        OSError,
        pickle.UnpicklingError,
        EOFError,
        AttributeError,
        ImportError,
        TypeError,
        ValueError,
        IndexError,
    ):
        return None


def load_compiled(digest: str) -> Policy | None:
    """The validated policy (pydantic models) compiled earlier from the same files, if cached."""
    from allocator.models.policy import Policy

    policy = _load(f"policy-{digest}.pickle")
    return policy if isinstance(policy, Policy) else None


def load_runtime(digest: str) -> RuntimePolicy | None:
    """The same policy in its plain runtime form: no pydantic needed to read it (fast start-up)."""
    from allocator.light import RuntimePolicy

    runtime = _load(f"runtime-{digest}.pickle")
    return runtime if isinstance(runtime, RuntimePolicy) else None


def _store(name: str, value: object) -> None:
    """Write atomically (temporary file, then rename); a failure only costs the next start-up time."""
    import tempfile

    directory = cache_dir()
    try:
        directory.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=directory, prefix=".tmp-")
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, directory / name)
    except OSError:
        return


def store_compiled(digest: str, policy: Policy, runtime: RuntimePolicy) -> None:
    _store(f"runtime-{digest}.pickle", runtime)
    _store(f"policy-{digest}.pickle", policy)


def runtime_policy(directory: Path | None = None, cache: bool = True) -> RuntimePolicy:
    """The policy of `directory` in its plain runtime form: from the cache when compiled before
    (no pydantic, no YAML), else loaded and validated in full (RuleSetError lists every problem)."""
    from allocator.paths import cache_digest, default_rules_dir

    path = directory if directory is not None else default_rules_dir()
    if cache:
        digest = cache_digest(path)
        found = load_runtime(digest) if digest is not None else None
        if found is not None:
            return found
    from allocator.light import to_runtime
    from allocator.loader import load_policy

    return to_runtime(load_policy(path, cache=cache))
