"""YAML with line numbers: every error about a YAML file names the line of the key at fault."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from checker.core.errors import RuleFileError

PathKey = tuple[str | int, ...]

# libyaml's parser (C) when PyYAML was built with it: it keeps the marks (line numbers) and is
# many times faster than the pure-Python composer, which dominated loading the rule packs.
_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


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


def load_yaml(path: Path) -> YamlDoc:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleFileError(str(path), f"cannot read: {exc}") from exc
    return parse_yaml(text, str(path))


def parse_yaml(text: str, name: str) -> YamlDoc:
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
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
