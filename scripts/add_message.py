"""Add one message to the three catalogues at once, then compile them (for developers).

    .venv/bin/python scripts/add_message.py KEY "English" "Nederlands" "Français"
    .venv/bin/python scripts/add_message.py KEY --plural "{count} rule" "{count} rules" \
        "{count} regel" "{count} regels" "{count} règle" "{count} règles"

Write the code that uses the key first (t("KEY", lang, ...) or tn("KEY", count, lang, ...)).
The entry is appended to each locale/<lang>/LC_MESSAGES/allocator.po (a key already there is
refused) and the .mo files are compiled; `make translations` later sorts it into place and
refreshes the template. The catalogues are locked while they are written, so that two people
(or two processes) adding messages at once lose none.
"""

from __future__ import annotations

import argparse
import fcntl
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCALES = ROOT / "src" / "allocator" / "i18n" / "locale"
LANGS = ("en", "nl", "fr")


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def compile_catalogues() -> None:
    """Compile every .po into its .mo (Babel's pybabel, beside this Python)."""
    pybabel = str(Path(sys.executable).with_name("pybabel"))
    subprocess.run([pybabel, "-q", "compile", "-D", "allocator", "-d", str(LOCALES)], check=True)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("key")
    parser.add_argument(
        "--plural", action="store_true", help="six texts: en one/other, nl one/other, fr one/other"
    )
    parser.add_argument("texts", nargs="+")
    args = parser.parse_args()
    per_lang = 2 if args.plural else 1
    if len(args.texts) != per_lang * len(LANGS):
        parser.error(
            f"expected {per_lang * len(LANGS)} texts (en, nl, fr{', each singular and plural' if args.plural else ''})"
        )
    with open(LOCALES / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        catalogues = {lang: LOCALES / lang / "LC_MESSAGES" / "allocator.po" for lang in LANGS}
        for path in catalogues.values():
            if f"\nmsgid {_quote(args.key)}\n" in path.read_text(encoding="utf-8"):
                print(f"{args.key!r} is already in {path.relative_to(ROOT)}", file=sys.stderr)
                return 1
        for index, path in enumerate(catalogues.values()):
            texts = args.texts[index * per_lang : (index + 1) * per_lang]
            entry = f"\nmsgid {_quote(args.key)}\n"
            if args.plural:
                entry += f"msgid_plural {_quote(args.key)}\n"
                entry += "".join(f"msgstr[{n}] {_quote(text)}\n" for n, text in enumerate(texts))
            else:
                entry += f"msgstr {_quote(texts[0])}\n"
            with path.open("a", encoding="utf-8") as po:
                po.write(entry)
        compile_catalogues()
    print(f"added {args.key!r} to {', '.join(LANGS)} and compiled the catalogues")
    return 0


if __name__ == "__main__":
    sys.exit(main())
