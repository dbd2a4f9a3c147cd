"""Tables given as data (structured YAML/JSON input) into the same Table model the text gives.

Structured input names every cell by its canonical address (spec §4: T3 → R3.3.4 → COM), so
nothing is guessed: each value is parsed like a printed cell (`parse_cell`), the template the
keys fit is the variant, template rows absent from the data are noted as missing (the same note
the text reader gives), rows the template does not know are noted as extra. A cell's location
is the line of the rendered row in the Document and, as its part, the line in the source file.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from checker.core.document import source_part
from checker.core.model import Cell, Location, SourceText, Table, TableNote
from checker.core.numbers import parse_cell
from checker.core.templates.model import TableTemplate
from checker.core.templates.raw import RawCell, RawTable, choose_variant
from checker.extract.tables import notes


def tables_from_data(cells: Mapping[str, RawTable], source: SourceText) -> dict[str, Table]:
    lines = _line_index(source)
    out: dict[str, Table] = {}
    for key in sorted(cells):
        template = choose_variant(key, cells[key])
        if template is not None:
            out[key] = _table(template, cells[key], lines)
    return out


def _table(template: TableTemplate, rows: RawTable, lines: Mapping[str, int]) -> Table:
    known = {e.key: e for e in template.rows}
    table_cells: dict[str, dict[str, Cell]] = {}
    row_locations: dict[str, Location] = {}
    found: list[TableNote] = []
    for entry in template.rows:
        if entry.key not in rows:
            continue
        given = rows[entry.key]
        at = _location(_first_line(given), lines)
        row_locations[entry.key] = at
        # A column the data leaves out is a blank cell, as an empty printed cell would be.
        table_cells[entry.key] = {
            col: _cell(given.get(col, ("", None)), at) for col in entry.columns
        }
    first = min(row_locations.values(), key=lambda loc: loc.line or 0, default=Location())
    for entry in template.rows:
        if entry.key not in rows and not entry.extra:
            found.append(notes.missing_row(template, entry, first))
    for row, given in rows.items():
        if row not in known:
            raws = [raw for raw, _ in given.values()]
            found.append(notes.extra_row(template, row, raws, _location(_first_line(given), lines)))
    return Table(
        template.table,
        template.variant,
        table_cells,
        first,
        row_locations,
        tuple(found),
        name=template.name,
        row_labels=template.row_labels,
        col_labels=template.col_labels,
    )


def _cell(raw: RawCell, row: Location) -> Cell:
    """On the printed row's Document line; the part names the cell's own line in the file."""
    text, line = raw
    parsed = parse_cell(text)
    location = replace(row, part=source_part(line) or row.part)
    return Cell(parsed.value, text, parsed.kind, location)


def _first_line(cells: Mapping[str, RawCell]) -> int | None:
    return min((line for _, line in cells.values() if line), default=None)


def _location(line: int | None, lines: Mapping[str, int]) -> Location:
    """The Document line showing this source line (the printed row), and the source line."""
    part = source_part(line)
    index = lines.get(part)
    if index is None:
        return Location(part=part or None)
    return Location(line=index + 1, column=1, part=part)


def _line_index(source: SourceText) -> dict[str, int]:
    """part -> first Document line carrying it."""
    out: dict[str, int] = {}
    for index, part in enumerate(source.line_parts):
        out.setdefault(part, index)
    return out
