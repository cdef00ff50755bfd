"""Read one YAML file safely into plain data, keeping the line and column of every key and value.

YAML 1.2 through ruamel.yaml's composer, then our own walk of the node graph: duplicate keys,
explicit tags, anchors and aliases, and directives are refused with their position; size and depth are bounded, so a
hostile file ends in a message, never in a hang or a blown memory.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.composer import Composer
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import MappingStartEvent, SequenceStartEvent
from ruamel.yaml.scanner import RoundTripScanner

from allocator.errors import Problem

MAX_BYTES = 1_000_000
MAX_DEPTH = 40

Path_ = tuple[str | int, ...]

_BOM = b"\xef\xbb\xbf"
# C0 controls but tab, newline and carriage return; DEL; C1 controls (NEL included).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# Directives would change how values are read (`%YAML 1.1` turns `yes` into true) or add tags.
_DIRECTIVE = re.compile(r"^%\S+.*$", re.MULTILINE)

_INT = re.compile(r"[-+]?[0-9]+")
_OCT = re.compile(r"0o[0-7]+")
_HEX = re.compile(r"0x[0-9a-fA-F]+")
_PLAIN_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
}


@dataclass
class SourceMap:
    """Where each piece of a loaded document stands in its file (1-based line and column)."""

    path: str
    values: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path_, tuple[int, int]] = field(default_factory=dict)

    def locate(self, loc: Path_, *, key: bool = False) -> tuple[int, int]:
        """The position of `loc`, or of its nearest ancestor that has one."""
        loc = tuple(loc)
        while True:
            if key and loc in self.keys:
                return self.keys[loc]
            if loc in self.values:
                return self.values[loc]
            if not loc:
                return (1, 1)
            loc = loc[:-1]
            key = False


class _Refused(Exception):
    def __init__(self, problem: Problem) -> None:
        self.problem = problem


def _tag(node: Any) -> str:
    tag = node.tag
    return str(getattr(tag, "value", tag))


def line_col(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    col = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, col


#: Files parsed recently, by (shown path, digest of their bytes, size on disk): a reload parses
#: only what changed. The one memo of parsed files (`read_yaml` and the loader both go through it).
_PARSED: OrderedDict[tuple[str, bytes, int], tuple[Any, SourceMap, list[Problem]]] = OrderedDict()
_PARSED_SIZE = 128


def parse_once(
    raw: bytes, display: str, size: int | None = None
) -> tuple[Any, SourceMap, list[Problem]]:
    """`parse_yaml`, remembered: the same bytes under the same name are parsed once.

    The data is shared with the memo: treat it as read-only (the problems are a fresh list).
    """
    key = (display, hashlib.sha256(raw).digest(), len(raw) if size is None else size)
    parsed = _PARSED.get(key)
    if parsed is None:
        parsed = parse_yaml(raw, display, size)
        _PARSED[key] = parsed
        if len(_PARSED) > _PARSED_SIZE:
            _PARSED.popitem(last=False)
    else:
        _PARSED.move_to_end(key)
    data, smap, problems = parsed
    return data, smap, list(problems)


def read_yaml(path: Path, display: str) -> tuple[Any, SourceMap, list[Problem]]:
    """Load `path`; returns (data, positions, problems). Data is None when a problem stops the read.

    The data is shared with the memo of parsed files: treat it as read-only.
    """
    try:
        with open(path, "rb") as fh:
            size = os.fstat(fh.fileno()).st_size
            raw = fh.read(MAX_BYTES + 1) if size <= MAX_BYTES else b""
    except OSError as exc:
        return (
            None,
            SourceMap(display),
            [Problem("unreadable", {"reason": exc.strerror or str(exc)}, display)],
        )
    return parse_once(raw, display, size)


def parse_yaml(
    raw: bytes, display: str, size: int | None = None, *, composed: list[Any] | None = None
) -> tuple[Any, SourceMap, list[Problem]]:
    """Parse the bytes of a file already read (`size`: its size on disk, when `raw` was cut short).

    Returns (data, positions, problems), like `read_yaml`; the loader reads each rule file once and
    hands its bytes here, so what is parsed is exactly what was digested. `composed`, when given,
    receives the root node of a document read without problem (allocator.load.layout lays the file
    out again from its nodes).
    """
    size = len(raw) if size is None else size
    smap = SourceMap(display)

    def problem(
        code: str, line: int | None = None, col: int | None = None, **params: Any
    ) -> Problem:
        return Problem(code, params, display, line, col)

    if size > MAX_BYTES:
        return None, smap, [problem("file-too-large", size=size, limit=MAX_BYTES)]
    if len(raw) > MAX_BYTES:
        return None, smap, [problem("file-too-large", size=len(raw), limit=MAX_BYTES)]
    if raw.startswith(_BOM):
        raw = raw[len(_BOM) :]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        prefix = raw[: exc.start].decode("utf-8", "replace")
        line, col = line_col(prefix, len(prefix))
        return None, smap, [problem("not-utf8", line, col, byte=f"{raw[exc.start]:02x}")]
    if not text.strip():
        return None, smap, [problem("empty-file", 1, 1)]
    version = _DIRECTIVE.search(text)
    if version is not None:
        line, col = line_col(text, version.start())
        return None, smap, [problem("yaml-directive", line, col, directive=version.group().strip())]
    for match in _CONTROL.finditer(text):
        line, col = line_col(text, match.start())
        return (
            None,
            smap,
            [problem("yaml-control-character", line, col, char=f"U+{ord(match.group()):04X}")],
        )

    yaml = _bounded_yaml()
    try:
        root = yaml.compose(io.StringIO(text))
    except _Early as early:
        return None, smap, [problem(early.code, *early.position, **early.params)]
    except YAMLError as exc:
        cut = getattr(getattr(yaml, "_scanner", None), "cut", None)
        if cut is not None:  # the reading stopped at a bracket too deep: that is the problem
            return None, smap, [problem("too-deep", cut.line + 1, cut.column + 1, limit=MAX_DEPTH)]
        return None, smap, [_syntax_problem(exc, text, display)]
    except RecursionError:
        return None, smap, [problem("too-deep", 1, 1, limit=MAX_DEPTH)]
    if root is None or (_tag(root) == "tag:yaml.org,2002:null"):
        return None, smap, [problem("empty-file", 1, 1)]

    seen: set[int] = set()

    def pos(node: Any) -> tuple[int, int]:
        return node.start_mark.line + 1, node.start_mark.column + 1

    def walk(node: Any, loc: Path_, depth: int) -> Any:
        if depth > MAX_DEPTH:
            raise _Refused(problem("too-deep", *pos(node), limit=MAX_DEPTH))
        if id(node) in seen or getattr(node, "anchor", None):
            raise _Refused(problem("alias", *pos(node)))
        seen.add(id(node))
        tag = _tag(node)
        if tag not in _PLAIN_TAGS:
            raise _Refused(
                problem("explicit-tag", *pos(node), tag=tag.replace("tag:yaml.org,2002:", "!!"))
            )
        smap.values[loc] = pos(node)
        if tag == "tag:yaml.org,2002:map":
            out: dict[str, Any] = {}
            first: dict[str, int] = {}
            for key_node, value_node in node.value:
                if _tag(key_node) == "tag:yaml.org,2002:merge" or key_node.value == "<<":
                    raise _Refused(problem("alias", *pos(key_node)))
                if id(key_node) in seen or getattr(key_node, "anchor", None):
                    raise _Refused(problem("alias", *pos(key_node)))
                seen.add(id(key_node))
                if not isinstance(key_node.value, str) or _tag(key_node) in {
                    "tag:yaml.org,2002:map",
                    "tag:yaml.org,2002:seq",
                }:
                    found = (
                        "type-list" if _tag(key_node) == "tag:yaml.org,2002:seq" else "type-mapping"
                    )
                    raise _Refused(problem("key-not-text", *pos(key_node), found=found))
                key = key_node.value
                if key in first:
                    raise _Refused(
                        problem("duplicate-key", *pos(key_node), key=key, first_line=first[key])
                    )
                first[key] = pos(key_node)[0]
                smap.keys[(*loc, key)] = pos(key_node)
                out[key] = walk(value_node, (*loc, key), depth + 1)
                if _is_empty(value_node):
                    # ruamel marks an empty value at the next token; the key's line is where it is.
                    smap.values[(*loc, key)] = pos(key_node)
            return out
        if tag == "tag:yaml.org,2002:seq":
            return [walk(child, (*loc, i), depth + 1) for i, child in enumerate(node.value)]
        return _scalar(tag, scalar_text(node))

    try:
        data = walk(root, (), 0)
    except _Refused as refused:
        return None, smap, [refused.problem]
    if composed is not None:
        composed.append(root)
    return data, smap, []


def _syntax_problem(exc: Exception, text: str, display: str) -> Problem:
    """The `yaml-syntax` problem of an error of ruamel's, at its position."""
    if isinstance(exc, MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        detail = exc.problem or exc.context or "syntax error"
        if mark is None:
            return Problem("yaml-syntax", {"problem": detail}, display)
        return Problem("yaml-syntax", {"problem": detail}, display, mark.line + 1, mark.column + 1)
    offset = getattr(exc, "position", None)
    line, col = line_col(text, offset) if isinstance(offset, int) else (1, 1)
    reason = getattr(exc, "reason", None) or str(exc).splitlines()[0]
    return Problem("yaml-syntax", {"problem": reason}, display, line, col)


class _Early(Exception):
    """A refusal met while composing, before the rest of the file is read: code, (line, column), params."""

    def __init__(self, code: str, mark: Any, **params: Any) -> None:
        self.code = code
        self.position = (mark.line + 1, mark.column + 1)
        self.params = params


class _BoundedScanner(RoundTripScanner):
    cut: Any = None

    def fetch_flow_collection_start(self, TokenClass: Any, to_push: str) -> None:
        mark = self.reader.get_mark()
        super().fetch_flow_collection_start(TokenClass, to_push)
        if len(self.flow_context) > MAX_DEPTH + 1 and self.cut is None:
            self.cut = mark
            self.fetch_stream_end()


class _BoundedComposer(Composer):
    nesting = -1  # the depth of the node being composed; the root is at 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.parser.peek_event()
        if parent is not None and index is None:  # a mapping key
            if isinstance(event, SequenceStartEvent | MappingStartEvent):
                if event.anchor is not None:
                    raise _Early("alias", event.start_mark)
                found = "type-list" if isinstance(event, SequenceStartEvent) else "type-mapping"
                raise _Early("key-not-text", event.start_mark, found=found)
            return super().compose_node(parent, index)
        if self.nesting >= MAX_DEPTH:
            raise _Early("too-deep", event.start_mark, limit=MAX_DEPTH)
        self.nesting += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self.nesting -= 1


def _bounded_yaml() -> Any:
    """ruamel's round-trip composer, with the nesting bounded while the file is read.

    Without a bound, ruamel's scanner keeps one pending simple key per open bracket and walks them
    all at every token (quadratic: 40 kB of `[` took seconds), and its composer recurses once per
    level (past Python's recursion limit at about a thousand). Two O(1) checks per token instead:

    - the composer refuses the first node, in document order, deeper than MAX_DEPTH, at its
      position: the node, and the problem, the walk of `_read` would name. Keys are not a level of
      their own there, so a key made of a list or a mapping is refused as the walk refuses it
      (`key-not-text`, or `alias` when anchored), before anything nested in it is read;
    - the scanner stops at the bracket that opens flow level MAX_DEPTH + 2 (a node at least
      MAX_DEPTH + 1 deep wherever it stands), as if the file ended there: the composer then meets
      the first too-deep node among the tokens already read, without the rest of the file.

    A file nested too deep is thus refused as soon as the reading gets there: a syntax error later in
    the file, or an alias earlier in it, is not reported in that case.
    """
    yaml = YAML(typ="rt", pure=True)
    yaml.Scanner, yaml.Composer = _BoundedScanner, _BoundedComposer
    return yaml


def scalar_text(node: Any) -> str:
    """The text of a scalar node. ruamel's round-trip scanner marks each fold of a folded block
    scalar (`>`) with a BEL (U+0007), which its own constructor removes: so do we. (The file itself
    holds no control character: they are refused above.)"""
    value: str = node.value
    return value.replace("\a", "") if node.style == ">" else value


def _is_empty(node: Any) -> bool:
    return _tag(node) == "tag:yaml.org,2002:null" and node.value in ("", None)


def _scalar(tag: str, value: str) -> Any:
    if tag == "tag:yaml.org,2002:null":
        return None
    if tag == "tag:yaml.org,2002:bool":
        return value.lower() == "true"
    if tag == "tag:yaml.org,2002:int":
        cleaned = value.replace("_", "")
        if _HEX.fullmatch(cleaned):
            return int(cleaned, 16)
        if _OCT.fullmatch(cleaned):
            return int(cleaned[2:], 8)
        if _INT.fullmatch(cleaned):
            return int(cleaned)
        return value
    if tag == "tag:yaml.org,2002:float":
        try:
            return float(value.replace("_", ""))
        except ValueError:
            return value
    return value
