"""Rewrite the output of every `$ allocator …` example in README.md from the tool itself.

`allocator check` warns when an example has drifted (README.md:LINE, "run `make readme`"), and
tests/test_readme.py fails on it; run this (`make readme`), read the diff, and commit it with the
change that caused it:

    .venv/bin/python scripts/update_readme_examples.py

The examples are run in this checkout, with its rules (rules/) in force, as `allocator check`
runs them (allocator.cli.check.example_outputs): an example of `allocator check` on these rules
is the report of the rules, printed as the example asks; an example that would write a file is
left as it is.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from allocator.cli.check import example_outputs
from allocator.staff.check import check
from allocator.staff.project import README, rewrite

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    os.chdir(ROOT)  # examples show paths relative to the checkout
    rules = ROOT / "rules"
    report = check(rules)
    if report.root is None or report.policy is None:
        print(f"{ROOT}: not a checkout with valid rules (run `allocator check`)", file=sys.stderr)
        return 1
    readme = ROOT / README
    text = readme.read_text(encoding="utf-8")
    new = rewrite(text, example_outputs(report, rules, text))
    if new != text:
        readme.write_text(new, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
