"""Messages at run time: t() and tn() read the compiled catalogues, numbers are written per
language, and the language is chosen as the README says."""

from __future__ import annotations

import gettext
import io
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_percent, get_decimal_symbol, get_group_symbol

from allocator.i18n import LANGS, detect_lang, number, percent, placeholders, sanitize, t, tn
from allocator.i18n import messages as runtime
from allocator.i18n.messages import catalogue_path


def _catalogue(lang: str) -> Catalog:
    with open(catalogue_path(lang, ".po"), "rb") as po:
        return read_po(po)


CATALOGUES = {lang: _catalogue(lang) for lang in LANGS}
PLURAL_KEYS = sorted(
    message.id[0] for message in CATALOGUES["en"] if message.id and message.pluralizable
)


def _filled(texts: list[str]) -> dict[str, Any]:
    """A value for every placeholder of `texts` but {count}, which tn() fills."""
    names = set().union(*(placeholders(text) for text in texts)) - {"count"}
    return {name: f"<{name}>" for name in sorted(names)}


# --------------------------------------------------------------------------- plural messages


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("key", PLURAL_KEYS)
def test_each_plural_message_renders_its_singular_with_1_and_its_plural_with_2(
    key: str, lang: str
) -> None:
    forms = CATALOGUES[lang][key].string
    assert isinstance(forms, tuple | list), forms
    singular, plural = forms
    params = _filled([singular, plural])
    one, two = tn(key, 1, lang, **params), tn(key, 2, lang, **params)
    # One is singular and two plural in English, Dutch and French alike.
    assert one == singular.format(count="1", **params)
    assert two == plural.format(count="2", **params)
    for text in (one, two):
        assert "{" not in text  # every placeholder filled
        assert not any(mark in text for mark in ("(s)", "(en)", "(men)", "zaak/zaken"))


@pytest.mark.parametrize(
    ("lang", "counts"),
    [
        ("en", {0: "0 errors", 1: "1 error", 2: "2 errors", 1234: "1,234 errors"}),
        ("nl", {0: "0 fouten", 1: "1 fout", 2: "2 fouten", 1234: "1.234 fouten"}),
        # French: 0 and 1 are singular (Plural-Forms: plural=(n > 1)).
        ("fr", {0: "0 erreur", 1: "1 erreur", 2: "2 erreurs", 1234: "1\u202f234 erreurs"}),
    ],
)
def test_plural_forms_follow_each_languages_rule(lang: str, counts: dict[int, str]) -> None:
    for count, expected in counts.items():
        assert tn("check-summary-errors", count, lang) == expected


def test_a_message_with_several_counts_agrees_with_each() -> None:
    summary = tn(
        "check-summary",
        1,
        "fr",
        cases=tn("check-summary-cases", 25_878_528, "fr"),
        dimensions="…",
        seconds=number(0.43, "fr", 2),
        errors=tn("check-summary-errors", 0, "fr"),
        warnings=tn("check-summary-warnings", 1, "fr"),
        notes=tn("check-summary-notes", 5, "fr"),
    )
    assert summary == (
        "1 règle vérifiée sur 25\u202f878\u202f528 dossiers (…) en 0,43 s : "
        "0 erreur, 1 avertissement, 5 remarques"
    )
    assert tn("diff-summary", 1, "en", changes=tn("diff-summary-changes", 1, "en"), total="9") == (
        "1 change; 1 of 9 cases is decided differently"
    )


def test_t_gives_a_plural_message_the_form_of_its_count() -> None:
    """A Problem carries its key and parameters; `count` chooses the form (errors.localized)."""
    for lang in LANGS:
        assert t("gap", lang, count=1, region="r") == tn("gap", 1, lang, region="r")
        assert t("gap", lang, count=221_184, region="r") == tn("gap", 221_184, lang, region="r")
    assert t("gap", "nl", count=221_184, region="r") == (
        "geen enkele regel bepaalt de leiding voor 221.184 zaken: r"
    )


def test_a_missing_message_is_a_programming_error() -> None:
    with pytest.raises(KeyError, match="no-such-message"):
        t("no-such-message")
    with pytest.raises(KeyError, match="no-such-message"):
        tn("no-such-message", 2, "fr")
    with pytest.raises(KeyError, match="help"):
        tn("help", 2)  # a message without plural forms


def test_a_translation_missing_from_a_catalogue_is_said_in_english(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The tests keep every catalogue complete; should one lack a key, the user reads English,
    never the key and never a traceback."""
    partial = Catalog(locale="nl")
    partial.add("help", "hulp")
    compiled = io.BytesIO()
    write_mo(compiled, partial)
    compiled.seek(0)
    dutch = gettext.GNUTranslations(compiled)
    dutch.add_fallback(runtime._InEnglish())
    monkeypatch.setitem(runtime._LOADED, "nl", dutch)
    assert t("help", "nl") == "hulp"
    assert t("heading-why", "nl") == "Why"
    assert tn("check-summary-errors", 2, "nl") == "2 errors"
    with pytest.raises(KeyError):
        t("no-such-message", "nl")


# --------------------------------------------------------------------------- numbers


@pytest.mark.parametrize(
    ("lang", "whole", "decimal", "large"),
    [
        ("en", "62,976", "0.43", "25,878,528"),
        ("nl", "62.976", "0,43", "25.878.528"),
        ("fr", "62\u202f976", "0,43", "25\u202f878\u202f528"),
    ],
)
def test_numbers_are_written_as_each_language_writes_them(
    lang: str, whole: str, decimal: str, large: str
) -> None:
    assert number(62_976, lang) == whole
    assert number(0.43, lang, 2) == decimal
    assert number(25_878_528, lang) == large
    assert number(999, lang) == "999"
    assert number(-62_976, lang) == "-" + whole
    assert number(10**20 + 1, lang).replace(get_group_symbol(lang), "") == "100000000000000000001"
    assert number(1234.5, lang, 0) == number(1234, lang)  # rounded half to even, as Python does
    assert number(5060.4, lang, 0) == number(5060, lang)
    # Whole numbers of 10,000 and more in any message, counts of plural messages at any size.
    assert t("batch-line-too-long-bytes", lang, size=62_976, limit=10).count(whole) == 1
    assert whole in tn("check-summary-cases", 62_976, lang)


@pytest.mark.parametrize("lang", LANGS)
def test_number_separators_and_percent_are_cldrs(lang: str) -> None:
    """The separators are entries of each catalogue (translators own them); they are CLDR's."""
    assert t("number-group", lang) == get_group_symbol(lang)
    assert t("number-decimal", lang) == get_decimal_symbol(lang)
    for share in (0.0, 0.432, 1.0):
        assert percent(share, lang) == format_percent(share, locale=lang)
    assert percent(0.4321, lang, 1) == {"en": "43.2%", "nl": "43,2%", "fr": "43,2\u00a0%"}[lang]


# --------------------------------------------------------------------------- loading


def test_catalogues_are_read_once_and_shared_between_threads(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(runtime, "_LOADED", {})
    reads: list[str] = []
    real = gettext.GNUTranslations

    class Counting(real):  # type: ignore[misc, valid-type]
        def _parse(self, fp: Any) -> None:
            reads.append(getattr(fp, "name", "?"))
            super()._parse(fp)

    monkeypatch.setattr(gettext, "GNUTranslations", Counting)
    start = threading.Barrier(8)
    found: list[tuple[object, str]] = []

    def speak(lang: str) -> None:
        start.wait()
        found.append((runtime._catalogue(lang), t("help", lang)))

    threads = [threading.Thread(target=speak, args=(LANGS[i % 2],)) for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(Path(name).parent.parent.name for name in reads) == ["en", "nl"]
    assert len({id(catalogue) for catalogue, _ in found}) == 2
    assert sorted(word for _, word in found) == ["help"] * 4 + ["hulp"] * 4


def test_importing_messages_reads_no_catalogue_and_imports_neither_locale_nor_babel() -> None:
    """The fast path of `decide` imports allocator.i18n: it must stay cheap."""
    code = (
        "import sys\n"
        "import allocator.i18n.messages as m\n"
        "print(sorted(name for name in ('locale', 'babel') if name in sys.modules), len(m._LOADED))\n"
        "m.t('help', 'fr')\n"
        "print(sorted(m._LOADED), 'babel' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env={}
    )
    assert result.stdout.splitlines() == ["[] 0", "['fr'] False"]


# --------------------------------------------------------------------------- language, safety


@pytest.mark.parametrize(
    ("option", "env", "expected"),
    [
        ("fr", {"ALLOCATOR_LANG": "nl"}, "fr"),
        (None, {"ALLOCATOR_LANG": "nl"}, "nl"),
        (None, {"ALLOCATOR_LANG": "", "LC_ALL": "fr_BE.UTF-8"}, "fr"),
        (None, {"LANG": "nl_BE.UTF-8"}, "nl"),
        (None, {"LANG": "de_DE.UTF-8"}, "en"),
        (None, {"LANG": "C"}, "en"),
    ],
)
def test_language_choice(
    monkeypatch: pytest.MonkeyPatch, option: str | None, env: dict[str, str], expected: str
) -> None:
    for var in ("ALLOCATOR_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(var, raising=False)
    for var, value in env.items():
        monkeypatch.setenv(var, value)
    assert detect_lang(option) == expected


def test_an_unknown_language_speaks_english() -> None:
    assert t("heading-why", "de") == "Why"
    assert tn("check-summary-errors", 2, "de") == "2 errors"


def test_control_characters_are_shown_not_sent() -> None:
    assert sanitize("a\x1b[2Jb\x00c\x9bd\ne\tf") == "a\\x1b[2Jb\\x00c\\x9bd\ne\tf"


def test_long_user_values_are_shortened() -> None:
    text = t("unknown-key", "en", key="k" * 10_000)
    assert len(text) < 300
    assert "(10,000 characters)" in text
    assert "(10.000 tekens)" in t("unknown-key", "nl", key="k" * 10_000)
    assert "(10\u202f000 caractères)" in t("unknown-key", "fr", key="k" * 10_000)
