"""The `allocator` command: the fast path for a plain `decide`, else the full command line."""

from __future__ import annotations

import sys
from typing import Any


def main(argv: list[str] | None = None) -> Any:
    args = sys.argv[1:] if argv is None else argv
    if args[:1] == ["decide"] or (args[:1] == ["--lang"] and args[2:3] == ["decide"]):
        from allocator import fastpath

        status = fastpath.run(args)
        if status is not None:
            return sys.exit(status)
    from allocator.cli import main as full

    return full(args)
