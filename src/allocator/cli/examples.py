"""The README's console examples run as the README shows them: `$ allocator …` in the checkout, in
English, output and errors as one text, with what changes from run to run (fingerprints,
durations, rates) written `…`.

`allocator check` runs them on the project's own rules (allocator.staff.project), the README
test (tests/test_readme.py, through allocator.testing.console_output) and `make readme`
(scripts/update_readme_examples.py) compare or rewrite them with the same `normalise`.
"""

from __future__ import annotations

import contextlib
import os
import re
import shlex
import tempfile
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from pathlib import Path

from allocator.cli.inprocess import run_in_process

_FINGERPRINT = re.compile(r"sha256:[0-9a-f]{12,64}…?")
_SECONDS = re.compile(r"\b\d+\.\d+ s\b")
_RATE = re.compile(r"\b[\d,]+ cases/s\b")
#: Set while the README's examples run inside `allocator check`: a `check` among them does not
#: run them again.
RUNNING_EXAMPLES: ContextVar[bool] = ContextVar("allocator_running_examples", default=False)


def normalise(text: str) -> str:
    """`text` with fingerprints as `sha256:…`, durations as `… s` and rates as `… cases/s`."""
    text = _FINGERPRINT.sub("sha256:…", text)
    return _RATE.sub("… cases/s", _SECONDS.sub("… s", text))


def writes_files(command: str) -> bool:
    """Whether `allocator …` would write a file: such an example is never run by `check`."""
    words = command.split()
    return (
        "--output" in words
        or any(word.startswith("--output=") for word in words)
        or ("fmt" in words and "--check" not in words)
    )


@contextlib.contextmanager
def in_checkout(root: Path, rules: Path) -> Iterator[Callable[[str], str]]:
    """Run `allocator …` commands as in a shell in `root`, with the rules in force `rules` and a
    decision log of their own (removed afterwards): yields the runner, which returns the output as
    the README shows it."""
    previous = Path.cwd()
    token = RUNNING_EXAMPLES.set(True)
    with tempfile.TemporaryDirectory(prefix="allocator-examples-") as home:
        env = {
            "ALLOCATOR_LANG": "en",
            "ALLOCATOR_RULES": str(rules.resolve()),
            "ALLOCATOR_LOG": str(Path(home) / "decisions.jsonl"),
        }

        def run(command: str) -> str:
            args = shlex.split(command)
            result = run_in_process(args[1:], env)
            return normalise(result.stdout + result.stderr)

        os.chdir(root)
        try:
            yield run
        finally:
            os.chdir(previous)
            RUNNING_EXAMPLES.reset(token)
