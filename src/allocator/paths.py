"""Where the rules are, and the key under which their compiled form is cached (no heavy imports)."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from allocator.errors import Problem

VOCABULARY_FILE = "vocabulary.yaml"


def default_rules_dir() -> Path:
    """The rules in force: $ALLOCATOR_RULES, else the rules installed with allocator, else the checkout's."""
    env = os.environ.get("ALLOCATOR_RULES")
    if env:
        return Path(env)
    here = Path(__file__).resolve().parent
    packaged = here / "rules"
    if (packaged / VOCABULARY_FILE).is_file():
        return packaged
    return here.parent.parent / "rules"


def display_path(path: Path) -> str:
    """`path` relative to the working directory when it lies below it, so messages stay short."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError, RuntimeError):  # RuntimeError: a symlink loop
        return str(path)


def rule_files(directory: Path) -> tuple[Path | None, list[Path], list[Problem]]:
    """The vocabulary file and the rule files of `directory` (sorted), or the problems that stop us."""
    shown = display_path(directory)
    try:
        if not directory.exists():
            return None, [], [Problem("rules-dir-missing", {"path": shown})]
        if not directory.is_dir():
            return None, [], [Problem("rules-dir-not-dir", {"path": shown})]
        entries = sorted(directory.iterdir())
    except OSError as exc:
        return (
            None,
            [],
            [Problem("rules-dir-unreadable", {"path": shown, "reason": exc.strerror or str(exc)})],
        )
    vocabulary = directory / VOCABULARY_FILE
    files = [
        entry
        for entry in entries
        if entry.suffix in {".yaml", ".yml"}
        and not entry.name.startswith(".")
        and entry.name != VOCABULARY_FILE
    ]
    problems = []
    if vocabulary not in entries:
        problems.append(Problem("vocabulary-missing", {}, shown))
    if not files:
        problems.append(Problem("no-rule-files", {}, shown))
    return (vocabulary if vocabulary in entries else None), files, problems


def cache_digest(path: Path) -> str | None:
    """The cache key of a rules directory: where it is, where we stand, and every file's bytes."""
    from allocator.cache import rules_digest

    vocabulary, files, problems = rule_files(path)
    if vocabulary is None or problems:
        return None
    try:
        where = f"{path.resolve()}\0{Path.cwd()}"
    except (OSError, RuntimeError):
        return None
    digest = rules_digest([vocabulary, *files])
    return None if digest is None else hashlib.sha256(f"{where}\0{digest}".encode()).hexdigest()
