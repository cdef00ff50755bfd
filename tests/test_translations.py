"""No user-facing string lacks a translation: the gettext catalogues (src/allocator/i18n/locale),
the code that names their keys, the rules, and the messages at run time.

A translator edits an allocator.po and runs `make translations`; a developer who adds a key runs
it too. These tests fail, naming that command, when a catalogue, its template or its compiled
.mo is out of step with the code.
"""

from __future__ import annotations

import ast
import io
import json
import re
import string
from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_keywords, parse_mapping_cfg
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po

from allocator.i18n import LANGS, deferred, placeholders
from allocator.model import ATTRIBUTES, LIST_KIND
from allocator.staff.diff import ASPECTS
from allocator.staff.matrix import VIEWS
from allocator.testing import run_cli
from tests.helpers import LONE_ACTOR

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "src" / "allocator"
LOCALES = SOURCE / "i18n" / "locale"
TEMPLATE = LOCALES / "allocator.pot"
FIX = "edit the .po files and run `make translations`"
#: The Plural-Forms of each language (one and other; French counts 0 as singular).
PLURAL_FORMS = {
    "en": "nplurals=2; plural=(n != 1);",
    "nl": "nplurals=2; plural=(n != 1);",
    "fr": "nplurals=2; plural=(n > 1);",
}
#: Calls whose first argument reaches the user as text.
USER_FACING = {"echo", "secho", "prompt", "UsageError", "BadParameter", "ClickException", "fail"}
#: Words that are names, the same in every language.
NAMES = {"allocator", "allocator:"}
#: Calls whose first argument is a message key rendered later (errors.localized).
CARRIERS = {"Problem", "Hint", "AllocatorError", "ArgumentError", "EngineError"}
#: Keys the code builds at run time, as the f-string that builds them (placeholders as {}), with
#: the keys each family must hold. A new family goes here, its keys into i18n/deferred.py.
DYNAMIC = {
    "because-{}": {f"because-{a}" for a in ATTRIBUTES},
    "because-not-{}": {f"because-not-{a}" for a in ATTRIBUTES},
    "cf-{}": {f"cf-{a}" for a in ATTRIBUTES},
    "because-{}-label": {f"because-{a}-label" for a in ATTRIBUTES},
    "because-not-{}-label": {f"because-not-{a}-label" for a in ATTRIBUTES},
    "cf-{}-label": {f"cf-{a}-label" for a in ATTRIBUTES},
    "because-{}{}": {f"because-{n}{k}" for n in ("", "not-") for k in ("fact", "flags")},
    "because-{}{}-label": {
        f"because-{n}{k}-label" for n in ("", "not-") for k in ("fact", "flags")
    },
    "diff-{}-{}": {f"diff-{a}-{c}" for a in ASPECTS if a != "lead" for c in ("added", "removed")},
    "kind-{}": {f"kind-{a}" for a in ATTRIBUTES},
    "kind-{}{}": {f"kind-{k}{s}" for k in LIST_KIND.values() for s in ("", "s")},
    "matrix-title-{}": {f"matrix-title-{v}" for v in VIEWS},
    "matrix-legend-text-{}": {f"matrix-legend-text-{v}" for v in VIEWS},
}


def _read(path: Path) -> Catalog:
    with path.open("rb") as po:
        return read_po(po)


CATALOGUES = {lang: _read(LOCALES / lang / "LC_MESSAGES" / "allocator.po") for lang in LANGS}


def _key(message_id: str | tuple[str, ...] | list[str]) -> str:
    return message_id if isinstance(message_id, str) else message_id[0]


def _keys(catalog: Catalog) -> dict[str, bool]:
    """Each key of `catalog` and whether it is a plural message."""
    return {_key(m.id): m.pluralizable for m in catalog if m.id}


KEYS = _keys(CATALOGUES["en"])


def _forms(lang: str, key: str) -> list[str]:
    text = CATALOGUES[lang][key].string
    return [text] if isinstance(text, str) else list(text or ())


# --------------------------------------------------------------------------- the code


def _trees() -> Iterator[tuple[str, ast.Module]]:
    for path in sorted(SOURCE.rglob("*.py")):
        yield str(path.relative_to(SOURCE)), ast.parse(path.read_text(encoding="utf-8"))


def _name(call: ast.Call) -> str:
    func = call.func
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


def _pattern(node: ast.JoinedStr) -> str:
    """An f-string as its template: `f"kind-{kind}"` -> `kind-{}`."""
    return "".join(str(v.value) if isinstance(v, ast.Constant) else "{}" for v in node.values)


class Uses:
    """Where the code names message keys: t() and tn() calls (those inside an f-string apart:
    Babel's extractor does not see them under Python 3.11), keys built in f-strings, keys
    carried by a Problem or an error, and every other string literal."""

    def __init__(self) -> None:
        self.calls: dict[str, set[str]] = {}  # key -> how: {"t", "t+count", "tn"}
        self.outside_fstrings: set[str] = set()  # keys of the calls Babel always sees
        self.in_fstrings: set[str] = set()
        self.patterns: dict[str, set[str]] = {}  # f-string template -> where
        self.carried: dict[str, set[str]] = {}
        self.literals: set[str] = set()  # every string outside i18n/
        for where, tree in _trees():
            in_fstring = {
                id(node)
                for joined in ast.walk(tree)
                if isinstance(joined, ast.JoinedStr)
                for node in ast.walk(joined)
            }
            for node in ast.walk(tree):
                is_text = isinstance(node, ast.Constant) and isinstance(node.value, str)
                if is_text and not where.startswith("i18n/"):
                    self.literals.add(node.value)  # type: ignore[attr-defined]
                if not isinstance(node, ast.Call) or not node.args:
                    continue
                name, first = _name(node), node.args[0]
                key = first.value if isinstance(first, ast.Constant) else None
                if name in {"t", "tn"} and isinstance(key, str):
                    how = "t+count" if any(k.arg == "count" for k in node.keywords) else name
                    self.calls.setdefault(key, set()).add(how)
                    seen = self.in_fstrings if id(node) in in_fstring else self.outside_fstrings
                    seen.add(key)
                elif name in {"t", "tn"} and isinstance(first, ast.JoinedStr):
                    self.patterns.setdefault(_pattern(first), set()).add(f"{where}:{node.lineno}")
                elif name in CARRIERS and isinstance(key, str):
                    self.carried.setdefault(key, set()).add(f"{where}:{node.lineno}")


USES = Uses()


def _built(key: str) -> bool:
    return any(re.fullmatch(re.escape(p).replace(r"\{\}", ".+"), key) for p in USES.patterns)


# --------------------------------------------------------------------------- the catalogues


@pytest.mark.parametrize("lang", LANGS)
def test_every_key_is_translated_in_every_language(lang: str) -> None:
    catalog = CATALOGUES[lang]
    assert not catalog.fuzzy, f"{lang}: the header is marked fuzzy; {FIX}"
    assert _keys(catalog) == KEYS == _keys(_read(TEMPLATE)), (
        f"{lang}: not the keys (or the plural keys) of the template allocator.pot; {FIX}"
    )
    assert not catalog.obsolete, f"{lang}: obsolete entries {sorted(catalog.obsolete)}; {FIX}"
    problems = [
        f"{_key(m.id)}: {'fuzzy' if m.fuzzy else 'not translated'}"
        for m in catalog
        if m.id and (m.fuzzy or not all(_forms(lang, _key(m.id))))
    ]
    assert not problems, f"{lang}: {problems}; {FIX}"
    assert len(KEYS) > 250


@pytest.mark.parametrize("lang", LANGS)
def test_each_catalogue_declares_its_language_and_plural_forms(lang: str) -> None:
    catalog = CATALOGUES[lang]
    assert str(catalog.locale) == lang
    assert catalog.plural_forms == PLURAL_FORMS[lang]
    assert dict(catalog.mime_headers)["Plural-Forms"] == PLURAL_FORMS[lang]
    assert catalog.charset == "utf-8"


@pytest.mark.parametrize("key", sorted(KEYS))
def test_placeholders_agree_across_languages_and_plural_forms(key: str) -> None:
    english = _forms("en", key)
    expected = placeholders(english[-1]) - {"count"}
    for lang in LANGS:
        forms = _forms(lang, key)
        assert len(forms) == (2 if KEYS[key] else 1), f"{key} ({lang}): {len(forms)} forms"
        for index, text in enumerate(forms):
            fields = {field for _, field, _, _ in string.Formatter().parse(text) if field}
            assert fields == placeholders(text), f"{key} ({lang}): {text!r}"
            assert placeholders(text) - {"count"} == expected, (
                f"{key} ({lang}, form {index}) has placeholders {placeholders(text)}, "
                f"English {expected}"
            )
            # {count} is the number that chooses the form: only plural messages have one.
            assert KEYS[key] or "count" not in placeholders(text), f"{key} ({lang})"
            assert not re.search(r"\w\((s|en|men)\)|zaak/zaken", text), (
                f"{key} ({lang}): a plural written as (s); make it a plural message"
            )


def test_plural_messages_have_a_singular_and_a_plural_that_differ() -> None:
    plurals = [key for key, plural in KEYS.items() if plural]
    assert len(plurals) >= 40
    for key in plurals:
        # At least one language tells one case from two (English "1 case", "2 cases"), but in
        # "{count} of the lists", where none does.
        differ = any(len(set(_forms(lang, key))) == 2 for lang in LANGS)
        assert differ != (key == "limit-case-lists"), key
    assert _forms("fr", "gap") == [
        "aucune règle ne désigne de pilote pour {count} dossier : {region}",
        "aucune règle ne désigne de pilote pour {count} dossiers : {region}",
    ]


@pytest.mark.parametrize("lang", LANGS)
def test_the_compiled_catalogue_is_what_babel_compiles_from_the_po(lang: str) -> None:
    folder = LOCALES / lang / "LC_MESSAGES"
    compiled = io.BytesIO()
    write_mo(compiled, CATALOGUES[lang])
    committed = (folder / "allocator.mo").read_bytes()
    fix = f"{folder / 'allocator.mo'} is not what Babel compiles from allocator.po: run `make translations`"
    ours = read_mo(io.BytesIO(committed))
    theirs = read_mo(io.BytesIO(compiled.getvalue()))
    if ours.mime_headers == theirs.mime_headers:
        assert committed == compiled.getvalue(), fix
    else:
        # Another version of Babel compiled it (its header says so): the same messages suffice.
        headers = [(k, v) for k, v in ours.mime_headers if k != "Generated-By"]
        assert headers == [(k, v) for k, v in theirs.mime_headers if k != "Generated-By"], fix
        assert {m.id: m.string for m in ours} == {m.id: m.string for m in theirs}, fix


def test_the_template_holds_the_keys_of_the_code() -> None:
    """allocator.pot is what `pybabel extract` makes of the code (the Makefile's keywords)."""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = makefile[makefile.index("\ntranslations:") :]
    keywords = parse_keywords(re.findall(r"-k (\S+)", recipe[: recipe.index("pybabel update")]))
    assert set(keywords) == {"t", "tn", "N_", "N_plural"}
    with (ROOT / "babel.cfg").open(encoding="utf-8") as cfg:
        method_map, options_map = parse_mapping_cfg(cfg)  # type: ignore[no-untyped-call]
    found: dict[str, bool] = {}
    for _, _, message, _, _ in extract_from_dir(
        str(ROOT), method_map, options_map, keywords=keywords
    ):
        found[_key(message)] = found.get(_key(message), False) or not isinstance(message, str)
    assert found == _keys(_read(TEMPLATE)), (
        f"the code and allocator.pot differ ({sorted(set(found) ^ set(KEYS))}): "
        "run `make translations`, then translate the new keys"
    )


# --------------------------------------------------------------------------- code and catalogues


def test_every_key_the_code_uses_is_in_the_catalogue() -> None:
    calls = USES.calls
    assert len(calls) > 100
    missing = sorted(set(calls) - set(KEYS))
    assert not missing, f"t()/tn() keys missing from the catalogues: {missing}; {FIX}"
    wrong = sorted(
        f"{key} ({'plural' if KEYS[key] else 'singular'} message, called as {sorted(kinds)})"
        for key, kinds in calls.items()
        if (KEYS[key] and "t" in kinds) or (not KEYS[key] and kinds & {"tn", "t+count"})
    )
    assert not wrong, f"a plural message takes tn() or count=, a singular one neither: {wrong}"
    carried = sorted(f"{key} ({where})" for key, where in USES.carried.items() if key not in KEYS)
    assert not carried, f"message keys of problems and errors missing: {carried}; {FIX}"
    assert {"unknown-key", "limit-conditions", "allocator-closed"} <= set(USES.carried)


def test_keys_built_at_run_time_are_accounted_for() -> None:
    assert set(USES.patterns) == set(DYNAMIC), (
        "a message key built in an f-string: list its family in DYNAMIC here, "
        f"and its keys in src/allocator/i18n/deferred.py ({USES.patterns})"
    )
    for pattern, keys in DYNAMIC.items():
        assert keys, pattern
        assert keys <= set(KEYS), f"{pattern}: {sorted(keys - set(KEYS))} missing; {FIX}"


def test_deferred_lists_exactly_the_keys_babel_cannot_find_in_a_call() -> None:
    """Every key is either in a t()/tn() call Babel reads, or in i18n/deferred.py: never both,
    never neither (`pybabel update` would drop its translations)."""
    listed = {*deferred.SINGULAR, *deferred.PLURAL}
    assert len(listed) == len(deferred.SINGULAR) + len(deferred.PLURAL), "listed twice"
    in_calls = USES.outside_fstrings
    assert listed & in_calls == set(), f"written in a t()/tn() call: {sorted(listed & in_calls)}"
    assert set(KEYS) - in_calls == listed, (
        f"deferred.py should list {sorted(set(KEYS) - in_calls - listed)} "
        f"and not {sorted(listed - (set(KEYS) - in_calls))}"
    )
    assert set(deferred.PLURAL) == {key for key in listed if KEYS[key]}


def test_no_catalogue_key_is_unused() -> None:
    unused = sorted(
        key
        for key in set(deferred.SINGULAR) | set(deferred.PLURAL)
        if key not in USES.literals and key not in USES.in_fstrings and not _built(key)
    )
    assert not unused, f"keys no code uses (remove them from deferred.py, then {FIX}): {unused}"
    assert set(KEYS) - set(USES.calls) - USES.literals - {k for k in KEYS if _built(k)} == set()


# --------------------------------------------------------------------------- the code and the rules


def _words(node: ast.expr) -> list[str]:
    """The literal words in a str constant or an f-string (placeholders excluded)."""
    parts: list[str] = []
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        parts.append(node.value)
    elif isinstance(node, ast.JoinedStr):
        parts += [
            v.value for v in node.values if isinstance(v, ast.Constant) and isinstance(v.value, str)
        ]
    words = (word for part in parts for word in part.replace("\\n", " ").split())
    return [word for word in words if sum(c.isalpha() for c in word) >= 2 and word not in NAMES]


def test_no_text_reaches_the_user_without_the_message_catalogue() -> None:
    offenders = []
    for where, tree in _trees():
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and node.args and _name(node) in USER_FACING):
                continue
            words = _words(node.args[0])
            if words:
                offenders.append(f"{where}:{node.lineno}: {' '.join(words)}")
    assert not offenders, "user-facing text outside the catalogues:\n" + "\n".join(offenders)


def test_check_strict_reports_no_untranslated_text_on_the_shipped_rules() -> None:
    """A rule text may be one text (README, Editing the rules); the shipped rules are read in
    three languages, so on them `allocator check` warns at each text in fewer (`--strict`, `make
    spec` fail): the rule is check's, and this test holds the shipped rules to it."""
    result = run_cli(["check", "--strict", "--format", "json"], {"ALLOCATOR_LANG": "en"})
    problems = json.loads(result.stdout)["problems"]
    untranslated = [
        f"{p['path']}:{p['line']}: {p['message']}"
        for p in problems
        if p["code"] == "untranslated-text"
    ]
    assert not untranslated, "run `allocator check --strict`; " + "; ".join(untranslated)


@pytest.mark.parametrize(
    ("args", "stdin"),
    [
        (["decide", "--topic", "terrorsm", "--location", "belgium", "--actor", "lone-actor"], None),
        (["decide", "--topik", "terrorism"], None),
        ([*LONE_ACTOR, "--format", "xml"], None),
        (["decide", "--location", "belgium"], None),
        (["rules", "--rules", "/nonexistent/rules"], None),
        (["rules", "--rules", "tests/data/broken-rules"], None),
        (["batch", "--no-log"], '{"topic": "x"}\nnot json\n'),
        (["log", "--since", "someday"], None),
        (["frobnicate"], None),
    ],
    ids=[
        "unknown-value",
        "unknown-option",
        "bad-choice",
        "missing",
        "no-rules",
        "broken-rules",
        "batch",
        "bad-date",
        "no-command",
    ],
)
def test_errors_speak_each_language(
    args: list[str], stdin: str | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(SOURCE.parent.parent)
    outputs = {}
    for lang in LANGS:
        result = run_cli(["--lang", lang, *args], input=stdin)
        assert result.exit_code in {2, 3}, (lang, result.stdout, result.stderr)
        outputs[lang] = result.stdout + result.stderr
    assert outputs["nl"] != outputs["en"]
    assert outputs["fr"] != outputs["en"]
    assert outputs["nl"] != outputs["fr"]


def test_the_batch_summary_counts_in_each_language() -> None:
    cases = (
        '{"topic":"terrorism","location":"belgium","actor":"lone-actor"}\nnot json\n'
        '{"topic":"terrorism","location":"military-site","actor":"lone-actor"}\n'
        '{"topic":"criminal-organisation","location":"belgium","actor":"criminal-organisation"}\n'
    )
    # Each lead as its label abbreviates it in the language (ADIV is SGRS in French).
    expected = {
        "en": "4 lines: 3 decided (VSSE: 1, ADIV: 1, no service: 1), 0 without a lead, 1 invalid; ",
        "nl": "4 regels: 3 beslist (VSSE: 1, ADIV: 1, geen dienst: 1), 0 zonder leiding, 1 ongeldig; ",
        "fr": "4 lignes : 3 décidées (VSSE : 1, SGRS : 1, aucun service : 1), 0 sans pilote, 1 invalide ; ",
    }
    for lang, head in expected.items():
        result = run_cli(["--lang", lang, "batch", "--no-log"], input=cases)
        assert result.stderr.startswith(head), (lang, result.stderr)
