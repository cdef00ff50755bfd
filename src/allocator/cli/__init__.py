"""The command line: click commands one module each (group registers them), the fast path of a
plain `decide` (fast) and the entry point (entry).

Nothing is imported here: the entry point and the fast path must not pay for click.
"""
