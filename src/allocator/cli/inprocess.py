"""The command line run in-process: what `allocator spec` runs a scenario's `When the duty officer
runs "allocator …"` with, in a fraction of the time a process would take.

The command is the `allocator` console script, looked up by its entry point as the shell finds it
(allocator.cli.entry:main: the fast path, else the click group behind its error boundary). It is
looked up when a scenario runs, not imported: the group imports every command, `spec` among them,
and an import of the group from here would close a cycle (tests/test_layers.py).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from functools import cache
from importlib.metadata import entry_points
from typing import Any

from click.testing import CliRunner, Result


@cache
def _console_script() -> Callable[[list[str]], Any]:
    (script,) = entry_points(group="console_scripts", name="allocator")
    main: Callable[[list[str]], Any] = script.load()
    return main


class _EntryPoint:
    """Lets click's CliRunner drive the console script (its error boundary included)."""

    name = "allocator"

    def main(self, args: Sequence[str], prog_name: str | None = None, **_: Any) -> Any:
        return _console_script()(list(args))


def run_in_process(
    args: Sequence[str], env: Mapping[str, str] | None = None, input: str | None = None
) -> Result:
    """`allocator ARGS` with `env` added to the environment; returns exit code, stdout and stderr."""
    entry: Any = _EntryPoint()
    return CliRunner().invoke(
        entry, list(args), env=dict(env or {}), input=input, catch_exceptions=False
    )
