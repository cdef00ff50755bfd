"""The duty-desk page at `/` (allocator.serve.page), without a browser: what render_page writes in
each language, that nothing inserted can break out of its element, and the `/` route of a real
server with its Content-Security-Policy. tests/test_browser_page.py drives the page in Chromium."""

from __future__ import annotations

import html
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from allocator.desk.service import Allocator
from allocator.i18n import LANGS, placeholders, t
from allocator.model import ATTRIBUTES, CASE_ATTRIBUTES, VOCABULARY_LISTS, Policy
from allocator.serve.page import render_page
from tests.test_serve import TOKEN, Server

TEMPLATE = Path(__file__).resolve().parent.parent / "src" / "allocator" / "serve" / "page.html"
#: A label as hostile as a label can be, as YAML writes it and as read: it closes the script, opens
#: another, a comment, a tag, a marker of the template, the nonce's stand-in (NUL), a placeholder,
#: an entity and both quotes.
HOSTILE_YAML = (
    '"Terror</script><script>alert(1)</script><!-- <b> @@nonce@@ \\u0000 {topic} &amp; \\"\'"'
)
HOSTILE = "Terror</script><script>alert(1)</script><!-- <b> @@nonce@@ \x00 {topic} &amp; \"'"


class Elements(HTMLParser):
    """The elements of a page, each with its attributes, and the text of each <script>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.scripts: list[str] = []
        self.text: list[str] = []
        self._in: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {name: value or "" for name, value in attrs}))
        if tag in ("script", "style"):
            self._in = tag
            if tag == "script":
                self.scripts.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == self._in:
            self._in = None

    def handle_data(self, data: str) -> None:
        if self._in == "script":
            self.scripts[-1] += data
        elif self._in is None:
            self.text.append(data)

    def all(self, tag: str) -> list[dict[str, str]]:
        return [attrs for name, attrs in self.tags if name == tag]


def parse(page: str) -> Elements:
    elements = Elements()
    elements.feed(page)
    elements.close()
    return elements


def page_data(page: str) -> dict[str, Any]:
    """The JSON the page's script reads (vocabulary and messages)."""
    elements = parse(page)
    (blob,) = [
        text
        for attrs, text in zip(elements.all("script"), elements.scripts, strict=True)
        if attrs.get("type") == "application/json"
    ]
    data: dict[str, Any] = json.loads(blob)
    return data


def nonce_of(csp: str) -> str:
    nonces: set[str] = set(re.findall(r"'nonce-([^']+)'", csp))
    assert len(nonces) == 1, csp
    return nonces.pop()


@pytest.fixture(scope="module")
def policy(shipped: Allocator) -> Policy:
    return shipped.policy


@pytest.fixture(scope="module")
def pages(policy: Policy) -> dict[str, tuple[str, str]]:
    return {lang: render_page(policy, lang) for lang in LANGS}


@pytest.mark.parametrize("lang", LANGS)
def test_the_page_speaks_its_language_with_every_message_filled_in(
    pages: dict[str, tuple[str, str]], lang: str
) -> None:
    page, _ = pages[lang]
    elements = parse(page)
    assert elements.all("html") == [{"lang": lang}]
    assert "@@" not in page  # every marker of the template replaced
    data = page_data(page)
    assert data["lang"] == lang
    for key, text in data["messages"].items():
        assert text == t(key, lang)
        assert not placeholders(text), f"{key} ({lang}) has a placeholder left: {text!r}"
    # Outside the script and the style, no brace at all: no {placeholder} reached the page.
    visible = "".join(elements.text)
    assert "{" not in visible
    assert "}" not in visible
    assert t("page-heading", lang) in visible
    assert elements.all("title")
    assert t("page-title", lang) in visible
    # The language switch: a link per language, the current one marked.
    switch = [a for a in elements.all("a") if "hreflang" in a]
    assert [a["href"] for a in switch] == ["/?lang=nl", "/?lang=fr", "/?lang=en"]
    assert [a["hreflang"] for a in switch if "aria-current" in a] == [lang]


@pytest.mark.parametrize("lang", LANGS)
def test_every_label_of_the_vocabulary_is_on_the_page(
    pages: dict[str, tuple[str, str]], policy: Policy, lang: str
) -> None:
    page, _ = pages[lang]
    data = page_data(page)
    vocabulary = policy.vocabulary
    for name in VOCABULARY_LISTS:
        terms = getattr(vocabulary, name)
        assert [(e["id"], e["label"]) for e in data["vocabulary"][name]] == [
            (term.id, term.label.get(lang)) for term in terms
        ], name
    elements = parse(page)
    options = elements.all("option")
    for attribute in ATTRIBUTES:
        ids = vocabulary.ids(CASE_ATTRIBUTES[attribute])
        for term_id in ids:
            label = vocabulary.label(CASE_ATTRIBUTES[attribute], term_id, lang)
            assert f'<option value="{term_id}"' in page
            assert f">{html.escape(label)}</option>" in page, (attribute, term_id)
    assert len(options) == sum(len(vocabulary.ids(CASE_ATTRIBUTES[a])) for a in ATTRIBUTES) + 3
    flags = [i["value"] for i in elements.all("input") if i.get("type") == "checkbox"]
    assert flags == list(vocabulary.ids("flags"))
    for flag in flags:
        assert html.escape(vocabulary.label("flags", flag, lang)) in page
    if lang == "fr":  # the labels come from the vocabulary: ADIV is SGRS in French
        assert "SGRS" in vocabulary.label("services", "adiv", "fr")


@pytest.mark.parametrize("lang", LANGS)
def test_the_form_is_labelled_and_keyboard_ready(
    pages: dict[str, tuple[str, str]], lang: str
) -> None:
    page, _ = pages[lang]
    elements = parse(page)
    ids = {attrs["id"] for _, attrs in elements.tags if "id" in attrs}
    bound = {label["for"] for label in elements.all("label") if "for" in label}
    for attribute in ATTRIBUTES:
        assert f"f-{attribute}" in bound
        (select,) = [s for s in elements.all("select") if s["name"] == attribute]
        assert select["aria-describedby"] in ids
    assert {"f-ref", "f-token"} <= bound
    (ref,) = [i for i in elements.all("input") if i.get("id") == "f-ref"]
    assert ref["maxlength"] == "100"
    assert ref["name"] == "ref"
    # The token is never part of the form's URL: its field has no name.
    (token,) = [i for i in elements.all("input") if i.get("id") == "f-token"]
    assert "name" not in token
    assert token["type"] == "password"
    assert [b["type"] for b in elements.all("button")] == ["submit", "button"]
    (form,) = elements.all("form")
    assert form["method"] == "get"
    assert form["action"] == "/"
    # The target defaults to `unspecified`.
    assert '<option value="unspecified" selected>' in page
    # The answer is announced; headings for every part.
    assert any(attrs.get("aria-live") == "polite" for _, attrs in elements.tags)
    assert [name for name, _ in elements.tags if name in ("h1", "h2")] == ["h1", "h2", "h2"]


@pytest.mark.parametrize("lang", LANGS)
def test_nothing_outside_the_page_and_only_its_own_nonce_runs(
    pages: dict[str, tuple[str, str]], policy: Policy, lang: str
) -> None:
    page, csp = pages[lang]
    nonce = nonce_of(csp)
    assert f"script-src 'nonce-{nonce}'" in csp
    assert f"style-src 'nonce-{nonce}'" in csp
    assert "default-src 'none'" in csp
    assert "connect-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert "unsafe-eval" not in csp
    elements = parse(page)
    scripts = elements.all("script")
    assert [s.get("type") for s in scripts] == ["application/json", None]
    assert scripts[1]["nonce"] == nonce  # the one script that runs
    assert [s["nonce"] for s in elements.all("style")] == [nonce]
    # No external resource: nothing loaded from elsewhere, no inline handler, no eval.
    for _tag, attrs in elements.tags:
        for name in ("src", "href", "action", "srcset", "poster", "data"):
            value = attrs.get(name, "")
            assert not re.match(r"\s*(https?:|//|\\\\)", value, re.I), (name, value)
        assert not [name for name in attrs if name.startswith("on")], attrs
    assert not elements.all("img")
    assert not elements.all("iframe")
    assert [link["href"] for link in elements.all("link")] == ["data:,"]  # no favicon request
    template = TEMPLATE.read_text(encoding="utf-8")
    for forbidden in ("http://", "https://", "@import", "url(", "innerHTML", "eval(", "//cdn"):
        assert forbidden not in template, forbidden
    # Each page has a nonce of its own; the rest is the same page.
    again, again_csp = render_page(policy, lang)
    assert nonce_of(again_csp) != nonce
    assert again.replace(nonce_of(again_csp), nonce) == page


def test_a_hostile_label_cannot_break_out_of_its_element(rules_copy: Path, edit: Any) -> None:
    shipped = 'label: {nl: "Terrorisme", fr: "Terrorisme", en: "Terrorism"}'
    hostile = f'label: {{nl: "Terrorisme", fr: "Terrorisme", en: {HOSTILE_YAML}}}'
    edit(rules_copy / "vocabulary.yaml", shipped, hostile)
    policy = Allocator.from_directory(rules_copy, cache=False).policy
    label = policy.vocabulary.label("topics", "terrorism", "en")
    assert label == HOSTILE
    page, csp = render_page(policy, "en")
    nonce = nonce_of(csp)
    elements = parse(page)
    # Still exactly the page's elements: two scripts (the data, the code), one style.
    assert [s.get("type") for s in elements.all("script")] == ["application/json", None]
    assert len(elements.all("style")) == 1
    assert not elements.all("b")
    assert page.count("</script>") == 2
    assert page.count("<!--") == 1  # the template's own comment
    assert nonce not in page.replace(f'nonce="{nonce}"', "")  # the marker in a label is text
    # The script reads the label exactly as written; the option shows it as text.
    data = page_data(page)
    assert data["vocabulary"]["topics"][0]["label"] == label
    (option,) = [o for o in elements.all("option") if o["value"] == "terrorism"]
    assert "Terror&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;!-- &lt;b&gt;" in page
    assert option == {"value": "terrorism"}


@pytest.mark.slow  # a server started, a second
def test_the_page_route_sends_the_page_with_its_policy_headers(tmp_path: Path) -> None:
    tokens = tmp_path / "tokens"
    tokens.write_text(f"duty-officer {TOKEN}\n")
    tokens.chmod(0o600)
    server = Server("--watch", "0", "--token-file", str(tokens), log=tmp_path / "log.jsonl")
    try:
        status, raw, body = server.get("/?lang=fr")  # open without a token
        assert status == 200
        headers = {name.lower(): value for name, value in raw.items()}
        assert headers["content-type"] == "text/html; charset=utf-8"
        assert headers["x-frame-options"] == "DENY"
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "no-referrer"
        assert headers["cache-control"] == "no-store"
        page = body.decode("utf-8")
        nonce = nonce_of(headers["content-security-policy"])
        elements = parse(page)
        assert elements.all("html") == [{"lang": "fr"}]
        assert [s.get("nonce") for s in elements.all("script")] == [None, nonce]
        assert [s.get("nonce") for s in elements.all("style")] == [nonce]
        assert page_data(page)["ruleset"] == server.ready()["ruleset"]
        # Accept-Language when there is no ?lang=; a second request, a new nonce.
        status, raw, body = server.get("/", headers={"Accept-Language": "nl-BE,nl;q=0.9"})
        assert status == 200
        assert parse(body.decode("utf-8")).all("html") == [{"lang": "nl"}]
        csp = {name.lower(): value for name, value in raw.items()}["content-security-policy"]
        assert nonce_of(csp) != nonce
        # The decisions the page asks for still need the token.
        assert (
            server.decide({"topic": "terrorism", "location": "belgium", "actor": "lone-actor"})[0]
            == 401
        )
        assert server.get("/?lang=xx")[0] == 400
    finally:
        server.stop()
