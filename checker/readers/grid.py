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
    """The cells starting in each row, with their grid column."""
    covered: dict[int, int] = {}  # grid column -> rows still covered from above, this one included
    out: list[list[Placed]] = []
    for index, row in enumerate(rows):
        placed, starts = [], {}
        column = 0
        for cell in row:
            while covered.get(column, 0) > 0:
                column += 1
            placed.append(Placed(column, cell))
            colspan = min(max(cell.colspan, 1), MAX_SPAN)
            rowspan = cell.rowspan if cell.rowspan > 0 else len(rows) - index
            for spanned in range(column, column + colspan):
                starts[spanned] = min(rowspan, len(rows) - index)
            column += colspan
        covered = {c: n - 1 for c, n in covered.items() if n > 1} | {
            c: n - 1 for c, n in starts.items() if n > 1
        }
        out.append(placed)
    return out


def cell_text(text: str) -> str:
    """One line per cell: a line break inside a cell becomes a space; a pipe cannot split it."""
    return _SPACE.sub(" ", text).strip().replace("|", "¦")


def grid_width(rows: Sequence[Sequence[Placed]]) -> int:
    return max((p.column + max(p.cell.colspan, 1) for row in rows for p in row), default=0)
