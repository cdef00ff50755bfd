"""allocator's version (one place: the package root, the decision log and `--version` read it)."""

__version__ = "0.1.0"
