"""The fingerprint of a rule set: the digest of its meaning, not of its files."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable

from allocator.model import Rule, Vocabulary
from allocator.model.document import rule_document, vocabulary_document

#: Version of the canonical form hashed into the fingerprint; bump it if that form changes.
CANONICAL_FORM = "allocator-policy/2"


def canonical_form(vocabulary: Vocabulary, rules: Iterable[Rule]) -> bytes:
    """The meaning of a rule set as bytes: comments, blanks, key order and file layout do not count."""
    document = {
        "form": CANONICAL_FORM,
        "vocabulary": vocabulary_document(vocabulary),
        "rules": [rule_document(rule) for rule in sorted(rules, key=lambda r: r.id)],
    }
    return json.dumps(document, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode(
        "utf-8"
    )


def fingerprint(vocabulary: Vocabulary, rules: Iterable[Rule]) -> str:
    """`sha256:` and the digest of `canonical_form`."""
    return "sha256:" + hashlib.sha256(canonical_form(vocabulary, rules)).hexdigest()
