"""Fixtures of the whole suite, tests/ and features/ alike, however a run is started (`pytest`,
`pytest tests/test_cli.py`, `pytest features`). Nothing a test does reaches the user's files:

- the decision log ($ALLOCATOR_LOG): every test gets a log of its own;
- the compiled rule sets ($ALLOCATOR_CACHE_DIR): one directory private to this test session and
  shared by its tests, so that a rule set is parsed once per session rather than once per test.
  The cache is keyed by the very bytes parsed and never holds a decision (tests/test_cache.py),
  so sharing it changes no answer. A test of the cache itself asks for `private_cache`, an empty
  directory of its own.

Both variables are set from the start of the session, before the test modules are imported, so
that what a module or a session fixture loads stays private to the session too.

And the rules: `shipped` (the rules in force, read-only, shared) and `rules_copy` (a fresh copy
for one test to edit or break).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from allocator.desk.service import Allocator
from allocator.load.files import default_rules_dir

CACHE_ENV = "ALLOCATOR_CACHE_DIR"
LOG_ENV = "ALLOCATOR_LOG"
_SESSION = pytest.StashKey[Path]()
_SAVED = pytest.StashKey[dict[str, str | None]]()


def pytest_configure(config: pytest.Config) -> None:
    directory = Path(tempfile.mkdtemp(prefix="allocator-tests-"))  # mode 0700: ours alone
    config.stash[_SESSION] = directory
    config.stash[_SAVED] = {name: os.environ.get(name) for name in (CACHE_ENV, LOG_ENV)}
    os.environ[CACHE_ENV] = str(directory / "cache")
    os.environ[LOG_ENV] = str(directory / "session-decisions.jsonl")


def pytest_unconfigure(config: pytest.Config) -> None:
    for name, value in config.stash.get(_SAVED, {}).items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value
    if _SESSION in config.stash:
        shutil.rmtree(config.stash[_SESSION], ignore_errors=True)


@pytest.fixture(scope="session")
def session_cache(pytestconfig: pytest.Config) -> Path:
    """The compiled rule sets of this test session (see the module's docstring)."""
    return pytestconfig.stash[_SESSION] / "cache"


@pytest.fixture(autouse=True)
def _session_cache(session_cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test starts with the session's cache, whatever the test before it set."""
    monkeypatch.setenv(CACHE_ENV, str(session_cache))


@pytest.fixture(autouse=True)
def _private_decision_log(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Decisions given during a test go to a log of its own, never to the user's."""
    path = tmp_path_factory.mktemp("log") / "decisions.jsonl"
    monkeypatch.setenv(LOG_ENV, str(path))
    return path


@pytest.fixture
def private_cache(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """An empty cache of compiled rule sets for this test alone (tests of the cache itself)."""
    path = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv(CACHE_ENV, str(path))
    return path


@pytest.fixture(scope="session")
def shipped() -> Allocator:
    """The shipped rules, every decision from the engine (no decision cache). Read-only: share it."""
    return Allocator.from_directory(default_rules_dir(), cache=False)


@pytest.fixture(scope="session")
def _rules_copy_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("copy")


@pytest.fixture
def rules_copy(_rules_copy_home: Path) -> Iterator[Path]:
    """A fresh copy of the shipped rules, to edit or break, for this test alone.

    Every test's copy is made at the same path (emptied after each test): the files a test leaves
    alone are then the same bytes at the same path as in the test before, and the loader takes
    them from its memo of parsed files instead of parsing all the rules again. What a test edits
    is new bytes, parsed in full.
    """
    target = _rules_copy_home / "rules"
    if target.exists():  # a test before this one did not tear down
        _remove(target)
    shutil.copytree(default_rules_dir(), target)
    yield target
    _remove(target)


def _remove(directory: Path) -> None:
    """Remove `directory`, whatever a test left in it (a FIFO, a link, a file made unreadable)."""
    for path in directory.rglob("*"):
        if not path.is_symlink():
            with contextlib.suppress(OSError):
                path.chmod(0o700)
    shutil.rmtree(directory)
