"""`allocator fmt`: the canonical layout of the rule files and the feature files.

The shipped files are in it already; the layout is idempotent, keeps every comment, keeps the
meaning of the rules (the fingerprint) and of the specification; a file that cannot be read is
named at file:line:col and left alone; files are written atomically, with their permissions.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import stat
from pathlib import Path
from typing import Any

import pytest
from gherkin.parser import Parser
from ruamel.yaml import YAML

from allocator.load import layout, schemas
from allocator.load.files import VOCABULARY_FILE
from allocator.load.layout import layout_yaml
from allocator.load.policy import load_policy
from allocator.load.yamlread import parse_yaml
from allocator.staff import fmt as staff_fmt
from allocator.staff.feature_layout import display_width, layout_feature
from allocator.staff.fmt import FileLayout, files_to_format, lay_out, write_atomically
from allocator.testing import run_cli
from tests.helpers import SHIPPED

EN = {"ALLOCATOR_LANG": "en"}
FEATURES = SHIPPED.resolve().parent / "features"
SHIPPED_RULE_FILES = sorted(SHIPPED.glob("*.yaml"))
SHIPPED_FEATURES = sorted(FEATURES.glob("*.feature"))


def fmt_yaml(text: str, *, vocabulary: bool = False) -> str:
    out, problems = layout_yaml(text.encode("utf-8"), "test.yaml", vocabulary=vocabulary)
    assert not problems, [p.render() for p in problems]
    assert out is not None
    return out


def fmt_feature(text: str) -> str:
    out, problems = layout_feature(text.encode("utf-8"), "test.feature")
    assert not problems, [p.render() for p in problems]
    assert out is not None
    return out


def comments(text: str) -> list[str]:
    """The comments of a YAML text or a feature file, in order (none of ours is inside a string)."""
    return [m.group(1).rstrip() for m in re.finditer(r"(?:^|\s)(#.*)$", text, re.MULTILINE)]


def untidy(path: Path) -> None:
    """Trailing blanks after every `then:` of a rule file."""
    text = path.read_text(encoding="utf-8")
    assert "    then:\n" in text
    path.write_text(text.replace("    then:\n", "    then:   \n"), encoding="utf-8")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the shipped rules and features side by side, as in a checkout."""
    shutil.copytree(SHIPPED, tmp_path / "rules")
    shutil.copytree(FEATURES, tmp_path / "features", ignore=shutil.ignore_patterns("*.py"))
    return tmp_path


# --------------------------------------------------------------------------- the shipped files


def test_the_shipped_files_are_in_the_canonical_layout(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(SHIPPED.parent)
    result = run_cli(["fmt", "--check"], EN)
    assert result.exit_code == 0, result.stdout + result.stderr
    total = len(SHIPPED_RULE_FILES) + len(SHIPPED_FEATURES)
    assert result.stdout == f"0 files would be reformatted, {total} unchanged\n"
    assert result.stderr == ""


@pytest.mark.parametrize(
    "path",
    [*SHIPPED_RULE_FILES, *SHIPPED_FEATURES],
    ids=lambda path: f"{path.parent.name}/{path.name}",
)
def test_each_shipped_file_is_its_own_layout(path: Path) -> None:
    result = lay_out(path)
    assert result.problems == ()
    assert result.after is not None
    assert result.after.encode("utf-8") == path.read_bytes()
    assert not result.changed


def test_the_default_is_the_rules_in_force_and_the_features_beside_them(project: Path) -> None:
    paths = staff_fmt.default_paths(project / "rules")
    assert paths == [project / "rules", (project / "features").resolve()]
    files, refused = files_to_format(paths)
    assert refused == []
    assert {f.name for f in files} == {p.name for p in [*SHIPPED_RULE_FILES, *SHIPPED_FEATURES]}
    shutil.rmtree(project / "features")
    assert staff_fmt.default_paths(project / "rules") == [project / "rules"]


def test_the_key_orders_are_the_schema_s_fields() -> None:
    """Every field of the schema has its place in the canonical order, and nothing else does."""

    def fields(model: Any) -> set[str]:
        return {info.alias or name for name, info in model.model_fields.items()}

    assert set(layout.RULE_KEYS) == fields(schemas.Rule)
    assert set(layout.WHEN_KEYS) == fields(schemas.When)
    assert set(layout.CONDITION_KEYS) == fields(schemas.Condition)
    assert set(layout.THEN_KEYS) == fields(schemas.Then)
    assert set(layout.LANGUAGE_KEYS) == fields(schemas.Labels)
    assert set(layout.TERM_KEYS) == fields(schemas.Term)
    assert set(layout.VOCABULARY_KEYS) == fields(schemas.Vocabulary)
    assert set(layout.SETTINGS_KEYS) == fields(schemas.Settings)
    assert set(layout.RULE_FILE_KEYS) == fields(schemas.RuleFile)


# --------------------------------------------------------------------------- rule files


MESSY_RULES = """\
# The header of the file.
#
# It stays at the top.

rules:   # the rules
    # about the first rule
    -   then: {lead: adiv, priority: 400}
        when:
          # the actor decides
          actor: 'foreign-military'   # who
          topic:
            - terrorism    # a list with comments stays a list
            - extremism
          not: {facts: [abroad]}
        description: >
          A folded text
          on two lines.
        basis: |
          Line one
          Line two
        title:
          en: '  Title: with a colon  '
          nl: "Titel"
          fr: Titre
        id: x.one
    # ---------------------------------------------------------------- a section

    - id: "x.two"
      title: plain title{TRAILING}
      basis: "b"
      description: "a \\"quoted\\" word, a backslash \\\\ and a bidi override \\u202e"
      then:
        partners: [ocad,   fedpol]
        consultation:
          - liaison
        # the last word of then
# the end of the file
""".replace("{TRAILING}", "   ")

CANONICAL_RULES = """\
# The header of the file.
#
# It stays at the top.

rules:   # the rules
  # about the first rule
  - id: x.one
    title:
      nl: "Titel"
      fr: "Titre"
      en: "Title: with a colon"
    basis: |-
      Line one
      Line two
    description: "A folded text on two lines."
    when:
      topic:
        - terrorism    # a list with comments stays a list
        - extremism
      # the actor decides
      actor: foreign-military   # who
      not:
        facts: [abroad]
    then:
      lead: adiv
      priority: 400

  # ---------------------------------------------------------------- a section

  - id: x.two
    title: "plain title"
    basis: "b"
    description: "a \\"quoted\\" word, a backslash \\\\ and a bidi override \\u202E"
    then:
      partners: [ocad, fedpol]
      consultation: [liaison]
      # the last word of then
# the end of the file
"""


def test_a_messy_rule_file_takes_the_canonical_layout() -> None:
    assert fmt_yaml(MESSY_RULES) == CANONICAL_RULES


def test_the_layout_keeps_every_comment_with_what_it_stands_above() -> None:
    out = fmt_yaml(MESSY_RULES)
    assert sorted(comments(out)) == sorted(comments(MESSY_RULES))
    assert "      # the actor decides\n      actor: foreign-military   # who\n" in out
    assert out.startswith("# The header of the file.\n#\n# It stays at the top.\n\nrules:")


def test_keys_take_the_canonical_order_with_their_comments() -> None:
    reversed_rule = """\
rules:
  - then:
      derive: some-fact
      consultation: [liaison]
      partners: [ocad]
      competent: vsse
      # the priority goes with the lead
      priority: 200
      lead: vsse
    when:
      not: {actor: belgian-military}
      facts: art8-threat
      flags: imminent
      target: government
      actor: lone-actor
      location: belgium
      topic: terrorism
      unknown-key: kept last
    description: d
    basis: b
    title: {en: e, fr: f, nl: n}
    id: order.test
"""
    out = fmt_yaml(reversed_rule)
    keys = [line.strip().split(":")[0] for line in out.splitlines() if ":" in line]
    assert keys == [
        *("rules", "- id", "title", "nl", "fr", "en", "basis", "description"),
        *("when", "topic", "location", "actor", "target", "flags", "facts", "not", "actor"),
        *("unknown-key", "then", "lead", "priority"),
        *("competent", "partners", "consultation", "derive"),
    ]
    assert "      lead: vsse\n      # the priority goes with the lead\n      priority: 200\n" in out
    assert fmt_yaml(out) == out


MESSY_VOCABULARY = """\
# Plain YAML only; every string in double quotes.
settings: {escalation: [liaison, cciv]}
topics:
- description: {en: "A", fr: 'B', nl: C}
  label:
    en: Terrorism
    fr: Terrorisme
    nl: Terrorisme
  id: terrorism
"""


def test_the_vocabulary_quotes_every_string_and_writes_labels_on_one_line() -> None:
    assert fmt_yaml(MESSY_VOCABULARY, vocabulary=True) == (
        "# Plain YAML only; every string in double quotes.\n"
        "topics:\n"
        '  - id: "terrorism"\n'
        '    label: {nl: "Terrorisme", fr: "Terrorisme", en: "Terrorism"}\n'
        "    description:\n"
        '      nl: "C"\n'
        '      fr: "B"\n'
        '      en: "A"\n'
        "\n"
        "settings:\n"
        '  escalation: ["liaison", "cciv"]\n'
    )


@pytest.mark.parametrize(
    "messy",
    [
        MESSY_RULES,
        MESSY_VOCABULARY,
        "a: 1\n",
        "- a\n- - b\n  - c\n-\n- {k: v, l: [1, 2.5, true, null, ~]}\n",
        "key: |\n  ends with one newline\n  and keeps it\n",
        "key: |+\n  keeps two\n\n",
        "key: >-\n  folded\n\n  paragraphs\n",
        'key: "  leading blanks, a tab\\t and a line break\\n here"\n',
        '\'123\': "456"\n? plain\n: 0x1F\nyes: no\n"key with blanks": v\n',
        "\ufeffrules:\r\n  - id: crlf   # and a BOM\r\n",
        "--- # a document marker\nrules: []\n...\n",
        "rules:\n  - id: a\n    when:\n      # nothing but a comment\n    then: {lead: adiv}\n",
        "rules: [a,  # a comment in a flow list\n  b]\n",
        "a:\n  b:\n    c: d\n      # deeper than what follows\n  e: f\n",
    ],
)
def test_the_layout_is_idempotent_and_keeps_the_data(messy: str) -> None:
    vocabulary = messy is MESSY_VOCABULARY
    once = fmt_yaml(messy, vocabulary=vocabulary)
    assert fmt_yaml(once, vocabulary=vocabulary) == once
    before, _, problems = parse_yaml(messy.encode("utf-8"), "before.yaml")
    after, _, again = parse_yaml(once.encode("utf-8"), "after.yaml")
    assert not problems
    assert not again
    assert after == layout._normalized(before, vocabulary)
    assert sorted(comments(once)) == sorted(comments(messy.replace("\r", "")))
    assert once.endswith("\n")
    assert not once.endswith("\n\n")
    assert all(line == line.rstrip() for line in once.splitlines())


def _reversed_keys(data: Any) -> Any:
    if isinstance(data, dict):
        return {key: _reversed_keys(data[key]) for key in reversed(data)}
    if isinstance(data, list):
        return [_reversed_keys(item) for item in data]
    return data


def _dumped(data: Any) -> str:
    """The data in another layout altogether: block style, 4 spaces, texts folded over lines,
    keys in the reverse order, no quotes where YAML allows none."""
    yaml = YAML(typ="safe", pure=True)
    yaml.default_flow_style = False
    yaml.width = 50
    yaml.indent(mapping=4, sequence=4, offset=2)
    stream = io.StringIO()
    yaml.dump(_reversed_keys(data), stream)
    return stream.getvalue()


def _without_comments(text: str) -> str:
    lines = [line for line in text.splitlines() if not line.lstrip().startswith("#")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n") + "\n"


def test_any_layout_of_the_shipped_rules_comes_back_to_them_with_the_same_fingerprint(
    tmp_path: Path,
) -> None:
    messy = tmp_path / "rules"
    messy.mkdir()
    for path in SHIPPED_RULE_FILES:
        data, _, problems = parse_yaml(path.read_bytes(), path.name)
        assert not problems
        (messy / path.name).write_text(_dumped(data), encoding="utf-8")
    assert (messy / "terrorism.yaml").read_text() != _without_comments(
        (SHIPPED / "terrorism.yaml").read_text()
    )
    shipped = load_policy(SHIPPED).fingerprint
    assert load_policy(messy).fingerprint == shipped
    result = run_cli(["fmt", str(messy)], EN)
    assert result.exit_code == 0, result.stdout + result.stderr
    assert result.stdout.endswith(f"{len(SHIPPED_RULE_FILES)} files reformatted, 0 unchanged\n")
    assert load_policy(messy).fingerprint == shipped
    for path in SHIPPED_RULE_FILES:
        expected = _without_comments(path.read_text(encoding="utf-8"))
        assert (messy / path.name).read_text(encoding="utf-8") == expected, path.name


def test_a_reindented_copy_of_the_shipped_rules_comes_back_byte_for_byte(
    rules_copy: Path,
) -> None:
    """Comments included: every line indented twice as deep, with trailing blanks; no blank line
    between the rules, three where a blank line stood by a comment."""
    fingerprint = load_policy(rules_copy).fingerprint
    for path in sorted(rules_copy.glob("*.yaml")):
        lines = path.read_text(encoding="utf-8").splitlines()
        messy = []
        for index, line in enumerate(lines):
            indent, dash, rest = re.fullmatch(r"( *)(- )?(.*)", line).groups()  # type: ignore[union-attr]
            if line:
                messy.append(indent * 2 + ("-   " if dash else "") + rest + "  ")
            elif any(lines[i].lstrip().startswith("#") for i in (index - 1, index + 1)):
                messy += ["", "", ""]
        path.write_text("\n".join(messy) + "\n\n\n", encoding="utf-8")
    assert load_policy(rules_copy).fingerprint == fingerprint
    result = run_cli(["fmt", "--rules", str(rules_copy)], EN)
    assert result.exit_code == 0, result.stdout + result.stderr
    assert load_policy(rules_copy).fingerprint == fingerprint
    for path in SHIPPED_RULE_FILES:
        assert (rules_copy / path.name).read_bytes() == path.read_bytes(), path.name


def test_a_folded_text_reads_without_the_parser_s_fold_marks() -> None:
    """ruamel's round-trip scanner marks each fold of a `>` scalar with U+0007: the loader removes
    them as ruamel's own constructor does, so the rule says what the file says, before and after
    `allocator fmt`."""
    data, _, problems = parse_yaml(b"description: >\n  one\n  two\n\n  three\n", "f.yaml")
    assert not problems
    assert data == {"description": "one two\nthree\n"}


# --------------------------------------------------------------------------- feature files


MESSY_FEATURE = """\
# language: en

# A comment at the top
@tag-one    @tag-two # a comment after the tags
Feature:    Tables and doc strings
      The description moves as a block,
        its inner indentation kept.


      A second paragraph.
  Background:
        Given   a case about "terrorism" in "belgium" involving a "lone-actor"
  @outline
      Scenario Outline:   Who leads <topic>
    Given a table
    | name | value\\|piped | back\\\\slash |
         | é | 中文 | x |


    * a doc string
            \"\"\"json
              {"kept": "verbatim",   "spaces": true}

            \\"\\"\\" an escaped delimiter
            \"\"\"
    # a comment above the examples
    Examples:   some
    | topic | lead |
    | terrorism | vsse |
    | e\u0301spionage | vsse |
  Rule: a rule
   Scenario: inside the rule
      Given something
      # a last comment
"""

CANONICAL_FEATURE = """\
# language: en

# A comment at the top
@tag-one @tag-two # a comment after the tags
Feature: Tables and doc strings
  The description moves as a block,
    its inner indentation kept.

  A second paragraph.

  Background:
    Given a case about "terrorism" in "belgium" involving a "lone-actor"

  @outline
  Scenario Outline: Who leads <topic>
    Given a table
      | name | value\\|piped | back\\\\slash |
      | é    | 中文         | x           |
    * a doc string
      \"\"\"json
        {"kept": "verbatim",   "spaces": true}

      \\"\\"\\" an escaped delimiter
      \"\"\"

    # a comment above the examples
    Examples: some
      | topic     | lead |
      | terrorism | vsse |
      | e\u0301spionage | vsse |

  Rule: a rule

    Scenario: inside the rule
      Given something
      # a last comment
"""


def _meaning(text: str) -> Any:
    """What Gherkin reads in a feature file, positions aside."""

    def strip(value: Any) -> Any:
        if isinstance(value, dict):
            return {
                k: strip(v) for k, v in value.items() if k not in ("location", "id", "description")
            }
        if isinstance(value, list):
            return [strip(v) for v in value]
        return value

    document = Parser().parse(text)
    return strip(document["feature"]), [c["text"].strip() for c in document["comments"]]


def test_a_messy_feature_file_takes_the_canonical_layout() -> None:
    assert fmt_feature(MESSY_FEATURE) == CANONICAL_FEATURE
    assert _meaning(CANONICAL_FEATURE) == _meaning(MESSY_FEATURE)


def test_feature_tables_are_aligned_by_the_width_on_screen() -> None:
    rows = [line for line in fmt_feature(MESSY_FEATURE).splitlines() if line.strip()[:1] == "|"]
    for table in (rows[:2], rows[2:]):
        edges = {
            tuple(display_width(row[: m.start()]) for m in re.finditer(r"(?<!\\)\|", row))
            for row in table
        }
        assert len(edges) == 1, table
    assert display_width("中文") == 4
    assert display_width("e\u0301") == 1


def test_doc_strings_comments_and_tags_are_kept() -> None:
    out = fmt_feature(MESSY_FEATURE)
    original: Any = Parser().parse(MESSY_FEATURE)
    again: Any = Parser().parse(out)
    doc = original["feature"]["children"][1]["scenario"]["steps"][1]["docString"]
    assert (
        doc["content"]
        == again["feature"]["children"][1]["scenario"]["steps"][1]["docString"]["content"]
    )
    assert '  {"kept": "verbatim",   "spaces": true}' in doc["content"]
    assert comments(out) == comments(MESSY_FEATURE)
    assert "@tag-one @tag-two # a comment after the tags\n" in out


@pytest.mark.parametrize(
    "messy",
    [
        MESSY_FEATURE,
        "Feature: bare\n",
        "# only a comment\n",
        "# language: fr\nFonctionnalité: en français\n  Scénario: un cas\n"
        "    Soit un dossier\n    Alors la réponse est\n      | a | bb |\n      | ccc | d |\n",
        'Feature: f\n\n\n  Scenario: s\n    Given x\n      """\n  less indented\n      """\n',
    ],
)
def test_the_feature_layout_is_idempotent(messy: str) -> None:
    once = fmt_feature(messy)
    assert fmt_feature(once) == once
    assert once == "" or once.endswith("\n")
    assert not once.endswith("\n\n")
    if "Feature" in messy or "Fonctionnalité" in messy:
        assert _meaning(once) == _meaning(messy)


# --------------------------------------------------------------------------- the command


def test_check_lists_the_files_that_would_change_and_writes_nothing(project: Path) -> None:
    general = project / "rules" / "general.yaml"
    untidy(general)
    feature = project / "features" / "cyber.feature"
    feature.write_text(feature.read_text().replace("    Given", "  Given"), encoding="utf-8")
    before = {path: path.read_bytes() for path in (general, feature)}
    rules = str(project / "rules")
    result = run_cli(["fmt", "--check", "--rules", rules], EN)
    assert result.exit_code == 1
    total = len(SHIPPED_RULE_FILES) + len(SHIPPED_FEATURES)
    assert result.stdout.splitlines() == [
        f"{general} would be reformatted",
        f"{feature} would be reformatted",
        f"2 files would be reformatted, {total - 2} unchanged",
    ]
    assert {path: path.read_bytes() for path in before} == before

    diff = run_cli(["fmt", "--diff", "--rules", rules], EN)
    assert diff.exit_code == 1
    assert diff.stdout.startswith(f"--- a/{general}\n+++ b/{general}\n@@ ")
    assert "\n-    then:   \n+    then:\n" in diff.stdout
    assert f"+++ b/{feature}\n" in diff.stdout
    assert f"{general} would be reformatted\n" in diff.stderr
    assert {path: path.read_bytes() for path in before} == before

    done = run_cli(["fmt", "--rules", rules], EN)
    assert done.exit_code == 0
    assert done.stdout.splitlines() == [
        f"reformatted {general}",
        f"reformatted {feature}",
        f"2 files reformatted, {total - 2} unchanged",
    ]
    assert general.read_bytes() == (SHIPPED / "general.yaml").read_bytes()
    assert feature.read_bytes() == (FEATURES / "cyber.feature").read_bytes()
    assert run_cli(["fmt", "--check", "--rules", rules], EN).exit_code == 0


def test_paths_name_files_or_directories(project: Path) -> None:
    one = project / "features" / "cyber.feature"
    result = run_cli(["fmt", "--check", str(one), str(project / "rules")], EN)
    assert result.exit_code == 0
    assert (
        result.stdout == f"0 files would be reformatted, {len(SHIPPED_RULE_FILES) + 1} unchanged\n"
    )
    readme = project / "README.md"
    readme.write_text("# not ours\n")
    refused = run_cli(["fmt", str(readme)], EN)
    assert refused.exit_code == 2
    assert "is neither a rule file (.yaml, .yml) nor a feature file (.feature)" in refused.stderr
    missing = run_cli(["fmt", str(project / "nowhere")], EN)
    assert missing.exit_code == 2
    assert f"`{project / 'nowhere'}` does not exist" in missing.stderr


def test_an_invalid_file_is_named_and_left_alone_while_the_others_are_formatted(
    project: Path,
) -> None:
    broken = project / "rules" / "terrorism.yaml"
    text = broken.read_text(encoding="utf-8")
    broken.write_text(text.replace("extremism]", "extremism", 1), encoding="utf-8")
    broken_feature = project / "features" / "sabotage.feature"
    broken_feature.write_text(
        broken_feature.read_text().replace(
            "Examples:", "Examples:\n      | a | b |\n      | c |", 1
        )
    )
    messy = project / "rules" / "cyber.yaml"
    messy.write_text(messy.read_text().replace("    then:\n", "    then:    \n"))
    before = {path: path.read_bytes() for path in (broken, broken_feature)}
    result = run_cli(["fmt", "--rules", str(project / "rules")], EN)
    assert result.exit_code == 3
    assert re.search(
        rf"^{re.escape(str(broken))}:\d+:\d+: yaml-syntax: invalid YAML: ", result.stderr, re.M
    )
    assert re.search(
        rf"^{re.escape(str(broken_feature))}:\d+:\d+: gherkin-syntax: invalid Gherkin: "
        "inconsistent cell count within the table$",
        result.stderr,
        re.M,
    )
    assert {path: path.read_bytes() for path in before} == before
    assert messy.read_bytes() == (SHIPPED / "cyber.yaml").read_bytes()
    assert f"reformatted {messy}\n" in result.stdout
    assert result.stdout.endswith(", 2 files could not be formatted\n")
    assert "Traceback" not in result.stdout + result.stderr


def test_a_file_is_written_atomically_with_its_permissions(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = project / "rules" / "cyber.yaml"
    untidy(path)
    path.chmod(0o640)
    link = project / "linked.yaml"
    link.symlink_to(path)
    before = path.read_bytes()

    def fail(src: Any, dst: Any) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    failed = run_cli(["fmt", str(link)], EN)
    assert failed.exit_code == 1
    assert failed.stderr == f"{link}: cannot write the file: No space left on device\n"
    assert path.read_bytes() == before
    assert sorted(p.name for p in path.parent.iterdir()) == sorted(
        p.name for p in SHIPPED_RULE_FILES
    )
    monkeypatch.undo()

    done = run_cli(["fmt", str(link)], EN)
    assert done.exit_code == 0, done.stderr
    assert link.is_symlink()
    assert path.read_bytes() == (SHIPPED / "cyber.yaml").read_bytes()
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert not [p for p in path.parent.iterdir() if p.name.startswith(".")]


def test_a_file_changed_after_it_was_read_is_left_alone(project: Path) -> None:
    path = project / "rules" / "cyber.yaml"
    untidy(path)
    result = lay_out(path)
    assert result.changed
    path.write_text("rules: []  # saved meanwhile\n", encoding="utf-8")
    with pytest.raises(staff_fmt.ChangedMeanwhile):
        write_atomically(result)
    assert path.read_text() == "rules: []  # saved meanwhile\n"


def test_a_layout_that_would_change_the_data_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    """The safety net: the result is read back, and a difference stops everything."""
    monkeypatch.setattr(layout, "_double_quoted", lambda text: f'"{text.upper()}"')
    with pytest.raises(layout.LayoutChangesMeaning):
        layout_yaml(b"rules:\n  - id: a\n    title: 'lower case'\n", "t.yaml", vocabulary=False)


def test_messages_speak_dutch_and_french(project: Path) -> None:
    path = project / "rules" / "cyber.yaml"
    untidy(path)
    rules = str(project / "rules")
    total = len(SHIPPED_RULE_FILES) + len(SHIPPED_FEATURES)
    nl = run_cli(["--lang", "nl", "fmt", "--check", "--rules", rules])
    assert nl.exit_code == 1
    assert nl.stdout == (
        f"{path} zou opnieuw worden opgemaakt\n"
        f"1 bestand zou opnieuw worden opgemaakt, {total - 1} ongewijzigd\n"
    )
    fr = run_cli(["fmt", "--lang", "fr", "--rules", rules])
    assert fr.exit_code == 0
    assert fr.stdout == (
        f"{path} remis en forme\n1 fichier remis en forme, {total - 1} inchangés\n"
    )
    again = run_cli(["fmt", "--check", "--rules", rules], {"ALLOCATOR_LANG": "fr"})
    assert again.stdout == f"0 fichier serait remis en forme, {total} inchangés\n"
    refused = run_cli(["--lang", "nl", "fmt", str(project / "rules" / "x.txt")])
    assert refused.exit_code == 2
    assert f"`{project / 'rules' / 'x.txt'}` bestaat niet" in refused.stderr
    (project / "rules" / "x.txt").write_text("x")
    refused = run_cli(["--lang", "nl", "fmt", str(project / "rules" / "x.txt")])
    assert "is geen regelbestand (.yaml, .yml) en geen featurebestand (.feature)" in refused.stderr


def test_a_file_layout_reports_its_diff() -> None:
    result = FileLayout(Path("x.yaml"), "x.yaml", b"a:   1\n", "a: 1\n")
    assert result.changed
    assert result.diff() == "--- a/x.yaml\n+++ b/x.yaml\n@@ -1 +1 @@\n-a:   1\n+a: 1\n"
    same = FileLayout(Path("x.yaml"), "x.yaml", b"a: 1\n", "a: 1\n")
    assert not same.changed
    assert same.diff() == ""


def test_the_vocabulary_file_is_told_from_rule_files() -> None:
    assert staff_fmt.kind_of(Path(VOCABULARY_FILE)) == "vocabulary"
    assert staff_fmt.kind_of(Path("terrorism.yml")) == "rules"
    assert staff_fmt.kind_of(Path("a.feature")) == "feature"
    assert staff_fmt.kind_of(Path("README.md")) is None
