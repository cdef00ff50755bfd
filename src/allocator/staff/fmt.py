"""`allocator fmt`: the rule files and the feature files in their canonical layout.

Which files: the ones named, or in the directories named (a directory's rule files, as allocator
reads a rules directory, and the feature files anywhere below it, as the specification is read);
by default the rules in force and the features/ directory beside them. The layout itself is
allocator.load.layout's (rule files, the vocabulary) and allocator.staff.feature_layout's (Gherkin).

A file is read once, bounded, as the loader reads a rule file. One that cannot be read or parsed
is reported at file:line:col and left alone; the others are still formatted. A file is written
only when its layout changes, atomically (a temporary file beside it, then a rename over it: a
reader sees the old file or the new one, never half of one), with the permissions it had, and
only if it still holds what was read.
"""

from __future__ import annotations

import contextlib
import difflib
import os
import stat
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from allocator.errors import Problem
from allocator.load.files import MAX_RULE_FILE_BYTES, VOCABULARY_FILE, read_bounded, read_file
from allocator.load.layout import LayoutChangesMeaning, layout_yaml
from allocator.staff.feature_layout import layout_feature

RULE_SUFFIXES = (".yaml", ".yml")
FEATURE_SUFFIX = ".feature"


def kind_of(path: Path) -> str | None:
    """`vocabulary`, `rules` or `feature`: the layout a file takes (None: not one of ours)."""
    if path.suffix == FEATURE_SUFFIX:
        return "feature"
    if path.suffix in RULE_SUFFIXES:
        return "vocabulary" if path.name == VOCABULARY_FILE else "rules"
    return None


def default_paths(rules: Path) -> list[Path]:
    """The rules directory, and the features/ directory beside it when there is one."""
    beside = rules.resolve().parent / "features"
    return [rules, beside] if beside.is_dir() else [rules]


def files_to_format(paths: Iterable[Path]) -> tuple[list[Path], list[Path]]:
    """The files to lay out, in order and each once, and the files named that are not ours."""
    found: list[Path] = []
    refused: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(
                entry
                for entry in path.iterdir()
                if entry.suffix in RULE_SUFFIXES and not entry.name.startswith(".")
            )
            found += sorted(
                entry
                for entry in path.rglob(f"*{FEATURE_SUFFIX}")
                if not any(part.startswith(".") for part in entry.relative_to(path).parts)
            )
        elif kind_of(path) is None:
            refused.append(path)
        else:
            found.append(path)
    unique: dict[str, Path] = {}
    for path in found:
        unique.setdefault(os.path.realpath(path), path)
    return list(unique.values()), refused


@dataclass(frozen=True)
class FileLayout:
    """One file: what was read, its canonical text, and why there is none."""

    path: Path
    shown: str
    before: bytes | None
    after: str | None
    problems: tuple[Problem, ...] = ()
    unsafe: bool = False

    @property
    def failed(self) -> bool:
        """The file could not be read or parsed (see problems)."""
        return bool(self.problems)

    @property
    def changed(self) -> bool:
        return self.after is not None and self.after.encode("utf-8") != self.before

    def diff(self) -> str:
        """What the layout changes, as a unified diff (a/ and b/ the file's path)."""
        if not self.changed or self.before is None or self.after is None:
            return ""
        before = self.before.removeprefix(b"\xef\xbb\xbf").decode("utf-8", "replace")
        lines = difflib.unified_diff(
            before.splitlines(keepends=True),
            self.after.splitlines(keepends=True),
            f"a/{self.shown}",
            f"b/{self.shown}",
        )
        return "".join(line if line.endswith("\n") else line + "\n" for line in lines)


def lay_out(path: Path) -> FileLayout:
    """The canonical layout of one file (nothing is written)."""
    read = read_file(path)
    if read.data is None:
        assert read.problem is not None
        return FileLayout(path, read.shown, None, None, (read.problem,))
    kind = kind_of(path)
    try:
        if kind == "feature":
            after, problems = layout_feature(read.data, read.shown)
        else:
            after, problems = layout_yaml(read.data, read.shown, vocabulary=kind == "vocabulary")
    except LayoutChangesMeaning:
        return FileLayout(path, read.shown, read.data, None, unsafe=True)
    return FileLayout(path, read.shown, read.data, after, tuple(problems))


def lay_out_all(paths: Sequence[Path]) -> list[FileLayout]:
    return [lay_out(path) for path in paths]


class ChangedMeanwhile(Exception):
    """The file no longer holds what was read: someone saved it in between."""


def write_atomically(layout: FileLayout) -> None:
    """Replace the file by its canonical text: a temporary file in the same directory, with the
    file's permissions (and owner, where allowed), synced, then renamed over the file (over the
    target of a symbolic link, which stays a link). Raises ChangedMeanwhile, or OSError."""
    assert layout.after is not None
    target = Path(os.path.realpath(layout.path))
    current, _, _, reason = read_bounded(target, MAX_RULE_FILE_BYTES)
    if reason is not None:
        raise OSError(reason)
    if current != layout.before:
        raise ChangedMeanwhile(layout.shown)
    found = os.stat(target)
    fd, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(layout.after.encode("utf-8"))
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, stat.S_IMODE(found.st_mode))
        made = os.stat(temporary)
        if (made.st_uid, made.st_gid) != (found.st_uid, found.st_gid):
            with contextlib.suppress(OSError):
                os.chown(temporary, found.st_uid, found.st_gid)
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    _sync_directory(target.parent)


def _sync_directory(directory: Path) -> None:
    """Make the rename durable (where the system allows a directory to be synced)."""
    with contextlib.suppress(OSError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
