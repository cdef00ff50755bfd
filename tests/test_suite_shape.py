"""The shape of the test suite: every test states what it expects.

A test function passes only on what it checks. One that merely runs code (no `assert`, no
`pytest.raises` or `pytest.warns`, no call of a helper named `assert_…` or `check_…`) passes
whatever the code answers, and reads as a claim it does not make.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TEST_FILES = sorted([*(ROOT / "tests").glob("test_*.py"), *(ROOT / "features").glob("test_*.py")])
#: Calls that state an expectation, besides `assert`.
EXPECTING = {"raises", "warns"}
HELPER_PREFIXES = ("assert_", "check_")


def functions_under_test(tree: ast.Module) -> Iterator[ast.FunctionDef | ast.AsyncFunctionDef]:
    """The test functions of a module, at its top level and in its Test classes."""
    for node in tree.body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name.startswith(
            "test"
        ):
            yield node
        elif isinstance(node, ast.ClassDef) and node.name.startswith("Test"):
            for item in node.body:
                if isinstance(
                    item, ast.FunctionDef | ast.AsyncFunctionDef
                ) and item.name.startswith("test"):
                    yield item


def own_nodes(function: ast.FunctionDef | ast.AsyncFunctionDef) -> Iterator[ast.AST]:
    """The nodes of `function`'s own body: not those of functions or classes defined in it, whose
    checks run only if something calls them."""
    nested = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)
    pending: list[ast.AST] = [node for node in function.body if not isinstance(node, nested)]
    while pending:
        node = pending.pop()
        yield node
        pending.extend(
            child for child in ast.iter_child_nodes(node) if not isinstance(child, nested)
        )


def called_name(call: ast.Call) -> str:
    function = call.func
    if isinstance(function, ast.Attribute):
        return function.attr
    if isinstance(function, ast.Name):
        return function.id
    return ""


def expects_something(function: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    for node in own_nodes(function):
        if isinstance(node, ast.Assert):
            return True
        if isinstance(node, ast.Call):
            name = called_name(node)
            if name.startswith(HELPER_PREFIXES):
                return True
            if name in EXPECTING and isinstance(node.func, ast.Attribute):
                owner = node.func.value
                if isinstance(owner, ast.Name) and owner.id == "pytest":
                    return True
    return False


def test_the_scan_tells_a_test_that_checks_from_one_that_only_runs() -> None:
    module = ast.parse(
        "import pytest\n"
        "def test_asserts(): assert 1\n"
        "def test_raises():\n    with pytest.raises(ValueError): int('x')\n"
        "def test_helper(): assert_same(1, 1)\n"
        "def test_runs(): int('1')\n"
        "def test_checks_only_in_a_function_never_called():\n"
        "    def inner(): assert False\n"
        "class TestGroup:\n    def test_method(self): print()\n"
    )
    verdicts = {
        function.name: expects_something(function) for function in functions_under_test(module)
    }
    assert verdicts == {
        "test_asserts": True,
        "test_raises": True,
        "test_helper": True,
        "test_runs": False,
        "test_checks_only_in_a_function_never_called": False,
        "test_method": False,
    }


@pytest.mark.parametrize("path", TEST_FILES, ids=lambda path: f"{path.parent.name}/{path.name}")
def test_every_test_function_states_an_expectation(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    silent = [
        f"{path.name}:{function.lineno} {function.name}"
        for function in functions_under_test(tree)
        if not expects_something(function)
    ]
    assert not silent, (
        "test functions that check nothing (add an assert, pytest.raises or pytest.warns, or "
        f"call a helper named assert_… or check_…): {', '.join(silent)}"
    )
