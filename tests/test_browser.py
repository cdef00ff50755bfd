"""The matrix page in a real browser: Debian's Chromium driven through Selenium and Debian's chromedriver.

The page is written by the command line (`allocator matrix --format html`), opened from a file: URL,
and read, clicked and photographed as a person would. Without Chromium, chromedriver or Selenium the
module is skipped, except where a browser is required (the environment variable CI or
ALLOCATOR_REQUIRE_BROWSER set, as .ci/run does): there every test fails instead.

With ALLOCATOR_SCREENSHOTS set (`make screenshots`), the screenshots of the lead view and of the
competence view are written to docs/matrix.png and docs/matrix-competence.png; otherwise they go to a
temporary directory, so that `make test` leaves the checkout as it was.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from allocator.desk.service import Allocator
from allocator.model import CASE_ATTRIBUTES
from allocator.testing import run_cli
from tests.browser import DOCS, WINDOW, chromium, is_set, skip_without_browser

try:
    from selenium import webdriver
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait
except ImportError:  # pragma: no cover - only without the test extra
    webdriver = None  # type: ignore[assignment]

#: Every colour class a cell can have (matrix.py: the lead, `shared`, `mixed`, or an alert).
CELL_CLASS = re.compile(r"^k-(adiv|vsse|none|mixed|shared|gap|conflict)$")


skip_without_browser()


# --------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="session")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """One headless Chromium for these tests; Selenium Manager is never asked for a driver."""
    with chromium(tmp_path_factory.mktemp("chromium-profile")) as driver:
        yield driver


@pytest.fixture(scope="session")
def page(tmp_path_factory: pytest.TempPathFactory) -> Callable[..., str]:
    """`page("--view", "competence")`: the file: URL of the page that `allocator matrix` writes."""
    directory = tmp_path_factory.mktemp("pages")
    env = {
        "ALLOCATOR_LANG": "en",
        "ALLOCATOR_CACHE_DIR": str(tmp_path_factory.mktemp("cache")),
        "ALLOCATOR_LOG": str(directory / "decisions.jsonl"),
    }
    written: dict[tuple[str, ...], str] = {}

    def write(*args: str) -> str:
        if args not in written:
            out = directory / f"matrix-{len(written)}.html"
            result = run_cli(["matrix", "--format", "html", "--output", str(out), *args], env)
            assert result.exit_code == 0, result.stderr
            written[args] = out.as_uri()
        return written[args]

    return write


@pytest.fixture(scope="session")
def label(shipped: Allocator) -> Callable[[str, str], str]:
    """The English label of a topic or location, as the page shows it."""
    vocabulary = shipped.policy.vocabulary
    return lambda axis, value: vocabulary.label(CASE_ATTRIBUTES[axis], value, "en")


# --------------------------------------------------------------------------- reading the page

_READ_TABLE = """
const cell = (b) => ({
  id: b.id,
  summary: b.firstChild ? b.firstChild.textContent.trim() : '',
  classes: Array.from(b.classList),
});
return {
  columns: Array.from(document.querySelectorAll('thead th')).slice(1).map((th) => th.textContent.trim()),
  rows: Array.from(document.querySelectorAll('tbody tr')).map((tr) => ({
    label: tr.querySelector('th').textContent.trim(),
    tds: tr.querySelectorAll('td').length,
    cells: Array.from(tr.querySelectorAll('td > button')).map(cell),
  })),
};
"""


class Table:
    """The matrix as the browser has it: column headers, row headers and each cell's button."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.columns: list[str] = data["columns"]
        self.rows: list[dict[str, Any]] = data["rows"]

    def cell(self, row: str, column: str) -> dict[str, Any]:
        found = next(r for r in self.rows if r["label"] == row)
        return dict(found["cells"][self.columns.index(column)])

    def column(self, column: str) -> dict[str, dict[str, Any]]:
        index = self.columns.index(column)
        return {r["label"]: r["cells"][index] for r in self.rows}


def open_page(browser: Any, url: str) -> Table:
    """Load the page; no message of level SEVERE (a script error, a blocked resource) in the log."""
    browser.get(url)
    severe = [entry for entry in browser.get_log("browser") if entry["level"] == "SEVERE"]
    assert not severe, severe
    assert browser.execute_script("return document.readyState") == "complete"
    return Table(browser.execute_script(_READ_TABLE))


# --------------------------------------------------------------------------- the tests


def test_the_lead_matrix_loads_without_a_script_error(
    browser: Any, page: Any, label: Any, shipped: Allocator
) -> None:
    table = open_page(browser, page())
    vocabulary = shipped.policy.vocabulary
    assert browser.find_element(By.TAG_NAME, "h1").text == "Competence matrix: who leads"
    assert table.columns == [label("location", value) for value in vocabulary.ids("locations")]
    assert [row["label"] for row in table.rows] == [
        label("topic", value) for value in vocabulary.ids("topics")
    ]
    for row in table.rows:
        assert row["tds"] == len(row["cells"]) == len(table.columns), row["label"]
        for cell in row["cells"]:
            assert cell["summary"], cell
            assert any(CELL_CLASS.match(c) for c in cell["classes"]), cell
    kinds = {c for row in table.rows for cell in row["cells"] for c in cell["classes"]}
    assert {"k-adiv", "k-mixed"} <= kinds
    # The script ran: the details panel still holds its invitation, nothing selected yet.
    assert not browser.find_elements(By.CSS_SELECTOR, "td button.selected")


def test_the_abroad_column_is_not_uniformly_adiv(browser: Any, page: Any, label: Any) -> None:
    table = open_page(browser, page())
    abroad = label("location", "abroad")
    assert abroad == "Abroad"
    column = table.column(abroad)
    summaries = {row: cell["summary"] for row, cell in column.items()}
    assert set(summaries.values()) != {"ADIV"}, summaries
    assert any("VSSE" in text for text in summaries.values()), summaries
    for topic in ("terrorism", "espionage", "interference", "sectarian-organisation"):
        assert "VSSE" in summaries[label("topic", topic)], (topic, summaries)
    military = column[label("topic", "military-security")]
    assert military["summary"] == "ADIV"
    assert "k-adiv" in military["classes"]


def test_clicking_a_cell_shows_lead_and_competence_of_each_case(
    browser: Any, page: Any, label: Any
) -> None:
    table = open_page(browser, page())
    espionage, belgium = label("topic", "espionage"), label("location", "belgium")
    button = browser.find_element(By.ID, table.cell(espionage, belgium)["id"])
    button.click()
    WebDriverWait(browser, 5).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#details h2"))
    details = browser.find_element(By.ID, "details")
    assert details.find_element(By.TAG_NAME, "h2").text == f"{espionage} · {belgium}"
    cases = details.find_elements(By.CSS_SELECTOR, ".case")
    assert len(cases) > 1  # one per actor
    for case in cases:
        terms = [dt.text for dt in case.find_elements(By.TAG_NAME, "dt")]
        assert terms[:2] == ["Lead", "Competence"], terms
        assert all(dd.text for dd in case.find_elements(By.TAG_NAME, "dd")[:2])
    competences = [case.find_elements(By.TAG_NAME, "dd")[1].text for case in cases]
    assert any(text.startswith("shared") for text in competences), competences
    assert "shared" in details.text
    assert "selected" in (button.get_attribute("class") or "")
    assert browser.current_url.endswith("#" + button.get_attribute("id"))
    assert not [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]


def test_a_link_to_a_cell_opens_with_its_details(browser: Any, page: Any, label: Any) -> None:
    table = open_page(browser, page())
    terrorism, nato = label("topic", "terrorism"), label("location", "nato-site")
    cell_id = table.cell(terrorism, nato)["id"]
    browser.get("about:blank")  # a fresh load, not a jump within the page already open
    browser.get(page() + "#" + cell_id)
    WebDriverWait(browser, 5).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#details h2"))
    details = browser.find_element(By.ID, "details")
    assert details.find_element(By.TAG_NAME, "h2").text == f"{terrorism} · {nato}"
    assert "terrorism.defence-nexus" in details.text
    assert "selected" in (browser.find_element(By.ID, cell_id).get_attribute("class") or "")


def test_the_competence_view_shows_shared_and_exclusive_cells(
    browser: Any, page: Any, label: Any
) -> None:
    table = open_page(browser, page("--view", "competence"))
    assert browser.find_element(By.TAG_NAME, "h1").text.startswith(
        "Competence matrix: which services are competent"
    )
    military_site = table.cell(label("topic", "terrorism"), label("location", "military-site"))
    assert military_site["summary"] == "both→ADIV"
    assert "k-shared" in military_site["classes"]
    kinds = {c for row in table.rows for cell in row["cells"] for c in cell["classes"]}
    assert "k-shared" in kinds
    # Abroad, VSSE alone is competent for some cases of the civil threats (the summary parts
    # are `/`-separated outcomes: `VSSE` is exclusive, `both→X` shared).
    abroad = table.column(label("location", "abroad"))
    exclusive_vsse = [row for row, cell in abroad.items() if "VSSE" in cell["summary"].split("/")]
    assert label("topic", "terrorism") in exclusive_vsse, abroad
    assert label("topic", "espionage") in exclusive_vsse, abroad
    assert label("topic", "military-security") not in exclusive_vsse, abroad
    legend = browser.find_element(By.CSS_SELECTOR, ".legend")
    assert legend.find_elements(By.CSS_SELECTOR, ".swatch.k-shared")


def test_the_page_in_french_names_adiv_sgrs(browser: Any, page: Any) -> None:
    open_page(browser, page("--lang", "fr"))
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "fr"
    assert "SGRS" in browser.find_element(By.CSS_SELECTOR, ".legend").text
    assert browser.find_element(By.TAG_NAME, "h1").text.startswith("Matrice des compétences")


@pytest.mark.parametrize(
    ("name", "args"),
    [("matrix.png", ()), ("matrix-competence.png", ("--view", "competence"))],
)
def test_screenshot(
    browser: Any, page: Any, tmp_path: Path, name: str, args: tuple[str, ...]
) -> None:
    """Screenshots for the documentation: to docs/ with ALLOCATOR_SCREENSHOTS set, else thrown away."""
    open_page(browser, page(*args))
    png = browser.get_screenshot_as_png()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    assert (width, height) == WINDOW
    assert len(png) > 50_000  # a rendered matrix, not a blank page
    target = DOCS if is_set("ALLOCATOR_SCREENSHOTS") else tmp_path
    target.mkdir(exist_ok=True)
    (target / name).write_bytes(png)
