"""For tests, allocator's and its users': the command line run in-process (run_cli, run_json,
console_output) and a naive reference evaluator to check the engine against (oracle)."""

from allocator.testing.cli import console_output, run_cli, run_json

__all__ = ["console_output", "run_cli", "run_json"]
