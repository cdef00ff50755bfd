"""allocator.yamlread.read_yaml: hostile or broken YAML ends in one positioned problem, never in a hang."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from allocator.errors import Problem
from allocator.i18n import LANGS
from allocator.load.yamlread import MAX_BYTES, MAX_DEPTH, SourceMap, read_yaml

NAME = "doc.yaml"


def read(tmp_path: Path, content: bytes | str) -> tuple[Any, SourceMap, list[Problem]]:
    """Write `content` to a file and read it back with read_yaml."""
    path = tmp_path / NAME
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return read_yaml(path, NAME)


def refused(tmp_path: Path, content: bytes | str) -> Problem:
    """The single problem that stops the read of `content` (the data must be None)."""
    data, _, problems = read(tmp_path, content)
    assert data is None
    assert len(problems) == 1, problems
    assert problems[0].path == NAME
    return problems[0]


def loaded(tmp_path: Path, content: bytes | str) -> tuple[Any, SourceMap]:
    data, smap, problems = read(tmp_path, content)
    assert problems == []
    return data, smap


def nested_flow_lists(levels: int) -> str:
    return "a: " + "[" * levels + "]" * levels + "\n"


def nested_block_mappings(levels: int) -> str:
    return "".join("  " * i + f"k{i}:\n" for i in range(levels)) + "  " * levels + "leaf\n"


# (content, code, line, column) of a file that read_yaml must refuse.
REFUSED: dict[str, tuple[bytes | str, str, int, int]] = {
    "unclosed-flow-list": (
        "topic: [terrorism, extremism\nlocation: belgium\n",
        "yaml-syntax",
        2,
        9,
    ),
    "duplicate-key": ("rules:\n  - id: a\n    title: x\n    id: b\n", "duplicate-key", 4, 5),
    "duplicate-key-in-flow-mapping": ("{a: 1, a: 2}\n", "duplicate-key", 1, 8),
    "python-tag": ('then: !!python/object/apply:os.system ["echo"]\n', "explicit-tag", 1, 7),
    "local-tag": ("lead: !custom adiv\n", "explicit-tag", 1, 7),
    "timestamp-tag": ("date: !!timestamp 2024-01-01\n", "explicit-tag", 1, 7),
    "merge-key": (
        "base: &base\n  lead: adiv\nrule:\n  <<: *base\n  priority: 1\n",
        "alias",
        1,
        7,
    ),
    "merge-key-without-alias": ("rule:\n  <<: {lead: adiv}\n  priority: 1\n", "alias", 2, 3),
    "invalid-utf8-line-3": (b"a: 1\nb: 2\nc: ab\xffcd\n", "not-utf8", 3, 6),
    "invalid-utf8-after-multibyte": (
        "a: 1\nb: 2\nc: caf\u00e9".encode() + b"\xff\n",
        "not-utf8",
        3,
        8,
    ),
    "nul-byte": ("a: 1\nb: x\x00y\n", "yaml-control-character", 2, 5),
    "escape-character": ("a: 1\nb: \x1b[31mred\n", "yaml-control-character", 2, 4),
    "empty-file": ("", "empty-file", 1, 1),
    "blank-lines-only": ("\n  \n\n", "empty-file", 1, 1),
    "comments-only": ("# only\n# comments\n\n", "empty-file", 1, 1),
    "too-deep-flow": (nested_flow_lists(MAX_DEPTH + 1), "too-deep", 1, 44),
    "too-deep-block": (nested_block_mappings(MAX_DEPTH + 5), "too-deep", 42, 83),
    "two-documents": ("a: 1\n---\nb: 2\n", "yaml-syntax", 2, 1),
    "two-explicit-documents": ("---\na: 1\n---\nb: 2\n", "yaml-syntax", 3, 1),
    "flow-mapping-as-key": ("{topic: x}: 1\n", "key-not-text", 1, 1),
    "flow-list-as-complex-key": ("rules:\n  ? [a, b]\n  : 1\n", "key-not-text", 2, 5),
}


@pytest.mark.parametrize(
    ("content", "code", "line", "column"), REFUSED.values(), ids=REFUSED.keys()
)
def test_refused_with_code_and_position(
    tmp_path: Path, content: bytes | str, code: str, line: int, column: int
) -> None:
    problem = refused(tmp_path, content)
    assert (problem.code, problem.line, problem.column) == (code, line, column)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", list(REFUSED))
def test_refusal_renders_in_every_language(tmp_path: Path, name: str, lang: str) -> None:
    content, code, line, column = REFUSED[name]
    text = refused(tmp_path, content).render(lang)
    assert text.startswith(f"{NAME}:{line}:{column}: {code}: ")


def test_duplicate_key_names_the_key_and_its_first_line(tmp_path: Path) -> None:
    problem = refused(tmp_path, "rules:\n  - id: a\n    title: x\n    id: b\n")
    assert problem.params == {"key": "id", "first_line": 2}
    assert problem.render() == "doc.yaml:4:5: duplicate-key: duplicate key `id` (first at line 2)"


@pytest.mark.parametrize(
    ("content", "tag"),
    [
        ('then: !!python/object/apply:os.system ["echo"]\n', "!!python/object/apply:os.system"),
        ("lead: !custom adiv\n", "!custom"),
    ],
)
def test_explicit_tag_is_named(tmp_path: Path, content: str, tag: str) -> None:
    assert refused(tmp_path, content).params == {"tag": tag}


def test_control_character_is_named(tmp_path: Path) -> None:
    assert refused(tmp_path, "a: x\x00y\n").params == {"char": "U+0000"}


def test_invalid_utf8_names_the_byte(tmp_path: Path) -> None:
    assert refused(tmp_path, b"a: 1\nb: 2\nc: ab\xffcd\n").params == {"byte": "ff"}


def test_anchor_and_alias_are_refused(tmp_path: Path) -> None:
    assert refused(tmp_path, "a: &x 1\nb: *x\n").code == "alias"


def test_an_anchor_is_refused_where_it_is_defined(tmp_path: Path) -> None:
    """Anchors are what aliases need: refusing them at their definition stops every alias."""
    problem = refused(tmp_path, "a: &x 1\nb: *x\n")
    assert (problem.line, problem.column) == (1, 4)


def test_an_anchor_on_its_own_is_refused(tmp_path: Path) -> None:
    assert refused(tmp_path, "a: &x 1\nb: 2\n").code == "alias"


def test_alias_of_an_anchored_key_is_refused(tmp_path: Path) -> None:
    problem = refused(tmp_path, "&k a: 1\nb: *k\n")
    assert problem.code == "alias"


def test_alias_used_as_key_is_refused(tmp_path: Path) -> None:
    assert refused(tmp_path, "a: &k b\n*k : 1\n").code == "alias"


def test_billion_laughs_is_refused(tmp_path: Path) -> None:
    """Nine levels of nine aliases: 9**9 strings if expanded; the reader must stop at the first alias."""
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for previous, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [{', '.join([f'*{previous}'] * 9)}]")
    problem = refused(tmp_path, "\n".join(lines) + "\n")
    assert problem.code == "alias"


def test_file_over_the_size_limit_is_refused_unread(tmp_path: Path) -> None:
    problem = refused(tmp_path, b"a: " + b"x" * MAX_BYTES + b"\n")
    assert problem.code == "file-too-large"
    assert (problem.line, problem.column) == (None, None)
    assert problem.params == {"size": MAX_BYTES + 4, "limit": MAX_BYTES}


def test_file_of_exactly_the_size_limit_is_read(tmp_path: Path) -> None:
    data, _ = loaded(tmp_path, b"a: " + b"x" * (MAX_BYTES - 4) + b"\n")
    assert len(data["a"]) == MAX_BYTES - 4


def test_nesting_of_exactly_the_depth_limit_is_read(tmp_path: Path) -> None:
    data, _ = loaded(tmp_path, nested_flow_lists(MAX_DEPTH))
    assert isinstance(data["a"], list)


def test_nesting_beyond_the_parser_recursion_is_too_deep(tmp_path: Path) -> None:
    """600 levels make ruamel's composer recurse past Python's limit: still a message, not a crash."""
    problem = refused(tmp_path, nested_flow_lists(600))
    assert problem.code == "too-deep"
    assert problem.params == {"limit": MAX_DEPTH}


def test_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / NAME
    path.write_text("a: 1\n")
    path.chmod(0)
    try:
        if os.access(path, os.R_OK):
            pytest.skip("running with privileges (root) that still read a chmod 000 file")
        data, _, problems = read_yaml(path, NAME)
    finally:
        path.chmod(0o600)
    assert data is None
    assert [(p.code, p.line, p.column) for p in problems] == [("unreadable", None, None)]


def test_symlink_loop_is_unreadable(tmp_path: Path) -> None:
    loop = tmp_path / "loop.yaml"
    loop.symlink_to(loop.name)
    data, _, problems = read_yaml(loop, "loop.yaml")
    assert data is None
    assert [(p.code, p.path, p.line, p.column) for p in problems] == [
        ("unreadable", "loop.yaml", None, None)
    ]
    assert problems[0].params["reason"]


def test_directory_is_unreadable(tmp_path: Path) -> None:
    data, _, problems = read_yaml(tmp_path, "dir")
    assert data is None
    assert [p.code for p in problems] == ["unreadable"]


# --------------------------------------------------------------------------- what is accepted


def test_yaml_1_2_scalars(tmp_path: Path) -> None:
    data, _ = loaded(
        tmp_path,
        "a: NO\nb: yes\nc: on\nd: 0x1F\ne: 0o17\nf: ~\ng: true\nh: 010\ni: FALSE\nj: null\nk: 1.5\nl: off\n",
    )
    assert data == {
        "a": "NO",
        "b": "yes",
        "c": "on",
        "d": 31,
        "e": 15,
        "f": None,
        "g": True,
        "h": 10,
        "i": False,
        "j": None,
        "k": 1.5,
        "l": "off",
    }
    assert data["g"] is True
    assert data["i"] is False


def test_yaml_1_1_directive_does_not_turn_yes_into_false(tmp_path: Path) -> None:
    """Refusing the directive, keeping `yes` a string or reading it as True are all fine; False is not."""
    data, _, _ = read(tmp_path, "%YAML 1.1\n---\na: yes\n")
    assert data != {"a": False}


def test_utf8_bom_is_accepted(tmp_path: Path) -> None:
    data, smap = loaded(tmp_path, b"\xef\xbb\xbfa: 1\nb: [x, y]\n")
    assert data == {"a": 1, "b": ["x", "y"]}
    assert smap.keys[("a",)] == (1, 1)
    assert smap.values[("b", 1)] == (2, 8)


def test_invalid_utf8_after_a_bom_is_positioned(tmp_path: Path) -> None:
    problem = refused(tmp_path, b"\xef\xbb\xbfa: 1\nb: 2\nc: ab\xffcd\n")
    assert (problem.code, problem.line, problem.column, problem.params) == (
        "not-utf8",
        3,
        6,
        {"byte": "ff"},
    )


def test_c1_control_character_is_positioned(tmp_path: Path) -> None:
    problem = refused(tmp_path, "a: x\u0090y\n")
    assert problem.code in {"yaml-control-character", "yaml-syntax"}
    assert (problem.line, problem.column) == (1, 5)


@pytest.mark.parametrize("content", ["~\n", "null\n", "---\n"])
def test_null_document_is_not_silently_none(tmp_path: Path, content: str) -> None:
    data, _, problems = read(tmp_path, content)
    assert data is not None or problems


SOURCE = """\
top:
  inner:
    leaf: 5
  list:
    - one
    -   two
"""


def test_source_map_of_a_nested_key(tmp_path: Path) -> None:
    _, smap = loaded(tmp_path, SOURCE)
    assert smap.keys[("top", "inner", "leaf")] == (3, 5)
    assert smap.values[("top", "inner", "leaf")] == (3, 11)


def test_source_map_of_a_list_item(tmp_path: Path) -> None:
    _, smap = loaded(tmp_path, SOURCE)
    assert smap.values[("top", "list", 0)] == (5, 7)
    assert smap.values[("top", "list", 1)] == (6, 9)


def test_locate_prefers_the_key_when_asked(tmp_path: Path) -> None:
    _, smap = loaded(tmp_path, SOURCE)
    assert smap.locate(("top", "inner", "leaf"), key=True) == (3, 5)
    assert smap.locate(("top", "inner", "leaf")) == (3, 11)


@pytest.mark.parametrize(
    ("loc", "key", "expected"),
    [
        (("top", "inner", "leaf", "deeper", 3), False, (3, 11)),
        (("top", "list", 7), False, (5, 5)),
        (("top", "inner", "absent"), True, (3, 5)),
        (("nowhere",), False, (1, 1)),
        ((), False, (1, 1)),
    ],
)
def test_locate_falls_back_to_the_nearest_ancestor(
    tmp_path: Path, loc: tuple[str | int, ...], key: bool, expected: tuple[int, int]
) -> None:
    _, smap = loaded(tmp_path, SOURCE)
    assert smap.locate(loc, key=key) == expected


def test_empty_value_is_located_on_its_key_line(tmp_path: Path) -> None:
    data, smap = loaded(tmp_path, "a:\nb: 1\n")
    assert data == {"a": None, "b": 1}
    assert smap.locate(("a",))[0] == 1


@pytest.mark.parametrize("directive", ["%YAML 1.1", "%YAML 1.2", "%TAG ! tag:example.com,2000:"])
def test_directives_are_refused_with_their_position(tmp_path: Path, directive: str) -> None:
    problem = refused(tmp_path, f"# header\n{directive}\n---\na: yes\n")
    assert (problem.code, problem.line, problem.column) == ("yaml-directive", 2, 1)
    assert problem.params == {"directive": directive}


# --------------------------------------------------------------------------- nesting is bounded as it is read


def nested_flow_mappings(levels: int) -> str:
    return "a: " + "{a: " * levels + "x" + "}" * levels + "\n"


def nested_block_sequences(levels: int) -> str:
    return "".join("  " * i + "-\n" for i in range(levels)) + "  " * levels + "leaf\n"


def brackets_only(levels: int) -> str:
    return "[" * levels + "]" * levels + "\n"


#: Each shape, and how deep a file of at most MAX_BYTES nests it (well past ruamel's recursion).
NESTINGS = {
    "flow-lists": (nested_flow_lists, 20_000),
    "flow-mappings": (nested_flow_mappings, 20_000),
    "block-mappings": (nested_block_mappings, 600),
    "block-sequences": (nested_block_sequences, 600),
    "brackets-only": (brackets_only, 20_000),
}


@pytest.mark.parametrize("shape", list(NESTINGS))
def test_nesting_far_beyond_the_limit_is_refused_where_it_first_goes_too_deep(
    tmp_path: Path, shape: str
) -> None:
    """Thousands of levels name the same node as MAX_DEPTH + 2 levels do: the first one too deep."""
    nesting, levels = NESTINGS[shape]
    just_beyond = refused(tmp_path, nesting(MAX_DEPTH + 2))
    assert just_beyond.code == "too-deep"
    far_beyond = refused(tmp_path, nesting(levels))
    assert (far_beyond.code, far_beyond.line, far_beyond.column, far_beyond.params) == (
        "too-deep",
        just_beyond.line,
        just_beyond.column,
        {"limit": MAX_DEPTH},
    )


def test_brackets_at_the_root_are_too_deep_from_the_limit_plus_one(tmp_path: Path) -> None:
    """The root list is at depth 0: MAX_DEPTH + 1 brackets are read, one more is refused at itself."""
    data, _ = loaded(tmp_path, brackets_only(MAX_DEPTH + 1))
    assert isinstance(data, list)
    problem = refused(tmp_path, brackets_only(MAX_DEPTH + 2))
    assert (problem.code, problem.line, problem.column) == ("too-deep", 1, MAX_DEPTH + 2)


@pytest.fixture
def scanner_work(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the pending simple keys ruamel's scanner walks; stops the read past a budget.

    Its scanner walks every pending key (one per open bracket) at every token: 40 kB of `[` made
    about 2 x 10^8 steps, seconds of CPU. The budget fails fast on that, with no clock involved.
    """
    from ruamel.yaml import scanner

    work = [0]
    original = scanner.Scanner.stale_possible_simple_keys

    def counted(self: Any) -> None:
        work[0] += len(self.possible_simple_keys) + 1
        if work[0] > 100_000:
            raise AssertionError(f"the scanner walked {work[0]:,} simple keys and is not done")
        original(self)

    monkeypatch.setattr(scanner.Scanner, "stale_possible_simple_keys", counted)
    return work


HOSTILE_NESTINGS = {
    "40-kB-of-open-brackets": ("[" * 40_000, (1, MAX_DEPTH + 2)),
    "40-kB-of-closed-brackets": (brackets_only(20_000), (1, MAX_DEPTH + 2)),
    "40-kB-of-flow-mappings": ("{a: " * 10_000, (1, 4 * MAX_DEPTH + 5)),
    "1-MB-of-brackets": ("[" * (MAX_BYTES - 1), (1, MAX_DEPTH + 2)),
    "1-MB-of-dashes": ("- " * (MAX_BYTES // 2 - 1) + "x", (1, 2 * MAX_DEPTH + 3)),
    "brackets-after-block-nesting": (
        "".join("  " * i + f"k{i}:\n" for i in range(30)) + "  " * 30 + "[" * 20_000,
        (31, 61 + (MAX_DEPTH + 1 - 30)),
    ),
}


@pytest.mark.parametrize("name", list(HOSTILE_NESTINGS))
def test_hostile_nesting_is_refused_without_reading_the_rest(
    tmp_path: Path, scanner_work: list[int], name: str
) -> None:
    content, position = HOSTILE_NESTINGS[name]
    problem = refused(tmp_path, content)
    assert (problem.code, (problem.line, problem.column)) == ("too-deep", position)
    assert problem.params == {"limit": MAX_DEPTH}
    assert scanner_work[0] < 10_000


def test_a_list_as_a_key_is_refused_before_what_it_nests(
    tmp_path: Path, scanner_work: list[int]
) -> None:
    problem = refused(tmp_path, "? " + "[" * 20_000 + "\n: 1\n")
    assert (problem.code, problem.line, problem.column) == ("key-not-text", 1, 3)
    assert problem.params == {"found": "type-list"}


def test_the_first_node_too_deep_may_be_a_scalar(tmp_path: Path) -> None:
    """`a: [x, [x, [x, …`: the list MAX_DEPTH deep is read; its first item, one deeper, is not."""
    problem = refused(tmp_path, "a: " + "[x, " * 20_000)
    column = len("a: ") + len("[x, ") * (MAX_DEPTH - 1) + len("[") + 1
    assert (problem.code, problem.line, problem.column) == ("too-deep", 1, column)


def test_nesting_too_deep_is_refused_before_what_follows_it(tmp_path: Path) -> None:
    """The reading stops there: an error further on is not reached (nor reported)."""
    problem = refused(tmp_path, nested_flow_lists(20_000) + "b: [unclosed\n")
    assert (problem.code, problem.line, problem.column) == (
        "too-deep",
        1,
        len("a: ") + MAX_DEPTH + 1,
    )
    earlier = refused(tmp_path, "b: x\n  c: y\n" + nested_flow_lists(20_000))
    assert (earlier.code, earlier.line) == ("yaml-syntax", 2)
