"""allocator: which Belgian intelligence service leads a case, who must be brought in, and how.

>>> from allocator import Allocator
>>> allocator = Allocator.from_directory()          # the rules in force
>>> allocator.decide({"topic": "terrorism", "location": "belgium", "actor": "terrorist-group"}).lead
'vsse'
"""

from __future__ import annotations

from allocator.version import __version__

TYPE_CHECKING = False  # typing is not imported at run time (start-up)

__all__ = ["Allocator", "Case", "Decision", "Policy", "__version__", "load_policy"]

if TYPE_CHECKING:
    from typing import Any

    from allocator.desk.service import Allocator
    from allocator.load.policy import load_policy
    from allocator.model import Case, Decision, Policy


def __getattr__(name: str) -> Any:
    # Lazy: `allocator --version` and the fast path must not pay for pydantic and the engine up front.
    if name == "Allocator":
        from allocator.desk.service import Allocator

        return Allocator
    if name == "load_policy":
        from allocator.load.policy import load_policy

        return load_policy
    if name in {"Case", "Decision", "Policy"}:
        from allocator import model

        return getattr(model, name)
    raise AttributeError(f"module 'allocator' has no attribute {name!r}")
