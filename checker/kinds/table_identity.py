"""Arithmetic identities over table cells, broadcast over rows or columns (spec §5, I-1…I-5).

An identity is `sum(lhs) = sum(rhs)`; `$row` / `$col` in an address stand for each row or
column the rule is broadcast over. Blank cells count as 0. When a cell the identity needs was
not read (cut off, ambiguous), the rule says it cannot assess rather than compute a wrong sum.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from checker.core.findings import Problem, json_value
from checker.core.model import Message, Report, Table
from checker.kinds.cells import (
    Address,
    expand,
    parse_address,
    unread_rows,
    unreadable,
    value_of,
)

NAME = "table_identity"

# The JSON Schema of this kind's `params`: the rule loader validates them with it, and
# rules/schema/rule-pack.schema.json is built from it (`ogi-check schema rule-pack`).
PARAMS_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["table", "identity", "label", "lhs", "rhs"],
    "additionalProperties": False,
    "properties": {
        "table": {"$ref": "#/$defs/table_key"},
        "identity": {"type": "string"},
        "label": {"$ref": "#/$defs/message"},
        "lhs": {"type": "array", "items": {"type": "string"}, "minItems": 1},
        "rhs": {"type": "array", "items": {"type": "string"}, "minItems": 1},
        "rows": {"$ref": "#/$defs/globs"},
        "cols": {"$ref": "#/$defs/globs"},
    },
    "description": "sum(lhs) = sum(rhs); addresses like T3[$row][TOT], row/col parts may be globs "
    "(R3.3.*) or $row/$col, broadcast over rows/cols.",
}


@dataclass(frozen=True)
class Params:
    table: str
    identity: str  # e.g. "I-1"
    label: Message  # what the identity says, for messages
    lhs: tuple[str, ...]  # address patterns; row/col parts may be globs or $row/$col
    rhs: tuple[str, ...]
    rows: tuple[str, ...]  # globs the identity is broadcast over ($row); empty: not by row
    cols: tuple[str, ...]


def build_params(raw: Mapping[str, Any]) -> Params:
    for text in [*raw["lhs"], *raw["rhs"]]:
        parse_address(text)  # fail at load on a malformed address
    label = raw["label"]
    return Params(
        table=raw["table"],
        identity=raw["identity"],
        label=Message.of(label),
        lhs=tuple(raw["lhs"]),
        rhs=tuple(raw["rhs"]),
        rows=tuple(raw.get("rows", [])),
        cols=tuple(raw.get("cols", [])),
    )


def check(params: Params, report: Report) -> Iterator[Problem]:
    table = report.tables.get(params.table)
    if table is None:
        return  # a missing table is reported once, by the table-present rule
    skipped = []
    for row, col in _instances(params, table):
        lhs, rhs = _terms(params.lhs, table, row, col), _terms(params.rhs, table, row, col)
        if (
            not lhs
            or not rhs
            or unreadable(table, [*lhs, *rhs])
            or _hits_unread_row(params, table, row)
        ):
            skipped.append(str(lhs[0]) if lhs else f"{row or ''}{col or ''}")
            continue
        problem = _compare(params, report, table, lhs, rhs)
        if problem:
            yield problem
    if skipped:
        yield _cannot_assess(params, table, skipped)


def _instances(params: Params, table: Table) -> list[tuple[str | None, str | None]]:
    rows = expand(params.rows, table.row_keys) if params.rows else [None]
    cols = expand(params.cols, table.col_keys) if params.cols else [None]
    return [(r, c) for r in rows for c in cols]


def _terms(
    patterns: Sequence[str], table: Table, row: str | None, col: str | None
) -> list[Address]:
    terms: list[Address] = []
    for pattern in patterns:
        bound = parse_address(pattern).bind(row, col)
        for r in expand([bound.row], table.row_keys) if _is_glob(bound.row) else [bound.row]:
            for c in expand([bound.col], table.col_keys) if _is_glob(bound.col) else [bound.col]:
                terms.append(Address(bound.table, r, c))
    return terms


def _hits_unread_row(params: Params, table: Table, row: str | None) -> bool:
    """A glob over rows cannot be summed when one of the rows it would match was not read."""
    lost = unread_rows(table)
    if not lost:
        return False
    patterns = [parse_address(p).bind(row).row for p in (*params.lhs, *params.rhs)]
    return bool(expand([p for p in patterns if _is_glob(p)], lost))


def _is_glob(key: str) -> bool:
    return any(ch in key for ch in "*?[")


def _compare(
    params: Params, report: Report, table: Table, lhs: list[Address], rhs: list[Address]
) -> Problem | None:
    actual = _sum(table, lhs)
    expected = _sum(table, rhs)
    if actual == expected:
        return None
    where = str(lhs[0])
    formula = f"{' + '.join(map(str, lhs))} = {' + '.join(map(str, rhs))}"
    location = table.row_locations.get(lhs[0].row) or table.location
    diff = actual - expected
    return Problem(
        Message(
            f"{params.identity}（{params.label.zh}）不成立：{where} 为 {actual}，按其他单元格应为 {expected}（相差 {diff:+}）",
            f"{params.identity} ({params.label.en}) fails: {where} is {actual}, the other cells give {expected} ({diff:+})",
        ),
        location,
        where=where,
        expected=json_value(expected),
        actual=json_value(actual),
        formula=f"{formula}: {actual} ≠ {expected}",
    )


def _sum(table: Table, addresses: Sequence[Address]) -> Decimal:
    total = Decimal(0)
    for address in addresses:
        cell = table.cell(address.row, address.col)
        if cell is not None:
            total += value_of(cell)
    return total


def _cannot_assess(params: Params, table: Table, skipped: list[str]) -> Problem:
    shown = "、".join(skipped[:5]) + ("等" if len(skipped) > 5 else "")
    return Problem(
        Message(
            f"{params.identity}（{params.label.zh}）有 {len(skipped)} 处无法核对：所需单元格未能读出（{shown}）",
            f"{params.identity} ({params.label.en}): {len(skipped)} instance(s) not checked, cells not read ({shown})",
        ),
        table.location,
        where=f"{params.table}:{params.identity}",
        cannot_assess=True,
    )
