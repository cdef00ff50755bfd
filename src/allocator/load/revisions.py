"""A rule set named on the command line: a rules directory, or a git revision of the rules in force."""

from __future__ import annotations

import io
import os
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from allocator.errors import ArgumentError, Problem, RuleSetError
from allocator.load.files import default_rules_dir, display_path
from allocator.load.policy import load_policy
from allocator.model import Policy
from allocator.record import replace


@dataclass
class RuleSource:
    """Where a rule set comes from, and the directory that holds it now."""

    label: str
    directory: Path
    keep: tempfile.TemporaryDirectory[str] | None = None
    #: The revision as named on the command line (None for a directory).
    revision: str | None = None

    def close(self) -> None:
        if self.keep is not None:
            self.keep.cleanup()

    def shown(self, text: str) -> str:
        """A path of this rule set (or a text naming one) as a reader can find it again: a file of a
        revision as git names it (`HEAD~1:rules/crime.yaml`), never the temporary copy it was read
        from; a file of a directory as it is."""
        if self.keep is None or self.revision is None:
            return text
        top = self.keep.name
        roots = {top, os.path.realpath(top), display_path(Path(top))}
        for root in sorted(roots, key=len, reverse=True):  # the longest first: one may hold another
            text = text.replace(root + os.sep, f"{self.revision}:")
        return text

    def load(self) -> Policy:
        """The policy of this rule set; its problems, if invalid, name the files as `shown` does."""
        try:
            return load_policy(self.directory)
        except RuleSetError as exc:
            if self.keep is None:
                raise
            raise RuleSetError([self._relabelled(p) for p in exc.problems]) from None

    def _relabelled(self, problem: Problem) -> Problem:
        params: dict[str, Any] = {
            key: self.shown(value) if isinstance(value, str) else value
            for key, value in problem.params.items()
        }
        path = self.shown(problem.path) if problem.path is not None else None
        return replace(problem, path=path, params=params)


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
        raise ArgumentError("not-rules-or-revision", value=spec, path=display_path(in_force))
    root, inside = found
    commit = _git(root, "rev-parse", "--verify", "--quiet", f"{spec}^{{commit}}")
    if commit.returncode != 0:
        raise ArgumentError("not-rules-or-revision", value=spec, path=display_path(in_force))
    sha = commit.stdout.decode().strip()
    archive = _git(root, "archive", "--format=tar", sha, inside)
    if archive.returncode != 0:
        raise ArgumentError("revision-without-rules", value=spec, path=inside)
    keep = tempfile.TemporaryDirectory(prefix="allocator-rules-")
    try:
        with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
            _extract(tar, Path(keep.name), spec, inside)
    except BaseException:
        keep.cleanup()
        raise
    return RuleSource(f"{spec} ({sha[:10]})", Path(keep.name) / inside, keep, spec)


def _read_as_rules(name: str, inside: str) -> bool:
    """Whether the loader reads the archive member `name`: a YAML file right in the rules directory."""
    path = PurePosixPath(name)
    return (
        str(path.parent) == inside
        and path.suffix in {".yaml", ".yml"}
        and not path.name.startswith(".")
    )


def _extract(tar: tarfile.TarFile, target: Path, spec: str, inside: str) -> None:
    """Extract the rules of a revision, never a link out of it.

    A committed symbolic link to an absolute path (or one climbing out with `..`) has no content
    in the revision: the rule set of that revision cannot be rebuilt from git alone. Such a link
    in place of a rule file is an invalid rule set (exit 3, the link named); anywhere else the
    loader never reads it, and it is left out.
    """
    root = os.path.realpath(target)
    members = []
    for member in tar.getmembers():
        if member.issym() or member.islnk():
            base = os.path.dirname(member.name) if member.issym() else ""
            resolved = os.path.realpath(os.path.join(root, base, member.linkname))
            if os.path.isabs(member.linkname) or os.path.commonpath([root, resolved]) != root:
                if _read_as_rules(member.name, inside):
                    raise RuleSetError(
                        [
                            Problem(
                                "revision-link-outside",
                                {"path": member.name, "value": spec, "target": member.linkname},
                                member.name,
                            )
                        ]
                    )
                continue
        members.append(member)
    try:
        tar.extractall(target, members=members, filter="data")
    except TypeError:  # Python before 3.11.4 has no extraction filters; links are checked above
        tar.extractall(target, members=members)
    except tarfile.FilterError as exc:  # anything else the data filter refuses
        name = getattr(getattr(exc, "tarinfo", None), "name", "?")
        raise RuleSetError(
            [
                Problem(
                    "revision-link-outside",
                    {"path": name, "value": spec, "target": str(exc)},
                    name,
                )
            ]
        ) from None
