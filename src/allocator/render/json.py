"""Decisions, rule listings and reports as JSON for a program (docs/contract.md)."""

from __future__ import annotations

import json

from allocator.i18n import DEFAULT_LANG
from allocator.model import Decision, Policy

TYPE_CHECKING = False  # typing is not imported at run time (start-up)
if TYPE_CHECKING:
    from typing import Any


def decision_json(decision: Decision) -> dict[str, Any]:
    """The decision as docs/contract.md shapes it: lead, partners, consultation, rules, ruleset first."""
    return decision.as_json()


def dumps(document: Any) -> str:
    """One JSON document, indented, as every command prints it."""
    return json.dumps(document, ensure_ascii=False, indent=2)


def rules_json(policy: Policy, lang: str = DEFAULT_LANG) -> list[dict[str, Any]]:
    """Every rule: id, title, basis, description and where it is written."""
    return [
        {
            "id": rule.id,
            "title": rule.title_in(lang),
            "basis": rule.basis_in(lang),
            "description": rule.description_in(lang),
            "file": policy.sources[rule.id].path,
            "line": policy.sources[rule.id].line,
        }
        for rule in sorted(
            policy.rules, key=lambda r: (policy.sources[r.id].path, policy.sources[r.id].line)
        )
    ]
