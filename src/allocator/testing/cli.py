"""Run the command line in-process, through its real entry point and error boundary (for tests)."""

from __future__ import annotations

import json
import shlex
from collections.abc import Mapping, Sequence
from typing import Any

from click.testing import CliRunner, Result

from allocator.cli.examples import normalise
from allocator.cli.group import main


class _EntryPoint:
    """Lets click's CliRunner drive `allocator.cli.group.main` (the error boundary) rather than the
    bare click group."""

    name = "allocator"

    def main(self, args: Sequence[str], prog_name: str | None = None, **_: Any) -> Any:
        return main(list(args))


def run_cli(
    args: Sequence[str], env: Mapping[str, str] | None = None, input: str | None = None
) -> Result:
    """`allocator ARGS` with `env` added to the environment; returns exit code, stdout and stderr."""
    entry: Any = _EntryPoint()
    return CliRunner().invoke(
        entry, list(args), env=dict(env or {}), input=input, catch_exceptions=False
    )


def run_json(*args: str, env: Mapping[str, str] | None = None) -> tuple[int, Any]:
    """`allocator ARGS --format json` in English: the exit code and the one JSON document printed."""
    result = run_cli([*args, "--format", "json"], {"ALLOCATOR_LANG": "en", **(env or {})})
    return result.exit_code, json.loads(result.stdout)


def console_output(command: str) -> str:
    """What `$ allocator …` prints (stdout then stderr) in English; fingerprints become `sha256:…`,
    durations `… s` and rates `… cases/s`, which change from run to run.

    The form of the README's console examples, which tests/test_readme.py keeps true.
    """
    args = shlex.split(command)
    assert args[0] == "allocator", command
    result = run_cli(args[1:], {"ALLOCATOR_LANG": "en"})
    return normalise(result.stdout + result.stderr)
