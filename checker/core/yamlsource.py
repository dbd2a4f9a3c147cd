"""YAML with line numbers: every error about a YAML file names the line of the key at fault."""

from __future__ import annotations

import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from checker.core.errors import RuleFileError

PathKey = tuple[str | int, ...]


@dataclass(frozen=True)
class YamlDoc:
    """A parsed YAML file with the line of each key and item, for messages that point at it."""

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


def parse_yaml(text: str, name: str) -> YamlDoc:
    """`text` parsed, with the line of every key; a RuleFileError naming the line if it is not
    YAML or is hostile (checker.core.yamlparse, imported here: a run that reads no YAML — its
    rule packs and templates come from the compiled-pack cache — never imports PyYAML)."""
    from checker.core.yamlparse import parse_yaml_text

    data, lines = parse_yaml_text(text, name)
    return YamlDoc(name, data, lines)


def validate(doc: YamlDoc, schema: dict[str, Any]) -> None:
    """Check `doc` against a JSON Schema; the most relevant error names the file, the line and
    the key (rule packs, table templates)."""
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import best_match

    error = best_match(Draft202012Validator(schema).iter_errors(doc.data))
    if error is not None:
        key: PathKey = (*error.absolute_path, *_unexpected_key(error))
        raise RuleFileError(doc.path, error.message, doc.line_of(key), dotted(key))


def _unexpected_key(error: Any) -> tuple[str, ...]:
    """For an unknown key, point at the key itself rather than at the object holding it."""
    if error.validator != "additionalProperties" or not isinstance(error.instance, dict):
        return ()
    known = set(error.schema.get("properties", {}))
    extra = sorted(str(k) for k in error.instance if k not in known)
    return (extra[0],) if extra else ()


def dotted(path: PathKey) -> str:
    """rules[3].params.items[0] — how a key is named in error messages."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(document)"
