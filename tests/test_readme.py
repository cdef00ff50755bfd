"""The README tells the truth: every `$ allocator …` example gives exactly the output shown."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from allocator.testing import run_cli

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
FINGERPRINT = re.compile(r"sha256:[0-9a-f]{64}")


def console_examples() -> list[tuple[str, str]]:
    examples = []
    for block in re.findall(r"```console\n(.*?)```", README, flags=re.DOTALL):
        command, _, output = block.partition("\n")
        assert command.startswith("$ allocator "), command
        examples.append((command[2:], output))
    return examples


EXAMPLES = console_examples()


def test_the_readme_opens_with_the_two_commands() -> None:
    head = README[: README.index("## Asking who leads")]
    assert "make demo" in head
    assert "make test" in head


@pytest.mark.parametrize(("command", "expected"), EXAMPLES, ids=[c for c, _ in EXAMPLES])
def test_console_example(command: str, expected: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    result = run_cli(shlex.split(command)[1:], {"ALLOCATOR_LANG": "en"})
    actual = FINGERPRINT.sub("sha256:…", result.stdout + result.stderr)
    assert actual == expected
