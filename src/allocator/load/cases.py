"""A case given by a user -> the runtime model's Case, checked against the vocabulary in force;
every problem at once (CaseError, exit 2)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import ValidationError

from allocator.errors import CaseError, Problem, type_name
from allocator.load.problems import case_problems
from allocator.load.schemas import Case as CaseInput
from allocator.load.schemas import case_model
from allocator.model import Case, Vocabulary


def make_case(vocabulary: Vocabulary, data: Mapping[str, Any] | Case) -> Case:
    """The case `data` describes, validated against `vocabulary`; CaseError lists every problem."""
    if isinstance(data, Case):
        data = data.as_dict()
    flags = data.get("flags") if isinstance(data, Mapping) else None
    if isinstance(flags, list | tuple | set | frozenset):
        for flag in flags:
            if not isinstance(flag, str):
                raise CaseError([Problem("case-flag-not-text", {"found": type_name(flag)})])
    try:
        validated = CaseInput.model_validate(dict(data), context={"vocabulary": vocabulary})
    except ValidationError as exc:
        raise CaseError(case_problems(exc, vocabulary)) from None
    except (TypeError, ValueError) as exc:  # input of a shape the model cannot even compare
        raise CaseError(
            [Problem("case-invalid", {"detail": f"{type(exc).__name__}: {exc}"})]
        ) from None
    return case_model(validated)
