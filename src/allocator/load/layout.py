"""The canonical layout of the rule files and of the vocabulary (`allocator fmt`).

A file is read as the loader reads it (allocator.load.yamlread: YAML 1.2, ruamel.yaml's round-trip
composer, the same refusals at file:line:col), then written out again from its nodes, keeping
every comment. The layout is the one the shipped files use:

- keys in the order of the schema as the files write it: a rule reads id, title, basis,
  description, when, then; `when` reads topic, location, actor, target, flags, facts, not; `then`
  reads lead, priority, competent, partners, consultation, derive; texts nl, fr, en; a
  vocabulary term id, label, phrase, description; the vocabulary's lists in the order of the
  schema.
  Keys the schema does not know follow, in the order written;
- two spaces of indentation, the items of a list two spaces in from their key (`rules:` /
  `  - id: …`);
- a list of ids on one line (`topic: [terrorism, extremism]`; one id stays one id), a vocabulary
  label and phrase on one line (`label: {nl: "…", fr: "…", en: "…"}`), everything else in block
  style;
- texts (titles, bases, descriptions, labels, phrases) in double quotes on one line, surrounding
  blanks removed as the schema removes them; a text of several lines as a literal block (`|-`). In
  vocabulary.yaml every string is in double quotes (its header says so); in a rule file an id is
  written plain, quoted only where YAML would read it as something else;
- one blank line between the rules of a rule file and between the top-level keys; none
  elsewhere, but that a comment keeps one blank line before and after it where it had one;
- a comment stays with what it stands above (or at the end of the line of), indented as that is;
  a comment at the end of a line keeps the blanks before it (so that comments aligned in a column
  stay aligned); no trailing blanks; one final newline.

Sequence items are never reordered (their order is policy: the ladder of mechanisms, the lists of
docs/contract.md). The result is read back before it is used: when it does not hold exactly the
data of the file (texts aside, compared as the schema reads them) and every one of its comments,
`LayoutChangesMeaning` is raised and nothing may be written.
"""

from __future__ import annotations

import bisect
import itertools
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode
from ruamel.yaml.resolver import VersionedResolver

from allocator.errors import Problem
from allocator.load.yamlread import parse_yaml, scalar_text
from allocator.model import VOCABULARY_LISTS

#: The keys of each kind of mapping, in their canonical order.
RULE_FILE_KEYS = ("rules",)
RULE_KEYS = ("id", "title", "basis", "description", "when", "then")
TEXT_KEYS = ("title", "basis", "description")
LANGUAGE_KEYS = ("nl", "fr", "en")
CONDITION_KEYS = ("topic", "location", "actor", "target", "flags", "facts")
WHEN_KEYS = (*CONDITION_KEYS, "not")
THEN_KEYS = ("lead", "priority", "competent", "partners", "consultation", "derive")
VOCABULARY_KEYS = (*VOCABULARY_LISTS, "settings")
TERM_KEYS = ("id", "label", "phrase", "description")
TERM_TEXT_KEYS = ("label", "phrase", "description")
SETTINGS_KEYS = ("escalation",)

_STR = "tag:yaml.org,2002:str"
_NULL = "tag:yaml.org,2002:null"
#: What may be written without quotes (and is then read back as this very text: see _plain).
_SAFE_PLAIN = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.\-]*")
_RESOLVER = VersionedResolver()
#: A `#` that starts a comment, unless it stands inside a scalar.
_HASH = re.compile(r"(?:^|(?<=[ \t]))#", re.MULTILINE)
#: Characters a double-quoted text writes as an escape: the invisible and the unprintable.
_ESCAPED_CATEGORIES = {"Cc", "Cf", "Cs", "Co", "Zl", "Zp"}
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r"}

Path_ = tuple[str | int, ...]


class LayoutChangesMeaning(Exception):
    """The canonical layout of a file would not read back as the same data and comments (a bug of
    the layout, never the author's): the file must be left as it is."""


@dataclass(eq=False)
class _Comment:
    text: str
    start: int  # offset in the file
    line: int  # 0-based
    col: int  # 0-based
    eol: bool  # at the end of a line that holds something else
    gap: int  # the blanks between that something and the comment
    blank_before: bool


@dataclass(eq=False)
class _Scalar:
    node: Any
    path: Path_
    value: str  # a string's text, or how a number, boolean or null was written
    is_str: bool
    empty: bool  # a null written as nothing at all


@dataclass(eq=False)
class _Collection:
    node: Any
    is_map: bool
    path: Path_
    entries: list[_Entry] = field(default_factory=list)


@dataclass(eq=False)
class _Entry:
    """A key and its value, or an item of a list, with the comments that go with it."""

    key: _Scalar | None
    path: Path_  # of the value
    start: int  # the key, or the dash of a block list's item
    line: int
    col: int
    depth: int
    parent: _Entry | None
    value: _Scalar | _Collection | None = None
    end_line: int = 0  # where its content ends
    leading: list[_Comment] = field(default_factory=list)
    eol: _Comment | None = None
    after: list[_Comment] = field(default_factory=list)
    blank_before: bool = False  # a blank line just above it


def layout_yaml(raw: bytes, display: str, *, vocabulary: bool) -> tuple[str | None, list[Problem]]:
    """The canonical text of a rule file (`vocabulary`: of rules/vocabulary.yaml), or None and the
    problems of yamlread when the file cannot be read. Raises LayoutChangesMeaning (see above)."""
    composed: list[Any] = []
    data, _, problems = parse_yaml(raw, display, composed=composed)
    if problems:
        return None, problems
    text = _decoded(raw)
    document = _Document(text, composed[0], vocabulary)
    result = document.render()
    if result.encode("utf-8") != raw:
        _check_same(result, display, _normalized(data, vocabulary), document.comments, vocabulary)
    return result, []


def _decoded(raw: bytes) -> str:
    """The text yamlread parsed (without a byte order mark)."""
    return raw.removeprefix(b"\xef\xbb\xbf").decode("utf-8")


def _check_same(
    result: str, display: str, expected: Any, comments: list[_Comment], vocabulary: bool
) -> None:
    composed: list[Any] = []
    data, _, problems = parse_yaml(result.encode("utf-8"), display, composed=composed)
    if problems or not _same(data, expected):
        raise LayoutChangesMeaning(display)
    again = _Document(result, composed[0], vocabulary).comments
    if Counter(c.text for c in again) != Counter(c.text for c in comments):
        raise LayoutChangesMeaning(display)


def _same(a: Any, b: Any) -> bool:
    """Equal data, types included (True is not 1, 1 is not 1.0)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, float) and math.isnan(a):
        return math.isnan(b)
    return bool(a == b)


# --------------------------------------------------------------------------- where things are


def _order(path: Path_, vocabulary: bool) -> tuple[str, ...]:
    """The canonical order of the keys of the mapping at `path` (empty: the order as written)."""
    size = len(path)
    if vocabulary:
        if size == 0:
            return VOCABULARY_KEYS
        if path == ("settings",):
            return SETTINGS_KEYS
        if size >= 2 and path[0] in VOCABULARY_LISTS and isinstance(path[1], int):
            if size == 2:
                return TERM_KEYS
            if size == 3 and path[2] in TERM_TEXT_KEYS:
                return LANGUAGE_KEYS
        return ()
    if size == 0:
        return RULE_FILE_KEYS
    if size < 2 or path[0] != "rules" or not isinstance(path[1], int):
        return ()
    if size == 2:
        return RULE_KEYS
    if size == 3:
        if path[2] in TEXT_KEYS:
            return LANGUAGE_KEYS
        if path[2] == "when":
            return WHEN_KEYS
        if path[2] == "then":
            return THEN_KEYS
    if size == 4 and path[2:] == ("when", "not"):
        return CONDITION_KEYS
    return ()


def _is_text(path: Path_, vocabulary: bool) -> bool:
    """Whether the string at `path` is a text the schema strips of surrounding blanks."""
    if vocabulary:
        return (
            len(path) == 4
            and path[0] in VOCABULARY_LISTS
            and isinstance(path[1], int)
            and path[2] in TERM_TEXT_KEYS
            and path[3] in LANGUAGE_KEYS
        )
    return (
        len(path) in (3, 4)
        and path[0] == "rules"
        and isinstance(path[1], int)
        and path[2] in TEXT_KEYS
        and (len(path) == 3 or path[3] in LANGUAGE_KEYS)
    )


def _quoted(path: Path_, vocabulary: bool) -> bool:
    """Whether a string at `path` is always written in double quotes."""
    return vocabulary or (
        len(path) >= 3 and path[0] == "rules" and isinstance(path[1], int) and path[2] in TEXT_KEYS
    )


def _normalized(data: Any, vocabulary: bool, path: Path_ = ()) -> Any:
    """`data` with its texts stripped as the schema strips them: what the layout writes."""
    if isinstance(data, dict):
        return {k: _normalized(v, vocabulary, (*path, k)) for k, v in data.items()}
    if isinstance(data, list):
        return [_normalized(v, vocabulary, (*path, i)) for i, v in enumerate(data)]
    if isinstance(data, str) and data.strip() and _is_text(path, vocabulary):
        return data.strip()
    return data


# --------------------------------------------------------------------------- reading


class _Document:
    """A file's nodes, as entries with their comments, and its canonical text."""

    def __init__(self, text: str, root: Any, vocabulary: bool) -> None:
        self.text = text
        self.vocabulary = vocabulary
        self.line_starts = [0, *(m.end() for m in re.finditer("\n", text))]
        self.comments = self._comments(root)
        self.comment_starts = [c.start for c in self.comments]
        self.entries: list[_Entry] = []
        self.root = self._build(root, (), None, 0)
        self.header: list[_Comment] = []
        self._attach()

    # ----------------------------------------------------------------- positions

    def _line(self, offset: int) -> int:
        return bisect.bisect_right(self.line_starts, offset) - 1

    def _col(self, offset: int) -> int:
        return offset - self.line_starts[self._line(offset)]

    def _blank(self, line: int) -> bool:
        """Whether 0-based `line` exists and holds nothing but blanks."""
        if not 0 <= line < len(self.line_starts):
            return False
        end = self.line_starts[line + 1] if line + 1 < len(self.line_starts) else len(self.text)
        return not self.text[self.line_starts[line] : end].strip()

    # ----------------------------------------------------------------- comments

    def _comments(self, root: Any) -> list[_Comment]:
        """Every comment of the file: a `#` after a blank or at the start of a line, outside every
        scalar (the header line of a block scalar is outside it: its comment is ours)."""
        spans = sorted(_scalar_spans(root, self.text))
        starts = [start for start, _ in spans]
        found: list[_Comment] = []
        last_end = -1
        for match in _HASH.finditer(self.text):
            offset = match.start()
            if offset < last_end:
                continue
            index = bisect.bisect_right(starts, offset) - 1
            if index >= 0 and spans[index][1] > offset:
                continue
            line = self._line(offset)
            end = self.text.find("\n", offset)
            end = len(self.text) if end < 0 else end
            last_end = end
            before = self.text[self.line_starts[line] : offset]
            found.append(
                _Comment(
                    text=self.text[offset:end].rstrip(),
                    start=offset,
                    line=line,
                    col=len(before),
                    eol=bool(before.strip()),
                    gap=len(before) - len(before.rstrip()),
                    blank_before=self._blank(line - 1),
                )
            )
        return found

    def _in_comment(self, offset: int) -> _Comment | None:
        index = bisect.bisect_right(self.comment_starts, offset) - 1
        if index < 0:
            return None
        comment = self.comments[index]
        return comment if offset < comment.start + len(comment.text) else None

    def _dash(self, start: int) -> int:
        """The dash of the block list's item whose node starts at `start` (`start` itself when
        there is none: an item of a flow list)."""
        offset = start - 1
        while offset >= 0:
            char = self.text[offset]
            if char in " \t\r\n":
                offset -= 1
            elif (comment := self._in_comment(offset)) is not None:
                offset = comment.start - 1
            elif char == "-":
                return offset
            else:
                break
        return start

    # ----------------------------------------------------------------- nodes

    def _build(
        self, node: Any, path: Path_, owner: _Entry | None, depth: int
    ) -> _Scalar | _Collection:
        if isinstance(node, MappingNode):
            mapping = _Collection(node, True, path)
            for key_node, value_node in node.value:
                key = self._scalar(key_node, path)
                start = key_node.start_mark.index
                entry = self._entry(key, (*path, key.value), start, owner, depth)
                entry.value = self._build(value_node, entry.path, entry, depth + 1)
                entry.end_line = self._end_line(entry)
                mapping.entries.append(entry)
            return mapping
        if isinstance(node, SequenceNode):
            sequence = _Collection(node, False, path)
            for index, item_node in enumerate(node.value):
                start = self._dash(item_node.start_mark.index)
                entry = self._entry(None, (*path, index), start, owner, depth)
                entry.value = self._build(item_node, entry.path, entry, depth + 1)
                entry.end_line = self._end_line(entry)
                sequence.entries.append(entry)
            return sequence
        return self._scalar(node, path)

    def _entry(
        self, key: _Scalar | None, path: Path_, start: int, owner: _Entry | None, depth: int
    ) -> _Entry:
        line = self._line(start)
        entry = _Entry(
            key=key,
            path=path,
            start=start,
            line=line,
            col=self._col(start),
            depth=depth,
            parent=owner,
            blank_before=self._blank(line - 1),
        )
        self.entries.append(entry)
        return entry

    def _scalar(self, node: Any, path: Path_) -> _Scalar:
        tag = str(getattr(node.tag, "value", node.tag))
        value = scalar_text(node)
        if tag != _STR:
            value = value.strip()
        return _Scalar(node, path, value, tag == _STR, tag == _NULL and value == "")

    def _end_line(self, entry: _Entry) -> int:
        """The line where the content of `entry` ends (comments after it aside)."""
        value = entry.value
        if isinstance(value, _Collection) and value.entries and not value.node.flow_style:
            return value.entries[-1].end_line
        if value is None or (isinstance(value, _Scalar) and value.empty):
            return entry.line
        start, end = value.node.start_mark.index, value.node.end_mark.index
        return max(self._line(max(end - 1, start)), entry.line)

    # ----------------------------------------------------------------- comments, attached

    def _attach(self) -> None:
        """Give each comment to what it goes with: the line it ends, or what follows it."""
        by_line: dict[int, list[_Entry]] = {}
        for entry in self.entries:
            by_line.setdefault(entry.line, []).append(entry)
        starts = [entry.start for entry in self.entries]
        for comment in self.comments:
            owner = self._eol_owner(comment.line, by_line) if comment.eol else None
            if owner is not None and owner.eol is None:
                owner.eol = comment
                continue
            index = bisect.bisect_right(starts, comment.start)
            after = self.entries[index] if index < len(self.entries) else None
            if index == 0:
                self.header.append(comment)
            elif after is not None and comment.col <= after.col:
                after.leading.append(comment)
            else:  # below the last entry before it that is not indented deeper than the comment
                target = self.entries[index - 1]
                while target.parent is not None and target.col > comment.col:
                    target = target.parent
                target.after.append(comment)

    def _eol_owner(self, line: int, by_line: dict[int, list[_Entry]]) -> _Entry | None:
        here = by_line.get(line, [])
        whole = [e for e in here if e.end_line == line]
        if whole:
            return min(whole, key=lambda e: e.depth)
        if here:
            return max(here, key=lambda e: e.depth)
        spanning = [e for e in self.entries if e.line <= line <= e.end_line]
        return max(spanning, key=lambda e: e.depth) if spanning else None

    # ----------------------------------------------------------------- writing

    def render(self) -> str:
        out = _Out()
        for comment in self.header:
            if comment.blank_before:
                out.blank()
            out.add(comment.text)
        if self.header and self.entries and self.entries[0].blank_before:
            out.blank()
        root = self.root
        if isinstance(root, _Collection) and root.entries and not self._flow(root):
            self._block(out, root, 0, None)
        elif isinstance(root, _Collection):
            out.add(self._inline(root))
        else:
            literal = self._literal(root)
            if literal is not None:
                out.add(literal[0])
                for line in literal[1]:
                    out.add(f"  {line}" if line else "")
            else:
                out.add(self._inline(root))
        return out.text()

    def _ordered(self, collection: _Collection) -> list[_Entry]:
        if not collection.is_map:
            return collection.entries
        order = _order(collection.path, self.vocabulary)
        if not order:
            return collection.entries
        rank = {key: index for index, key in enumerate(order)}
        positions = {id(entry): index for index, entry in enumerate(collection.entries)}
        return sorted(
            collection.entries,
            key=lambda e: (rank.get(_key_text(e), len(rank)), positions[id(e)]),
        )

    def _spaced(self, collection: _Collection) -> bool:
        """Whether a blank line separates the entries: the top-level keys, the rules of a file."""
        if collection.is_map:
            return collection.path == ()
        return not self.vocabulary and collection.path == ("rules",)

    def _flow(self, collection: _Collection) -> bool:
        """Whether a collection is written on one line: a list of scalars, a vocabulary label or
        phrase."""
        if not collection.entries:
            return True
        if any(e.leading or e.eol or e.after for e in collection.entries):
            return False
        if not all(isinstance(e.value, _Scalar) for e in collection.entries):
            return False
        if collection.is_map:
            path = collection.path
            return (
                self.vocabulary
                and len(path) == 3
                and path[0] in VOCABULARY_LISTS
                and isinstance(path[1], int)
                and path[2] in ("label", "phrase")
            )
        return True

    def _block(
        self, out: _Out, collection: _Collection, indent: int, first_lead: str | None
    ) -> None:
        spaced = self._spaced(collection)
        entries = self._ordered(collection)
        for entry, following in itertools.pairwise(entries):
            # Below an entry and above the next one, a comment is that one's: it would be read
            # so the next time.
            following.leading[:0] = entry.after
            entry.after = []
        for index, entry in enumerate(entries):
            if index and spaced:
                out.blank()
            lead = first_lead if index == 0 and first_lead is not None else " " * indent
            self._entry_lines(out, entry, indent, lead)

    def _entry_lines(self, out: _Out, entry: _Entry, indent: int, lead: str) -> None:
        value = entry.value
        assert value is not None
        leading = list(entry.leading)
        eol = entry.eol
        nested = isinstance(value, _Collection) and bool(value.entries) and not self._flow(value)
        if entry.key is None and nested:
            # The first line is the first child's: its comments above go above the dash, and a
            # comment at the end of the dash's line goes above it too.
            assert isinstance(value, _Collection)
            first = self._ordered(value)[0]
            leading += first.leading
            first.leading = []
            if eol is not None:
                leading.append(eol)
                eol = None
        for comment in leading:
            if comment.blank_before:
                out.blank()
            out.add(" " * indent + comment.text)
        if leading and entry.blank_before:
            out.blank()
        head = f"{lead}{self._key(entry.key)}:" if entry.key is not None else f"{lead}-"
        if isinstance(value, _Scalar):
            literal = self._literal(value)
            if literal is not None:
                out.add(f"{head} {literal[0]}", eol)
                pad = " " * (indent + 2)
                for line in literal[1]:
                    out.add(pad + line if line else "")
            elif value.empty:
                out.add(head, eol)
            else:
                out.add(f"{head} {self._inline(value)}", eol)
        elif not nested:
            out.add(f"{head} {self._inline(value)}", eol)
        elif entry.key is None:
            self._block(out, value, indent + 2, f"{head} ")
        else:
            out.add(head, eol)
            self._block(out, value, indent + 2, None)
        # Below an empty value (`when:` and a comment), a comment indented deeper stays deeper.
        inner = isinstance(value, _Scalar) and value.empty
        for comment in entry.after:
            if comment.blank_before:
                out.blank()
            deeper = inner and comment.col > entry.col
            out.add(" " * (indent + 2 if deeper else indent) + comment.text)

    def _key(self, key: _Scalar | None) -> str:
        assert key is not None
        if not key.is_str or _plain(key.value):
            return key.value
        return _double_quoted(key.value)

    def _inline(self, value: _Scalar | _Collection) -> str:
        if isinstance(value, _Collection):
            parts = []
            for entry in self._ordered(value):
                assert entry.value is not None
                inline = self._inline(entry.value)
                parts.append(f"{self._key(entry.key)}: {inline}" if value.is_map else inline)
            joined = ", ".join(parts)
            return f"{{{joined}}}" if value.is_map else f"[{joined}]"
        if not value.is_str:
            return "null" if value.empty else value.value
        text = self._text(value)
        if not self._quote(value) and _plain(text):
            return text
        return _double_quoted(text)

    def _quote(self, value: _Scalar) -> bool:
        return _quoted(value.path, self.vocabulary)

    def _text(self, value: _Scalar) -> str:
        text = value.value
        if text.strip() and _is_text(value.path, self.vocabulary):
            return text.strip()
        return text

    def _literal(self, value: _Scalar) -> tuple[str, list[str]] | None:
        """A text of several lines as a literal block: its header and its lines (None when it
        cannot be one, exactly: then it is written in double quotes)."""
        if not value.is_str:
            return None
        text = self._text(value)
        if "\n" not in text or not text.strip() or text.endswith("\n\n"):
            return None
        lines = text.split("\n")
        if text.endswith("\n"):
            lines.pop()
        first = next(line for line in lines if line)
        if first[0] in " \t" or any(line != line.rstrip() for line in lines):
            return None
        if any(char != "\n" and (_escaped(char) or char == "\r") for char in text):
            return None
        return ("|" if text.endswith("\n") else "|-"), lines


class _Out:
    """The lines written so far; blank lines never doubled, never first or last."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    def blank(self) -> None:
        if self.lines and self.lines[-1] != "":
            self.lines.append("")

    def add(self, text: str, eol: _Comment | None = None) -> None:
        text = text.rstrip()
        if eol is not None:
            text += " " * max(eol.gap, 1) + eol.text
        self.lines.append(text)

    def text(self) -> str:
        lines = self.lines
        while lines and lines[-1] == "":
            lines.pop()
        return "\n".join(lines) + "\n" if lines else ""


# --------------------------------------------------------------------------- helpers


def _scalar_spans(root: Any, text: str) -> Iterator[tuple[int, int]]:
    """Where each scalar of the file stands, as offsets (a block scalar from its first line of
    content: its header line may end in a comment)."""
    stack = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, MappingNode):
            for key, value in node.value:
                stack += (key, value)
        elif isinstance(node, SequenceNode):
            stack += node.value
        else:
            start, end = node.start_mark.index, node.end_mark.index
            if node.style in ("|", ">"):
                newline = text.find("\n", start)
                start = end if newline < 0 else min(newline + 1, end)
            if end > start:
                yield start, end


def _key_text(entry: _Entry) -> str:
    return entry.key.value if entry.key is not None else ""


def _plain(text: str) -> bool:
    """Whether `text` may be written without quotes and read back as this very text."""
    return bool(_SAFE_PLAIN.fullmatch(text)) and (
        _RESOLVER.resolve(ScalarNode, text, (True, False)) == _STR
    )


def _escaped(char: str) -> bool:
    return unicodedata.category(char) in _ESCAPED_CATEGORIES or char in "\ufeff\ufffe\uffff"


def _double_quoted(text: str) -> str:
    """`text` in double quotes, every invisible or unprintable character as an escape."""
    if text.isprintable() and '"' not in text and "\\" not in text:  # most texts: nothing to escape
        return f'"{text}"'
    parts = ['"']
    for char in text:
        if char in _ESCAPES:
            parts.append(_ESCAPES[char])
        elif _escaped(char):
            code = ord(char)
            if code < 0x100:
                parts.append(f"\\x{code:02X}")
            elif code < 0x10000:
                parts.append(f"\\u{code:04X}")
            else:
                parts.append(f"\\U{code:08X}")
        else:
            parts.append(char)
    parts.append('"')
    return "".join(parts)
