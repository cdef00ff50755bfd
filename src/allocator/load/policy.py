"""The policy of a rules directory: the rule set compiled before from the very same bytes, else
the files parsed and validated in full (and the result stored for next time)."""

from __future__ import annotations

from pathlib import Path

from allocator.load.compiled import cached_policy
from allocator.load.files import default_rules_dir, read_rules
from allocator.model import Policy


def load_policy(directory: Path | str | None = None, cache: bool = True) -> Policy:
    """The validated policy of `directory` (default: the rules in force); RuleSetError lists every problem.

    With `cache`, a policy compiled before from the very same bytes (and the same allocator) is
    read back from the store of compiled rule sets instead of being parsed and validated again.
    """
    path = Path(directory) if directory is not None else default_rules_dir()
    on_disk = read_rules(path)
    if cache:
        compiled = cached_policy(on_disk)
        if compiled is not None:
            return compiled
    # Lazy: the YAML parser and pydantic only for rules not compiled before (a batch or a service
    # started on compiled rules never loads them; checked by the fast path's import contract).
    from allocator.load.rules import compile_rules

    return compile_rules(on_disk, cache=cache)
