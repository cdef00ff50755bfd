"""`allocator matrix --diff OLD`: exactly the cells whose answer changed are marked, with their
answer before, in text, HTML, JSON and CSV; OLD a rules directory or a git revision."""

from __future__ import annotations

import csv
import io
import itertools
import json
import re
from collections import Counter
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from allocator.desk.service import Allocator
from allocator.model import Decision
from allocator.testing import run_cli
from tests.helpers import NO_LEAD, SHIPPED, git, shipped_checkout

EN = {"ALLOCATOR_LANG": "en"}
Edit = Callable[[Path, str, str], None]
Cells = dict[tuple[str, str], Any]
#: crime.no-art8-link sends organised crime with no art. 8 link to the police, no service competent.
#: The change the tests review: VSSE leads those cases, and is competent for them.
VSSE_LEADS = "      lead: vsse\n      priority: 250\n      competent: vsse\n"


def matrix(*args: str, lang: str = "en") -> Any:
    return run_cli(["matrix", *args, "--lang", lang])


@pytest.fixture
def changed(rules_copy: Path, edit: Edit) -> Path:
    """A copy of the shipped rules in which VSSE leads organised crime with no art. 8 link."""
    edit(rules_copy / "crime.yaml", NO_LEAD, VSSE_LEADS)
    return rules_copy


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A git checkout whose rules/ are the shipped rules, committed (HEAD)."""
    root = shipped_checkout(tmp_path / "checkout")
    return root


def shown(decision: Decision, view: str) -> str:
    """What a matrix cell shows of one decision, written out here from the contract's fields: the
    lead (or the outcome), or which services are competent (and who leads where both are)."""
    if view == "lead":
        return (
            decision.lead if decision.outcome == "decided" and decision.lead else decision.outcome
        )
    if len(decision.competent) == 2:
        return f"shared-{decision.lead or decision.outcome}"
    return decision.competent[0] if decision.competent else "none"


def shown_record(record: dict[str, Any], view: str) -> str:
    """`shown`, of a decision as the matrix's JSON gives it."""
    if view == "lead":
        return str(
            record["lead"]
            if record["outcome"] == "decided" and record["lead"]
            else record["outcome"]
        )
    if len(record["competent"]) == 2:
        return f"shared-{record['lead'] or record['outcome']}"
    return str(record["competent"][0]) if record["competent"] else "none"


def brute_force(old: Allocator, new: Allocator, view: str) -> set[tuple[str, str]]:
    """The (topic, location) cells of the default matrix (every actor, an unspecified target, no
    flag) in which some case shows another value under `old` than under `new`: every case decided
    by the engine under both rule sets."""
    vocabulary = new.policy.vocabulary
    found = set()
    for topic, location, actor in itertools.product(
        vocabulary.ids("topics"), vocabulary.ids("locations"), vocabulary.ids("actors")
    ):
        case = {"topic": topic, "location": location, "actor": actor}
        if shown(old.decide(case), view) != shown(new.decide(case), view):
            found.add((topic, location))
    return found


def cells(document: dict[str, Any]) -> Cells:
    return {(cell["row"], cell["column"]): cell for cell in document["cells"]}


# --------------------------------------------------------------------------- exactly the cells


@pytest.mark.parametrize("view", ["lead", "competence"])
def test_exactly_the_cells_whose_answer_changed_are_marked(
    changed: Path, shipped: Allocator, view: str
) -> None:
    result = matrix(
        "--diff", str(SHIPPED), "--rules", str(changed), "--view", view, "--format", "json"
    )
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    new = Allocator.from_directory(changed)
    expected = brute_force(shipped, new, view)
    assert expected  # the change shows in this view
    assert len(expected) < len(document["cells"])  # and not everywhere
    marked = {key for key, cell in cells(document).items() if cell["changed"]}
    assert marked == expected
    assert document["diff"]["cells_changed"] == len(expected)
    assert document["diff"]["ruleset"] == shipped.policy.fingerprint
    # Before: what the matrix of OLD shows in that cell; after: the matrix of NEW.
    before = cells(
        json.loads(matrix("--rules", str(SHIPPED), "--view", view, "--format", "json").stdout)
    )
    for key, cell in cells(document).items():
        assert cell["before"] == before[key]["summary"], key
        assert cell["cases_changed"] == sum(
            shown_record(d["before"], view) != shown_record(d, view) for d in cell["decisions"]
        )
        assert cell["changed"] == (cell["cases_changed"] > 0)
    some = next(cells(document)[key] for key in sorted(expected))
    assert some["cases_changed"] > 0
    record = next(d for d in some["decisions"] if d["before"]["lead"] != d["lead"])
    assert record["before"] == {
        "outcome": "decided",
        "lead": "none",
        "competent": [],
        "competence": "none",
    }


def test_without_a_change_no_cell_is_marked(repo: Path) -> None:
    result = matrix("--diff", "HEAD", "--rules", str(repo / "rules"))
    assert result.exit_code == 0, result.stderr
    assert "*" not in result.stdout
    assert re.search(r"^No cell changed since HEAD \([0-9a-f]{10}\) \(sha256:", result.stdout, re.M)
    document = json.loads(
        matrix("--diff", "HEAD", "--rules", str(repo / "rules"), "--format", "json").stdout
    )
    assert document["diff"]["cells_changed"] == 0
    assert not any(cell["changed"] for cell in document["cells"])


def test_the_plain_matrix_is_unchanged_without_diff() -> None:
    document = json.loads(matrix("--format", "json").stdout)
    assert "diff" not in document
    assert "changed" not in document["cells"][0]
    assert "before" not in document["cells"][0]["decisions"][0]


# --------------------------------------------------------------------------- text


def test_the_text_marks_the_cells_and_lists_them_before_and_after(changed: Path) -> None:
    document = json.loads(
        matrix("--diff", str(SHIPPED), "--rules", str(changed), "--format", "json").stdout
    )
    marked = {key for key, cell in cells(document).items() if cell["changed"]}
    result = matrix("--diff", str(SHIPPED), "--rules", str(changed))
    lines = result.stdout.splitlines()
    header = next(line for line in lines if line.startswith("topic \\ location"))
    columns = header.split()[3:]
    table = lines[lines.index(header) + 1 :]
    table = table[: table.index("")]
    starred = {
        (row.split()[0], column)
        for row in table
        for column, value in zip(columns, row.split()[1:], strict=True)
        if value.endswith("*")
    }
    assert starred == marked
    assert f"*: the answer changed since {SHIPPED.name} (sha256:" in result.stdout
    assert f"{len(marked)} cells changed since {SHIPPED.name}:" in result.stdout
    assert (
        "  Criminal organisation (criminal-organisation) · Abroad (abroad): "
        "was none/VSSE/ADIV, now VSSE/ADIV (6 cases of 13 changed)"
    ) in lines


def test_the_text_speaks_french(changed: Path) -> None:
    result = matrix("--diff", str(SHIPPED), "--rules", str(changed), lang="fr")
    assert "* : la réponse a changé depuis" in result.stdout
    assert "cellules modifiées depuis" in result.stdout
    assert (
        "  Organisation criminelle (criminal-organisation) · Étranger (abroad) : "
        "avant aucun/VSSE/SGRS, désormais VSSE/SGRS (6 dossiers sur 13 modifiés)"
    ) in result.stdout.splitlines()


def test_a_value_old_lacks_is_a_change(rules_copy: Path, edit: Edit) -> None:
    words = '{nl: "Piraterij", fr: "Piraterie", en: "Piracy"}'
    edit(
        rules_copy / "vocabulary.yaml",
        "\nlocations:",
        f"\n  - id: piracy\n    label: {words}\n    description: {words}\n\nlocations:",
    )
    (rules_copy / "piracy.yaml").write_text(
        "rules:\n  - id: piracy.lead\n    title: Piracy\n    basis: None\n    description: Test.\n"
        "    when: {topic: piracy}\n    then: {lead: adiv, priority: 400, consultation: liaison}\n"
    )
    document = json.loads(
        matrix("--diff", str(SHIPPED), "--rules", str(rules_copy), "--format", "json").stdout
    )
    piracy = [cell for cell in document["cells"] if cell["row"] == "piracy"]
    assert piracy
    assert all(cell["changed"] and cell["before"] is None for cell in piracy)
    assert all(d["before"] is None for d in piracy[0]["decisions"])
    others = [cell for cell in document["cells"] if cell["row"] != "piracy"]
    assert not any(cell["changed"] for cell in others)
    text = matrix("--diff", str(SHIPPED), "--rules", str(rules_copy)).stdout
    assert "  Piracy (piracy) · Belgian territory (belgium): was (new value), now ADIV" in text


# --------------------------------------------------------------------------- HTML, CSV


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def test_the_page_marks_the_cells_and_stays_self_contained(changed: Path, tmp_path: Path) -> None:
    out = tmp_path / "review.html"
    result = matrix(
        "--diff", str(SHIPPED), "--rules", str(changed), "--format", "html", "--output", str(out)
    )
    assert result.exit_code == 0, result.stderr
    page = out.read_text(encoding="utf-8")
    parser = _Elements()
    parser.feed(page)
    assert not [attrs for _, attrs in parser.tags if "src" in attrs or "href" in attrs]
    assert [tag for tag, _ in parser.tags].count("script") == 2
    assert "Content-Security-Policy" in page
    assert not re.search(r"https?://", page)
    buttons = [attrs for tag, attrs in parser.tags if tag == "button"]
    ringed = [b for b in buttons if "changed" in (b.get("class") or "").split()]
    document = json.loads(
        matrix("--diff", str(SHIPPED), "--rules", str(changed), "--format", "json").stdout
    )
    assert len(ringed) == document["diff"]["cells_changed"] == 4
    assert all("Before (" in (b.get("title") or "") for b in ringed)
    assert all("6 cases of 13 changed" in (b.get("title") or "") for b in ringed)
    assert not any("Before (" in (b.get("title") or "") for b in buttons if b not in ringed)
    assert page.count('<small class="was">was none/VSSE/ADIV</small>') == 4
    assert "td button.changed" in page  # a visible style
    assert '<i class="swatch changed"></i>answer changed since' in page  # and its legend
    data = re.search(r'<script type="application/json" id="matrix-data">(.*?)</script>', page, re.S)
    assert data is not None
    payload = json.loads(data.group(1))
    index = int(str(ringed[0]["data-cell"]))
    befores = Counter(d.get("before") for d in payload["cells"][index]["decisions"])
    assert befores == {None: 7, "none: outside both services' mandates (see the partners)": 6}
    assert payload["words"]["before"] == "Before"


def test_the_page_speaks_dutch(changed: Path, tmp_path: Path) -> None:
    out = tmp_path / "review.html"
    matrix(
        "--diff",
        str(SHIPPED),
        "--rules",
        str(changed),
        "--format",
        "html",
        "--output",
        str(out),
        lang="nl",
    )
    page = out.read_text(encoding="utf-8")
    assert "voorheen geen/VSSE/ADIV" in page
    assert "antwoord gewijzigd sinds" in page
    assert "vergeleken met" in page


def test_csv_has_a_line_per_cell_with_changed_and_before(changed: Path) -> None:
    result = matrix("--diff", str(SHIPPED), "--rules", str(changed), "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert list(rows[0]) == ["topic", "location", "lead", "changed", "before"]
    document = json.loads(
        matrix("--diff", str(SHIPPED), "--rules", str(changed), "--format", "json").stdout
    )
    assert [(r["topic"], r["location"], r["lead"], r["changed"], r["before"]) for r in rows] == [
        (c["row"], c["column"], c["summary"], "yes" if c["changed"] else "no", c["before"])
        for c in document["cells"]
    ]


# --------------------------------------------------------------------------- OLD as a revision


def test_old_as_a_git_revision_or_a_directory_marks_the_same_cells(
    repo: Path, edit: Edit, tmp_path: Path
) -> None:
    rules = repo / "rules"
    edit(rules / "crime.yaml", NO_LEAD, VSSE_LEADS)  # an uncommitted edit
    by_revision = json.loads(
        matrix("--diff", "HEAD", "--rules", str(rules), "--format", "json").stdout
    )
    assert by_revision["diff"]["old"].startswith("HEAD (")
    by_directory = json.loads(
        matrix("--diff", str(SHIPPED), "--rules", str(rules), "--format", "json").stdout
    )
    assert by_revision["diff"]["ruleset"] == by_directory["diff"]["ruleset"]
    assert by_revision["cells"] == by_directory["cells"]
    assert by_revision["diff"]["cells_changed"] == 4
    git(repo, "commit", "-qam", "crime: VSSE leads")
    by_older = json.loads(
        matrix("--diff", "HEAD~1", "--rules", str(rules), "--format", "json").stdout
    )
    assert by_older["cells"] == by_directory["cells"]


@pytest.mark.parametrize("spec", ["no-such-revision", "HEAD~999999"])
def test_an_unknown_revision_is_a_usage_error(repo: Path, spec: str) -> None:
    result = matrix("--diff", spec, "--rules", str(repo / "rules"))
    assert result.exit_code == 2
    assert f"`{spec}` is neither a rules directory nor a git revision" in result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert result.stdout == ""


def test_invalid_old_rules_exit_3(rules_copy: Path, repo: Path) -> None:
    (rules_copy / "terrorism.yaml").write_text("rules: [")
    result = matrix("--diff", str(rules_copy))
    assert result.exit_code == 3
    assert "the rule set is invalid (1 error); nothing was loaded" in result.stderr
    assert result.stdout == ""
    (repo / "rules" / "terrorism.yaml").write_text("rules: [")
    git(repo, "commit", "-qam", "a broken rule file")
    git(repo, "checkout", "-q", "HEAD~1", "--", "rules")
    result = matrix("--diff", "HEAD", "--rules", str(repo / "rules"), lang="fr")
    assert result.exit_code == 3
    assert result.stderr.startswith("allocator: erreur : HEAD:rules/terrorism.yaml:")
    assert "allocator-rules-" not in result.stderr
    assert "Traceback" not in result.stdout + result.stderr
