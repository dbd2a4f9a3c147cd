"""TOML with line numbers, in the shape of `yamlsource.YamlDoc`, so errors name the line.

`tomllib` keeps no positions, so the lines of keys are found by scanning the text: table headers
(`[a.b]`, `[[a.b]]`, counted per array) and `key = value` lines under them. A value spread over
several lines (a multi-line array) is pinned to its key's line, which is what an error needs.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from checker.core.errors import ConfigError
from checker.core.yamlsource import PathKey, YamlDoc, read_source

_HEADER = re.compile(r"^\s*(\[\[?)\s*(?P<name>[^\]]+?)\s*\]\]?\s*(#.*)?$")
_ASSIGN = re.compile(
    r"^\s*(?P<key>(?:[A-Za-z0-9_-]+|\"[^\"]*\"|'[^']*')(?:\s*\.\s*(?:[A-Za-z0-9_-]+|\"[^\"]*\"|'[^']*'))*)\s*="
)
_PART = re.compile(r"[A-Za-z0-9_-]+|\"([^\"]*)\"|'([^']*)'")
_AT_LINE = re.compile(r"\(at line (\d+)")


def load_toml_table(path: Path, table: PathKey) -> YamlDoc | None:
    """The table at `table` (e.g. ("tool", "ogi-check")) with its key lines; None if absent."""
    try:
        text = read_source(path)
    except UnicodeDecodeError as exc:
        line = exc.object[: exc.start].count(b"\n") + 1
        raise ConfigError(f"{path}:{line}: 不是 UTF-8 编码 (not UTF-8: {exc.reason})") from exc
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    data = _parse(path, text)
    for key in table:
        if not isinstance(data, dict) or key not in data:
            return None
        data = data[key]
    lines = {k[len(table) :]: v for k, v in scan_lines(text).items() if k[: len(table)] == table}
    return YamlDoc(str(path), data, {(): lines.get((), 1), **lines})


def _parse(path: Path, text: str) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line = _AT_LINE.search(str(exc))
        where = f"{path}:{line.group(1)}" if line else str(path)
        raise ConfigError(f"{where}: TOML syntax error: {exc}") from exc
    except RecursionError as exc:  # tomllib nests recursively: thousands of [[[ end here
        where = _where(path, text, _deep_offset(text))
        raise ConfigError(f"{where}: TOML 嵌套层数过多 (nesting too deep)") from exc
    except ValueError as exc:  # an integer of thousands of digits
        where = _where(path, text, _long_number_offset(text))
        raise ConfigError(
            f"{where}: TOML 数值无效 (invalid value: {str(exc).split(';')[0]})"
        ) from exc


_DEEP = 100  # brackets open at once: far past any real configuration, far below the recursion limit
_LONG_NUMBER = 4300  # digits: Python's int() refuses longer strings (sys.int_info)
_DIGITS = re.compile(r"[0-9_]+")


def _where(path: Path, text: str, offset: int) -> str:
    """`path:line` or `path:line: key` for the error at `offset` (tomllib gives no position)."""
    if offset < 0:
        return str(path)
    line = text.count("\n", 0, offset) + 1
    keys = [key for key, number in scan_lines(text).items() if number == line and key]
    if not keys:
        return f"{path}:{line}"
    longest = max(keys, key=lambda key: len(key))  # the innermost key on that line
    return f"{path}:{line}: {'.'.join(map(str, longest))}"


def _deep_offset(text: str) -> int:
    """Where brackets first nest past _DEEP (strings are not parsed: a rough, linear scan)."""
    depth = 0
    for offset, char in enumerate(text):
        if char in "[{":
            depth += 1
            if depth > _DEEP:
                return offset
        elif char in "]}":
            depth = max(depth - 1, 0)
        elif char == "\n" and depth == 0:
            depth = 0
    return -1


def _long_number_offset(text: str) -> int:
    for run in _DIGITS.finditer(text):
        if len(run.group().replace("_", "")) > _LONG_NUMBER:
            return run.start()
    return -1


def scan_lines(text: str) -> dict[PathKey, int]:
    """Key path -> 1-based line, for table headers and assignments."""
    lines: dict[PathKey, int] = {}
    arrays: dict[PathKey, int] = {}
    table: PathKey = ()
    for number, line in enumerate(text.splitlines(), start=1):
        header = _HEADER.match(line)
        if header:
            table = _table(header.group(1), _parts(header.group("name")), arrays)
            _record(lines, table, number)
            continue
        assign = _ASSIGN.match(line)
        if assign:
            _record(lines, (*table, *_parts(assign.group("key"))), number)
    return lines


def _table(bracket: str, name: tuple[str, ...], arrays: dict[PathKey, int]) -> PathKey:
    if bracket != "[[":
        return name
    index = arrays.get(name, -1) + 1
    arrays[name] = index
    return (*name, index)


def _record(lines: dict[PathKey, int], key: PathKey, number: int) -> None:
    for end in range(1, len(key) + 1):
        lines.setdefault(key[:end], number)
    lines[key] = number


def _parts(dotted: str) -> tuple[str, ...]:
    return tuple(m.group(1) or m.group(2) or m.group(0) for m in _PART.finditer(dotted))
