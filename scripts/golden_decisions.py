"""Print allocator's answers to a fixed set of cases, to show that a change of the code changes none.

Every topic x location x actor (target unspecified), then 1,000 seeded random cases with targets
and flags: each as `allocator decide --format json`, and one case in five also as text in English,
Dutch and French. Run it before and after a refactoring and compare the two outputs:

    .venv/bin/python scripts/golden_decisions.py > before.txt
    ... change the code ...
    .venv/bin/python scripts/golden_decisions.py > after.txt
    cmp before.txt after.txt

Rule-set fingerprints are kept (the rules do not change), so any difference is a difference.
"""

from __future__ import annotations

import itertools
import os
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    os.chdir(ROOT)
    from allocator.desk.service import Allocator
    from allocator.testing import run_cli

    vocabulary = Allocator.from_directory(ROOT / "rules", cache=False).policy.vocabulary
    ids = {
        name: vocabulary.ids(name) for name in ("topics", "locations", "actors", "targets", "flags")
    }
    cases = [
        ["--topic", topic, "--location", location, "--actor", actor]
        for topic, location, actor in itertools.product(
            ids["topics"], ids["locations"], ids["actors"]
        )
    ]
    rnd = random.Random(20261201)
    for _ in range(1000):
        case = [
            "--topic",
            rnd.choice(ids["topics"]),
            "--location",
            rnd.choice(ids["locations"]),
            "--actor",
            rnd.choice(ids["actors"]),
            "--target",
            rnd.choice(ids["targets"]),
        ]
        for flag in ids["flags"]:
            if rnd.random() < 0.15:
                case += ["--flag", flag]
        cases.append(case)
    out = sys.stdout
    for index, case in enumerate(cases):
        args = ["decide", *case, "--no-log"]
        result = run_cli([*args, "--format", "json"], {"ALLOCATOR_LANG": "en"})
        out.write(
            f"### {' '.join(case)} [json] exit {result.exit_code}\n{result.stdout}{result.stderr}"
        )
        if index % 5 == 0:
            for lang in ("en", "nl", "fr"):
                text = run_cli(["--lang", lang, *args, "--explain"], {"ALLOCATOR_LANG": lang})
                out.write(
                    f"### {' '.join(case)} [{lang}] exit {text.exit_code}\n{text.stdout}{text.stderr}"
                )


if __name__ == "__main__":
    main()
