"""YAML with line numbers: every error about a YAML file names the line of the key at fault."""

from __future__ import annotations

import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
import yaml.composer
import yaml.constructor
import yaml.reader

from checker.errors import RuleFileError

PathKey = tuple[str | int, ...]

# Configuration, rule packs and baselines are a few levels deep; a hostile file is thousands.
MAX_DEPTH = 100
# Nodes an alias may stand for in total: a legitimate anchor is reused a few times, a "billion
# laughs" file reaches 10^9 nodes with a dozen aliases (every later walk would expand them).
MAX_ALIAS_NODES = 100_000


@dataclass(frozen=True)
class YamlDoc:
    path: str
    data: Any
    lines: dict[PathKey, int]  # JSON path -> 1-based line of that key or item

    def line_of(self, key: PathKey) -> int | None:
        """The line of `key`, or of its nearest parent that has one."""
        for end in range(len(key), -1, -1):
            if key[:end] in self.lines:
                return self.lines[key[:end]]
        return None


MAX_SOURCE_BYTES = 16 * 1024 * 1024


def read_source(path: Path) -> str:
    """A configuration, rule or baseline file's text; OSError or UnicodeDecodeError if not.

    Only a regular file is opened: a FIFO (or a device) would block the run or never end.
    """
    info = path.stat()
    if not stat.S_ISREG(info.st_mode):
        raise OSError("不是普通文件（管道、设备或目录） (not a regular file)")
    if info.st_size > MAX_SOURCE_BYTES:
        raise OSError(f"文件过大（{info.st_size} 字节，上限 {MAX_SOURCE_BYTES}）")
    return path.read_bytes().decode("utf-8")


def load_yaml(path: Path) -> YamlDoc:
    try:
        text = read_source(path)
    except UnicodeDecodeError as exc:
        line = exc.object[: exc.start].count(b"\n") + 1
        raise RuleFileError(str(path), f"不是 UTF-8 编码 (not UTF-8: {exc.reason})", line) from exc
    except OSError as exc:
        raise RuleFileError(str(path), f"cannot read: {exc.strerror or exc}") from exc
    return parse_yaml(text, str(path))


class BoundedLoader(yaml.SafeLoader):
    """PyYAML's safe loader with the limits hostile input needs, every error with its mark.

    Nesting is capped while composing (PyYAML composes recursively: 5,000 levels would end in
    RecursionError), aliases may stand for a bounded number of nodes in total, and a value the
    constructor cannot build (a 5,000-digit integer, the 13th month) is a marked error.
    """

    def __init__(self, stream: str):
        super().__init__(stream)
        self._depth = 0
        self._alias_nodes = 0
        self._sizes: dict[int, int] = {}

    def compose_node(self, parent: Any, index: Any) -> Any:
        mark = self.peek_event().start_mark  # type: ignore[no-untyped-call]
        if self._depth >= MAX_DEPTH:
            raise yaml.composer.ComposerError(
                None, None, f"nesting deeper than {MAX_DEPTH} levels", mark
            )
        is_alias = self.check_event(yaml.AliasEvent)
        self._depth += 1
        try:
            node = super().compose_node(parent, index)
        finally:
            self._depth -= 1
        if is_alias and node is not None:
            self._alias_nodes += _size(node, self._sizes)
            if self._alias_nodes > MAX_ALIAS_NODES:
                raise yaml.composer.ComposerError(
                    None, None, f"aliases expand to more than {MAX_ALIAS_NODES} nodes", mark
                )
        return node

    def construct_object(self, node: Any, deep: bool = False) -> Any:
        try:
            return super().construct_object(node, deep)
        except (ValueError, OverflowError) as exc:
            reason = str(exc).split(";")[0]  # drop Python's advice (set_int_max_str_digits)
            raise yaml.constructor.ConstructorError(
                None, None, f"无效的值 (invalid value: {reason})", node.start_mark
            ) from exc


def _size(node: yaml.Node, sizes: dict[int, int]) -> int:
    """Nodes under `node` with every alias expanded (memoised: shared nodes are counted once)."""
    known = sizes.get(id(node))
    if known is not None:
        return known
    total = 1
    if isinstance(node, yaml.MappingNode):
        total += sum(_size(k, sizes) + _size(v, sizes) for k, v in node.value)
    elif isinstance(node, yaml.SequenceNode):
        total += sum(_size(item, sizes) for item in node.value)
    sizes[id(node)] = total
    return total


def compose_bounded(loader: yaml.SafeLoader) -> tuple[yaml.Node | None, Any]:
    """The single document's node and data, or a YAMLError (RecursionError as a last resort)."""
    try:
        node = loader.get_single_node()
        return node, (loader.construct_document(node) if node is not None else None)
    except RecursionError as exc:
        raise yaml.YAMLError(f"nesting too deep ({exc})") from exc


def parse_yaml(text: str, name: str) -> YamlDoc:
    try:
        loader = BoundedLoader(text)  # checks every character: may raise ReaderError
    except yaml.reader.ReaderError as exc:
        raise _reader_error(name, text, exc) from exc
    try:
        node, data = compose_bounded(loader)
    except yaml.reader.ReaderError as exc:
        raise _reader_error(name, text, exc) from exc
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        raise RuleFileError(name, f"YAML syntax error: {exc.problem or exc}", line) from exc
    except yaml.YAMLError as exc:
        raise RuleFileError(name, f"YAML error: {exc}") from exc
    finally:
        loader.dispose()
    lines: dict[PathKey, int] = {(): 1}
    if node is not None:
        _record_lines(node, (), lines)
    return YamlDoc(name, data, lines)


def _reader_error(name: str, text: str, exc: yaml.reader.ReaderError) -> RuleFileError:
    """A character YAML does not allow (NUL, most control characters), at its line."""
    line = text.count("\n", 0, max(exc.position, 0)) + 1
    return RuleFileError(name, f"YAML 不允许的字符 U+{exc.character:04X}（控制字符）", line)


def _record_lines(node: yaml.Node, path: PathKey, lines: dict[PathKey, int]) -> None:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = (*path, str(key_node.value))
            lines[key] = key_node.start_mark.line + 1
            _record_lines(value_node, key, lines)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            key = (*path, index)
            lines[key] = item.start_mark.line + 1
            _record_lines(item, key, lines)


def dotted(path: PathKey) -> str:
    """rules[3].params.items[0] — how a key is named in error messages."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(document)"
