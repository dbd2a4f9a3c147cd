"""YAML and JSON parsed with the line of every key and value, for locations and errors.

YAML goes through PyYAML's safe composer (no tags that build objects) with anchors and aliases
refused: an alias shares a node, and a few nested aliases ("billion laughs") expand into more
data than any report holds once validated or walked. JSON is parsed by a small recursive
reader over the standard library's own scanners, which knows where each value starts.
"""

from __future__ import annotations

import bisect
import json
import json.decoder
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import yaml
import yaml.reader

from checker.core.errors import ReadError
from checker.core.yamlparse import BoundedLoader
from checker.core.yamlsource import PathKey

MAX_DEPTH = 64


@dataclass
class Lines:
    """JSON path -> 1-based line: of the key (`keys`), of the value's first text line (`values`)."""

    keys: dict[PathKey, int] = field(default_factory=dict)
    values: dict[PathKey, int] = field(default_factory=dict)
    literal: set[PathKey] = field(default_factory=set)  # block scalars: text line i is value + i

    def line_of(self, path: PathKey) -> int | None:
        for end in range(len(path), -1, -1):
            line = self.keys.get(path[:end]) or self.values.get(path[:end])
            if line:
                return line
        return None

    def text_line(self, path: PathKey, index: int) -> int | None:
        """The line of the index-th line of a text value."""
        start = self.values.get(path)
        if start is None:
            return self.line_of(path)
        return start + index if path in self.literal else start


# --- YAML --------------------------------------------------------------------------------------


class _Loader(BoundedLoader):
    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()  # type: ignore[no-untyped-call]
            raise ReadError(
                "invalid_data",
                f"第{event.start_mark.line + 1}行：不支持 YAML 别名（*alias），请直接写出数据",
            )
        return super().compose_node(parent, index)


def load_yaml(text: str) -> tuple[Any, Lines]:
    try:
        loader = _Loader(text)  # checks every character: may raise ReaderError
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, max(exc.position, 0)) + 1
        raise ReadError(
            "invalid_data", f"第{line}行：YAML 不允许的字符 U+{exc.character:04X}（控制字符）"
        ) from exc
    try:
        node = loader.get_single_node()
        if node is None:
            return None, Lines()
        _check_depth(node, 0)
        data = loader.construct_document(node)
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, max(exc.position, 0)) + 1
        raise ReadError(
            "invalid_data", f"第{line}行：YAML 不允许的字符 U+{exc.character:04X}（控制字符）"
        ) from exc
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"第{mark.line + 1}行：" if mark else ""
        raise ReadError("invalid_data", f"{where}YAML 语法错误：{exc.problem or exc}") from exc
    except (yaml.YAMLError, RecursionError) as exc:
        raise ReadError("invalid_data", f"YAML 无法解析：{exc}") from exc
    finally:
        loader.dispose()
    lines = Lines()
    _record(node, (), lines)
    return _plain(data), lines


def _check_depth(node: yaml.Node, depth: int) -> None:
    if depth > MAX_DEPTH:
        raise ReadError("invalid_data", f"第{node.start_mark.line + 1}行：嵌套超过 {MAX_DEPTH} 层")
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            _check_depth(key, depth + 1)
            _check_depth(value, depth + 1)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            _check_depth(item, depth + 1)


def _record(node: yaml.Node, path: PathKey, lines: Lines) -> None:
    if isinstance(node, yaml.ScalarNode):
        block = node.style in ("|", ">")
        lines.values[path] = node.start_mark.line + (2 if block else 1)  # a block starts below
        if node.style == "|":
            lines.literal.add(path)
    elif isinstance(node, yaml.MappingNode):
        lines.values[path] = node.start_mark.line + 1
        for key_node, value_node in node.value:
            key = (*path, str(key_node.value))
            lines.keys[key] = key_node.start_mark.line + 1
            _record(value_node, key, lines)
    elif isinstance(node, yaml.SequenceNode):
        lines.values[path] = node.start_mark.line + 1
        for index, item in enumerate(node.value):
            lines.keys[(*path, index)] = item.start_mark.line + 1
            _record(item, (*path, index), lines)


def _plain(value: Any) -> Any:
    """Unquoted YAML dates become the ISO strings JSON would hold."""
    if isinstance(value, date):
        return value.isoformat()[:10]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


# --- JSON --------------------------------------------------------------------------------------

# The standard library's own string scanner (escapes, surrogates), not in its typed interface.
_scanstring: Callable[[str, int], tuple[str, int]] = json.decoder.scanstring  # type: ignore[attr-defined]
_WS = re.compile(r"[ \t\n\r]*")
_NUMBER = re.compile(r"-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?")
_MAX_NUMBER = 100  # characters: no count in a report has more digits; 5,000 would be a DoS
_LITERALS = {"true": True, "false": False, "null": None}


def load_json(text: str) -> tuple[Any, Lines]:
    reader = _JsonReader(text)
    try:
        value = reader.value((), 0)
        reader.skip()
        if reader.pos != len(text):
            reader.fail("数据之后还有多余内容")
    except (ValueError, RecursionError) as exc:  # scanstring's JSONDecodeError is a ValueError
        raise ReadError("invalid_data", f"第{reader.line()}行：JSON 语法错误（{exc}）") from exc
    return value, reader.lines


class _JsonReader:
    def __init__(self, text: str):
        self.text = text
        self.pos = 0
        self.lines = Lines()
        self._newlines = [m.start() for m in re.finditer("\n", text)]

    def line(self, pos: int | None = None) -> int:
        """1-based line of the character at `pos` (default: the reading position)."""
        return bisect.bisect_left(self._newlines, self.pos if pos is None else pos) + 1

    def skip(self) -> None:
        match = _WS.match(self.text, self.pos)
        self.pos = match.end() if match else self.pos

    def fail(self, message: str) -> None:
        raise ReadError("invalid_data", f"第{self.line()}行：JSON 语法错误（{message}）")

    def value(self, path: PathKey, depth: int) -> Any:
        if depth > MAX_DEPTH:
            self.fail(f"嵌套超过 {MAX_DEPTH} 层")
        self.skip()
        self.lines.values[path] = self.line()
        char = self.text[self.pos : self.pos + 1]
        readers: dict[str, Callable[[PathKey, int], Any]] = {"{": self.object, "[": self.array}
        if char in readers:
            return readers[char](path, depth)
        if char == '"':
            text, self.pos = _scanstring(self.text, self.pos + 1)
            return text
        return self.scalar()

    def scalar(self) -> Any:
        for word, value in _LITERALS.items():
            if self.text.startswith(word, self.pos):
                self.pos += len(word)
                return value
        match = _NUMBER.match(self.text, self.pos)
        if match is None:
            self.fail("此处应为数值、字符串、对象或数组")
            raise AssertionError  # fail() raised
        if match.end() - match.start() > _MAX_NUMBER:
            self.fail(f"数值超过 {_MAX_NUMBER} 位")
        self.pos = match.end()
        return json.loads(match.group(0))

    def object(self, path: PathKey, depth: int) -> dict[str, Any]:
        out: dict[str, Any] = {}
        self.pos += 1
        self.skip()
        if self.text.startswith("}", self.pos):
            self.pos += 1
            return out
        while True:
            self.skip()
            if not self.text.startswith('"', self.pos):
                self.fail("此处应为带引号的键名")
            key_line = self.line()
            key, self.pos = _scanstring(self.text, self.pos + 1)
            self.lines.keys[(*path, key)] = key_line
            self.skip()
            if not self.text.startswith(":", self.pos):
                self.fail("键名之后应为冒号")
            self.pos += 1
            out[key] = self.value((*path, key), depth + 1)
            if not self.separator("}"):
                return out

    def array(self, path: PathKey, depth: int) -> list[Any]:
        out: list[Any] = []
        self.pos += 1
        self.skip()
        if self.text.startswith("]", self.pos):
            self.pos += 1
            return out
        while True:
            self.skip()
            self.lines.keys[(*path, len(out))] = self.line()
            out.append(self.value((*path, len(out)), depth + 1))
            if not self.separator("]"):
                return out

    def separator(self, close: str) -> bool:
        """True after a comma (more follows), False after the closing bracket."""
        self.skip()
        char = self.text[self.pos : self.pos + 1]
        self.pos += 1
        if char == ",":
            return True
        if char != close:
            self.fail(f"此处应为逗号或 {close}")
        return False
