"""The document beside its findings: paragraphs and tables, each finding marked at its place.

A finding's `line` is a line of the Document the checker read (1-based) and `column` a place
in it; table rows are pipe rows (" | "), so a column falls in one cell. Docx rows carry each
cell's label ("表格2 第3行第4列"), which puts the cell back in its grid column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

SEPARATOR = " | "
_GRID_COLUMN = re.compile(r"第(\d+)列$")


@dataclass
class Cell:
    text: str
    marks: list[int] = field(default_factory=list)  # numbers of the findings placed here


@dataclass
class Block:
    kind: str  # "p" or "table"
    line: int = 0  # 1-based, for a paragraph
    text: str = ""
    marks: list[int] = field(default_factory=list)
    rows: list[tuple[int, list[Cell]]] = field(default_factory=list)  # (line, cells)
    spans: list[tuple[str, bool]] = field(default_factory=list)  # the text, quoted parts marked


def blocks(document: Any, findings: list[dict[str, Any]]) -> list[Block]:
    """Paragraphs and tables of the document, with the findings' numbers (1-based) marked."""
    by_line: dict[int, list[tuple[int, int]]] = {}
    quotes: dict[int, list[tuple[str, int]]] = {}
    for number, finding in enumerate(findings, start=1):
        if finding.get("line"):
            column = finding.get("column") or 1
            by_line.setdefault(finding["line"], []).append((number, column))
            if finding.get("where"):
                quotes.setdefault(finding["line"], []).append((finding["where"], column))
    out: list[Block] = []
    for index, text in enumerate(document.lines):
        line, marks = index + 1, by_line.get(index + 1, [])
        starts = document.cell_parts.get(index)
        if starts or SEPARATOR in text:
            cells = _cells(text, starts, marks)
            if not out or out[-1].kind != "table":
                out.append(Block("table"))
            out[-1].rows.append((line, cells))
        else:
            spans = _spans(text, quotes.get(line, []))
            out.append(Block("p", line, text, [n for n, _ in marks], spans=spans))
    for block in out:
        if block.kind == "table":
            _square(block)
    return out


def _spans(text: str, quotes: list[tuple[str, int]]) -> list[tuple[str, bool]]:
    """The paragraph cut so that each finding's quoted words (its `where`, when it is text of
    this line) are marked: the occurrence nearest the finding's column."""
    marked = [False] * len(text)
    for quote, column in quotes:
        starts = [m.start() for m in re.finditer(re.escape(quote), text)]
        if starts:
            start = min(starts, key=lambda at: abs(at - (column - 1)))
            marked[start : start + len(quote)] = [True] * len(quote)
    spans: list[tuple[str, bool]] = []
    for char, flag in zip(text, marked, strict=True):
        if spans and spans[-1][1] == flag:
            spans[-1] = (spans[-1][0] + char, flag)
        else:
            spans.append((char, flag))
    return spans


def _cells(text: str, starts: Any, marks: list[tuple[int, int]]) -> list[Cell]:
    pieces, offsets, at = text.split(SEPARATOR), [], 0
    for piece in pieces:
        offsets.append(at)
        at += len(piece) + len(SEPARATOR)
    cells = [Cell(piece) for piece in pieces]
    for number, column in marks:
        place = sum(1 for start in offsets if start <= column - 1) - 1
        cells[max(place, 0)].marks.append(number)
    if starts and len(starts) == len(cells):
        return _on_grid(cells, [label for _, label in starts])
    return cells


def _on_grid(cells: list[Cell], labels: list[str]) -> list[Cell]:
    """Put each docx cell in its grid column (a merged cell is emitted once, at its left)."""
    columns = [_GRID_COLUMN.search(label) for label in labels]
    if not all(columns):
        return cells
    grid: list[Cell] = []
    for cell, found in zip(cells, columns, strict=True):
        assert found is not None
        while len(grid) < int(found.group(1)) - 1:
            grid.append(Cell(""))
        grid.append(cell)
    return grid


def _square(block: Block) -> None:
    width = max(len(cells) for _, cells in block.rows)
    for _, cells in block.rows:
        cells.extend(Cell("") for _ in range(width - len(cells)))
