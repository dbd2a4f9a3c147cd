"""Values of table cells: blank where a number is required, placeholders, negative or
non-integer counts, text in a number cell (spec §4.4, I-4)."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from checker.core.findings import Problem, Value, json_value
from checker.core.model import Cell, Message, Report
from checker.kinds.cells import Address, expand

NAME = "cell_values"

# The JSON Schema of this kind's `params`: the rule loader validates them with it, and
# rules/schema/rule-pack.schema.json is built from it (`ogi-check schema rule-pack`).
PARAMS_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["tables", "check"],
    "additionalProperties": False,
    "properties": {
        "tables": {"type": "array", "items": {"$ref": "#/$defs/table_key"}, "minItems": 1},
        "check": {"enum": ["blank", "placeholder", "invalid", "nonnegative_integer"]},
        "rows": {"$ref": "#/$defs/globs"},
        "cols": {"$ref": "#/$defs/globs"},
    },
}

_CHECKS = ("blank", "placeholder", "invalid", "nonnegative_integer")  # see _FAILS below


@dataclass(frozen=True)
class Params:
    tables: tuple[str, ...]
    check: str
    rows: tuple[str, ...]
    cols: tuple[str, ...]


def build_params(raw: Mapping[str, Any]) -> Params:
    if raw["check"] not in _CHECKS:
        raise ValueError(f"check must be one of {', '.join(_CHECKS)}")
    return Params(
        tuple(raw["tables"]),
        raw["check"],
        tuple(raw.get("rows", ["*"])),
        tuple(raw.get("cols", ["*"])),
    )


def check(params: Params, report: Report) -> Iterator[Problem]:
    for key in params.tables:
        table = report.tables.get(key)
        if table is None:
            continue
        for row in expand(params.rows, table.row_keys):
            for col in expand(params.cols, table.col_keys):
                cell = table.cell(row, col)
                if cell is not None:
                    problem = _judge(params.check, Address(key, row, col), cell)
                    if problem:
                        yield problem


def _judge(check: str, address: Address, cell: Cell) -> Problem | None:
    if not _FAILS[check](cell):
        return None
    where = str(address)
    message, expected, actual = _EVIDENCE[check](where, cell)
    return Problem(message, cell.location, where=where, expected=expected, actual=actual)


def _not_a_count(cell: Cell) -> bool:
    value = cell.value
    return cell.kind == "number" and value is not None and (value < 0 or value != int(value))


_FAILS: dict[str, Callable[[Cell], bool]] = {
    "blank": lambda cell: cell.kind == "blank",
    "placeholder": lambda cell: cell.kind == "placeholder",
    "invalid": lambda cell: cell.kind == "invalid",
    "nonnegative_integer": _not_a_count,
}
_EVIDENCE: dict[str, Callable[[str, Cell], tuple[Message, Value, Value]]] = {
    "blank": lambda where, cell: (
        Message(
            f"{where} 为空，应填写数字（按0计算）",
            f"{where} is blank; a number is required (counted as 0)",
        ),
        "数字",
        None,
    ),
    "placeholder": lambda where, cell: (
        Message(f"{where} 填写“{cell.raw}”，按0计算", f"{where} holds '{cell.raw}', counted as 0"),
        0,
        cell.raw,
    ),
    "invalid": lambda where, cell: (
        Message(f"{where} 不是数字：“{cell.raw}”", f"{where} is not a number: '{cell.raw}'"),
        "数字",
        cell.raw,
    ),
    "nonnegative_integer": lambda where, cell: (
        Message(
            f"{where} 应为非负整数，实为 {cell.raw}",
            f"{where} must be a non-negative integer, is {cell.raw}",
        ),
        ">= 0 的整数",
        json_value(cell.value),
    ),
}
