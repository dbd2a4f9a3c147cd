"""Values of table cells: blank where a number is required, placeholders, negative or
non-integer counts, text in a number cell (spec §4.4, I-4)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from checker.findings import Problem, json_value
from checker.kinds.cells import Address, col_keys, expand, row_keys
from checker.model import Cell, Message, Report

NAME = "cell_values"
_CHECKS = ("blank", "placeholder", "invalid", "nonnegative_integer")


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
        for row in expand(params.rows, row_keys(table)):
            for col in expand(params.cols, col_keys(table)):
                cell = table.cell(row, col)
                if cell is not None:
                    problem = _judge(params.check, Address(key, row, col), cell)
                    if problem:
                        yield problem


def _judge(check: str, address: Address, cell: Cell) -> Problem | None:
    where = str(address)
    if check == "blank" and cell.kind == "blank":
        return Problem(
            Message(
                f"{where} 为空，应填写数字（按0计算）",
                f"{where} is blank; a number is required (counted as 0)",
            ),
            cell.location,
            where=where,
            expected="数字",
            actual=None,
        )
    if check == "placeholder" and cell.kind == "placeholder":
        return Problem(
            Message(
                f"{where} 填写“{cell.raw}”，按0计算", f"{where} holds '{cell.raw}', counted as 0"
            ),
            cell.location,
            where=where,
            expected=0,
            actual=cell.raw,
        )
    if check == "invalid" and cell.kind == "invalid":
        return Problem(
            Message(f"{where} 不是数字：“{cell.raw}”", f"{where} is not a number: '{cell.raw}'"),
            cell.location,
            where=where,
            expected="数字",
            actual=cell.raw,
        )
    counted = check == "nonnegative_integer" and cell.kind == "number" and cell.value is not None
    if (
        counted
        and cell.value is not None
        and (cell.value < 0 or cell.value != cell.value.to_integral_value())
    ):
        return Problem(
            Message(
                f"{where} 应为非负整数，实为 {cell.raw}",
                f"{where} must be a non-negative integer, is {cell.raw}",
            ),
            cell.location,
            where=where,
            expected=">= 0 的整数",
            actual=json_value(cell.value),
        )
    return None
