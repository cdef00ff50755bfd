"""The shape of the code: no import cycle, every module importable on its own, and the layering
of pyproject.toml kept (`lint-imports`; `make lint` and `make test` run it too)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import grimp
import pytest

ROOT = Path(__file__).resolve().parent.parent
GRAPH = grimp.build_graph("allocator")  # function-level and TYPE_CHECKING imports included
MODULES = sorted(GRAPH.modules)


def _cycle() -> list[str] | None:
    """One import cycle among allocator's modules, if there is any."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(module: str) -> list[str] | None:
        state[module] = 1
        path.append(module)
        for imported in sorted(GRAPH.find_modules_directly_imported_by(module)):
            if state.get(imported) == 1:
                return [*path[path.index(imported) :], imported]
            if imported not in state and (found := visit(imported)):
                return found
        path.pop()
        state[module] = 2
        return None

    for module in MODULES:
        if module not in state and (found := visit(module)):
            return found
    return None


def test_no_import_cycle() -> None:
    cycle = _cycle()
    assert cycle is None, " -> ".join(cycle or [])


def test_the_layers_are_kept() -> None:
    result = subprocess.run(
        [str(Path(sys.executable).with_name("lint-imports"))],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout[-3000:]


@pytest.mark.slow
def test_every_module_imports_on_its_own() -> None:
    code = "import importlib, sys; importlib.import_module(sys.argv[1])"
    failed = []
    for module in MODULES:
        result = subprocess.run(
            [sys.executable, "-c", code, module], capture_output=True, text=True, timeout=60
        )
        if result.returncode != 0:
            failed.append(f"{module}: {result.stderr.strip().splitlines()[-1]}")
    assert not failed, "\n".join(failed)
