"""Every user-facing string of allocator, in English, Dutch and French: `t()` and `tn()` pick one
from the language's gettext catalogue and fill it in; `number()` writes numbers as the language does.

The strings live in gettext catalogues, one per language, beside this module:
locale/{en,nl,fr}/LC_MESSAGES/allocator.po (edited by translators) and the allocator.mo compiled
from each (read here, with the standard library's gettext; `make translations` extracts, updates
and compiles them with Babel, a development tool only). The message keys of the code are the
msgids, so English has a catalogue too. Labels of topics, services and the like are policy and
live in rules/vocabulary.yaml; these catalogues hold the words of the tool itself: messages,
errors and headings.

A plural message has a form per plural category of each language (Plural-Forms: one and other
in English and Dutch; in French 0 and 1 are singular). Its count is the parameter `count`:
`tn(key, count, lang, ...)`, or `t(key, lang, count=..., ...)` where a message key travels with
its parameters (a Problem, an error). Only plural messages have a {count} placeholder.

A catalogue is read on first use, once per process (the fast path of `decide` reads one), and
kept; importing this module reads none and imports neither `locale` nor Babel.
"""

from __future__ import annotations

import gettext
import os
import re
from _thread import allocate_lock  # threading.Lock itself, without importing threading (start-up)

TYPE_CHECKING = False  # typing is not imported at run time (start-up)
if TYPE_CHECKING:
    from typing import Any

LANGS = ("en", "nl", "fr")
DEFAULT_LANG = "en"
#: The gettext domain: locale/<lang>/LC_MESSAGES/allocator.mo
DOMAIN = "allocator"
LOCALE_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "locale")


def catalogue_path(lang: str, suffix: str = ".mo") -> str:
    """The catalogue of `lang`: the compiled .mo read at run time, or its .po source."""
    return os.path.join(LOCALE_DIR, lang, "LC_MESSAGES", DOMAIN + suffix)


class _Missing(gettext.NullTranslations):
    """The end of every chain of catalogues: a key that no catalogue holds is a programming error,
    never shown to the user as is."""

    def gettext(self, message: str) -> str:
        raise KeyError(f"no message {message!r} in the catalogue")

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        raise KeyError(f"no plural message {msgid1!r} in the catalogue")


class _InEnglish(gettext.NullTranslations):
    """What a Dutch or French catalogue lacks is said in English (tests/test_translations.py keeps
    every catalogue complete; this only spares the user a crash). English is read when needed."""

    def gettext(self, message: str) -> str:
        return _catalogue(DEFAULT_LANG).gettext(message)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        return _catalogue(DEFAULT_LANG).ngettext(msgid1, msgid2, n)


_LOADED: dict[str, gettext.GNUTranslations] = {}
_LOADING = allocate_lock()


def _catalogue(lang: str) -> gettext.GNUTranslations:
    """The compiled catalogue of `lang` (one of LANGS), read on first use and kept (thread-safe)."""
    try:
        return _LOADED[lang]
    except KeyError:
        pass
    with _LOADING:
        if lang not in _LOADED:
            # Opened directly: gettext.translation() would import `locale` to expand the name.
            with open(catalogue_path(lang), "rb") as mo:
                catalogue = gettext.GNUTranslations(mo)
            catalogue.add_fallback(_Missing() if lang == DEFAULT_LANG else _InEnglish())
            _LOADED[lang] = catalogue
        return _LOADED[lang]


_PLACEHOLDER = re.compile(r"{(\w+)")
#: What must never reach a terminal as such: C0 and C1 control characters (ESC, so every ANSI
#: escape sequence, included) and DEL; the invisible format characters (Unicode category Cf: the
#: bidi overrides and isolates such as U+202E, which reorder what follows, zero-width characters,
#: the BOM, the tags); the line and paragraph separators U+2028/U+2029; and lone surrogates,
#: which cannot even be encoded. tests/test_audit_trail.py checks the list against unicodedata.
_FORMAT = (
    "\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f"
    "\u2028-\u202e\u2060-\u2064\u2066-\u206f\ud800-\udfff\ufeff\ufff9-\ufffb"
    "\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    "\U000e0001\U000e0020-\U000e007f"
)
#: Everything above but newline and tab, which a message of several lines keeps.
_CONTROL = re.compile(f"[\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f{_FORMAT}]")
#: Everything above, newline and tab included: one field of one line (a log record's user name).
_CONTROL_ONE_LINE = re.compile(f"[\\x00-\\x1f\\x7f-\\x9f{_FORMAT}]")
_MAX_PARAM = 120


def placeholders(text: str) -> set[str]:
    return set(_PLACEHOLDER.findall(text))


def _shown(match: re.Match[str]) -> str:
    """A character as Python writes it in a string literal: \\x1b, \\u202e, \\U000e0001."""
    code = ord(match.group())
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def sanitize(text: str, *, one_line: bool = False) -> str:
    """Make text safe for a terminal: control characters, escape sequences, bidi overrides and
    other invisible characters are shown (`\\x1b`, `\\u202e`), never sent.

    `one_line` also shows newlines and tabs: for a value that must stay on its line (a field read
    from the decision log), so that no value can forge a line of its own.
    """
    return (_CONTROL_ONE_LINE if one_line else _CONTROL).sub(_shown, text)


def _json_escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x10000:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


def sanitize_json(text: str) -> str:
    """JSON text made safe for a terminal without changing what it means: every character
    `sanitize` would show is written as a JSON escape (`\\u202e`), which decodes to the same data.
    (Inside its strings, JSON already escapes newlines and tabs; outside, they are layout.)"""
    return _CONTROL.sub(_json_escape, text)


#: Parameters that may carry raw user input, shortened so a 1 MB value never floods a terminal.
_USER_INPUT = {"value", "key", "detail", "problem", "reason", "suggestion", "tag"}


def number(value: float, lang: str = DEFAULT_LANG, decimals: int = 0) -> str:
    """`value` written as `lang` writes numbers (CLDR): 62,976 / 62.976 / 62\u202f976 (a narrow
    no-break space in French), and with `decimals` 0.43 / 0,43 / 0,43. The two separators are
    entries of each catalogue, so that translators own them."""
    whole = decimals == 0 and isinstance(value, int)  # exact, however large
    text = f"{value:,}" if whole else f"{value:,.{decimals}f}"
    # TRANSLATORS: the thousands separator of numbers, CLDR's "group" symbol: "," in English, "." in Dutch, U+202F NARROW NO-BREAK SPACE in French.
    group = t("number-group", lang)
    # TRANSLATORS: the decimal separator of numbers, CLDR's "decimal" symbol: "." in English, "," in Dutch and in French.
    decimal = t("number-decimal", lang)
    return text.translate({ord(","): group, ord("."): decimal})


def percent(share: float, lang: str = DEFAULT_LANG, decimals: int = 0) -> str:
    """A share (0.432) as a percentage, as `lang` writes it: 43.2% / 43,2% / 43,2\u00a0%."""
    # TRANSLATORS: a percentage, CLDR's percent pattern: "{value}%" in English and Dutch, "{value}" U+00A0 NO-BREAK SPACE "%" in French.
    return t("number-percent", lang, value=number(share * 100, lang, decimals))


def _shorten(value: Any, lang: str) -> Any:
    if isinstance(value, str) and len(value) > _MAX_PARAM:
        return tn("shortened-value", len(value), lang, start=value[:_MAX_PARAM])
    return value


def _fill(text: str, lang: str, params: dict[str, Any]) -> str:
    if not params:
        return text
    values = {}
    for name, value in params.items():
        if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10_000:
            value = number(value, lang)
        values[name] = _shorten(value, lang) if name in _USER_INPUT else value
    return text.format(**values)


def t(key: str, lang: str = DEFAULT_LANG, /, **params: Any) -> str:
    """The message `key` in `lang`, filled with `params` (long values are shortened, whole numbers
    from 10,000 up written as `lang` writes them). A plural message takes its count as `count`
    (see tn)."""
    if "count" in params:
        count = params.pop("count")
        return tn(key, count, lang, **params)
    catalogue = _catalogue(lang if lang in LANGS else DEFAULT_LANG)
    return _fill(catalogue.gettext(key), lang, params)


def tn(key: str, count: int, lang: str = DEFAULT_LANG, /, **params: Any) -> str:
    """The plural message `key` in `lang`, in the form `count` takes (ngettext), filled with
    `params` and with {count}, written as `lang` writes numbers."""
    catalogue = _catalogue(lang if lang in LANGS else DEFAULT_LANG)
    # Keys are the msgids, the singular and the plural one alike.
    text = catalogue.ngettext(key, key, count)
    return _fill(text, lang, {**params, "count": number(count, lang)})


def kind_name(kind: str, lang: str = DEFAULT_LANG, plural: bool = False) -> str:
    return t(f"kind-{kind}{'s' if plural else ''}", lang)


def detect_lang(explicit: str | None = None) -> str:
    """The language to speak: the option, else ALLOCATOR_LANG, else the locale, else English."""
    for candidate in (explicit, os.environ.get("ALLOCATOR_LANG")):
        if candidate:
            code = candidate.strip().lower()[:2]
            if code in LANGS:
                return code
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var)
        if value:
            code = value.lower()[:2]
            return code if code in LANGS else DEFAULT_LANG
    import locale  # only here: no environment variable names a language (rare; it costs ~1 ms)

    try:
        loc = locale.getlocale(locale.LC_MESSAGES)[0] if hasattr(locale, "LC_MESSAGES") else None
    except ValueError:
        loc = None
    if loc and loc[:2].lower() in LANGS:
        return loc[:2].lower()
    return DEFAULT_LANG
