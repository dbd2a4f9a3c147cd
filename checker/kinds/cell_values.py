"""Values of table cells: blank where a number is required, placeholders, negative or
non-integer counts, text in a number cell (spec §4.4, I-4).

Blank cells are said once per table, listing them by row ("「（七）总计」行全部7列"): a table
printed with labels only is one defect, not one per cell. Cells are named as printed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from checker.core.findings import Problem, Value, json_value
from checker.core.model import Cell, Message, Report, Table
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
        failing = _failing(params, key, table)
        if params.check == "blank":
            if failing:
                yield _blanks(table, failing)
            continue
        for address, cell in failing:
            yield _judge(params.check, table, address, cell)


def _failing(params: Params, key: str, table: Table) -> list[tuple[Address, Cell]]:
    """The cells that fail the check, row by row in template order."""
    cols = expand(params.cols, table.col_keys)
    kind = _KIND_FAILS.get(params.check)
    fails = _FAILS[params.check]
    failing = []
    for row in expand(params.rows, table.row_keys):
        cells = table.cells.get(row)
        if cells is None:
            continue
        for col in cols:
            cell = cells.get(col)
            # a check of the cell's kind alone is compared here, not called: most cells pass
            if cell is not None and (cell.kind == kind if kind else fails(cell)):
                failing.append((Address(key, row, col), cell))
    return failing


def _judge(check: str, table: Table, address: Address, cell: Cell) -> Problem:
    where = str(address)
    name = f"{table.cell_name(address.row, address.col)}（{where}）"
    message, expected, actual = _EVIDENCE[check](name, cell)
    return Problem(message, cell.location, where=where, expected=expected, actual=actual)


def _blanks(table: Table, failing: list[tuple[Address, Cell]]) -> Problem:
    """One finding for a table's blank cells, by row: whole rows said as rows."""
    by_row: dict[str, list[str]] = {}
    for address, _ in failing:
        by_row.setdefault(address.row, []).append(address.col)
    parts = []
    for row, cols in by_row.items():
        label = table.row_labels.get(row, row)
        width = len(table.cells.get(row, {}))
        if len(cols) == width and width > 1:
            parts.append(f"「{label}」行全部{width}列")
        else:
            names = "、".join(f"「{table.col_labels.get(c, c)}」" for c in cols)
            parts.append(f"「{label}」行{names}列")
    shown = "；".join(parts[:8]) + ("等" if len(parts) > 8 else "")
    first = failing[0][0]
    name = table.name or table.key
    return Problem(
        Message(
            f"{name}有{len(failing)}个单元格为空白，应填写数字（空白不按0核对）：{shown}",
            f"{table.key}: {len(failing)} cell(s) blank where a number is required "
            f"(not checked as 0): {', '.join(str(a) for a, _ in failing[:8])}",
        ),
        failing[0][1].location,
        where=str(first),
        expected="数字",
        actual=f"{len(failing)}个空白单元格",
    )


def _not_a_count(cell: Cell) -> bool:
    value = cell.value
    return cell.kind == "number" and value is not None and (value < 0 or value != int(value))


# The checks that are only a cell's kind, and those that look at its value.
_KIND_FAILS = {"blank": "blank", "placeholder": "placeholder", "invalid": "invalid"}
_FAILS: dict[str, Callable[[Cell], bool]] = {
    "blank": lambda cell: cell.kind == "blank",
    "placeholder": lambda cell: cell.kind == "placeholder",
    "invalid": lambda cell: cell.kind == "invalid",
    "nonnegative_integer": _not_a_count,
}
_EVIDENCE: dict[str, Callable[[str, Cell], tuple[Message, Value, Value]]] = {
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
