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


#: Files already read, by (shown path, content digest): a reload re-reads only what changed.
_CACHE: OrderedDict[tuple[str, bytes], tuple[Any, SourceMap, list[Problem]]] = OrderedDict()
_CACHE_SIZE = 128


def read_yaml(path: Path, display: str) -> tuple[Any, SourceMap, list[Problem]]:
    """Load `path`; returns (data, positions, problems). Data is None when a problem stops the read.

    The data is shared with a cache of recently read files (by content): treat it as read-only.
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
    key = (display, hashlib.sha256(raw).digest() + size.to_bytes(8, "little"))
    cached = _CACHE.get(key)
    if cached is None:
        cached = _read(raw, size, display)
        _CACHE[key] = cached
        if len(_CACHE) > _CACHE_SIZE:
            _CACHE.popitem(last=False)
    else:
        _CACHE.move_to_end(key)
    data, smap, problems = cached
    return data, smap, list(problems)


def _read(raw: bytes, size: int, display: str) -> tuple[Any, SourceMap, list[Problem]]:
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

    from ruamel.yaml import YAML
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    try:
        root = YAML(typ="rt", pure=True).compose(io.StringIO(text))
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        detail = exc.problem or exc.context or "syntax error"
        if mark is None:
            return None, smap, [problem("yaml-syntax", problem=detail)]
        return None, smap, [problem("yaml-syntax", mark.line + 1, mark.column + 1, problem=detail)]
    except YAMLError as exc:
        offset = getattr(exc, "position", None)
        line, col = line_col(text, offset) if isinstance(offset, int) else (1, 1)
        reason = getattr(exc, "reason", None) or str(exc).splitlines()[0]
        return None, smap, [problem("yaml-syntax", line, col, problem=reason)]
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
        return _scalar(tag, node.value)

    try:
        data = walk(root, (), 0)
    except _Refused as refused:
        return None, smap, [refused.problem]
    return data, smap, []


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
