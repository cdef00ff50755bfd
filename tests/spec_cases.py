"""Read the cases the specification describes, straight from the .feature files (outlines expanded)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from gherkin.parser import Parser

FEATURES = Path(__file__).resolve().parent.parent / "features"

_CASE = re.compile(
    r'a case about "(?P<topic>[^"]*)" in "(?P<location>[^"]*)" involving an? "(?P<actor>[^"]*)"'
)
_TARGET = re.compile(r'the target is "(?P<target>[^"]*)"')
_FLAGS = re.compile(r'the case is flagged "(?P<flags>[^"]*)"')


@dataclass
class SpecCase:
    """One case a scenario (or one Examples row of an outline) asks about."""

    feature: str
    scenario: str
    case: dict[str, Any]
    steps: list[str] = field(default_factory=list)


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


def spec_cases(folder: Path = FEATURES) -> list[SpecCase]:
    found: list[SpecCase] = []
    for path in sorted(folder.rglob("*.feature")):
        document = Parser().parse(path.read_text(encoding="utf-8"))
        for scenario in _scenarios(document):
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
                if case:
                    found.append(SpecCase(path.name, scenario["name"], case, steps))
    return found
