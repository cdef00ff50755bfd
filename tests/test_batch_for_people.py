"""`allocator batch --format csv` for the people who read it: each line repeats the case it
decides (as read, even on an error line), and `--labels` writes labels and headers in the chosen
language instead of ids, every cell still safe to open in a spreadsheet."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from allocator.desk.batch import CSV_COLUMNS
from allocator.i18n import t
from allocator.load.policy import load_policy
from allocator.testing import run_cli
from tests.helpers import SHIPPED

EN = {"ALLOCATOR_LANG": "en"}
HEADER = [
    "line",
    "id",
    "topic",
    "location",
    "actor",
    "target",
    "flags",
    "outcome",
    "lead",
    "partners",
    "consultation",
    "competent",
    "competence",
    "rules",
    "ruleset",
    "error",
]
CSV_INPUT = (
    "topic,location,actor,target,flags,id\n"
    "terrorism,belgium,lone-actor,,imminent|offence-indicated,x1\n"
    "criminal-organisation,belgium,criminal-organisation,,,x2\n"
    "proliferation,belgum,company,,goods-transfer disputed,x3\n"
)


def batch(*args: str, input: str) -> Any:
    return run_cli(["batch", "--no-log", *args], EN, input=input)


def rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def case_of(row: dict[str, str]) -> list[str]:
    return [row[key] for key in ("topic", "location", "actor", "target", "flags")]


def test_the_header_puts_the_case_between_the_id_and_the_decision() -> None:
    assert CSV_COLUMNS == HEADER
    result = batch("--format", "csv", input=CSV_INPUT)
    assert result.stdout.splitlines()[0] == ",".join(HEADER)


def test_a_decided_line_echoes_its_case_as_read_with_flags_joined() -> None:
    result = batch("--format", "csv", input=CSV_INPUT)
    assert result.exit_code == 2, result.stderr
    first, second, _ = rows(result.stdout)
    assert first["line"] == "2"
    assert first["id"] == "x1"
    assert case_of(first) == [
        "terrorism",
        "belgium",
        "lone-actor",
        "",
        "imminent;offence-indicated",
    ]
    assert (first["outcome"], first["lead"]) == ("decided", "vsse")
    assert case_of(second) == ["criminal-organisation", "belgium", "criminal-organisation", "", ""]
    assert second["lead"] == "none"


def test_an_invalid_line_echoes_what_could_be_read() -> None:
    result = batch("--format", "csv", input=CSV_INPUT)
    third = rows(result.stdout)[2]
    assert third["outcome"] == "invalid"
    assert case_of(third) == ["proliferation", "belgum", "company", "", "goods-transfer;disputed"]
    assert third["error"].startswith("unknown-case-value: ")
    assert all(third[key] == "" for key in ("lead", "partners", "competent", "ruleset"))


def test_invalid_json_lines_echo_the_text_values_read_and_nothing_else() -> None:
    lines = [
        # a value of the wrong type: the texts are echoed, the number is not
        {"topic": "terrorism", "location": 5, "actor": "lone-actor", "flags": ["imminent", 3]},
        # an id that cannot be echoed: the case still is
        {"topic": "espionage", "location": "belgium", "actor": "company", "id": {"a": 1}},
    ]
    text = "\n".join(json.dumps(line) for line in lines) + "\n{not json\n"
    result = batch("--format", "csv", input=text)
    assert result.exit_code == 2
    mistyped, bad_id, not_json = rows(result.stdout)
    assert case_of(mistyped) == ["terrorism", "", "lone-actor", "", "imminent"]
    assert mistyped["error"].startswith("invalid-type: ")
    assert case_of(bad_id) == ["espionage", "belgium", "company", "", ""]
    assert bad_id["id"] == ""
    assert case_of(not_json) == ["", "", "", "", ""]
    assert not_json["line"] == "3"


def test_echoed_input_is_safe_in_a_spreadsheet() -> None:
    lines = [
        {"topic": '=HYPERLINK("http://x")', "location": 5, "actor": "@SUM(A1)"},
        {"topic": "-2+3", "location": "bel\x1bgium", "actor": "nobody", "flags": "+x"},
    ]
    text = "\n".join(json.dumps(line) for line in lines) + "\n"
    for extra in ([], ["--labels"]):
        result = batch("--format", "csv", *extra, input=text)
        assert result.exit_code == 2
        assert "\x1b" not in result.stdout
        first, second = rows(result.stdout)
        assert first["outcome"] == second["outcome"] == "invalid"
        assert case_of(first)[:3] == ['\'=HYPERLINK("http://x")', "", "'@SUM(A1)"]
        assert case_of(second) == ["'-2+3", "bel\\x1bgium", "nobody", "", "'+x"]
        for row in csv.reader(io.StringIO(result.stdout)):
            for cell in row:
                assert not cell.startswith(("=", "+", "-", "@")), cell


def test_a_formula_in_a_csv_case_is_echoed_neutralised() -> None:
    text = "topic,location,actor,flags\n\"=cmd|' /C calc'!A0\",belgium,lone-actor,@x\n"
    result = batch("--format", "csv", input=text)
    assert result.exit_code == 2
    (row,) = rows(result.stdout)
    assert row["outcome"] == "invalid"
    assert case_of(row) == ["'=cmd|' /C calc'!A0", "belgium", "lone-actor", "", "'@x"]


def _labelled(lang: str) -> tuple[list[str], list[list[str]]]:
    result = run_cli(
        ["--lang", lang, "batch", "--no-log", "--format", "csv", "--labels"], EN, input=CSV_INPUT
    )
    assert result.exit_code == 2, result.stderr
    header, *body = list(csv.reader(io.StringIO(result.stdout)))
    return header, body


def _expected_header(lang: str) -> list[str]:
    return [t(f"batch-column-{column}", lang) for column in HEADER]


def test_labels_in_dutch() -> None:
    vocabulary = load_policy(SHIPPED).vocabulary
    header, body = _labelled("nl")
    assert header == _expected_header("nl")
    assert header[:3] == ["regel", "id", "onderwerp"]
    first = dict(zip(HEADER, body[0], strict=True))
    assert first["topic"] == vocabulary.label("topics", "terrorism", "nl")
    assert first["topic"] != "terrorism"
    assert first["location"] == vocabulary.label("locations", "belgium", "nl")
    assert first["actor"] == vocabulary.label("actors", "lone-actor", "nl")
    assert first["flags"] == ";".join(
        vocabulary.label("flags", flag, "nl") for flag in ("imminent", "offence-indicated")
    )
    assert first["lead"] == vocabulary.label("services", "vsse", "nl")
    assert first["competent"] == vocabulary.label("services", "vsse", "nl")
    assert vocabulary.label("partners", "ocad", "nl") in first["partners"].split(";")
    assert vocabulary.label("mechanisms", "liaison", "nl") in first["consultation"].split(";")
    assert first["outcome"] == "decided"  # not among the labelled columns
    assert first["rules"].startswith("competence.")  # rule ids stay ids
    second = dict(zip(HEADER, body[1], strict=True))
    assert second["lead"] == t("lead-none", "nl")


def test_labels_in_french_with_an_invalid_line() -> None:
    vocabulary = load_policy(SHIPPED).vocabulary
    header, body = _labelled("fr")
    assert header == _expected_header("fr")
    assert "service pilote" in header
    first = dict(zip(HEADER, body[0], strict=True))
    assert first["topic"] == vocabulary.label("topics", "terrorism", "fr")
    assert first["lead"] == vocabulary.label("services", "vsse", "fr")
    second = dict(zip(HEADER, body[1], strict=True))
    assert second["lead"] == t("lead-none", "fr")
    third = dict(zip(HEADER, body[2], strict=True))
    assert third["topic"] == vocabulary.label("topics", "proliferation", "fr")
    assert third["location"] == "belgum"  # an unknown id has no label: shown as read
    assert third["outcome"] == "invalid"


def test_without_labels_the_output_keeps_ids_whatever_the_language() -> None:
    result = run_cli(["--lang", "fr", "batch", "--no-log", "--format", "csv"], EN, input=CSV_INPUT)
    header, first, *_ = list(csv.reader(io.StringIO(result.stdout)))
    assert header == HEADER
    assert first[2:9] == [
        "terrorism",
        "belgium",
        "lone-actor",
        "",
        "imminent;offence-indicated",
        "decided",
        "vsse",
    ]


def test_labels_with_json_lines_is_a_usage_error() -> None:
    result = batch("--labels", input=CSV_INPUT)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "`--labels` writes labels in CSV output only: add `--format csv`" in result.stderr


def test_json_lines_output_is_unchanged() -> None:
    result = batch(input=CSV_INPUT)
    first, _, third = (json.loads(line) for line in result.stdout.splitlines())
    assert list(first)[:3] == ["line", "id", "lead"]
    assert first["case"]["topic"] == "terrorism"
    assert set(third) == {"line", "id", "error"}
