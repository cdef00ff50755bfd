"""Align the columns of every Examples and data table in features/*.feature, in place.

Policy staff review the tables as decision tables; aligned columns make them readable.

    .venv/bin/python scripts/format_features.py [FILE ...]
"""

from __future__ import annotations

import sys
from pathlib import Path

FEATURES = Path(__file__).resolve().parent.parent / "features"


def _cells(line: str) -> list[str]:
    return [cell.strip() for cell in line.strip()[1:-1].split("|")]


def align(text: str) -> str:
    lines = text.split("\n")
    out: list[str] = []
    index = 0
    while index < len(lines):
        if not lines[index].strip().startswith("|"):
            out.append(lines[index])
            index += 1
            continue
        block = []
        while index < len(lines) and lines[index].strip().startswith("|"):
            block.append(lines[index])
            index += 1
        indent = block[0][: len(block[0]) - len(block[0].lstrip())]
        rows = [_cells(line) for line in block]
        widths = [
            max(len(row[col]) for row in rows if col < len(row))
            for col in range(max(map(len, rows)))
        ]
        for row in rows:
            padded = [cell.ljust(widths[col]) for col, cell in enumerate(row)]
            out.append(f"{indent}| {' | '.join(padded)} |")
    return "\n".join(out)


def main(paths: list[str]) -> None:
    files = [Path(p) for p in paths] or sorted(FEATURES.rglob("*.feature"))
    for path in files:
        text = path.read_text(encoding="utf-8")
        aligned = align(text)
        if aligned != text:
            path.write_text(aligned, encoding="utf-8")
            print(f"aligned {path.name}")


if __name__ == "__main__":
    main(sys.argv[1:])
