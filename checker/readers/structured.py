"""Structured report data (YAML or JSON, rules/schema/report-data.schema.json) as a Document.

The data is validated against the published schema first; every violation is reported with its
JSON path and line. The Document then carries the data itself — `metadata`, and `cells` by
canonical address with the line of each value — and the report printed as text (title,
publication date, preamble, each section's heading and text, its tables as the template prints
them, the closing), so the prose checks read it like any other copy. Each printed line's part
names its line in the data file.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from decimal import Decimal
from functools import cache
from importlib import resources
from typing import Any

from jsonschema import Draft202012Validator, ValidationError

from checker.core.document import CellMap, Document, LineSink, source_part
from checker.core.errors import ReadError
from checker.core.textnorm import split_lines
from checker.core.yamlsource import PathKey, dotted
from checker.readers.datalines import Lines, load_json, load_yaml
from checker.readers.limits import DEFAULT_LIMITS, Limits
from checker.readers.table_print import print_table
from checker.readers.text import decode

SCHEMA_NAME = "report-data.schema.json"
_MAX_ERRORS = 10
_METADATA = ("title", "agency", "year", "published", "agency_kind")


def read_yaml(data: bytes, limits: Limits = DEFAULT_LIMITS) -> Document:
    text = decode(data)
    return replace(_document(*load_yaml(text)), source=split_lines(text))  # comments: suppressions


def read_json(data: bytes, limits: Limits = DEFAULT_LIMITS) -> Document:
    return _document(*load_json(decode(data)))


@cache
def schema() -> dict[str, Any]:
    text = resources.files("checker.packs").joinpath("schema", SCHEMA_NAME).read_text("utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded


@cache
def _validator() -> Draft202012Validator:
    return Draft202012Validator(schema())


def validate(data: Any, lines: Lines) -> None:
    found = [_problem(error) for error in _validator().iter_errors(data)]
    if not found:
        return
    found.sort(key=lambda item: (lines.line_of(item[0]) or 0, item[1]))
    shown = [_describe(path, message, lines) for path, message in found[:_MAX_ERRORS]]
    more = f"；另有 {len(found) - _MAX_ERRORS} 处" if len(found) > _MAX_ERRORS else ""
    raise ReadError("invalid_data", f"报告数据不符合格式 {SCHEMA_NAME}：" + "；".join(shown) + more)


def _problem(error: ValidationError) -> tuple[PathKey, str]:
    """The JSON path at fault and what is wrong there; an unknown key is named by its own path."""
    path: PathKey = tuple(error.absolute_path)
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        known = error.schema.get("properties", {}) if isinstance(error.schema, dict) else {}
        extra = sorted(str(k) for k in error.instance if k not in known)
        if extra:
            return (*path, extra[0]), "不允许的键（请对照格式说明检查拼写）"
    if error.validator == "required":
        return path, f"缺少必填项：{error.message.split(' ')[0]}"
    return path, error.message


_MAX_DETAIL = 120  # characters of one violation: jsonschema quotes the whole value at fault


def _describe(path: PathKey, message: str, lines: Lines) -> str:
    if len(message) > _MAX_DETAIL:
        message = message[:_MAX_DETAIL] + "…"
    line = lines.line_of(path)
    return f"第{line}行 {dotted(path)}：{message}" if line else f"{dotted(path)}：{message}"


def _document(data: Any, lines: Lines) -> Document:
    if data is None:
        raise ReadError("empty", "数据文件为空")
    validate(data, lines)
    _check_date(data["metadata"], lines)
    sink = LineSink()
    _print(data, lines, sink)
    cells = _cells(data.get("tables", {}), lines)
    metadata = {k: str(data["metadata"][k]) for k in _METADATA if k in data["metadata"]}
    return Document(lines=sink.lines, parts=sink.parts, cells=cells, metadata=metadata)


def _check_date(meta: dict[str, Any], lines: Lines) -> None:
    """The schema checks the shape YYYY-MM-DD; the calendar (month 13, 30 February) is here."""
    if "published" not in meta:
        return
    try:
        date.fromisoformat(meta["published"])
    except ValueError as exc:
        where = _describe(("metadata", "published"), f"日期不存在（{meta['published']}）", lines)
        raise ReadError("invalid_data", f"报告数据不符合格式 {SCHEMA_NAME}：{where}") from exc


def _print(data: dict[str, Any], lines: Lines, sink: LineSink) -> None:
    meta = data["metadata"]
    sink.add(meta["title"], source_part(lines.line_of(("metadata", "title"))))
    if "published" in meta:
        year, month, day = meta["published"].split("-")
        sink.add(
            f"发布时间：{year}年{month}月{day}日",
            source_part(lines.line_of(("metadata", "published"))),
        )
    _text(data.get("preamble", ""), ("preamble",), lines, sink)
    printed: set[str] = set()
    for index, section in enumerate(data["sections"]):
        _section(section, ("sections", index), data.get("tables", {}), lines, sink, printed)
    for key in sorted(set(data.get("tables", {})) - printed):
        _table(key, data["tables"], lines, sink)
    _text(data.get("closing", ""), ("closing",), lines, sink)


def _section(
    section: dict[str, Any],
    path: PathKey,
    tables: dict[str, Any],
    lines: Lines,
    sink: LineSink,
    printed: set[str],
) -> None:
    sink.add(section["title"], source_part(lines.line_of((*path, "title"))))
    _text(section.get("text", ""), (*path, "text"), lines, sink)
    for key in section.get("tables", []):
        if key in tables and key not in printed:
            printed.add(key)
            _table(key, tables, lines, sink)
    for index, child in enumerate(section.get("sections", [])):
        _section(child, (*path, "sections", index), tables, lines, sink, printed)


def _text(text: str, path: PathKey, lines: Lines, sink: LineSink) -> None:
    for index, line in enumerate(text.split("\n")):
        if line.strip():
            sink.add(line.rstrip(), source_part(lines.text_line(path, index)))


def _table(key: str, tables: dict[str, Any], lines: Lines, sink: LineSink) -> None:
    raw = _cells({key: tables[key]}, lines)[key]
    for text, part in print_table(key, raw):
        sink.add(text, part)


def _cells(tables: dict[str, Any], lines: Lines) -> CellMap:
    return {
        table: {
            row: {
                col: (_raw(value), lines.line_of(("tables", table, row, col)))
                for col, value in cols.items()
            }
            for row, cols in rows.items()
        }
        for table, rows in tables.items()
    }


def _raw(value: Any) -> str:
    """A cell as it would be printed: 12.5 not 12.500000001, 3 not 3.0, blank for null."""
    if value is None:
        return ""
    if isinstance(value, float):
        text = format(Decimal(repr(value)), "f")
        return text.removesuffix(".0") if text.endswith(".0") else text
    return str(value)
