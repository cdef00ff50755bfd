"""allocator: which Belgian intelligence service leads a case, who must be brought in, and how.

>>> from allocator import Allocator
>>> allocator = Allocator.from_directory()          # the rules in force
>>> allocator.decide({"topic": "terrorism", "location": "belgium", "actor": "terrorist-group"}).lead
'vsse'
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = ["Allocator", "Case", "Decision", "Policy", "__version__", "load_policy"]

if TYPE_CHECKING:
    from allocator.api import Allocator
    from allocator.loader import load_policy
    from allocator.models import Case, Decision, Policy


def __getattr__(name: str) -> Any:
    # Lazy: `allocator --version` and friends must not pay for pydantic and the engine up front.
    if name == "Allocator":
        from allocator.api import Allocator

        return Allocator
    if name == "load_policy":
        from allocator.loader import load_policy

        return load_policy
    if name in {"Case", "Decision", "Policy"}:
        from allocator import models

        return getattr(models, name)
    raise AttributeError(f"module 'allocator' has no attribute {name!r}")
