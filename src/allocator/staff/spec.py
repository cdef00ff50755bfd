"""The cases the specification describes, read from the .feature files (outlines expanded).

A scenario describes a case with the sentences below ("Given a case about … in … involving …",
"And the target is …", "And the case is flagged …") or runs `allocator decide --topic …` on the
command line; both are read here, so `allocator coverage` knows what the specification exercises
without running it, with the patterns of the sentences themselves (allocator.staff.steps).
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from gherkin.parser import Parser

from allocator.model import REQUIRED_ATTRIBUTES
from allocator.option_table import CASE_OPTIONS, parse_decide
from allocator.staff.steps import CASE_STEP, FLAGS_STEP, RUNS_STEP, TARGET_STEP

_CASE = re.compile(CASE_STEP)
_TARGET = re.compile(TARGET_STEP)
_FLAGS = re.compile(FLAGS_STEP)
_RUNS = re.compile(RUNS_STEP)
_DECIDE = "allocator decide "

__all__ = [
    "CASE_STEP",
    "FLAGS_STEP",
    "RUNS_STEP",
    "TARGET_STEP",
    "SpecCase",
    "Specification",
    "read_specification",
    "spec_cases",
]

_QUOTED = re.compile(r'"([^"]+)"')


@dataclass
class SpecCase:
    """One case a scenario (or one Examples row of an outline) asks about."""

    feature: str
    scenario: str
    case: dict[str, Any]
    steps: list[str] = field(default_factory=list)


@dataclass
class Specification:
    files: list[Path]
    scenarios: int
    cases: list[SpecCase]
    words: set[str]

    def names(self, rule_id: str) -> bool:
        """Whether some scenario names `rule_id` (quoted, in a list, or in a table cell)."""
        return rule_id in self.words


def _fill(text: str, row: dict[str, str]) -> str:
    for name, value in row.items():
        text = text.replace(f"<{name}>", value)
    return text


def _scenarios(document: dict[str, Any]) -> Iterator[dict[str, Any]]:
    for child in document["feature"]["children"]:
        if "scenario" in child:
            yield child["scenario"]
        elif "rule" in child:
            for inner in child["rule"]["children"]:
                if "scenario" in inner:
                    yield inner["scenario"]


def _from_command(command: str) -> dict[str, Any]:
    """The case an `allocator decide …` command line asks about ({} when it names no whole case)."""
    options = parse_decide(shlex.split(command)[2:], lenient=True) or {}
    case = {key: options[key] for key in CASE_OPTIONS if key in options}
    return case if case.keys() >= set(REQUIRED_ATTRIBUTES) else {}


def _words(text: str) -> set[str]:
    words = set(_QUOTED.findall(text))
    for line in text.splitlines():
        if line.strip().startswith("|"):
            words.update(cell.strip() for cell in line.strip().strip("|").split("|"))
    named: set[str] = set()
    for word in words:
        named.update(part.strip() for part in word.split(","))
    return named


def read_specification(folder: Path) -> Specification:
    """Every scenario case of the feature files below `folder`."""
    files = sorted(folder.rglob("*.feature"))
    cases: list[SpecCase] = []
    words: set[str] = set()
    scenarios = 0
    for path in files:
        text = path.read_text(encoding="utf-8")
        words |= _words(text)
        document: Any = Parser().parse(text)
        for scenario in _scenarios(document):
            scenarios += 1
            rows: list[dict[str, str]] = [{}]
            if scenario.get("examples"):
                rows = []
                for examples in scenario["examples"]:
                    header = [cell["value"] for cell in examples["tableHeader"]["cells"]]
                    for body in examples.get("tableBody", []):
                        rows.append(
                            dict(zip(header, (c["value"] for c in body["cells"]), strict=True))
                        )
            for row in rows:
                steps = [_fill(step["text"], row) for step in scenario["steps"]]
                case: dict[str, Any] = {}
                for step in steps:
                    if match := _CASE.search(step):
                        case.update(match.groupdict())
                    elif (match := _TARGET.search(step)) and match["target"].strip() not in {
                        "",
                        "-",
                    }:
                        case["target"] = match["target"].strip()
                    elif match := _FLAGS.search(step):
                        case["flags"] = [f.strip() for f in match["flags"].split(",") if f.strip()]
                    elif (match := _RUNS.search(step)) and match["command"].startswith(_DECIDE):
                        case.update(_from_command(match["command"]))
                if case:
                    cases.append(SpecCase(path.name, scenario["name"], case, steps))
    return Specification(files, scenarios, cases, words)


def spec_cases(folder: Path) -> list[SpecCase]:
    return read_specification(folder).cases
