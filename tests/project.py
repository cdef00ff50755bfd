"""A copy of this checkout for a test to edit as policy staff would: the rules, their schemas, the
specification, the README with its examples (and the data they read), the Makefile and its
scripts. `allocator check` treats the copy's rules/ as the project's own (schema/ and README.md
beside them), as it does this checkout's."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: What policy staff touch, and what the README's examples read (tests/data).
PARTS = ("rules", "schema", "features", "scripts", "README.md", "Makefile", "tests/data")


def copy_project(target: Path) -> Path:
    """A copy of the checkout's parts at `target` (made), returned."""
    for part in PARTS:
        source, destination = ROOT / part, target / part
        destination.parent.mkdir(parents=True, exist_ok=True)
        if source.is_dir():
            shutil.copytree(source, destination, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, destination)
    return target


def make(root: Path, *targets: str) -> subprocess.CompletedProcess[str]:
    """`make TARGET` in the copy `root`, with the virtual environment running the tests (never
    reinstalled: its stamp file is taken as up to date)."""
    venv = Path(sys.executable).parent.parent
    return subprocess.run(
        ["make", "--no-print-directory", "-o", f"{venv}/.installed-base", f"VENV={venv}", *targets],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
