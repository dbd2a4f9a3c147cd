"""Reading the tables whose regions `extract.find_regions` found: cut each region into label text
and number groups (`tokens`), name the rows (`match`), place every group on its row (`rows`),
map slots to columns and split run-together digits (`cells`, `split`), and keep the template
variant that reads best. Imported only when a report has a table region: a narrative report
never loads this machinery."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from checker.core.model import Cell, Location, SourceText, Table, TableNote
from checker.core.templates.model import TableTemplate, Templates
from checker.extract.tables import notes
from checker.extract.tables.cells import Cells, build_cells
from checker.extract.tables.match import LabelIndex
from checker.extract.tables.regions import Region, find_repeat, region_end
from checker.extract.tables.rows import Layout, place_rows
from checker.extract.tables.tokens import Group, Item, is_flat, iter_items

_INDEXES: dict[int, tuple[TableTemplate, LabelIndex]] = {}


def read_tables(
    source: SourceText, templates: Templates, regions: Mapping[str, Region]
) -> dict[str, Table]:
    """The tables in the regions found, keyed "T2" / "T3" / "T4"; unreadable ones left out."""
    tables: dict[str, Table] = {}
    hint: str | None = None
    ordered = sorted(regions.items(), key=lambda kv: kv[1].start)
    # A crawler dump runs all three tables into one line: decide flatness over them together,
    # a short table 四 alone would not show it.
    flat = bool(ordered) and is_flat(source, ordered[0][1].start, ordered[-1][1].end)
    for key, region in ordered:
        table = _extract(source, templates.variants(key), region, hint, flat)
        if table is not None:
            tables[key] = table
            hint = table.variant
    return tables


@dataclass
class _Reading:
    template: TableTemplate
    layout: Layout
    score: int


def _extract(
    source: SourceText,
    variants: Sequence[TableTemplate],
    region: Region,
    hint: str | None,
    flat: bool,
) -> Table | None:
    items = iter_items(source, region.start, region.end, flat)
    readings = _read_all(source, variants, items, flat, region)
    if not readings:
        return None
    best = max(readings, key=lambda r: (r.score, r.template.variant == hint))
    if not best.layout.anchors and not best.layout.placements:
        return None  # a start marker in prose, no table after it
    cells = build_cells(best.layout, best.template, source)
    torn = _torn_row(best, cells, region, source)
    table_notes = [*best.layout.notes, *cells.notes]
    if torn is not None:  # cut off, not ambiguous: said once, by the truncated note
        torn_at = f"{best.template.table}[{torn}]"
        table_notes = [n for n in table_notes if not (n.code == "ambiguous" and n.where == torn_at)]
    table_notes += _absent_rows(best, cells, region, source, torn, _all_placed(items, best))
    table_notes += _repeat(source, variants, best.template, region)
    order = {e.key: i for i, e in enumerate(best.template.entries)}
    rows = dict(sorted(cells.rows.items(), key=lambda kv: order[kv[0]]))
    return Table(
        key=best.template.table,
        variant=best.template.variant,
        cells=rows,
        location=source.locate(region.start),
        row_locations=_row_locations(best, cells, source),
        notes=tuple(table_notes),
        name=best.template.name,
        row_labels=best.template.row_labels,
        col_labels=best.template.col_labels,
        reaches_end=region.at_eof,
    )


def _read_all(
    source: SourceText,
    variants: Sequence[TableTemplate],
    items: list[Item],
    flat: bool,
    region: Region,
) -> list[_Reading]:
    """Each format read and scored: its markers found, rows placed, nothing left over.

    Formats with the same rows and columns (table 四) are read once.
    """
    text = source.text[region.start : region.end]
    hits = [sum(1 for m in t.markers if m.search(text)) for t in variants]
    if sum(1 for h in hits if h) == 1:
        # Only one format's markers (spec §2) are in the table: no need to try the others.
        variants = [variants[next(i for i, h in enumerate(hits) if h)]]
        hits = [max(hits)]
    readings: list[_Reading] = []
    for template, markers in zip(variants, hits, strict=True):
        twin = next((r for r in readings if _same_shape(r.template, template)), None)
        layout = (
            twin.layout if twin else place_rows(items, template, _index(template), source, flat)
        )
        unread = len(layout.tentative)
        # Rows placed only by template order (their labels not in the text) weigh little: the
        # 2021 sub-rows of （六） must not outscore a 2019 table that names its single row.
        inferred = sum(len(p.rows) for p in layout.placements if p.by_order)
        placed = 4 * (layout.rows_placed - inferred) + inferred
        score = placed + unread + 3 * markers - 2 * layout.extras - layout.stray
        readings.append(_Reading(template, layout, score))
    return readings


def _same_shape(a: TableTemplate, b: TableTemplate) -> bool:
    return a.entries == b.entries and a.columns == b.columns and a.row_sum == b.row_sum


def _index(template: TableTemplate) -> LabelIndex:
    """Built once per template: extraction runs thousands of times with the same templates."""
    cached = _INDEXES.get(id(template))
    if cached is None or cached[0] is not template:
        if len(_INDEXES) > 64:  # templates loaded again and again (tests): do not keep them all
            _INDEXES.clear()
        cached = (template, LabelIndex(template))
        _INDEXES[id(template)] = cached
    return cached[1]


def _all_placed(items: Sequence[Item], reading: _Reading) -> bool:
    """Every number group of the table went to a row, or was said to be an extra row or a
    row's unreadable values: none is left over that could belong to a row whose label stands
    alone (a copy that dropped the line between them)."""
    layout = reading.layout
    placed = {id(p.group) for p in layout.placements}
    left = sum(1 for i in items if isinstance(i, Group) and id(i) not in placed)
    return left <= layout.extras + len(layout.tentative)


def _absent_rows(
    reading: _Reading,
    cells: Cells,
    region: Region,
    source: SourceText,
    torn: str | None,
    all_placed: bool,
) -> list[TableNote]:
    """Rows with no values: missing; blank, when their label is printed (its cells are added as
    blank cells); or — in a copy that stops inside the table (after the last row read, or any
    unseen row when the table's last row is not reached) or starts inside it — cut off, which
    is not the report's fault."""
    template, layout = reading.template, reading.layout
    seen = (set(cells.rows) | cells.failed | layout.tentative) - {torn}
    order = {e.key: i for i, e in enumerate(template.entries)}
    last = max((order[k] for k in seen if k in order), default=-1)
    if torn is not None:
        last = min(last, order[torn] - 1)
    first = min((order[k] for k in seen if k in order), default=len(order))
    # The text ends in the table before its last row: a copy cut there, whose rows may be
    # printed out of template order (a PDF conversion) — none unseen is known to be missing.
    stops_inside = region.at_eof and template.rows[-1].key not in seen
    out: list[TableNote] = []
    cut, cut_before = [], []
    for row in template.rows:
        if row.key in seen or row.extra:
            continue
        if region.at_bof and order[row.key] < first:
            cut_before.append(row)
        elif region.at_eof and (
            order[row.key] > last or (stops_inside and row.key not in layout.anchors)
        ):
            cut.append(row)
        elif row.key in layout.anchors and all_placed:
            # The label is printed and no number follows it: the row is there, its cells are
            # blank (a table printed with labels only) — one blank-cells finding, not "missing".
            at = source.locate(layout.anchors[row.key])
            cells.rows[row.key] = {c: Cell(None, "", "blank", at) for c in row.columns}
        else:
            at = source.locate(layout.anchors.get(row.key, region.start))
            out.append(notes.missing_row(template, row, at))
    if cut:
        out.append(notes.truncated(template, cut, source.locate(max(region.end - 1, 0))))
    if cut_before:
        out.append(notes.truncated(template, cut_before, source.locate(region.start), start=True))
    return out


def _torn_row(reading: _Reading, cells: Cells, region: Region, source: SourceText) -> str | None:
    """The row a copy stops in: its numbers are the last thing in the text and either do not
    fill the row or end the text on their line (the last number may be cut: "3119" → "31")."""
    layout = reading.layout
    group = layout.last_group
    placed = next((p for p in layout.placements if group is not None and p.group is group), None)
    row = placed.rows[-1].key if placed else layout.last_row
    if not region.at_eof or row is None or group is None:
        return None
    width = len(reading.template.entry(row).columns)
    end = group.slots[-1].start + len(group.slots[-1].raw)
    closed = "\n" in source.text[end:] or "|" in source.text[end:]
    if len(group.slots) >= width and closed:
        return None
    cells.rows.pop(row, None)
    return row


def _repeat(
    source: SourceText, variants: Sequence[TableTemplate], template: TableTemplate, region: Region
) -> list[TableNote]:
    """A second copy of the table after its region: read the first, note the second."""
    again = find_repeat(source, variants, region.end)
    if again is None:
        return []
    end = region_end(source, variants, again)
    flat = is_flat(source, again, end)
    items = iter_items(source, again, end, flat)
    layout = place_rows(items, template, _index(template), source, flat)
    if len(layout.placements) < 2:
        return []
    first: Location = source.locate(region.start)
    return [notes.duplicate_table(template, first, source.locate(again))]


def _row_locations(reading: _Reading, cells: Cells, source: SourceText) -> dict[str, Location]:
    out: dict[str, Location] = {}
    for key, row in cells.rows.items():
        anchor = reading.layout.anchors.get(key)
        out[key] = (
            source.locate(anchor) if anchor is not None else next(iter(row.values())).location
        )
    return out
