"""The duty-desk page of `allocator serve` in a real browser: Debian's Chromium driven through
Selenium and Debian's chromedriver, against `allocator serve` on a free loopback port.

A duty officer's morning, in French and in Dutch: the case chosen with the keyboard alone (Tab
from the top of the page, type-ahead in each list, Space on a flag, Enter), the answer read, a
neighbouring case followed from the counterfactuals and back again, the page printed. And what
goes wrong: a mistyped value in a link, a value left out, a service that asks for a token.

As in tests/test_browser.py: without Chromium, chromedriver or Selenium the module is skipped,
except where a browser is required (CI or ALLOCATOR_REQUIRE_BROWSER set, as .ci/run does): there
every test fails instead. With ALLOCATOR_SCREENSHOTS set (`make screenshots`), the screenshots of
the page are written to docs/serve-page-fr.png and docs/serve-page-nl.png; otherwise to a
temporary directory, so that `make test` leaves the checkout as it was.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from allocator.desk.service import Allocator
from allocator.i18n import t
from tests.browser import DOCS, WINDOW, chromium, is_set, skip_without_browser
from tests.test_serve import TOKEN, Server

try:
    from selenium import webdriver
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import WebDriverWait
except ImportError:  # pragma: no cover - only without the test extra
    webdriver = None  # type: ignore[assignment]

#: The case of the morning: a lone actor, a military site, an imminent threat (ADIV leads).
CASE = {"topic": "terrorism", "location": "military-site", "actor": "lone-actor"}
REF = "ZAAK-2026-0042"
WAIT = 10


skip_without_browser()
#: Seconds: a browser and two servers (make test runs them, make test-quick leaves them out).
pytestmark = pytest.mark.slow


# --------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """One headless Chromium for these tests; Selenium Manager is never asked for a driver."""
    with chromium(tmp_path_factory.mktemp("chromium-profile")) as driver:
        yield driver


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """`allocator serve` on the shipped rules, open (no tokens), on a free loopback port."""
    directory = tmp_path_factory.mktemp("serve-page")
    server = Server("--watch", "0", log=directory / "decisions.jsonl")
    yield server
    server.stop()


@pytest.fixture
def fresh(browser: Any) -> Any:
    """The browser on a blank page, its console read empty."""
    browser.get("about:blank")
    browser.get_log("browser")
    return browser


# --------------------------------------------------------------------------- helpers


def severe(browser: Any) -> list[dict[str, Any]]:
    """The console's errors since last asked (a script error, a blocked resource, a failed load)."""
    return [entry for entry in browser.get_log("browser") if entry["level"] == "SEVERE"]


def wait(browser: Any, check: Any) -> Any:
    return WebDriverWait(browser, WAIT).until(lambda driver: check())


def element(browser: Any, selector: str) -> Any:
    return browser.find_element(By.CSS_SELECTOR, selector)


def active_id(browser: Any) -> str:
    return str(browser.switch_to.active_element.get_attribute("id"))


def keys(browser: Any, *sequence: str) -> None:
    ActionChains(browser).send_keys(*sequence).perform()


def choose(browser: Any, select_id: str, value: str) -> None:
    """In the list that has the focus, type the fewest letters of `value`'s label that no other
    label starts with (the browser's type-ahead), and check that `value` is chosen."""
    assert active_id(browser) == select_id
    select = browser.switch_to.active_element
    options = browser.execute_script(
        "return Array.from(arguments[0].options).map(o => [o.value, o.text])", select
    )
    label = dict(options)[value]
    others = [text.lower() for other, text in options if other != value]
    prefix = next(
        label[:size]
        for size in range(3, len(label) + 1)
        if not any(text.startswith(label[:size].lower()) for text in others)
    )
    keys(browser, prefix)
    assert select.get_attribute("value") == value, (select_id, prefix)


def query(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query)


def lead_is(browser: Any, text: str) -> bool:
    """The answer shows `text` as the lead (read in one step: the answer may be redrawn meanwhile)."""
    shown = browser.execute_script(
        "var e = document.getElementById('lead'); return e && e.innerText"
    )
    return bool(shown == text)


def visible(browser: Any, selector: str) -> bool:
    """Rendered on the page (inside a <details> too, which Selenium's is_displayed reads as shut)."""
    return bool(
        browser.execute_script(
            "return document.querySelector(arguments[0]).checkVisibility()", selector
        )
    )


def resources(browser: Any) -> list[str]:
    return list(
        browser.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
    )


def records(server: Server) -> list[dict[str, Any]]:
    return [json.loads(line) for line in server.log.read_text().splitlines()]


# --------------------------------------------------------------------------- the tests


@pytest.mark.parametrize(("lang", "submit_from"), [("fr", "flag"), ("nl", "reference")])
def test_a_case_chosen_with_the_keyboard_is_answered_at_a_glance(
    fresh: Any, server: Server, shipped: Allocator, tmp_path: Path, lang: str, submit_from: str
) -> None:
    browser = fresh
    vocabulary = shipped.policy.vocabulary
    decision = shipped.decide({**CASE, "flags": ["imminent"]})

    def label(kind: str, term: str) -> str:
        return vocabulary.label(kind, term, lang)

    browser.get(f"{server.base}/?lang={lang}")
    assert element(browser, "html").get_attribute("lang") == lang
    assert element(browser, "h1").text == t("page-heading", lang)
    assert element(browser, "label[for=f-topic]").text == t("page-topic", lang)
    # The keyboard alone, from the top: the language switch, then the lists in order.
    keys(browser, Keys.TAB, Keys.TAB, Keys.TAB, Keys.TAB)
    choose(browser, "f-topic", CASE["topic"])
    keys(browser, Keys.TAB)
    choose(browser, "f-location", CASE["location"])
    keys(browser, Keys.TAB)
    choose(browser, "f-actor", CASE["actor"])
    keys(browser, Keys.TAB)
    assert active_id(browser) == "f-target"
    assert browser.switch_to.active_element.get_attribute("value") == "unspecified"
    keys(browser, Keys.TAB)
    assert active_id(browser) == "flag-imminent"
    keys(browser, Keys.SPACE)
    assert element(browser, "#flag-imminent").is_selected()
    if submit_from == "flag":
        keys(browser, Keys.ENTER)  # Enter on a checkbox decides too
    else:
        keys(browser, *[Keys.TAB] * (len(vocabulary.ids("flags")) - 1), Keys.TAB)
        assert active_id(browser) == "f-ref"
        keys(browser, REF, Keys.ENTER)
    lead = label("services", "adiv")
    wait(browser, lambda: lead_is(browser, lead))

    # The answer at a glance.
    assert ("SGRS" if lang == "fr" else "ADIV") in lead
    assert "lead-adiv" in (element(browser, "#lead").get_attribute("class") or "")
    ladder = [li.text for li in browser.find_elements(By.CSS_SELECTOR, "#consultation ol > li")]
    assert ladder == [label("mechanisms", m) for m in decision.consultation]
    assert label("mechanisms", "crisis-cell") in ladder
    competence = element(browser, "#competence").text
    assert decision.competence == "shared"
    assert competence.startswith(t("page-competence-shared", lang))
    assert label("services", "adiv") in competence
    assert label("services", "vsse") in competence
    why = element(browser, "#why").text
    assert "terrorism.defence-nexus" in why
    assert f"{t('page-priority', lang)} 400" in why
    assert "terrorism.art8-threat" in why  # what it outranks
    glance = element(browser, "#glance").text
    for partner in decision.partners:
        assert label("partners", partner) in glance
    fingerprint = element(browser, "#glance .fp")
    assert fingerprint.get_attribute("title") == server.ready()["ruleset"]
    assert fingerprint.text.endswith("…")
    assert t("page-decided-on", lang) in glance
    # The case is in the URL, and in each link of the language switch; never a token.
    case_query = {"lang": [lang], **{k: [v] for k, v in CASE.items()}, "flags": ["imminent"]}
    if submit_from == "reference":
        case_query["ref"] = [REF]
        assert REF in glance
        (record,) = [r for r in records(server) if r.get("ref") == REF]
        assert record["source"] == "serve"
        assert record["case"]["flags"] == ["imminent"]
    assert query(browser.current_url) == case_query
    for link in browser.find_elements(By.CSS_SELECTOR, ".langs a"):
        other = link.get_attribute("hreflang")
        assert query(str(link.get_attribute("href"))) == {**case_query, "lang": [other]}
    assert not severe(browser)

    # One click away: the counterfactuals, each value a link to the neighbouring case.
    element(browser, "#counterfactuals summary").click()
    neighbour = element(browser, "a.case-link[data-attribute=location][data-value=belgium]")
    assert neighbour.text == label("locations", "belgium")
    neighbour_query = {**case_query, "location": ["belgium"]}
    neighbour_query.pop("ref", None)  # a neighbouring case is not the case of the file
    assert query(str(neighbour.get_attribute("href"))) == neighbour_query
    neighbour.click()
    vsse = label("services", "vsse")
    wait(browser, lambda: lead_is(browser, vsse))
    assert query(browser.current_url) == neighbour_query
    assert element(browser, "#f-location").get_attribute("value") == "belgium"
    assert label("locations", "belgium") in element(browser, "#glance").text
    assert active_id(browser) == "answer-heading"
    # Back: the case before, shown again as it was answered (no new request).
    asked = len(resources(browser))
    browser.back()
    wait(browser, lambda: lead_is(browser, lead))
    assert query(browser.current_url) == case_query
    assert len(resources(browser)) == asked

    # Printed: the answer, the reasoning opened, the full fingerprint; not the form.
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        assert element(browser, "#lead").is_displayed()
        assert not element(browser, "#case-form").is_displayed()
        assert not element(browser, ".langs").is_displayed()
        assert visible(browser, "#reasoning-body")
        reasoning = element(browser, "#reasoning-body").get_attribute("textContent")
        assert "terrorism.defence-nexus" in reasoning
        full = element(browser, "#glance .fp-full")
        assert full.is_displayed()
        assert full.text == server.ready()["ruleset"]
    finally:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})

    # Nothing from anywhere else, and no error in the console.
    loaded = resources(browser)
    assert loaded
    assert all(
        url.startswith(f"{server.base}/v1/decisions?lang={lang}&explain=true") for url in loaded
    )
    assert not severe(browser)

    browser.execute_script("window.scrollTo(0, 0)")
    png = browser.get_screenshot_as_png()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert (int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")) == WINDOW
    target = DOCS if is_set("ALLOCATOR_SCREENSHOTS") else tmp_path
    target.mkdir(exist_ok=True)
    (target / f"serve-page-{lang}.png").write_bytes(png)


def test_a_mistyped_or_missing_value_is_said_next_to_the_form(
    fresh: Any, server: Server, shipped: Allocator
) -> None:
    browser = fresh
    vocabulary = shipped.policy.vocabulary
    # A link with a mistyped topic: the service's message, with its "did you mean".
    browser.get(f"{server.base}/?lang=fr&topic=terrorsm&location=belgium&actor=lone-actor")
    wait(browser, lambda: element(browser, "#errors").is_displayed())
    errors = element(browser, "#errors").text
    assert t("page-error", "fr") in errors
    assert "terrorsm" in errors
    assert "vouliez-vous dire terrorism" in errors
    assert element(browser, "#f-topic").get_attribute("aria-invalid") == "true"
    assert element(browser, "#f-location").get_attribute("value") == "belgium"
    assert not browser.find_elements(By.ID, "lead")
    # The console has the refused request (400) and nothing else.
    assert [e for e in severe(browser) if "400" not in e["message"]] == []
    # Corrected with the keyboard: the error goes, the answer comes.
    browser.execute_script("document.getElementById('f-topic').focus()")
    choose(browser, "f-topic", "terrorism")
    keys(browser, Keys.ENTER)
    wait(browser, lambda: lead_is(browser, vocabulary.label("services", "vsse", "fr")))
    assert not element(browser, "#errors").is_displayed()
    assert element(browser, "#f-topic").get_attribute("aria-invalid") is None

    # A value left out: said by the page itself, before any request.
    browser.get(f"{server.base}/?lang=en&topic=terrorism")
    wait(browser, lambda: element(browser, "#errors").is_displayed())
    errors = element(browser, "#errors").text
    choose_value = t("page-choose-value", "en")
    assert f"{t('page-location', 'en')}: {choose_value}" in errors
    assert f"{t('page-actor', 'en')}: {choose_value}" in errors
    assert element(browser, "#f-location").get_attribute("aria-invalid") == "true"
    assert active_id(browser) == "f-location"
    assert resources(browser) == []
    assert not severe(browser)


def test_a_token_is_asked_for_after_a_401_and_kept_for_the_tab(
    fresh: Any, shipped: Allocator, tmp_path: Path
) -> None:
    browser = fresh
    tokens = tmp_path / "tokens"
    tokens.write_text(f"duty-officer {TOKEN}\n")
    tokens.chmod(0o600)
    server = Server("--watch", "0", "--token-file", str(tokens), log=tmp_path / "log.jsonl")
    try:
        url = f"{server.base}/?lang=en&topic=terrorism&location=belgium&actor=lone-actor"
        browser.get(url)
        wait(browser, lambda: element(browser, "#token-row").is_displayed())
        assert t("serve-unauthorized", "en") in element(browser, "#errors").text
        assert active_id(browser) == "f-token"
        keys(browser, TOKEN, Keys.ENTER)
        vsse = vocabulary_label(shipped, "vsse")
        wait(browser, lambda: lead_is(browser, vsse))
        assert not element(browser, "#errors").is_displayed()
        assert browser.execute_script("return sessionStorage.getItem('allocator-token')") == TOKEN
        assert TOKEN not in browser.current_url
        (record,) = records(server)
        assert record["user"] == "duty-officer"
        # A reload in the same tab: decided at once with the token kept, no field shown.
        browser.refresh()
        wait(browser, lambda: lead_is(browser, vsse))
        assert not element(browser, "#token-row").is_displayed()
        assert [e for e in severe(browser) if "401" not in e["message"]] == []
        browser.execute_script("sessionStorage.clear()")
    finally:
        server.stop()


def vocabulary_label(shipped: Allocator, service: str) -> str:
    return shipped.policy.vocabulary.label("services", service, "en")
