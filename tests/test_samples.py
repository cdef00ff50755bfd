"""The review samples tell the truth and reach every text: docs/samples/{en,nl,fr}.md are what
scripts/render_samples.py writes today (`make samples` rewrites them; read the diff), every message
of each catalogue renders with the samples' values in each language, and the sample decisions
exercise every explanation template (`because-*`, `cf-*`, `why-*`)."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIX = "run `make samples` (scripts/render_samples.py) and read the diff of docs/samples/"


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "render_samples", ROOT / "scripts" / "render_samples.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("render_samples", module)
    spec.loader.exec_module(module)
    return module


SCRIPT = _script()


@pytest.fixture(scope="module")
def rendered() -> tuple[dict[str, str], set[str]]:
    """The three documents as the script writes them, and the message keys used to write them."""
    documents, used = SCRIPT.render_all()
    return documents, used


@pytest.mark.parametrize("lang", SCRIPT.LANGS)
def test_every_message_renders_in_each_language(lang: str) -> None:
    values = SCRIPT.Values(lang)
    keys: dict[str, bool] = SCRIPT._catalogue_keys()
    assert len(keys) > 300
    problems = []
    for key, plural in keys.items():
        try:
            lines = SCRIPT.render_message(key, plural, lang, values)
        except (KeyError, IndexError, ValueError) as exc:  # a placeholder without a value
            problems.append(f"{key}: {exc!r}")
            continue
        leftover = [line for line in lines if re.search(r"[{}]", line)]
        if leftover:
            problems.append(f"{key}: a placeholder left unfilled: {leftover}")
    assert not problems, "\n".join(problems)


def test_every_explanation_template_is_exercised(rendered: tuple[Any, set[str]]) -> None:
    _, used = rendered
    templates: set[str] = SCRIPT.template_keys()
    assert {
        "because-topic",
        "because-not-location-label",
        "cf-flag-remove",
        "why-lead",
    } <= templates
    assert not templates - used, f"no sample decision says {sorted(templates - used)}; {FIX}"


def test_the_samples_show_every_language_in_its_own_words(
    rendered: tuple[dict[str, str], Any],
) -> None:
    documents, _ = rendered
    assert "omdat de zaak zich op een militair domein afspeelt" in documents["nl"]
    assert "car le dossier se déroule sur un domaine militaire" in documents["fr"]
    assert "because the case takes place at a military site" in documents["en"]
    assert "omdat de locatie ‘Militair domein’ is" in documents["nl"]  # a term without phrase
    for text in documents.values():
        assert "sha256:…" in text
        assert not re.search(r"sha256:[0-9a-f]{64}", text)


@pytest.mark.parametrize("lang", SCRIPT.LANGS)
def test_the_committed_samples_are_up_to_date(
    lang: str, rendered: tuple[dict[str, str], Any]
) -> None:
    documents, _ = rendered
    path = ROOT / "docs" / "samples" / f"{lang}.md"
    assert path.exists(), f"{path.relative_to(ROOT)} is missing; {FIX}"
    assert path.read_text(encoding="utf-8") == documents[lang], f"{path.relative_to(ROOT)}; {FIX}"
