"""Every user-facing string of allocator in English, Dutch and French: gettext catalogues in
locale/, read by `t` and `tn` (allocator.i18n.messages); numbers written per language by `number`."""

from allocator.i18n.messages import (
    DEFAULT_LANG,
    LANGS,
    detect_lang,
    kind_name,
    number,
    percent,
    placeholders,
    sanitize,
    sanitize_json,
    t,
    tn,
)

__all__ = [
    "DEFAULT_LANG",
    "LANGS",
    "detect_lang",
    "kind_name",
    "number",
    "percent",
    "placeholders",
    "sanitize",
    "sanitize_json",
    "t",
    "tn",
]
