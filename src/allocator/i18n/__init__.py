"""Every user-facing string of allocator in English, Dutch and French (the catalogue in messages)."""

from allocator.i18n.messages import (
    CATALOGUE,
    DEFAULT_LANG,
    LANGS,
    detect_lang,
    kind_name,
    placeholders,
    sanitize,
    sanitize_json,
    t,
)

__all__ = [
    "CATALOGUE",
    "DEFAULT_LANG",
    "LANGS",
    "detect_lang",
    "kind_name",
    "placeholders",
    "sanitize",
    "sanitize_json",
    "t",
]
