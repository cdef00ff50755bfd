"""Rewrite the output of every `$ allocator …` example in README.md from the tool itself.

tests/test_readme.py fails when an example drifts from what allocator prints; run this, read
the diff, and commit it with the change that caused it:

    .venv/bin/python scripts/update_readme_examples.py
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from allocator.testing import console_output

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = re.compile(r"```console\n(.*?)```", flags=re.DOTALL)


def refresh(match: re.Match[str]) -> str:
    command = match.group(1).partition("\n")[0]
    return f"```console\n{command}\n{console_output(command[2:])}```"


def main() -> None:
    os.chdir(ROOT)  # examples show paths relative to the checkout
    readme = ROOT / "README.md"
    readme.write_text(EXAMPLE.sub(refresh, readme.read_text(encoding="utf-8")), encoding="utf-8")


if __name__ == "__main__":
    main()
