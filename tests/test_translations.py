"""No user-facing string lacks a translation: the code, the rules and the messages at run time."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from allocator.desk.service import Allocator
from allocator.model import Labels
from allocator.testing import run_cli
from tests.conftest import LONE_ACTOR

SOURCE = Path(__file__).resolve().parent.parent / "src" / "allocator"
#: Calls whose first argument reaches the user as text.
USER_FACING = {"echo", "secho", "prompt", "UsageError", "BadParameter", "ClickException", "fail"}
#: Words that are names, the same in every language.
NAMES = {"allocator", "allocator:"}


def _words(node: ast.expr) -> list[str]:
    """The literal words in a str constant or an f-string (placeholders excluded)."""
    parts: list[str] = []
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        parts.append(node.value)
    elif isinstance(node, ast.JoinedStr):
        parts += [
            v.value for v in node.values if isinstance(v, ast.Constant) and isinstance(v.value, str)
        ]
    words = (word for part in parts for word in part.replace("\\n", " ").split())
    return [word for word in words if sum(c.isalpha() for c in word) >= 2 and word not in NAMES]


def test_no_text_reaches_the_user_without_the_message_catalogue() -> None:
    offenders = []
    for path in sorted(SOURCE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            name = (
                node.func.attr
                if isinstance(node.func, ast.Attribute)
                else getattr(node.func, "id", "")
            )
            if name in USER_FACING and _words(node.args[0]):
                offenders.append(
                    f"{path.relative_to(SOURCE)}:{node.lineno}: {' '.join(_words(node.args[0]))}"
                )
    assert not offenders, "user-facing text outside allocator.messages:\n" + "\n".join(offenders)


def test_every_rule_title_and_description_is_trilingual(shipped: Allocator) -> None:
    missing = [
        f"{rule.id}.{part}"
        for rule in shipped.policy.rules
        for part in ("title", "description")
        if not isinstance(getattr(rule, part), Labels)
    ]
    assert not missing


@pytest.mark.parametrize(
    ("args", "stdin"),
    [
        (["decide", "--topic", "terrorsm", "--location", "belgium", "--actor", "lone-actor"], None),
        (["decide", "--topik", "terrorism"], None),
        (
            [
                *LONE_ACTOR,
                "--format",
                "xml",
            ],
            None,
        ),
        (["decide", "--location", "belgium"], None),
        (["rules", "--rules", "/nonexistent/rules"], None),
        (["rules", "--rules", "tests/data/broken-rules"], None),
        (["batch", "--no-log"], '{"topic": "x"}\nnot json\n'),
        (["log", "--since", "someday"], None),
        (["frobnicate"], None),
    ],
    ids=[
        "unknown-value",
        "unknown-option",
        "bad-choice",
        "missing",
        "no-rules",
        "broken-rules",
        "batch",
        "bad-date",
        "no-command",
    ],
)
def test_errors_speak_each_language(
    args: list[str], stdin: str | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(SOURCE.parent.parent)
    outputs = {}
    for lang in ("en", "nl", "fr"):
        result = run_cli(["--lang", lang, *args], input=stdin)
        assert result.exit_code in {2, 3}, (lang, result.stdout, result.stderr)
        outputs[lang] = result.stdout + result.stderr
    assert outputs["nl"] != outputs["en"]
    assert outputs["fr"] != outputs["en"]
    assert outputs["nl"] != outputs["fr"]
