"""Cell addresses of the statistical tables (spec §4): T3[R3.7][TOT], globs and values."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fnmatch import fnmatchcase
from functools import lru_cache

from checker.core.model import Cell, Report, Table

_ADDRESS = re.compile(r"^(T[234])\[([^\]]+)\]\[([^\]]+)\]$")


@dataclass(frozen=True)
class Address:
    """A cell of a statistics table: table, row and column keys."""

    table: str
    row: str
    col: str

    def __str__(self) -> str:
        return f"{self.table}[{self.row}][{self.col}]"

    def bind(self, row: str | None = None, col: str | None = None) -> Address:
        """Fill the $row / $col placeholders of a broadcast identity."""
        return Address(
            self.table,
            row if self.row == "$row" and row else self.row,
            col if self.col == "$col" and col else self.col,
        )


@lru_cache(maxsize=1024)
def parse_address(text: str) -> Address:
    match = _ADDRESS.match(text.strip())
    if not match:
        raise ValueError(f"not a cell address: {text!r} (expected e.g. T3[R3.7][TOT])")
    return Address(*match.groups())


def expand(patterns: Iterable[str], keys: Iterable[str]) -> list[str]:
    """Row or column keys matching glob patterns, in the order of `keys` (template order)."""
    return list(_expand(tuple(patterns), tuple(keys)))


@lru_cache(maxsize=4096)
def _expand(patterns: tuple[str, ...], ordered: tuple[str, ...]) -> tuple[str, ...]:
    found: list[str] = []
    for pattern in patterns:
        for key in ordered:
            if fnmatchcase(key, pattern) and key not in found:
                found.append(key)
    return tuple(found)


def expand_rows(report: Report, addresses: Iterable[Address]) -> list[Address]:
    """Addresses with glob rows (T3[R3.3.*][TOT]) made concrete against the table read.

    A glob that matches no row read yields nothing, and a glob touching a row that was not read
    (cut off, ambiguous) yields an address of that row, so the caller sees the gap.
    """
    out: list[Address] = []
    for address in addresses:
        table = report.tables.get(address.table)
        if table is None or not any(ch in address.row for ch in "*?["):
            out.append(address)
            continue
        rows = expand([address.row], [*table.row_keys, *unread_rows(table)])
        out.extend(Address(address.table, row, address.col) for row in rows)
    return out


def cell_of(report: Report, address: Address) -> Cell | None:
    table = report.tables.get(address.table)
    return table.cell(address.row, address.col) if table else None


def value_of(cell: Cell) -> Decimal:
    """A placeholder ("/", "—") counts as 0 (spec §4.4), reported by its own rule; callers skip
    blank cells before they get here (a blank is not a 0)."""
    return cell.value if cell.value is not None and cell.kind != "invalid" else Decimal(0)


def unreadable(table: Table, addresses: Sequence[Address]) -> bool:
    """True when a cell the check needs was not read (cut off, ambiguous, missing)."""
    return any(table.cell(a.row, a.col) is None for a in addresses)


_NOTE_ROW = re.compile(r"^T[234]\[([^\]]+)\]")
_LOST = ("missing_row", "truncated", "ambiguous")


def unread_rows(table: Table) -> list[str]:
    """Rows the reader noted as missing, cut off or ambiguous: their cells are not in `cells`."""
    rows = []
    for note in table.notes:
        match = _NOTE_ROW.match(note.where)
        if note.code in _LOST and match:
            rows.append(match.group(1))
    return rows


def sum_cells(report: Report, addresses: Iterable[Address]) -> Decimal | None:
    """The sum of the cells, rows given as globs (R3.3.*); None when a cell was not read or is
    blank (a blank is not a 0: it is reported once, by the blank-cells rule)."""
    total = Decimal(0)
    for address in expand_rows(report, addresses):
        cell = cell_of(report, address)
        if cell is None or cell.kind == "blank":
            return None
        total += value_of(cell)
    return total


def cells_name(report: Report, addresses: Iterable[Address]) -> str:
    """The cells as the report prints them, address after each: 表三「一、本年新收政府信息公开申请
    数量」行「总计」列（T3[R1][TOT]）; several are said as a sum, never as one cell."""
    names = []
    for address in addresses:
        table = report.tables.get(address.table)
        name = table.cell_name(address.row, address.col) if table else address.table
        names.append(f"{name}（{address}）")
    if len(names) <= 1:
        return "".join(names)
    return "、".join(names[:3]) + ("等" if len(names) > 3 else "") + f"{len(names)}个单元格之和"
