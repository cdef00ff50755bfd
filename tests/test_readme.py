"""The README tells the truth: every `$ allocator …` example gives exactly the output shown.

When an example drifts, `python scripts/update_readme_examples.py` rewrites it; read the diff.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from allocator.testing import console_output

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
EXAMPLES = [
    (block.partition("\n")[0][2:], block.partition("\n")[2])
    for block in re.findall(r"```console\n(.*?)```", README, flags=re.DOTALL)
]


def test_the_readme_opens_with_the_two_commands() -> None:
    head = README[: README.index("## Asking who leads")]
    assert "make demo" in head
    assert "make test" in head


def test_every_example_is_an_allocator_command() -> None:
    assert EXAMPLES
    assert all(command.startswith("allocator ") for command, _ in EXAMPLES)


@pytest.mark.parametrize(("command", "expected"), EXAMPLES, ids=[c for c, _ in EXAMPLES])
def test_console_example(command: str, expected: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    assert console_output(command) == expected
