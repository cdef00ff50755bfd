"""allocator.load.rules.read_policy / load_policy: every problem of a rules directory, positioned, all at once."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from allocator.errors import EXIT_RULES, Problem, RuleSetError
from allocator.i18n import LANGS, t
from allocator.load import schemas
from allocator.load.policy import load_policy
from allocator.load.rules import read_policy
from allocator.model import Policy, Rule, stratify

SHIPPED_RULES = Path(__file__).resolve().parents[1] / "rules"
EXTRA = "rules/extra.yaml"
VOCABULARY = "rules/vocabulary.yaml"

#: A rule file the tests own, so every line and column below is known. Line numbers:
#:  2 id (value at column 9), 3 title, 6 when, 7 topic (items at columns 15, 26, 42),
#:  8 location, 9 then, 10 lead, 11 priority, 12 partners (items at 18, 24), 14-19 a second,
#:  valid rule (its partners value at 19:17) that keeps the file valid around the first.
SAMPLE = """\
rules:
  - id: extra.sample
    title: A sample rule written by the tests
    basis: Organic Law of 30 November 1998, art. 8
    description: Terrorism in Belgium, led by VSSE with OCAD and the Federal Police.
    when:
      topic: [terrorism, radicalisation, extremism]
      location: belgium
    then:
      lead: vsse
      priority: 50
      partners: [ocad, fedpol]

  - id: extra.companion
    title: A second rule that stays valid
    basis: Organic Law of 30 November 1998, art. 8
    description: Keeps the file valid around the sample rule.
    then:
      partners: ocad
"""

SAMPLE_EFFECTS = """\
    when:
      topic: [terrorism, radicalisation, extremism]
      location: belgium
    then:
      lead: vsse
      priority: 50
      partners: [ocad, fedpol]
"""


# --------------------------------------------------------------------------- helpers


@pytest.fixture
def rules_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private copy of rules/ at tmp_path/rules; the working directory is tmp_path, so problems
    name their files `rules/<name>.yaml`."""
    target = tmp_path / "rules"
    shutil.copytree(SHIPPED_RULES, target)
    monkeypatch.chdir(tmp_path)
    return target


def write(directory: Path, name: str, text: str) -> Path:
    path = directory / name
    path.write_text(text, encoding="utf-8")
    return path


def patch(path: Path, old: str, new: str) -> None:
    """Replace `old`, which must occur exactly once in the file, by `new`."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {path.name}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def sample(old: str = "", new: str = "") -> str:
    """SAMPLE with `old` (which must occur exactly once) replaced by `new`."""
    if not old:
        return SAMPLE
    assert SAMPLE.count(old) == 1, old
    return SAMPLE.replace(old, new)


def line_of(path: Path, start: str) -> int:
    """The 1-based number of the first line of `path` that starts with `start`."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.startswith(start):
            return number
    raise AssertionError(f"no line starting with {start!r} in {path.name}")


def add_term(directory: Path, list_name: str, term_id: str) -> int:
    """Insert a term at the top of a vocabulary list; returns the line of its `- id:`."""
    vocabulary = directory / "vocabulary.yaml"
    block = (
        f'  - id: "{term_id}"\n'
        '    label: {nl: "test", fr: "test", en: "test"}\n'
        '    description: {nl: "test", fr: "test", en: "test"}\n'
    )
    patch(vocabulary, f"\n{list_name}:\n", f"\n{list_name}:\n{block}")
    return line_of(vocabulary, f"{list_name}:") + 1


def refused(directory: Path) -> list[Problem]:
    """The problems of a directory that must not load."""
    policy, problems = read_policy(directory)
    assert policy is None
    assert problems, "a refused rule set must say why"
    return problems


def only_problem(directory: Path) -> Problem:
    problems = refused(directory)
    assert len(problems) == 1, "\n".join(p.render() for p in problems)
    return problems[0]


def where(problem: Problem) -> tuple[str, str | None, int | None, int | None]:
    return (problem.code, problem.path, problem.line, problem.column)


def problem_coded(directory: Path, code: str) -> Problem:
    """The one problem with `code`; any other problem must stand at the same place (the loader may
    add, say, unknown-id to a bad-id for the same value, but nothing anywhere else)."""
    problems = refused(directory)
    coded = [p for p in problems if p.code == code]
    assert len(coded) == 1, "\n".join(p.render() for p in problems)
    assert {(p.path, p.line, p.column) for p in problems} == {
        (coded[0].path, coded[0].line, coded[0].column)
    }
    return coded[0]


# --------------------------------------------------------------------------- the shipped rules


def test_shipped_rules_load_without_any_problem() -> None:
    policy, problems = read_policy(SHIPPED_RULES)
    assert problems == []
    assert isinstance(policy, Policy)
    assert policy.rules


def test_sample_rule_file_loads(rules_dir: Path) -> None:
    """The baseline every case below breaks in exactly one place."""
    write(rules_dir, "extra.yaml", SAMPLE)
    policy, problems = read_policy(rules_dir)
    assert problems == []
    assert policy is not None
    assert {"extra.sample", "extra.companion"} <= set(policy.by_id)
    assert str(policy.sources["extra.sample"]) == f"{EXTRA}:2"


# --------------------------------------------------------------------------- one problem in a rule

# (text replaced in SAMPLE, replacement, code, line, column, start of the English hint or None)
RULE_PROBLEMS: dict[str, tuple[str, str, str, int, int, str | None]] = {
    "unknown-key-in-when": (
        "      topic: [",
        "      topc: [",
        "unknown-key",
        7,
        7,
        "did you mean `topic`?",
    ),
    "unknown-key-in-then": (
        "      partners: [ocad, fedpol]",
        "      partner: [ocad, fedpol]",
        "unknown-key",
        12,
        7,
        "did you mean `partners`?",
    ),
    "missing-title": (
        "    title: A sample rule written by the tests\n",
        "",
        "missing-key",
        2,
        5,
        None,
    ),
    "empty-title": (
        "title: A sample rule written by the tests",
        "title: '  '",
        "empty-text",
        3,
        12,
        None,
    ),
    "priority-not-a-number": ("priority: 50", "priority: high", "wrong-type", 11, 17, None),
    "mapping-for-an-id-list": (
        "location: belgium",
        "location: {belgium: true}",
        "wrong-type",
        8,
        17,
        None,
    ),
    "bad-rule-id": ("id: extra.sample", "id: Terrorism Civil", "bad-rule-id", 2, 9, None),
    "bad-vocabulary-id": (
        "topic: [terrorism, radicalisation, extremism]",
        "topic: Terrorism",
        "bad-id",
        7,
        14,
        None,
    ),
    "unknown-topic": (
        "topic: [terrorism, radicalisation, extremism]",
        "topic: terrorsm",
        "unknown-id",
        7,
        14,
        "did you mean `terrorism`?",
    ),
    "unknown-id-at-index-2": (
        "topic: [terrorism, radicalisation, extremism]",
        "topic: [terrorism, radicalisation, extremsm]",
        "unknown-id",
        7,
        42,
        "did you mean `extremism`?",
    ),
    "unknown-partner": (
        "partners: [ocad, fedpol]",
        "partners: [ocad, fedpool]",
        "unknown-id",
        12,
        24,
        "did you mean `fedpol`?",
    ),
    "unknown-partner-far-from-any": (
        "partners: [ocad, fedpol]",
        "partners: [ocad, zzzzzz]",
        "unknown-id",
        12,
        24,
        "add it to rules/vocabulary.yaml first",
    ),
    "unknown-lead": ("lead: vsse", "lead: vse", "unknown-id", 10, 13, "did you mean `vsse`?"),
    "lead-without-priority": ("      priority: 50\n", "", "lead-without-priority", 10, 7, None),
    "priority-without-lead": ("      lead: vsse\n", "", "priority-without-lead", 10, 7, None),
    "no-effect": (
        "    then:\n      lead: vsse\n      priority: 50\n      partners: [ocad, fedpol]\n",
        "    then: {}\n",
        "no-effect",
        9,
        11,
        None,
    ),
}


@pytest.mark.parametrize(
    ("old", "new", "code", "line", "column", "hint"),
    RULE_PROBLEMS.values(),
    ids=RULE_PROBLEMS.keys(),
)
def test_rule_problem_is_positioned(
    rules_dir: Path, old: str, new: str, code: str, line: int, column: int, hint: str | None
) -> None:
    write(rules_dir, "extra.yaml", sample(old, new))
    problem = problem_coded(rules_dir, code)
    assert where(problem) == (code, EXTRA, line, column)
    if hint is None:
        assert problem.hint is None
    else:
        assert problem.hint is not None
        assert problem.hint.render("en").startswith(hint)


@pytest.mark.parametrize(
    ("old", "new", "code", "line", "column", "hint"),
    RULE_PROBLEMS.values(),
    ids=RULE_PROBLEMS.keys(),
)
def test_rule_problem_renders_in_every_language(
    rules_dir: Path, old: str, new: str, code: str, line: int, column: int, hint: str | None
) -> None:
    write(rules_dir, "extra.yaml", sample(old, new))
    problem = problem_coded(rules_dir, code)
    for lang in LANGS:
        text = problem.render(lang)
        assert text.startswith(f"{EXTRA}:{line}:{column}: {code}: "), lang
        assert (f"\n  {t('help', lang)}{t('colon', lang)} " in text) == (hint is not None), lang


def test_unknown_topic_names_kind_and_value(rules_dir: Path) -> None:
    write(rules_dir, "extra.yaml", sample("[terrorism, radicalisation, extremism]", "terrorsm"))
    problem = only_problem(rules_dir)
    assert problem.params == {"kind": "topic", "value": "terrorsm"}
    assert problem.render().splitlines()[0] == f"{EXTRA}:7:14: unknown-id: unknown topic `terrorsm`"
    assert "did you mean `terrorism`?" in problem.render()


def test_unknown_key_hint_is_exact(rules_dir: Path) -> None:
    write(rules_dir, "extra.yaml", sample("      topic: [", "      topc: ["))
    assert only_problem(rules_dir).render() == (
        f"{EXTRA}:7:7: unknown-key: unknown key `topc`\n  help: did you mean `topic`?"
    )


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("priority: 50", "priority: high", "`priority` must be a whole number, not text"),
        (
            "location: belgium",
            "location: {belgium: true}",
            "`location` must be text or a list of text, not a mapping (key: value)",
        ),
        ("lead: vsse", "lead: [adiv, vsse]", "`lead` must be text, not a list"),
    ],
    ids=["text-for-a-number", "mapping-for-an-id-list", "list-for-one-id"],
)
def test_wrong_type_says_what_was_expected_and_found(
    rules_dir: Path, old: str, new: str, message: str
) -> None:
    write(rules_dir, "extra.yaml", sample(old, new))
    problem = only_problem(rules_dir)
    assert problem.code == "wrong-type"
    assert problem.message() == message


def test_wrong_type_for_a_decimal_priority_does_not_contradict_itself(rules_dir: Path) -> None:
    write(rules_dir, "extra.yaml", sample("priority: 50", "priority: 1.5"))
    problem = only_problem(rules_dir)
    assert problem.code == "wrong-type"
    assert problem.params["found"] != problem.params["expected"]


def test_wrong_type_for_the_rules_key_asks_for_a_list(rules_dir: Path) -> None:
    write(rules_dir, "extra.yaml", "rules: abc\n")
    problem = only_problem(rules_dir)
    assert where(problem) == ("wrong-type", EXTRA, 1, 8)
    assert problem.message() == "`rules` must be a list, not text"


def test_missing_key_is_positioned_at_the_rule(rules_dir: Path) -> None:
    write(rules_dir, "extra.yaml", sample("    title: A sample rule written by the tests\n", ""))
    assert only_problem(rules_dir).params == {"key": "title"}


def test_error_in_the_only_rule_of_a_file_is_reported_alone(rules_dir: Path) -> None:
    """No extra 'rules must list at least one entry' because the single rule is invalid."""
    write(
        rules_dir,
        "extra.yaml",
        SAMPLE.split("\n\n")[0].replace("priority: 50", "priority: high") + "\n",
    )
    assert where(only_problem(rules_dir)) == ("wrong-type", EXTRA, 11, 17)


# --------------------------------------------------------------------------- problems across rules


def test_duplicate_rule_id_across_two_files(rules_dir: Path) -> None:
    write(rules_dir, "extra.yaml", SAMPLE)
    write(rules_dir, "zz-copy.yaml", sample("id: extra.companion", "id: extra.other"))
    problem = only_problem(rules_dir)
    assert where(problem) == ("duplicate-rule-id", "rules/zz-copy.yaml", 2, 9)
    assert problem.params == {"value": "extra.sample", "first": f"{EXTRA}:2"}
    assert f"(first at {EXTRA}:2)" in problem.render()


def test_duplicate_rule_id_against_a_shipped_rule(rules_dir: Path) -> None:
    shipped_id = "terrorism.art8-threat"
    first_line = line_of(rules_dir / "terrorism.yaml", f"  - id: {shipped_id}")
    # zz.yaml sorts after terrorism.yaml, so the shipped rule is the first one.
    write(rules_dir, "zz.yaml", sample("id: extra.sample", f"id: {shipped_id}"))
    problem = only_problem(rules_dir)
    assert where(problem) == ("duplicate-rule-id", "rules/zz.yaml", 2, 9)
    assert problem.params["first"] == f"rules/terrorism.yaml:{first_line}"


def test_fact_that_no_rule_derives(rules_dir: Path) -> None:
    add_term(rules_dir, "facts", "never-set")
    write(
        rules_dir,
        "extra.yaml",
        sample("      location: belgium\n", "      location: belgium\n      facts: never-set\n"),
    )
    problem = only_problem(rules_dir)
    assert where(problem) == ("fact-never-derived", EXTRA, 9, 14)
    assert problem.params == {"value": "never-set"}


def test_negation_cycle(rules_dir: Path) -> None:
    add_term(rules_dir, "facts", "self-negating")
    effects = "    when:\n      not:\n        facts: self-negating\n    then:\n      derive: self-negating\n"
    write(rules_dir, "extra.yaml", sample(SAMPLE_EFFECTS, effects))
    problem = only_problem(rules_dir)
    assert where(problem) == ("negation-cycle", EXTRA, 2, 9)
    assert problem.params == {"value": "self-negating", "path": "extra.sample -> extra.sample"}


# --------------------------------------------------------------------------- the vocabulary


def test_vocabulary_duplicate_id(rules_dir: Path) -> None:
    add_term(rules_dir, "flags", "twice")
    first = add_term(rules_dir, "flags", "twice")
    problem = only_problem(rules_dir)
    assert where(problem) == ("duplicate-id", VOCABULARY, first + 3, 9)
    assert problem.params == {"kind": "flag", "value": "twice", "first_line": first}


def test_none_listed_as_a_service_is_reserved(rules_dir: Path) -> None:
    line = add_term(rules_dir, "services", "none")
    problem = only_problem(rules_dir)
    assert where(problem) == ("reserved-id", VOCABULARY, line, 9)
    assert problem.params == {"value": "none"}


def test_default_target_missing(rules_dir: Path) -> None:
    vocabulary = rules_dir / "vocabulary.yaml"
    patch(vocabulary, 'id: "unspecified"', 'id: "no-target-named"')
    problem = only_problem(rules_dir)
    assert where(problem) == (
        "default-target-missing",
        VOCABULARY,
        line_of(vocabulary, "targets:") + 1,
        3,
    )
    assert problem.params == {"value": "unspecified"}


def set_escalation(directory: Path, value: str) -> int:
    vocabulary = directory / "vocabulary.yaml"
    text = vocabulary.read_text(encoding="utf-8")
    new, count = re.subn(r"(?m)^  escalation:.*$", f"  escalation: {value}", text)
    assert count == 1
    vocabulary.write_text(new, encoding="utf-8")
    return line_of(vocabulary, "  escalation:")


def test_unknown_escalation_mechanism(rules_dir: Path) -> None:
    line = set_escalation(rules_dir, '["liaison", "liason"]')
    problem = only_problem(rules_dir)
    assert where(problem) == ("unknown-id", VOCABULARY, line, 27)
    assert problem.params == {"kind": "mechanism", "value": "liason"}
    assert problem.hint is not None
    assert problem.hint.render().startswith("did you mean `liaison`?")


# --------------------------------------------------------------------------- the directory


def test_vocabulary_missing(rules_dir: Path) -> None:
    (rules_dir / "vocabulary.yaml").unlink()
    assert where(only_problem(rules_dir)) == ("vocabulary-missing", "rules", None, None)


def test_only_the_vocabulary(rules_dir: Path) -> None:
    for path in rules_dir.iterdir():
        if path.name != "vocabulary.yaml":
            path.unlink()
    assert where(only_problem(rules_dir)) == ("no-rule-files", "rules", None, None)


def test_empty_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "rules").mkdir()
    monkeypatch.chdir(tmp_path)
    problems = refused(tmp_path / "rules")
    assert sorted(where(p) for p in problems) == [
        ("no-rule-files", "rules", None, None),
        ("vocabulary-missing", "rules", None, None),
    ]


def test_directory_that_does_not_exist(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    problem = only_problem(tmp_path / "nope")
    assert where(problem) == ("rules-dir-missing", None, None, None)
    assert problem.params == {"path": "nope"}
    assert problem.render() == "rules-dir-missing: the rules directory `nope` does not exist"


def test_file_instead_of_a_directory(rules_dir: Path) -> None:
    problem = only_problem(rules_dir / "vocabulary.yaml")
    assert where(problem) == ("rules-dir-not-dir", None, None, None)
    assert problem.params == {"path": "rules/vocabulary.yaml"}


@pytest.mark.parametrize(
    "case", ["missing", "not-a-directory", "empty", "no-vocabulary", "no-rule-files"]
)
def test_directory_problem_renders_in_every_language(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, case: str
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "empty").mkdir()
    (tmp_path / "no-vocabulary").mkdir()
    write(tmp_path / "no-vocabulary", "extra.yaml", SAMPLE)
    (tmp_path / "no-rule-files").mkdir()
    shutil.copy(SHIPPED_RULES / "vocabulary.yaml", tmp_path / "no-rule-files")
    write(tmp_path, "not-a-directory", "")
    for problem in refused(tmp_path / case):
        head = f"{problem.where}: {problem.code}: " if problem.where else f"{problem.code}: "
        for lang in LANGS:
            assert problem.render(lang).startswith(head), lang


# --------------------------------------------------------------------------- all at once, nothing half-loaded


def break_in_three_files(directory: Path) -> int:
    """Four problems in three files; returns the line of the vocabulary's problem."""
    text = sample("      topic: [", "      topc: [").replace(
        "      partners: ocad\n", "      partners: ocadd\n"
    )
    write(directory, "extra.yaml", text)
    write(directory, "aa-broken.yaml", "rules: [\n")
    return set_escalation(directory, '["liaison", "liason"]')


def test_every_problem_is_reported_at_once_and_sorted(rules_dir: Path) -> None:
    vocabulary_line = break_in_three_files(rules_dir)
    with pytest.raises(RuleSetError) as raised:
        load_policy(rules_dir)
    assert [where(p) for p in raised.value.problems] == [
        ("yaml-syntax", "rules/aa-broken.yaml", 2, 1),
        ("unknown-key", EXTRA, 7, 7),
        ("unknown-id", EXTRA, 19, 17),
        ("unknown-id", VOCABULARY, vocabulary_line, 27),
    ]
    keys = [(p.path, p.line, p.column) for p in raised.value.problems]
    assert keys == sorted(keys)


def test_read_policy_reports_the_same_problems(rules_dir: Path) -> None:
    break_in_three_files(rules_dir)
    policy, problems = read_policy(rules_dir)
    with pytest.raises(RuleSetError) as raised:
        load_policy(rules_dir)
    assert policy is None
    assert sorted(problems, key=Problem.sort_key) == list(raised.value.problems)


def test_load_policy_on_a_broken_copy_loads_nothing(rules_dir: Path) -> None:
    write(rules_dir, "extra.yaml", sample("priority: 50", "priority: high"))
    result: Any = "not assigned"
    with pytest.raises(RuleSetError) as raised:
        result = load_policy(rules_dir)
    assert result == "not assigned"
    assert raised.value.exit_code == EXIT_RULES == 3
    assert [p.code for p in raised.value.problems] == ["wrong-type"]
    assert (
        raised.value.render().splitlines()[-1]
        == "the rule set is invalid (1 error); nothing was loaded"
    )


@pytest.mark.parametrize("lang", LANGS)
def test_rule_set_error_renders_in_every_language(rules_dir: Path, lang: str) -> None:
    break_in_three_files(rules_dir)
    add_term(rules_dir, "services", "none")
    with pytest.raises(RuleSetError) as raised:
        load_policy(rules_dir)
    lines = raised.value.render(lang).splitlines()
    assert lines[-1] == t("ruleset-invalid", lang, count=len(raised.value.problems))
    for problem in raised.value.problems:
        assert problem.render(lang) in raised.value.render(lang)


def test_load_policy_of_the_shipped_rules() -> None:
    policy = load_policy(SHIPPED_RULES)
    assert policy.fingerprint.startswith("sha256:")
    assert set(policy.strata) == set(policy.by_id)


# --------------------------------------------------------------------------- found while writing these tests


def test_key_not_text_in_a_rule_file(rules_dir: Path) -> None:
    write(rules_dir, "extra.yaml", SAMPLE + "  - ? {a: 1}\n    : 2\n")
    assert where(only_problem(rules_dir)) == ("key-not-text", EXTRA, 20, 7)


@pytest.mark.parametrize("lang", LANGS)
def test_key_not_text_in_a_rule_file_renders(rules_dir: Path, lang: str) -> None:
    write(rules_dir, "extra.yaml", SAMPLE + "  - ? {a: 1}\n    : 2\n")
    assert only_problem(rules_dir).render(lang).startswith(f"{EXTRA}:20:7: key-not-text: ")


@pytest.mark.parametrize("content", ["null\n", "~\n", "---\n"])
def test_rule_file_holding_only_null_is_reported(rules_dir: Path, content: str) -> None:
    write(rules_dir, "extra.yaml", content)
    assert [p.path for p in refused(rules_dir)] == [EXTRA]


def test_vocabulary_holding_only_null_is_reported(rules_dir: Path) -> None:
    write(rules_dir, "vocabulary.yaml", "~\n")
    with pytest.raises(RuleSetError) as raised:
        load_policy(rules_dir)
    assert [p.path for p in raised.value.problems] == [VOCABULARY]


# --------------------------------------------------------------------------- stratification


def rule(rule_id: str, when: dict[str, Any] | None = None, **then: Any) -> Rule:
    return schemas.rule_model(
        schemas.Rule.model_validate(
            {
                "id": rule_id,
                "title": "t",
                "basis": "b",
                "description": "d",
                "when": when or {},
                "then": then,
            }
        )
    )


def test_stratify_puts_a_negation_after_the_rules_deriving_the_fact() -> None:
    rules = (
        rule("negates-x", {"not": {"facts": "x"}}, derive="y"),
        rule("derives-x", derive="x"),
        rule("negates-y", {"not": {"facts": "y"}}, partners="ocad"),
        rule("uses-y", {"facts": "y"}, partners="ocad"),
    )
    stages, cycles = stratify(rules)
    assert cycles == []
    assert stages == {"derives-x": 1, "negates-x": 2, "negates-y": 3, "uses-y": 2}


def test_stratify_finds_a_rule_negating_its_own_fact() -> None:
    _, cycles = stratify((rule("loop", {"not": {"facts": "x"}}, derive="x"),))
    assert cycles == [("x", ["loop", "loop"])]


def test_stratify_finds_a_cycle_through_two_rules() -> None:
    rules = (
        rule("a", {"facts": "p"}, derive="q"),
        rule("b", {"not": {"facts": "q"}}, derive="p"),
    )
    _, cycles = stratify(rules)
    assert [fact for fact, _ in cycles] == ["q"]


def test_shipped_negations_run_after_their_facts() -> None:
    policy = load_policy(SHIPPED_RULES)
    derivers: dict[str, list[str]] = {}
    for r in policy.rules:
        for fact in r.then.derive:
            derivers.setdefault(fact, []).append(r.id)
    negating = [r for r in policy.rules if r.when.negative_facts()]
    assert negating, "the shipped rules negate at least one derived fact"
    for r in negating:
        for fact in r.when.negative_facts():
            for deriver in derivers[fact]:
                assert policy.strata[r.id] > policy.strata[deriver], (r.id, fact, deriver)
