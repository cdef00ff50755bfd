"""A rule set named on the command line: a rules directory, or a git revision of the rules in force."""

from __future__ import annotations

import io
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

from allocator.errors import CaseError, Problem
from allocator.paths import default_rules_dir, display_path


@dataclass
class RuleSource:
    """Where a rule set comes from, and the directory that holds it now."""

    label: str
    directory: Path
    keep: tempfile.TemporaryDirectory[str] | None = None

    def close(self) -> None:
        if self.keep is not None:
            self.keep.cleanup()


def _git(repo: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, check=False)


def _repository(rules: Path) -> tuple[Path, str] | None:
    """The git checkout holding `rules`, and the path of `rules` inside it."""
    try:
        top = _git(rules, "rev-parse", "--show-toplevel")
    except OSError:
        return None
    if top.returncode != 0:
        return None
    root = Path(top.stdout.decode().strip())
    try:
        inside = rules.resolve().relative_to(root.resolve())
    except (ValueError, OSError, RuntimeError):
        return None
    return root, inside.as_posix()


def open_rules(spec: str, rules_in_force: Path | None = None) -> RuleSource:
    """`spec` as a directory if it is one, else as a git revision (`HEAD~1`, a branch, a tag)."""
    path = Path(spec)
    if path.is_dir():
        return RuleSource(display_path(path), path)
    in_force = rules_in_force or default_rules_dir()
    found = _repository(in_force) if in_force.is_dir() else None
    if found is None:
        raise CaseError(
            [Problem("not-rules-or-revision", {"value": spec, "path": display_path(in_force)})]
        )
    root, inside = found
    commit = _git(root, "rev-parse", "--verify", "--quiet", f"{spec}^{{commit}}")
    if commit.returncode != 0:
        raise CaseError(
            [Problem("not-rules-or-revision", {"value": spec, "path": display_path(in_force)})]
        )
    sha = commit.stdout.decode().strip()
    archive = _git(root, "archive", "--format=tar", sha, inside)
    if archive.returncode != 0:
        raise CaseError([Problem("revision-without-rules", {"value": spec, "path": inside})])
    keep = tempfile.TemporaryDirectory(prefix="allocator-rules-")
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        try:
            tar.extractall(keep.name, filter="data")
        except (
            TypeError
        ):  # Python before 3.11.4 has no extraction filters; git archive output is plain files
            tar.extractall(keep.name)
    return RuleSource(f"{spec} ({sha[:10]})", Path(keep.name) / inside, keep)
