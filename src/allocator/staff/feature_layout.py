"""The canonical layout of the Gherkin feature files (`allocator fmt`).

A file is read with the official Gherkin parser, then written out again line by line:

- `Feature:` at the margin; `Rule:` two spaces in; `Background:`, `Scenario:`, `Scenario
  Outline:` two spaces in (four inside a Rule); their steps and `Examples:` two spaces further;
  tables and doc strings two spaces further still. Tags stand where their keyword stands, one
  space apart; a description is moved as a block, two spaces in from its keyword;
- one space after a keyword's colon and between a step's keyword and its text;
- the columns of every table (Examples and data tables) aligned, `| a | b |`, by the width the
  text takes on screen (a wide East Asian character counts two, a combining accent none); the
  escapes of a cell (`\\|`, `\\\\`, `\\n`) kept as written;
- doc strings kept verbatim: their lines move with their delimiters, and read back the same;
- comments kept, indented as the line they stand above; `# language:` kept first;
- one blank line before each Background, Scenario, Rule and Examples (its tags and the comments
  right above it included); a comment or a paragraph of a description keeps one blank line
  before it where it had one; no other blank line; no trailing blanks; one final newline.

The result is parsed again: unless it means exactly what the file meant (same keywords, names,
steps, tables, doc strings, tags, descriptions and comments), LayoutChangesMeaning is raised and
nothing may be written.
"""

from __future__ import annotations

import re
import textwrap
import unicodedata
from collections import Counter
from dataclasses import dataclass
from typing import Any

from gherkin.errors import CompositeParserException, ParserError, ParserException
from gherkin.parser import Parser

from allocator.errors import Problem
from allocator.load.layout import LayoutChangesMeaning
from allocator.load.yamlread import line_col

_BOM = b"\xef\xbb\xbf"
_POSITION = re.compile(r"^\(\d+:\d+\): ")
#: The kinds of line that open a block, with a blank line before it.
_HEADS = {"Background", "Scenario", "Rule", "Examples"}


@dataclass
class _Role:
    kind: str  # keyword, tags, step, row, doc, description, comment
    indent: int
    text: str = ""
    table: int = -1  # rows: which table
    owner: int = -1  # descriptions: the line of their keyword
    head: bool = False  # a keyword line that opens a block


def layout_feature(raw: bytes, shown: str) -> tuple[str | None, list[Problem]]:
    """The canonical text of a feature file, or None and the problems that stop its reading.
    Raises LayoutChangesMeaning (see above)."""
    data = raw.removeprefix(_BOM)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        prefix = data[: exc.start].decode("utf-8", "replace")
        line, col = line_col(prefix, len(prefix))
        return None, [Problem("not-utf8", {"byte": f"{data[exc.start]:02x}"}, shown, line, col)]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    document, problems = _parse(text, shown)
    if document is None:
        return None, problems
    result = _Layout(text, document).render()
    if result.encode("utf-8") != raw:
        again, problems = _parse(result, shown)
        if again is None or _meaning(again) != _meaning(document):
            raise LayoutChangesMeaning(shown)
    return result, []


def _parse(text: str, shown: str) -> tuple[dict[str, Any] | None, list[Problem]]:
    try:
        document: Any = Parser().parse(text)
    except CompositeParserException as exc:
        return None, [_problem(error, shown) for error in exc.errors]
    except ParserException as exc:
        return None, [_problem(exc, shown)]
    except ParserError as exc:  # no position
        return None, [Problem("gherkin-syntax", {"problem": str(exc)}, shown)]
    return document, []


def _problem(error: ParserException, shown: str) -> Problem:
    location = getattr(error, "location", None) or {}
    message = _POSITION.sub("", str(error.args[0]) if error.args else str(error))
    return Problem(
        "gherkin-syntax",
        {"problem": message},
        shown,
        location.get("line"),
        location.get("column") or None,
    )


def display_width(text: str) -> int:
    """How many columns `text` takes in a terminal or an editor: a wide East Asian character (or
    an emoji) two, a combining or invisible character none, any other one."""
    width = 0
    for char in text:
        if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
            continue
        width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width


def _raw_cells(line: str) -> list[str]:
    """The cells of a table row as written (escapes kept), without the blanks around them."""
    row = line.strip()
    cells: list[str] = []
    current: list[str] = []
    seen_first = False
    index = 0
    while index < len(row):
        char = row[index]
        if char == "\\" and index + 1 < len(row):
            current.append(row[index : index + 2])
            index += 2
            continue
        if char == "|":
            if seen_first:
                cells.append("".join(current))
            seen_first = True
            current = []
        else:
            current.append(char)
        index += 1
    return [cell.strip() for cell in cells]


class _Layout:
    def __init__(self, text: str, document: dict[str, Any]) -> None:
        self.lines = text.split("\n")
        if self.lines and self.lines[-1] == "":
            self.lines.pop()
        self.roles: dict[int, _Role] = {}
        self.tables = 0
        self.docs: dict[int, tuple[int, int]] = {}  # opening line -> (closing line, old indent)
        feature = document.get("feature")
        if feature:
            self._element(feature, 0, head=False)
            for child in feature.get("children", []):
                self._child(child, 2)
        for comment in document.get("comments", []):
            self.roles[comment["location"]["line"] - 1] = _Role("comment", 0)
        self._rest()

    # ----------------------------------------------------------------- roles

    def _child(self, child: dict[str, Any], indent: int) -> None:
        if "background" in child:
            self._element(child["background"], indent, head=True)
            self._steps(child["background"], indent + 2)
        elif "scenario" in child:
            scenario = child["scenario"]
            self._element(scenario, indent, head=True)
            self._steps(scenario, indent + 2)
            for examples in scenario.get("examples", []):
                self._element(examples, indent + 2, head=True)
                table = self._table()
                rows = [examples.get("tableHeader"), *examples.get("tableBody", [])]
                for row in rows:
                    if row:
                        self._row(row, indent + 4, table)
        elif "rule" in child:
            rule = child["rule"]
            self._element(rule, indent, head=True)
            for inner in rule.get("children", []):
                self._child(inner, indent + 2)

    def _element(self, node: dict[str, Any], indent: int, *, head: bool) -> None:
        by_line: dict[int, list[str]] = {}
        for tag in node.get("tags", []):
            by_line.setdefault(tag["location"]["line"] - 1, []).append(tag["name"])
        for line, names in by_line.items():
            self.roles[line] = _Role("tags", indent, " ".join(names) + self._tag_comment(line))
        line = node["location"]["line"] - 1
        name = node.get("name", "")
        keyword = f"{node['keyword']}: {name}" if name else f"{node['keyword']}:"
        self.roles[line] = _Role("keyword", indent, keyword, head=head)

    def _tag_comment(self, line: int) -> str:
        """A comment at the end of a line of tags (the parser drops it; we keep it)."""
        found = re.search(r"\s#", self.lines[line].strip())
        return f" {self.lines[line].strip()[found.start() + 1 :]}" if found else ""

    def _steps(self, node: dict[str, Any], indent: int) -> None:
        for step in node.get("steps", []):
            line = step["location"]["line"] - 1
            self.roles[line] = _Role("step", indent, f"{step['keyword']}{step['text']}")
            if step.get("dataTable"):
                table = self._table()
                for row in step["dataTable"]["rows"]:
                    self._row(row, indent + 2, table)
            if step.get("docString"):
                self._doc(step["docString"], indent + 2)

    def _table(self) -> int:
        self.tables += 1
        return self.tables

    def _row(self, row: dict[str, Any], indent: int, table: int) -> None:
        self.roles[row["location"]["line"] - 1] = _Role("row", indent, table=table)

    def _doc(self, doc: dict[str, Any], indent: int) -> None:
        opening = doc["location"]["line"] - 1
        delimiter = doc["delimiter"]
        closing = opening + 1
        while closing < len(self.lines) and not self.lines[closing].lstrip().startswith(delimiter):
            closing += 1
        self.roles[opening] = _Role("doc", indent, delimiter + doc.get("mediaType", ""))
        old = self.lines[opening]
        self.docs[opening] = (closing, len(old) - len(old.lstrip()))
        for line in range(opening + 1, min(closing + 1, len(self.lines))):
            self.roles[line] = _Role("doc", indent)

    def _rest(self) -> None:
        """Comments the parser does not list (`# language:`), and the lines of descriptions."""
        owner = -1
        blocks: dict[int, list[int]] = {}
        for index, line in enumerate(self.lines):
            role = self.roles.get(index)
            if role is not None:
                if role.kind == "keyword":
                    owner = index
                continue
            if not line.strip():
                continue
            if line.lstrip().startswith("#"):
                self.roles[index] = _Role("comment", 0)
                continue
            if owner < 0:
                raise LayoutChangesMeaning(f"line {index + 1}")
            blocks.setdefault(owner, []).append(index)
        for owner, lines in blocks.items():
            indent = self.roles[owner].indent + 2
            margin = min(len(self.lines[i]) - len(self.lines[i].lstrip()) for i in lines)
            for index in lines:
                self.roles[index] = _Role(
                    "description", indent, self.lines[index][margin:].rstrip(), owner=owner
                )

    # ----------------------------------------------------------------- writing

    def render(self) -> str:
        rows = self._rows()
        order = sorted(self.roles)
        self._comment_indents(order)
        heads = self._head_starts(order)
        out: list[str] = []
        previous: _Role | None = None
        skip_to = -1
        for index in order:
            if index <= skip_to:
                continue
            role = self.roles[index]
            blank_before = index > 0 and not self.lines[index - 1].strip()
            kept = blank_before and previous is not None and self._keeps_blank(previous, role)
            if out and (index in heads or kept):
                out.append("")
            pad = " " * role.indent
            if role.kind == "row":
                out.append(pad + rows[index])
            elif role.kind == "doc" and index in self.docs:
                closing, old_indent = self.docs[index]
                out.append(pad + role.text)
                for line in self.lines[index + 1 : closing]:
                    out.append(_shifted(line, role.indent - old_indent))
                if closing < len(self.lines):
                    out.append(pad + self.lines[closing].strip())
                skip_to = closing
            elif role.kind == "comment":
                out.append(pad + self.lines[index].strip())
            else:
                out.append((pad + role.text).rstrip())
            previous = role
        return "\n".join(out) + "\n" if out else ""

    def _keeps_blank(self, previous: _Role, role: _Role) -> bool:
        if role.kind == "comment" or previous.kind == "comment":
            return True
        return (
            role.kind == "description"
            and previous.kind == "description"
            and role.owner == previous.owner
        )

    def _head_starts(self, order: list[int]) -> set[int]:
        """The first line of each block (with the tags and comments right above its keyword)."""
        starts: set[int] = set()
        for index in order:
            role = self.roles[index]
            if role.kind != "keyword" or not role.head:
                continue
            start = index
            while start > 0:
                above = self.roles.get(start - 1)
                if above is None or above.kind not in ("tags", "comment"):
                    break
                start -= 1
            starts.add(start)
        return starts

    def _comment_indents(self, order: list[int]) -> None:
        """A comment is indented as the next line that is not one (else as the line before it)."""
        following: _Role | None = None
        for index in reversed(order):
            role = self.roles[index]
            if role.kind == "comment":
                if following is not None:
                    role.indent = following.indent
            elif role.kind != "doc" or index in self.docs:
                following = role
        last: _Role | None = None
        for index in order:
            role = self.roles[index]
            if role.kind != "comment":
                last = role
            elif not self._followed(index, order) and last is not None:
                role.indent = last.indent

    def _followed(self, index: int, order: list[int]) -> bool:
        return any(self.roles[i].kind != "comment" for i in order if i > index)

    def _rows(self) -> dict[int, str]:
        """Each table row, its columns aligned with the other rows of its table."""
        tables: dict[int, list[tuple[int, list[str]]]] = {}
        for index, role in self.roles.items():
            if role.kind == "row":
                tables.setdefault(role.table, []).append((index, _raw_cells(self.lines[index])))
        rows: dict[int, str] = {}
        for members in tables.values():
            columns = max(len(cells) for _, cells in members)
            widths = [
                max((display_width(c[col]) for _, c in members if col < len(c)), default=0)
                for col in range(columns)
            ]
            for index, cells in members:
                padded = [
                    cell + " " * (widths[col] - display_width(cell))
                    for col, cell in enumerate(cells)
                ]
                rows[index] = ("| " + " | ".join(padded) + " |").rstrip() if cells else "|"
        return rows


def _shifted(line: str, delta: int) -> str:
    """A line of a doc string moved `delta` columns, read back as the same text (the parser removes
    the indentation of the opening delimiter, and no more than a line has)."""
    if not line:
        return line
    if delta >= 0:
        return " " * delta + line
    cut = 0
    while cut < -delta and cut < len(line) and line[cut].isspace():
        cut += 1
    return line[cut:]


def _meaning(document: dict[str, Any]) -> Any:
    """What a parsed feature file says, without where it says it."""

    def strip(value: Any, key: str = "") -> Any:
        if isinstance(value, dict):
            return {k: strip(v, k) for k, v in value.items() if k not in ("location", "id")}
        if isinstance(value, list):
            return [strip(v) for v in value]
        if key == "description" and isinstance(value, str):
            return _paragraphs(value)
        return value

    comments = Counter(c["text"].strip() for c in document.get("comments", []))
    return strip(document.get("feature")), comments


def _paragraphs(text: str) -> str:
    lines = [line.rstrip() for line in textwrap.dedent(text).split("\n")]
    kept: list[str] = []
    for line in lines:
        if line or (kept and kept[-1]):
            kept.append(line)
    while kept and not kept[-1]:
        kept.pop()
    return "\n".join(kept)
