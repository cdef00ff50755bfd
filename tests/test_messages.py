"""Every message exists in English, Dutch and French, with the same placeholders."""

from __future__ import annotations

import pytest

from allocator.i18n import CATALOGUE, LANGS, detect_lang, placeholders, sanitize, t


@pytest.mark.parametrize("key", sorted(CATALOGUE))
def test_every_message_is_translated_with_the_same_placeholders(key: str) -> None:
    texts = CATALOGUE[key]
    assert len(texts) == len(LANGS)
    assert all(text.strip() for text in texts), f"{key}: empty translation"
    english = placeholders(texts[0])
    for lang, text in zip(LANGS, texts, strict=True):
        assert placeholders(text) == english, (
            f"{key} ({lang}) has placeholders {placeholders(text)}, not {english}"
        )


def test_a_missing_message_is_a_programming_error() -> None:
    with pytest.raises(KeyError):
        t("no-such-message")


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


def test_control_characters_are_shown_not_sent() -> None:
    assert sanitize("a\x1b[2Jb\x00c\x9bd\ne\tf") == "a\\x1b[2Jb\\x00c\\x9bd\ne\tf"


def test_long_user_values_are_shortened() -> None:
    text = t("unknown-key", "en", key="k" * 10_000)
    assert len(text) < 300
    assert "10000 characters" in text
