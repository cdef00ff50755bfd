"""`allocator check` stays polynomial in the number of rules; the generated rule sets it is timed on.

No test here asserts a duration. The scaling test compares the time of `check` on 500 generated
rules with its time on 100 (a ratio: cubic growth would give 125), and bounds each run only by a
multiple of another run on the same machine, so that an analysis exponential in the rules (20 rules
took a second, 40 took minutes, 60 more than five) fails instead of hanging the suite.
"""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from allocator.load.policy import load_policy
from allocator.model import stratify
from tests.helpers import SHIPPED
from tests.rulegen import SEED, SIZES, generate, write_rule_set

#: time(500 rules) / time(100 rules) may reach (500/100)^3: any polynomial of degree 3 or less
#: passes, an exponential does not.
DEGREE = 3

_TIMED_CHECK = """
import json, sys, time
from pathlib import Path
from allocator.staff.check import check
started = time.perf_counter()
report = check(Path(sys.argv[1]))
print(json.dumps({
    "seconds": time.perf_counter() - started,
    "rules": len(report.policy.rules) if report.policy else 0,
    "analysed": report.model is not None,
    "findings": len(report.findings),
}))
"""


@dataclass
class Timed:
    seconds: float
    rules: int
    analysed: bool
    findings: int


def timed_check(rules: Path, timeout: float) -> Timed:
    """`check` of `rules` in a fresh process: its own duration (start-up aside) and what it found."""
    try:
        result = subprocess.run(
            [sys.executable, "-c", _TIMED_CHECK, str(rules)],
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"check of {rules.name} did not finish within {timeout:.0f} s")
    assert result.returncode == 0, result.stderr
    return Timed(**json.loads(result.stdout))


@pytest.mark.slow
def test_check_is_polynomial_in_the_number_of_rules(tmp_path: Path) -> None:
    reference = timed_check(SHIPPED, timeout=600)
    assert reference.analysed
    small = write_rule_set(tmp_path / "r100", 100)
    large = write_rule_set(tmp_path / "r500", 500)
    # Generous bounds, relative to this machine (the shipped rules are 92, the small set 100): a
    # run beyond them fails rather than waits.
    first = timed_check(small, timeout=60 + 200 * reference.seconds)
    assert (first.analysed, first.rules) == (True, 100)
    ratio_bound = (500 / 100) ** DEGREE
    second = timed_check(large, timeout=60 + 2 * ratio_bound * first.seconds)
    assert (second.analysed, second.rules) == (True, 500)
    assert first.findings > 0
    assert second.findings > 0
    ratio = second.seconds / first.seconds
    assert ratio < ratio_bound, (
        f"check took {first.seconds:.2f} s for 100 rules and {second.seconds:.2f} s for 500: "
        f"x{ratio:.0f}, more than the x{ratio_bound:.0f} of a polynomial of degree {DEGREE}"
    )


# --------------------------------------------------------------------------- the generator


def test_the_generator_is_deterministic(tmp_path: Path) -> None:
    first = write_rule_set(tmp_path / "a", 150)
    second = write_rule_set(tmp_path / "b", 150)
    other = write_rule_set(tmp_path / "c", 150, seed=SEED + 1)
    names = sorted(path.name for path in first.iterdir())
    assert names == sorted(path.name for path in second.iterdir())
    assert names == ["generated-000.yaml", "generated-001.yaml", "vocabulary.yaml"]
    for name in names:
        assert (first / name).read_bytes() == (second / name).read_bytes()
    assert (first / names[0]).read_bytes() != (other / names[0]).read_bytes()
    assert generate(40) == generate(40)


@pytest.mark.parametrize("recursive", [False, True])
def test_a_generated_set_is_irregular_and_loads(tmp_path: Path, recursive: bool) -> None:
    rules = write_rule_set(tmp_path / "rules", 300, recursive=recursive)
    policy = load_policy(rules, cache=False)  # valid, and within the engine's limits
    assert len(policy.rules) == 300
    assert stratify(policy.rules)[1] == []  # no negation cycle
    vocabulary = policy.vocabulary
    whens = [rule.when for rule in policy.rules]
    thens = [rule.then for rule in policy.rules]
    assert (
        sum(1 for w in whens if any(len(w.__getattribute__(a)) > 1 for a in ("topic", "actor")))
        > 50
    )
    assert sum(1 for w in whens if w.not_ is not None) > 50
    assert sum(1 for w in whens if w.flags) > 30
    assert sum(1 for w in whens if w.not_ is not None and w.not_.flags) > 10
    assert sum(1 for w in whens if w.facts) > 30
    derived = {fact for then in thens for fact in then.derive}
    assert derived == set(vocabulary.ids("facts"))
    assert {then.lead for then in thens if then.lead} == {*vocabulary.ids("services"), "none"}
    assert len({then.priority for then in thens if then.priority}) >= 4
    assert sum(1 for then in thens if then.partners) > 50
    assert sum(1 for then in thens if then.competent) > 50
    if recursive:  # facts that feed on one another, but only rules deriving nothing negate them
        assert any(set(rule.when.facts) & set(rule.then.derive) for rule in policy.rules)
        assert all(not rule.when.negative_facts() for rule in policy.rules if rule.then.derive)
    else:  # a rule deriving a fact only reads the facts before it in the vocabulary
        order = vocabulary.ids("facts")
        for rule in policy.rules:
            for fact in rule.then.derive:
                read = (*rule.when.positive_facts(), *rule.when.negative_facts())
                assert all(order.index(other) < order.index(fact) for other in read)


@pytest.mark.slow
@pytest.mark.parametrize("count", SIZES)
def test_the_benchmarked_sets_load_within_the_engine_limits(tmp_path: Path, count: int) -> None:
    policy = load_policy(write_rule_set(tmp_path / "rules", count), cache=False)
    assert len(policy.rules) == count
