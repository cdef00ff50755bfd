"""The rule set compiled before from the very bytes just read, looked up in (and written to) the
store under their digest: no YAML parser, no pydantic, so a plain `decide` starts at once."""

from __future__ import annotations

from allocator.errors import Problem
from allocator.load.files import RulesOnDisk
from allocator.model import Policy
from allocator.store import compiled as store


def cache_key(rules: RulesOnDisk) -> str | None:
    """The key of the rule set read in `rules`: its bytes, names, the entry form and allocator's code."""
    return rules.digest(store.salt())


def cached_policy(rules: RulesOnDisk) -> Policy | None:
    """The policy compiled earlier from the very bytes in `rules`, if cached and intact."""
    key = cache_key(rules)
    if key is None:
        return None
    shown = {entry.path.name: entry.shown for entry in rules.entries()}
    return store.read_policy(key, rules.directory, shown)


def cached_check(rules: RulesOnDisk) -> tuple[Policy, list[Problem]] | None:
    """The policy compiled earlier from the very bytes in `rules`, with the warnings and notes
    those files gave when parsed (what `allocator check` needs of them), if cached and intact."""
    key = cache_key(rules)
    if key is None:
        return None
    shown = {entry.path.name: entry.shown for entry in rules.entries()}
    return store.read_checked(key, rules.directory, shown)


def store_policy(rules: RulesOnDisk, policy: Policy, problems: list[Problem] | None = None) -> None:
    """Cache `policy`, compiled from the very bytes in `rules`, with the problems (warnings and
    notes) its files gave."""
    key = cache_key(rules)
    if key is None:
        return
    names = {entry.shown: entry.path.name for entry in rules.entries()}
    store.write_policy(key, policy, names, problems)
