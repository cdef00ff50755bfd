"""Where the rules are, and their bytes read safely from disk (no heavy imports).

Every rule file is read once, into memory, by `read_rules`: its digest (the key of the compiled
rule set in allocator.store) and its parsing (allocator.load.rules) both use those very bytes, so a file
saved in between can never be compiled under another file's key. Only regular files are read (a
FIFO would block every command, `/dev/zero` would never end), after symbolic links are resolved,
and never more than the size a rule file may have.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from allocator.digest import hasher
from allocator.errors import Problem
from allocator.record import record

VOCABULARY_FILE = "vocabulary.yaml"
#: The most a rule file may hold (the YAML reader refuses more, with the same message).
MAX_RULE_FILE_BYTES = 1_000_000
_CHUNK = 1 << 16


def default_rules_dir() -> Path:
    """The rules in force: $ALLOCATOR_RULES, else the rules installed with allocator, else the checkout's."""
    env = os.environ.get("ALLOCATOR_RULES")
    if env:
        return Path(env)
    here = Path(__file__).resolve().parent.parent  # the allocator package (this is allocator/load/)
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


def _kind(mode: int) -> str:
    """What a file that is not a regular file is (a message key: kind-fifo, …)."""
    if stat.S_ISDIR(mode):
        return "directory"
    if stat.S_ISFIFO(mode):
        return "fifo"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "device"
    if stat.S_ISSOCK(mode):
        return "socket"
    return "special-file"


def read_bounded(path: Path, limit: int) -> tuple[bytes | None, int, str | None, str | None]:
    """The bytes of `path` if it is a regular file (symbolic links resolved) of at most `limit` bytes.

    Returns (data, size, kind, reason): data is None when the file is not read; then `kind` names
    what it is when not a regular file, `reason` the error when it cannot be read, and `size` is
    the size found when it is too large. Never blocks on a FIFO, never reads past `limit` + 1 bytes.
    """
    try:
        found = os.stat(path)  # follows symbolic links: what would be read
    except OSError as exc:
        return None, 0, None, exc.strerror or str(exc)
    if not stat.S_ISREG(found.st_mode):
        return None, 0, _kind(found.st_mode), None
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        fd = os.open(path, flags | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        return None, 0, None, exc.strerror or str(exc)
    try:
        opened = os.fstat(fd)
        if not stat.S_ISREG(opened.st_mode):  # replaced between the two looks
            return None, 0, _kind(opened.st_mode), None
        if opened.st_size > limit:
            return None, opened.st_size, None, None
        chunks: list[bytes] = []
        total = 0
        while total <= limit:
            chunk = os.read(fd, min(_CHUNK, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
    except OSError as exc:
        return None, 0, None, exc.strerror or str(exc)
    finally:
        os.close(fd)
    if total > limit:  # it grew while read
        return None, total, None, None
    return b"".join(chunks), total, None, None


@record
class RuleFileBytes:
    """One rule file as read: its path, the path shown in messages, and its bytes (None: see problem)."""

    path: Path
    shown: str
    data: bytes | None
    problem: Problem | None = None


@record
class RulesOnDisk:
    """The rule files of a directory, each read once, with the problems that stop the reading."""

    directory: Path
    vocabulary: RuleFileBytes | None
    files: tuple[RuleFileBytes, ...]
    problems: tuple[Problem, ...]

    def entries(self) -> tuple[RuleFileBytes, ...]:
        """The vocabulary file (if found), then the rule files."""
        return (self.vocabulary, *self.files) if self.vocabulary is not None else self.files

    @property
    def complete(self) -> bool:
        """Every file was read (nothing stops the parsing of all of them)."""
        return (
            self.vocabulary is not None
            and not self.problems
            and all(f.data is not None for f in (self.vocabulary, *self.files))
        )

    def digest(self, salt: str) -> str | None:
        """A digest of the names and bytes read (and `salt`); None unless every file was read."""
        if not self.complete or self.vocabulary is None:
            return None
        digest = hasher(salt.encode() + b"\0")
        for entry in (self.vocabulary, *self.files):
            assert entry.data is not None
            name = entry.path.name.encode("utf-8", "surrogateescape")
            digest.update(b"%d:%s\0%d:" % (len(name), name, len(entry.data)))
            digest.update(entry.data)
        return digest.hexdigest()


def read_file(path: Path, shown: str | None = None) -> RuleFileBytes:
    """One rule file, read once and bounded; a problem (positioned at the file) when it cannot be."""
    shown = display_path(path) if shown is None else shown
    data, size, kind, reason = read_bounded(path, MAX_RULE_FILE_BYTES)
    if data is not None:
        return RuleFileBytes(path, shown, data)
    if kind is not None:
        problem = Problem("not-a-regular-file", {"kind": kind}, shown)
    elif reason is not None:
        problem = Problem("unreadable", {"reason": reason}, shown)
    else:
        problem = Problem("file-too-large", {"size": size, "limit": MAX_RULE_FILE_BYTES}, shown)
    return RuleFileBytes(path, shown, None, problem)


def read_rules(directory: Path) -> RulesOnDisk:
    """Every rule file of `directory`, read once into memory (see the module's docstring)."""
    vocabulary_path, paths, problems = rule_files(directory)
    vocabulary = read_file(vocabulary_path) if vocabulary_path is not None else None
    files = tuple(read_file(path) for path in paths)
    return RulesOnDisk(directory, vocabulary, files, tuple(problems))
