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


#: Imports each module named on its command line in a process of its own, forked from one in
#: which no module of allocator was ever imported (only the third-party packages allocator
#: depends on, so that no child imports them again); prints `module: error` for each failure.
IMPORT_EACH = """
import importlib, os, sys, traceback
for package in ("click", "durable_rules_engine", "gherkin", "platformdirs", "pydantic", "ruamel.yaml"):
    try:
        importlib.import_module(package)
    except ImportError:
        pass  # the child that needs it fails and says so
assert not [name for name in sys.modules if name.split(".")[0] == "allocator"]
for module in sys.argv[1:]:
    sys.stdout.flush()
    child = os.fork()
    if child == 0:
        try:
            importlib.import_module(module)
        except BaseException:
            last = traceback.format_exc().strip().splitlines()[-1]
            os.write(1, f"{module}: {last}\\n".encode())
            os._exit(1)
        os._exit(0)
    _, status = os.waitpid(child, 0)
    if status != 0 and not os.WIFEXITED(status):
        print(f"{module}: the import killed the process (status {status})")
"""


@pytest.mark.slow
def test_every_module_imports_on_its_own() -> None:
    result = subprocess.run(
        [sys.executable, "-c", IMPORT_EACH, *MODULES], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr[-3000:]
    failed = result.stdout.strip()
    assert not failed, failed
