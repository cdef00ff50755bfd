"""The duty-desk page at `/`: one self-contained HTML document (styles and script inline, no
external resource), in the language asked for.

The document is page.html, beside this module, filled in here: the page's words (messages of the
catalogues), the form's lists (the vocabulary of the rule set in force, labels in the language)
and, for the script, the same vocabulary and words as JSON. The script decides a case with one
request, `POST /v1/decisions?explain=true`, and shows the answer; the case lives in the page's
URL (`/?lang=fr&topic=terrorism&location=belgium&actor=lone-actor&flags=imminent&ref=…`), so a
link, a reload or a bookmark decides it again.

Everything inserted is escaped: HTML text and attributes with html.escape, the JSON with `<`,
`>` and `&` written as JSON escapes, so that no label can end the <script> element it sits in.
Only the nonce changes from one request to the next: the rest is built once per rule set and
language.
"""

from __future__ import annotations

import html
import json
import re
import secrets
from functools import cache
from importlib.resources import files
from typing import Any

from allocator.i18n import DEFAULT_LANG, LANGS, t
from allocator.model import ATTRIBUTES, CASE_ATTRIBUTES, VOCABULARY_LISTS, Policy

#: Each language by its own name, in the order of the switch (names, the same on every page).
LANGUAGE_NAMES = {"nl": "Nederlands", "fr": "Français", "en": "English"}
#: Messages that other parts of allocator own and the page shows as they are (some are listed in
#: i18n/deferred.py, so they are looked up here by name, not in t() calls Babel would read).
SHARED = (
    "colon",
    "competence-none",
    "heading-case",
    "heading-competence",
    "heading-consultation",
    "heading-if",
    "heading-lead",
    "heading-partners",
    "heading-reasoning",
    "heading-reference",
    "heading-rules",
    "heading-ruleset",
    "heading-why",
    "label-basis",
    "lead-none",
    "no-counterfactual",
    "no-flags",
    "no-partners",
    "outcome-no-consultation",
)
#: A marker of page.html: @@name@@ or @@t:message-key@@.
_MARKER = re.compile(r"@@(\w+)(?::([\w-]+))?@@")
#: Where the nonce goes in a page built once (a character no inserted text keeps: see _text).
_NONCE = "\x00"
#: The pages built, by (fingerprint of the rule set, language); a few rule sets at most.
_BUILT: dict[tuple[str, str], list[str]] = {}
_MAX_BUILT = 24


def render_page(policy: Policy, lang: str) -> tuple[str, str]:
    """The page and its Content-Security-Policy (inline script and style allowed by nonce only)."""
    nonce = secrets.token_urlsafe(16)
    csp = (
        "default-src 'none'; connect-src 'self'; img-src 'self' data:; "
        f"style-src 'nonce-{nonce}'; script-src 'nonce-{nonce}'; "
        "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    )
    lang = lang if lang in LANGS else DEFAULT_LANG
    key = (policy.fingerprint, lang)
    parts = _BUILT.get(key)
    if parts is None:
        parts = _build(policy, lang).split(_NONCE)
        if len(_BUILT) >= _MAX_BUILT:
            _BUILT.clear()
        _BUILT[key] = parts
    return nonce.join(parts), csp


def messages(lang: str) -> dict[str, str]:
    """Every word of the page in `lang`, by message key (the script reads them by key too)."""
    found = {key: t(key, lang) for key in SHARED}
    found.update(
        {
            "page-title": t("page-title", lang),
            "page-heading": t("page-heading", lang),
            "page-intro": t("page-intro", lang),
            "page-language": t("page-language", lang),
            "page-topic": t("page-topic", lang),
            "page-location": t("page-location", lang),
            "page-actor": t("page-actor", lang),
            "page-target": t("page-target", lang),
            "page-flags": t("page-flags", lang),
            "page-choose": t("page-choose", lang),
            "page-ref": t("page-ref", lang),
            "page-ref-hint": t("page-ref-hint", lang),
            "page-token": t("page-token", lang),
            "page-token-hint": t("page-token-hint", lang),
            "page-submit": t("page-submit", lang),
            "page-submit-hint": t("page-submit-hint", lang),
            "page-deciding": t("page-deciding", lang),
            "page-answer": t("page-answer", lang),
            "page-print": t("page-print", lang),
            "page-waiting": t("page-waiting", lang),
            "page-error": t("page-error", lang),
            "page-network-error": t("page-network-error", lang),
            "page-choose-value": t("page-choose-value", lang),
            "page-competence-exclusive": t("page-competence-exclusive", lang),
            "page-competence-shared": t("page-competence-shared", lang),
            "page-outcome-gap": t("page-outcome-gap", lang),
            "page-outcome-conflict": t("page-outcome-conflict", lang),
            "page-escalation": t("page-escalation", lang),
            "page-priority": t("page-priority", lang),
            "page-outranks": t("page-outranks", lang),
            "page-decided-on": t("page-decided-on", lang),
            "page-facts": t("page-facts", lang),
            "page-because": t("page-because", lang),
            "page-applies-because": t("page-applies-because", lang),
            "page-open-case": t("page-open-case", lang),
            "page-rules-changed": t("page-rules-changed", lang),
        }
    )
    return found


def vocabulary(policy: Policy, lang: str) -> dict[str, list[dict[str, str]]]:
    """Every list of the vocabulary, in file order: each id with its label in `lang`, and the
    values of a case (topics to flags) with their description too, which the form shows."""
    described = set(CASE_ATTRIBUTES.values())
    found: dict[str, list[dict[str, str]]] = {}
    for name in VOCABULARY_LISTS:
        found[name] = []
        for term in getattr(policy.vocabulary, name):
            entry = {"id": term.id, "label": term.label.get(lang)}
            if name in described:
                entry["description"] = term.description.get(lang)
            found[name].append(entry)
    return found


@cache
def _template() -> str:
    return files("allocator.serve").joinpath("page.html").read_text(encoding="utf-8")


def _text(value: str) -> str:
    """`value` as HTML text or attribute value (and never holding the nonce's place)."""
    return html.escape(value.replace(_NONCE, "\ufffd"), quote=True)


def script_json(value: Any) -> str:
    """`value` as JSON that may stand inside a <script> element: `<`, `>` and `&` escaped, so
    that no text in it can close the element, open a comment or look like markup."""
    return (
        json.dumps(value, ensure_ascii=False, separators=(",", ":"))
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
    )


def _fields(terms: dict[str, list[dict[str, str]]], words: dict[str, str]) -> str:
    """A labelled list per case attribute (a native <select>: type-ahead, keyboard, labels), the
    target defaulting to `unspecified`, the others to a prompt to choose."""
    out = []
    for attribute in ATTRIBUTES:
        name = CASE_ATTRIBUTES[attribute]
        options = []
        if attribute != "target":
            options.append(f'<option value="">{_text(words["page-choose"])}</option>')
        for term in terms[name]:
            selected = " selected" if attribute == "target" and term["id"] == "unspecified" else ""
            options.append(
                f'<option value="{_text(term["id"])}"{selected}>{_text(term["label"])}</option>'
            )
        required = ' aria-required="true"' if attribute != "target" else ""
        out.append(
            f'<div class="field"><label for="f-{attribute}">'
            f"{_text(words['page-' + attribute])}</label>"
            f'<select id="f-{attribute}" name="{attribute}"{required} '
            f'aria-describedby="f-{attribute}-hint">{"".join(options)}</select>'
            f'<p class="hint" id="f-{attribute}-hint"></p></div>'
        )
    return "\n".join(out)


def _flags(terms: dict[str, list[dict[str, str]]]) -> str:
    """A checkbox per flag, its label bound to it, its description as a tooltip."""
    return "".join(
        f'<label title="{_text(term["description"])}">'
        f'<input type="checkbox" name="flags" id="flag-{_text(term["id"])}" '
        f'value="{_text(term["id"])}"> <span>{_text(term["label"])}</span></label>'
        for term in terms["flags"]
    )


def _languages(lang: str) -> str:
    """The language switch: a link per language (the script adds the case to each)."""
    links = []
    for code, name in LANGUAGE_NAMES.items():
        current = ' aria-current="page"' if code == lang else ""
        links.append(
            f'<li><a href="/?lang={code}" hreflang="{code}" lang="{code}"{current}>'
            f"{_text(name)}</a></li>"
        )
    return "".join(links)


def _build(policy: Policy, lang: str) -> str:
    """The page in `lang` for the rule set `policy`, with _NONCE where the nonce goes."""
    words = messages(lang)
    terms = vocabulary(policy, lang)
    data = {"lang": lang, "ruleset": policy.fingerprint, "messages": words, "vocabulary": terms}
    values = {
        "nonce": _NONCE,
        "lang": _text(lang),
        "langs": _languages(lang),
        "fields": _fields(terms, words),
        "flags": _flags(terms),
        "data": script_json(data).replace(_NONCE, "\\u0000"),
    }

    def fill(match: re.Match[str]) -> str:
        name, key = match.group(1), match.group(2)
        return _text(words[key]) if name == "t" and key else values[name]

    # One pass: what a marker is replaced with is never read again for markers.
    return _MARKER.sub(fill, _template())
