"""Change the text of a message already in the catalogues, in one or more languages, then compile
them (for translators and developers).

    .venv/bin/python scripts/set_message.py KEY --lang nl "Nederlandse tekst"
    .venv/bin/python scripts/set_message.py KEY --lang nl "tekst" --lang fr "texte" --lang en "text"
    .venv/bin/python scripts/set_message.py KEY --lang nl "{count} regel" "{count} regels"

KEY is the message key (the msgid) of src/allocator/i18n/locale/<lang>/LC_MESSAGES/allocator.po.
Give `--lang LANG TEXT` once per language to change; a plural message takes its forms in order
(one TEXT per form: English and Dutch singular then plural, French likewise, 0 and 1 singular).
The msgstr of each language is rewritten in place (nothing else of the file changes; a `fuzzy`
mark on the entry is dropped, the text having been reviewed), then every .po is compiled into
its .mo. A message is refused, and nothing written, when the key is not in the catalogue, the
number of texts is not the number of forms, or the placeholders (`{value}`…) would no longer
agree across the three languages (`{count}` apart): change the placeholders of every language in
one call. The catalogues are locked while they are read and written (`locale/.lock`, as
scripts/add_message.py and `flock … make translations` take it), so that two people or two
processes editing them at once lose nothing. A new message is added with scripts/add_message.py.
"""

from __future__ import annotations

import argparse
import fcntl
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from add_message import compile_catalogues  # the script beside this one

ROOT = Path(__file__).resolve().parent.parent
LOCALES = ROOT / "src" / "allocator" / "i18n" / "locale"
LANGS = ("en", "nl", "fr")
_PLACEHOLDER = re.compile(r"{(\w+)")


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def _unquote(literal: str) -> str:
    body = literal.strip()[1:-1]
    escapes = {"n": "\n", "t": "\t", '"': '"', "\\": "\\"}
    return re.sub(r"\\(.)", lambda m: escapes.get(m.group(1), m.group(1)), body)


class Entry:
    """One entry of a .po file, found by its key: where its msgstr lines are, and their texts."""

    def __init__(self, lines: list[str], key: str) -> None:
        self.lines = lines
        head = f"msgid {_quote(key)}"
        starts = [i for i, line in enumerate(lines) if line == head]
        if not starts:
            raise KeyError(key)
        self.msgid = starts[0]
        index = self.msgid + 1
        while index < len(lines) and lines[index].startswith('"'):
            index += 1
        self.plural = index < len(lines) and lines[index].startswith("msgid_plural ")
        if self.plural:
            index += 1
            while index < len(lines) and lines[index].startswith('"'):
                index += 1
        self.start = index  # the first msgstr line
        self.forms: list[str] = []
        while index < len(lines) and lines[index].startswith("msgstr"):
            text = _unquote(lines[index].split(" ", 1)[1])
            index += 1
            while index < len(lines) and lines[index].startswith('"'):
                text += _unquote(lines[index])
                index += 1
            self.forms.append(text)
        self.end = index

    def replace(self, texts: list[str]) -> None:
        if self.plural:
            new = [f"msgstr[{n}] {_quote(text)}" for n, text in enumerate(texts)]
        else:
            new = [f"msgstr {_quote(texts[0])}"]
        self.lines[self.start : self.end] = new
        # A reviewed text is no longer fuzzy: drop the mark from the entry's flag line.
        flags = self.msgid - 1
        while (
            flags >= 0
            and self.lines[flags].startswith("#")
            and not self.lines[flags].startswith("#,")
        ):
            flags -= 1
        if flags >= 0 and self.lines[flags].startswith("#,") and "fuzzy" in self.lines[flags]:
            rest = [f.strip() for f in self.lines[flags][2:].split(",") if f.strip() != "fuzzy"]
            if rest:
                self.lines[flags] = "#, " + ", ".join(rest)
            else:
                del self.lines[flags]


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("key")
    parser.add_argument(
        "--lang",
        nargs="+",
        action="append",
        required=True,
        metavar=("LANG", "TEXT"),
        help="a language (en, nl, fr) and its text (a plural message: one text per form)",
    )
    args = parser.parse_args()
    wanted: dict[str, list[str]] = {}
    for lang, *texts in args.lang:
        if lang not in LANGS:
            parser.error(f"unknown language {lang!r}: one of {', '.join(LANGS)}")
        if not texts:
            parser.error(f"--lang {lang} needs its text")
        if lang in wanted:
            parser.error(f"--lang {lang} given twice")
        wanted[lang] = texts
    with open(LOCALES / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        paths = {lang: LOCALES / lang / "LC_MESSAGES" / "allocator.po" for lang in LANGS}
        files = {lang: path.read_text(encoding="utf-8").split("\n") for lang, path in paths.items()}
        entries = {}
        for lang in LANGS:
            try:
                entries[lang] = Entry(files[lang], args.key)
            except KeyError:
                print(f"{args.key!r} is not in {paths[lang].relative_to(ROOT)}", file=sys.stderr)
                return 1
        for lang, texts in wanted.items():
            if len(texts) != len(entries[lang].forms):
                print(
                    f"{args.key!r} has {len(entries[lang].forms)} form(s) in {lang}, "
                    f"{len(texts)} text(s) given",
                    file=sys.stderr,
                )
                return 1
        after = {lang: wanted.get(lang, entries[lang].forms) for lang in LANGS}
        expected = set(_PLACEHOLDER.findall(after["en"][-1])) - {"count"}
        for lang, texts in after.items():
            for text in texts:
                found = set(_PLACEHOLDER.findall(text)) - {"count"}
                if found != expected:
                    print(
                        f"{args.key!r} ({lang}): placeholders {sorted(found)} differ from "
                        f"English's {sorted(expected)}: {text!r}",
                        file=sys.stderr,
                    )
                    return 1
        for lang, texts in wanted.items():
            entries[lang].replace(texts)
            paths[lang].write_text("\n".join(files[lang]), encoding="utf-8")
        compile_catalogues()
    print(f"set {args.key!r} in {', '.join(wanted)} and compiled the catalogues")
    return 0


if __name__ == "__main__":
    sys.exit(main())
