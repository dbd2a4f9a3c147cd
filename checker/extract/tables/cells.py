"""From placed groups to cells: which slot is which column.

Delimited cells map by position, or by a column header that names them (a header with the
columns in another order, one column fewer, or a subtotal column the template does not have).
Whitespace-separated numbers map in order when there are as many as columns; a row with fewer
(a blank cell left as spaces by `pdftotext -layout`) maps by where its numbers stand, learned
from the full rows on the same page — or not at all. Run-together digits are split by the table's own sums
(`table_split`); a row that still splits several ways is reported, not guessed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from checker.core.model import Cell, SourceText, TableNote
from checker.core.numbers import CellValue, parse_cell
from checker.core.templates.model import Entry, TableTemplate
from checker.extract.tables import notes
from checker.extract.tables.rows import Header, Layout, Placement
from checker.extract.tables.split import ColumnCheck, RowCheck, resolve, split_runs
from checker.extract.tables.tokens import Slot


@dataclass
class Cells:
    rows: dict[str, dict[str, Cell]] = field(default_factory=dict)
    notes: list[TableNote] = field(default_factory=list)
    failed: set[str] = field(default_factory=set)  # rows with values that could not be placed
    said: set[str] = field(default_factory=set)  # notes already given once per table


def build_cells(layout: Layout, template: TableTemplate, source: SourceText) -> Cells:
    out = Cells()
    open_rows: dict[str, tuple[Entry, list[list[Slot]]]] = {}
    grid = _Grid(source, layout.placements)
    for placement in layout.placements:
        if placement.group.flexible:
            _split(placement, template, source, out, open_rows)
        elif len(placement.rows) == 1:
            _single(placement, template, source, out, grid)
        else:
            _several(placement, template, source, out)
    if open_rows:
        _resolve(open_rows, template, source, out)
    return out


@lru_cache(maxsize=4096)
def _parsed(raw: str) -> CellValue:
    """Most cells are "0" and a few small numbers: parse each spelling once."""
    return parse_cell(raw)


def _store(row: Entry, mapping: dict[str, Slot], source: SourceText, out: Cells) -> None:
    # `_cell` written out: a report's tables hold some two hundred cells
    locate = source.locate
    cells: dict[str, Cell] = {}
    for col in row.columns:
        slot = mapping.get(col)
        if slot is not None:
            parsed = _parsed(slot.raw)
            cells[col] = Cell(parsed.value, slot.raw, parsed.kind, locate(slot.start))
    out.rows[row.key] = cells


def _single(
    placement: Placement, template: TableTemplate, source: SourceText, out: Cells, grid: _Grid
) -> None:
    row = placement.rows[0]
    slots = list(placement.group.slots)
    mapping = _by_header(slots, row, placement.header, template, out)
    if mapping is None:
        if placement.group.explicit and len(slots) > len(row.columns):
            slots = _trim(slots, len(row.columns))
        if len(slots) == len(row.columns):
            mapping = dict(zip(row.columns, slots, strict=True))
        elif not placement.group.explicit and len(slots) < len(row.columns):
            mapping = grid.place(placement.group.slots, row)
    if mapping is None:
        at = source.locate(placement.group.start)
        raws = [s.raw for s in placement.group.slots]
        out.notes.append(notes.ambiguous_cells(template, row, raws, len(row.columns), at))
        out.failed.add(row.key)
        return
    _store(row, mapping, source, out)


class _Grid:
    """Where each column's numbers stand on a page of aligned text, from the rows that fill
    every column; a shorter row's numbers are placed by overlap, its gaps are blank cells."""

    SLACK = 1  # characters of misalignment tolerated

    def __init__(self, source: SourceText, placements: Sequence[Placement]) -> None:
        self.source = source
        self.spans: dict[tuple[int, tuple[str, ...]], list[tuple[int, int]]] = {}
        for placement in placements:
            group, rows = placement.group, placement.rows
            if group.explicit or len(rows) != 1 or len(group.slots) != len(rows[0].columns):
                continue
            found = self._columns(group.slots)
            if found is None:
                continue
            page, spans = found
            key = (page, rows[0].columns)
            known = self.spans.setdefault(key, spans)
            self.spans[key] = [
                (min(a, c), max(b, d)) for (a, b), (c, d) in zip(known, spans, strict=True)
            ]

    def _columns(self, slots: Sequence[Slot]) -> tuple[int, list[tuple[int, int]]] | None:
        """(page, [(start, end) column of each slot]) if the slots share a line."""
        lines = {self.source.line_index(s.start) for s in slots}
        if len(lines) != 1:
            return None
        line = lines.pop()
        begin = self.source.line_starts[line]
        page = self._page(line)
        return page, [(s.start - begin, s.start - begin + len(s.raw)) for s in slots]

    def _page(self, line: int) -> int:
        if self.source.line_pages:
            return self.source.line_pages[line]
        # pdftotext starts each page's first line with a form feed.
        return self.source.text.count("\f", 0, self.source.line_span(line)[1])

    def place(self, slots: Sequence[Slot], row: Entry) -> dict[str, Slot] | None:
        found = self._columns(slots)
        if found is None:
            return None
        page, spans = found
        columns = self.spans.get((page, row.columns))
        if columns is None:
            return None
        mapping: dict[str, Slot] = {}
        last = -1
        for slot, (start, end) in zip(slots, spans, strict=True):
            hits = [
                i
                for i, (a, b) in enumerate(columns)
                if start <= b + self.SLACK and end >= a - self.SLACK
            ]
            if len(hits) != 1 or hits[0] <= last:
                return None
            last = hits[0]
            mapping[row.columns[last]] = slot
        line_start = slots[0].start - spans[0][0]
        for index, col in enumerate(row.columns):
            if col not in mapping:  # spaces where a number would stand: a blank cell
                mapping[col] = Slot("", line_start + columns[index][0])
        return mapping


def _several(placement: Placement, template: TableTemplate, source: SourceText, out: Cells) -> None:
    """One printed line holding several rows (table 四's 15 numbers): cut it row by row."""
    width = sum(len(r.columns) for r in placement.rows)
    slots = list(placement.group.slots)
    if placement.group.explicit and len(slots) > width:
        slots = _trim(slots, width)
    at = 0
    for row in placement.rows:
        _store(
            row, dict(zip(row.columns, slots[at : at + len(row.columns)], strict=True)), source, out
        )
        at += len(row.columns)


def _trim(slots: list[Slot], width: int) -> list[Slot]:
    """Drop blank cells at the ends (grid padding, an empty label cell) down to `width`."""
    while len(slots) > width and not slots[-1].raw:
        slots = slots[:-1]
    while len(slots) > width and not slots[0].raw:
        slots = slots[1:]
    return slots


def _by_header(
    slots: list[Slot], row: Entry, header: Header | None, template: TableTemplate, out: Cells
) -> dict[str, Slot] | None:
    """Map slots through the column header when it names them; None when it does not help."""
    if header is None or len(header.leaves) != len(slots):
        return None
    # A blank header cell over a blank value is grid padding ("行政许可 | 0 | ||").
    padded = [
        (leaf, cell, slot)
        for leaf, cell, slot in zip(header.leaves, header.cells, slots, strict=True)
        if leaf or cell or slot.raw
    ]
    leaves = tuple(leaf for leaf, _, _ in padded)
    slots = [slot for _, _, slot in padded]
    known = [leaf for leaf in leaves if leaf]
    if len(known) != len(set(known)) or not set(known) <= set(row.columns):
        return None
    if list(leaves) == list(row.columns):
        return dict(zip(row.columns, slots, strict=True))
    unknown = len(known) < len(leaves)
    positional = len(slots) == len(row.columns) and all(
        leaf is None or leaf == col for leaf, col in zip(leaves, row.columns, strict=True)
    )
    if unknown and positional:
        # Words over the columns that are not the template's ("数据1", a converter's guess),
        # numbers still in template order: read, and not reported — the header is lost in
        # copying far more often than changed in the report.
        return dict(zip(row.columns, slots, strict=True))
    if unknown and set(known) != set(row.columns):
        return None  # unknown columns and missing ones: which is which cannot be told
    if unknown:
        _say(out, notes.unmapped_header(template, header.cells, header.location))
    for col in row.columns:
        if col not in known:
            label = template.column(col).label
            _say(out, notes.missing_column(template, col, label, header.location))
    return {leaf: slot for leaf, slot in zip(leaves, slots, strict=True) if leaf}


def _say(out: Cells, note: TableNote) -> None:
    """Header notes hold for the whole table: give each once."""
    key = f"{note.code}:{note.where}:{note.message.en}"
    if key not in out.said:
        out.said.add(key)
        out.notes.append(note)


# --- run-together digits -------------------------------------------------------------------------


def _row_check(template: TableTemplate, row: Entry) -> RowCheck | None:
    rule = template.row_sum
    if rule is None or rule.total not in row.columns:
        return None
    if not all(p in row.columns for p in rule.parts):
        return None
    return RowCheck(row.columns.index(rule.total), tuple(row.columns.index(p) for p in rule.parts))


def _split(
    placement: Placement,
    template: TableTemplate,
    source: SourceText,
    out: Cells,
    open_rows: dict[str, tuple[Entry, list[list[Slot]]]],
) -> None:
    rows = placement.rows
    widths = [len(r.columns) for r in rows]
    checks = [_row_check(template, r) for r in rows]
    solutions = split_runs(placement.group.slots, widths, checks)
    if len(solutions) == 1:
        _store_split(rows, solutions[0], source, out)
        digits = sum(len(s.raw) for s in placement.group.slots)
        if digits > sum(widths) > len(placement.group.slots):
            # More digits than cells: the row's own total chose the split, so that identity
            # holds by construction here and proves nothing.
            at = source.locate(placement.group.start)
            out.notes.append(notes.inferred(template, rows, "sums", at))
        return
    summed = {r for c in template.column_sums for r in (*c.total, *c.parts)}
    if len(solutions) > 1 and len(rows) == 1 and rows[0].key in summed:
        open_rows[rows[0].key] = (rows[0], solutions)  # the column sums may settle it
        return
    run = " ".join(s.raw for s in placement.group.slots)
    at = source.locate(placement.group.start)
    checked = any(c is not None for c in checks)
    out.notes.append(notes.ambiguous_split(template, rows[0], run, len(solutions), checked, at))
    out.failed.update(r.key for r in rows)


def _store_split(rows: Sequence[Entry], cells: list[Slot], source: SourceText, out: Cells) -> None:
    at = 0
    for row in rows:
        width = len(row.columns)
        _store(row, dict(zip(row.columns, cells[at : at + width], strict=True)), source, out)
        at += width


def _resolve(
    open_rows: dict[str, tuple[Entry, list[list[Slot]]]],
    template: TableTemplate,
    source: SourceText,
    out: Cells,
) -> None:
    """Several splits for some rows: keep the one combination the column sums allow."""
    known = {key: values for key, values in _integers(out).items() if key not in open_rows}
    candidates = {
        key: [[int(c.raw) for c in s] for s in sols] for key, (_, sols) in open_rows.items()
    }
    checks = [ColumnCheck(c.total, c.parts) for c in template.column_sums]
    choice = resolve(known, candidates, checks)
    for key, (row, solutions) in open_rows.items():
        first = solutions[0][0]
        at = source.locate(first.start)
        if choice is None:
            run = "".join(c.raw for c in solutions[0])
            out.notes.append(notes.ambiguous_split(template, row, run, len(solutions), True, at))
            out.failed.add(key)
            continue
        _store_split([row], solutions[choice[key]], source, out)
        out.notes.append(notes.inferred(template, [row], "sums", at))


def _integers(out: Cells) -> dict[str, list[int]]:
    """Rows read so far whose every cell is a whole number, in column order."""
    result: dict[str, list[int]] = {}
    for key, cells in out.rows.items():
        values = [c.value for c in cells.values()]
        if all(v is not None and v == v.to_integral_value() for v in values):
            result[key] = [int(v) for v in values if v is not None]
    return result
