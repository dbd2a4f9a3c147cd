"""Tables with merged cells as a person sees them: each cell once, at its grid position.

HTML (rowspan/colspan) and Word (gridSpan/vMerge) describe a table row by row, listing only
the cells that start in that row. Placing them on the grid tells which column each one starts
in; the pipe row then has one cell per cell that starts in the row and nothing for positions a
merged cell covers from above or from the left (the table extractor handles dropped cells).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

MAX_SPAN = 1000  # HTML caps colspan at 1000; a larger value is an error we clamp, not a table
MAX_ROWSPAN = 65534  # and rowspan at 65534
MAX_COLUMNS = 1000  # a report's widest table has a few dozen columns

_SPACE = re.compile(r"[ \t\r\n\f\v]+")


@dataclass(frozen=True)
class SpanCell:
    text: str
    rowspan: int = 1  # 0 or less: to the end of the table (HTML rowspan="0")
    colspan: int = 1
    label: str = ""  # where the cell is in the file, for locations


@dataclass(frozen=True)
class Placed:
    column: int  # 0-based grid column where the cell starts
    cell: SpanCell


def place(rows: Sequence[Sequence[SpanCell]]) -> list[list[Placed]]:
    """The cells starting in each row, with their grid column.

    Spans are capped as browsers cap them (colspan 1000, rowspan 65534) and the grid at
    MAX_COLUMNS: `<td colspan=100000000>` or a few hundred rows of 1000 × 65534 cells must not
    cost gigabytes or minutes. Past the grid's edge a cell is still placed (its text is kept),
    but what it covers is no longer tracked.
    """
    until: dict[int, int] = {}  # grid column -> the last row it is covered through
    out: list[list[Placed]] = []
    total = len(rows)
    for index, row in enumerate(rows):
        placed = []
        column = 0
        for cell in row:
            while column < MAX_COLUMNS and until.get(column, -1) >= index:
                column += 1
            placed.append(Placed(column, cell))
            colspan = min(max(cell.colspan, 1), MAX_SPAN)
            rowspan = min(cell.rowspan, MAX_ROWSPAN) if cell.rowspan > 0 else total - index
            last = index + min(rowspan, total - index) - 1
            for spanned in range(column, min(column + colspan, MAX_COLUMNS)):
                until[spanned] = last
            column += colspan
        out.append(placed)
    return out


def cell_text(text: str) -> str:
    """One line per cell: a line break inside a cell becomes a space; a pipe cannot split it."""
    return _SPACE.sub(" ", text).strip().replace("|", "¦")


def grid_width(rows: Sequence[Sequence[Placed]]) -> int:
    return max((p.column + max(p.cell.colspan, 1) for row in rows for p in row), default=0)
