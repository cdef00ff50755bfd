"""`allocator matrix`: the table, CSV and JSON agree with decide; the HTML page is self-contained and safe."""

from __future__ import annotations

import csv
import io
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from allocator.desk.service import Allocator
from allocator.testing import run_cli

EN = {"ALLOCATOR_LANG": "en"}


def matrix(*args: str, env: dict[str, str] | None = None) -> Any:
    return run_cli(["matrix", *args], {**EN, **(env or {})})


def test_text_table_has_every_topic_and_location(shipped: Allocator) -> None:
    vocabulary = shipped.policy.vocabulary
    result = matrix()
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    header = next(line for line in lines if line.startswith("topic \\ location"))
    assert header.split()[3:] == list(vocabulary.ids("locations"))
    military = next(line for line in lines if line.startswith("military-security "))
    assert military.split()[1:] == ["ADIV"] * len(vocabulary.ids("locations"))
    table = lines[lines.index(header) + 1 :]
    assert [line.split()[0] for line in table[: table.index("")]] == list(vocabulary.ids("topics"))


def test_csv_cells_agree_with_decide(shipped: Allocator) -> None:
    result = matrix("--format", "csv", "--actor", "terrorist-group")
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0][0] == "topic\\location"
    assert len(rows) == 1 + len(shipped.policy.vocabulary.ids("topics"))
    table = {row[0]: dict(zip(rows[0][1:], row[1:], strict=True)) for row in rows[1:]}
    assert table["terrorism"]["belgium"] == "VSSE"
    assert table["terrorism"]["military-site"] == "ADIV"
    decide = run_cli(
        [
            "decide",
            "--topic",
            "criminal-organisation",
            "--location",
            "abroad",
            "--actor",
            "terrorist-group",
            "--format",
            "json",
        ],
        EN,
    )
    assert table["criminal-organisation"]["abroad"] == json.loads(decide.stdout)["lead"].upper()


def test_json_holds_every_decision_of_each_cell(shipped: Allocator) -> None:
    document = json.loads(matrix("--format", "json").stdout)
    assert document["varying"] == ["actor"]
    vocabulary = shipped.policy.vocabulary
    assert len(document["cells"]) == len(vocabulary.ids("topics")) * len(
        vocabulary.ids("locations")
    )
    cell = next(
        c for c in document["cells"] if c["row"] == "terrorism" and c["column"] == "belgium"
    )
    # One decision per actor: ADIV leads for the Defence's own personnel and foreign armed forces.
    military = {"belgian-military", "foreign-military"}
    assert military <= set(vocabulary.ids("actors"))
    assert len(cell["decisions"]) == len(vocabulary.ids("actors"))
    assert cell["outcomes"] == {
        "vsse": len(vocabulary.ids("actors")) - len(military),
        "adiv": len(military),
    }
    assert cell["summary"] == "VSSE/ADIV"


def test_other_axes_and_slices(shipped: Allocator) -> None:
    result = matrix(
        "--rows",
        "actor",
        "--columns",
        "target",
        "--topic",
        "espionage",
        "--location",
        "belgium",
        "--format",
        "json",
    )
    document = json.loads(result.stdout)
    assert (document["rows"], document["columns"]) == ("actor", "target")
    assert document["slice"] == {"flags": [], "topic": "espionage", "location": "belgium"}
    assert document["varying"] == []
    vocabulary = shipped.policy.vocabulary
    assert len(document["cells"]) == len(vocabulary.ids("actors")) * len(vocabulary.ids("targets"))


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--rows", "topic", "--columns", "topic"], "two different attributes"),
        (["--actor", "terrorist-grup"], "did you mean `terrorist-group`?"),
        (["--flag", "imminnt"], "did you mean `imminent`?"),
    ],
)
def test_bad_slices_are_usage_errors(args: list[str], message: str) -> None:
    result = matrix(*args)
    assert result.exit_code == 2
    assert message in result.stderr


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def test_the_page_is_self_contained(tmp_path: Path) -> None:
    out = tmp_path / "matrix.html"
    assert matrix("--format", "html", "--output", str(out)).exit_code == 0
    page = out.read_text(encoding="utf-8")
    parser = _Elements()
    parser.feed(page)
    assert not [attrs for _, attrs in parser.tags if "src" in attrs or "href" in attrs]
    assert [tag for tag, _ in parser.tags].count("script") == 2
    assert "Content-Security-Policy" in page
    assert not re.search(r"https?://", page)
    assert '<html lang="en">' in page


def test_the_page_speaks_the_language_asked(tmp_path: Path) -> None:
    out = tmp_path / "matrix.html"
    matrix("--format", "html", "--output", str(out), "--lang", "nl")
    page = out.read_text(encoding="utf-8")
    assert "Bevoegdheidsmatrix" in page
    assert "Veiligheid van de Staat" in page


def test_every_label_is_escaped(tmp_path: Path, rules_copy: Path, edit: Any) -> None:
    hostile = '<script>alert("x")</script> & <b>'
    edit(rules_copy / "vocabulary.yaml", 'en: "Terrorism"', f"en: '{hostile}'")
    edit(
        rules_copy / "vocabulary.yaml",
        'en: "Coordination Unit for Threat Analysis (CUTA)"',
        "en: '</script><img src=x onerror=alert(1)>'",
    )
    out = tmp_path / "matrix.html"
    result = matrix("--format", "html", "--output", str(out), "--rules", str(rules_copy))
    assert result.exit_code == 0, result.stderr
    page = out.read_text(encoding="utf-8")
    assert hostile not in page
    assert "<img" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;" in page
    parser = _Elements()
    parser.feed(page)
    assert [tag for tag, _ in parser.tags].count("script") == 2
    assert "img" not in [tag for tag, _ in parser.tags]
    data = re.search(
        r'<script type="application/json" id="matrix-data">(.*?)</script>', page, re.DOTALL
    )
    assert data is not None
    assert json.loads(data.group(1))["labels"]["ocad"] == "</script><img src=x onerror=alert(1)>"
