"""The `allocator` command: the fast path for a plain `decide`, else the full command line.

Standard output is guarded for both (allocator.cli.output): a reader gone away ends the command
quietly (exit 141), any other failure to write is a clear error (exit 74).
"""

from __future__ import annotations

import sys

from allocator.cli import fast
from allocator.cli.output import guard_stdout, lang_from_argv, report_output_failure
from allocator.errors import OutputFailed

TYPE_CHECKING = False  # typing is not imported at run time (start-up)
if TYPE_CHECKING:
    from typing import Any


def main(argv: list[str] | None = None) -> Any:
    args = sys.argv[1:] if argv is None else argv
    previous = guard_stdout()
    try:
        if args[:1] == ["decide"] or (args[:1] == ["--lang"] and args[2:3] == ["decide"]):
            status = fast.run(args)
            if status is not None:
                sys.stdout.flush()
                return sys.exit(status)
        # Lazy: click, pydantic and the YAML parser only when the fast path hands over (the
        # import contract of the fast path exempts this one import).
        from allocator.cli.group import main as full

        return full(args)
    except OutputFailed as failure:
        return sys.exit(report_output_failure(failure, lang_from_argv(args)))
    finally:
        sys.stdout = previous
