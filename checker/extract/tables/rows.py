"""Which row each group of numbers belongs to.

Reading order decides, in three steps:

1. A group printed on the same line as one row's label (or the continuation of a wrapped label)
   is that row's. A group that directly follows exactly one row label (one cell per line, or
   a label wrapped onto the lines above its numbers) is that row's too, if it has the row's
   number of cells.
2. A group after unknown label-like text is an extra row (a note; never a parse failure).
3. The rest — numbers whose labels a converter printed elsewhere — fill the template rows
   still empty between the rows placed around them, in template order, but only when their
   count and sizes match those rows exactly. Anything else is reported, never guessed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from checker.core.model import Location, SourceText, TableNote
from checker.core.numbers import parse_cell
from checker.core.templates.model import Entry, TableTemplate
from checker.extract.tables import notes
from checker.extract.tables.match import PREFIX_MIN, Compact, LabelIndex, Match, compact
from checker.extract.tables.tokens import Fragment, Group, HeaderLine, Item


@dataclass(frozen=True)
class Header:
    """A delimited column header: the column key of each value slot (None: not a template column)."""

    leaves: tuple[str | None, ...]
    cells: tuple[str, ...]
    location: Location


@dataclass(frozen=True)
class Placement:
    rows: tuple[Entry, ...]  # one row, or consecutive rows printed as one line (table 四)
    group: Group
    header: Header | None
    by_order: bool = False  # placed by template order, its labels printed elsewhere


@dataclass
class Layout:
    placements: list[Placement] = field(default_factory=list)
    anchors: dict[str, int] = field(default_factory=dict)  # offset of each row's first label
    notes: list[TableNote] = field(default_factory=list)
    reached: int = -1  # template order of the last row seen (label or values)
    last_group: Group | None = None  # the last group, when nothing but numbers follows it
    last_row: str | None = None  # the row it was first given to
    tentative: set[str] = field(default_factory=set)  # rows with values that fit no column
    extras: int = 0
    stray: int = 0

    @property
    def rows_placed(self) -> int:
        return sum(len(p.rows) for p in self.placements)


@dataclass
class _Record:
    group: Group
    kind: str  # "fixed" | "tentative" | "orphan"
    row: Entry | None
    position: int  # index in the item stream
    header: Header | None


def place_rows(
    items: Sequence[Item],
    template: TableTemplate,
    index: LabelIndex,
    source: SourceText,
    flat: bool,
) -> Layout:
    walk = _Walk(template, index, source, flat)
    for position, item in enumerate(items):
        if walk.stopped:
            break
        if isinstance(item, Fragment):
            walk.fragment(item, position)
        elif isinstance(item, HeaderLine):
            walk.header_line(item)
        else:
            walk.group(item, position)
    _fill_gaps(walk)
    return walk.layout


class _Walk:
    def __init__(self, template: TableTemplate, index: LabelIndex, source: SourceText, flat: bool):
        self.template, self.index, self.source, self.flat = template, index, source, flat
        self.layout = Layout()
        self.records: list[_Record] = []
        self.valued: set[str] = set()
        self.pending: list[Entry] = []  # anchored rows still without values
        self.last_anchor: Entry | None = None
        self.since: list[Entry] = []  # distinct rows named since the previous group
        self.on_line: list[tuple[int, Entry]] = []
        self.unknown: Fragment | None = None  # label-like text right before the next group
        self.anchor_positions: dict[str, list[int]] = {}
        self.current_group: str | None = None
        self.last_order = -1
        self.header: Header | None = None
        self.previous_header: tuple[int, Header | None] | None = None
        self.stopped = False
        self.first_row = template.rows[0].key if template.rows else ""

    # --- text -----------------------------------------------------------------------------

    def fragment(self, fragment: Fragment, position: int) -> None:
        self.layout.last_row = self.layout.last_group = None  # text after: not cut there
        text = compact(fragment.text)
        if self.index.is_header(text):
            self.unknown = None
            return
        found = self.index.matches(text, fragment.text, self.flat)
        rows = self._choose([m for m in found if not m.entry.is_group])
        for match in found:
            if match.entry.is_group:
                self._enter_group(match.entry)
        for match in rows:
            self._anchor(match.entry, fragment, position)
        if found:
            self.unknown = None
            return
        continued = self._continuation(text.chars)
        if continued is not None:
            self._anchor(continued, fragment, position)
        elif self._prose_after_last_row(text):
            # A sentence after the table's last row: the report's text goes on (a flattened
            # page runs "(二)主动公开政府信息的主要类别2023年,在…" straight after table 二).
            self.stopped = True
        elif self.index.label_like(text):
            self.unknown = fragment
        else:
            self.unknown = None

    def _prose_after_last_row(self, text: Compact) -> bool:
        if self.layout.reached < self.index.order[self.template.rows[-1].key]:
            return False
        return bool(_PROSE.search(text.plain))

    def header_line(self, line: HeaderLine) -> None:
        self.layout.last_row = self.layout.last_group = None
        prev = self.previous_header
        header = None
        if prev is not None and prev[0] == line.line - 1 and prev[1] is not None:
            header = self._spanned(line, prev[1])
        if header is None:
            header = self._header(line)
        if header is not None:
            self.header = header
        self.previous_header = (line.line, header)

    def _choose(self, matches: list[Match]) -> list[Match]:
        """Among rows matched by the same text, the one the group context and order point to."""
        by_span: dict[tuple[int, int], list[Match]] = {}
        for match in matches:
            by_span.setdefault((match.start, match.end), []).append(match)
        chosen: list[Match] = []
        for same in by_span.values():
            keys = {m.entry.key for m in same}
            if len(keys) == 1:
                chosen.append(same[0])
                continue
            inside = [m for m in same if m.entry.group == self.current_group]
            later = [m for m in same if self.index.order[m.entry.key] > self.last_order]
            pick = inside if len({m.entry.key for m in inside}) == 1 else later[:1]
            chosen.extend(pick)
        return chosen

    def _enter_group(self, entry: Entry) -> None:
        self.current_group = entry.key
        if entry.group is None and not entry.numbering:
            self.header = None  # a new block of table 二 has its own column header

    def _anchor(self, entry: Entry, fragment: Fragment, position: int) -> None:
        self.layout.anchors.setdefault(entry.key, fragment.start)
        self.anchor_positions.setdefault(entry.key, []).append(position)
        if all(e.key != entry.key for e in self.since):
            self.since.append(entry)
        self.on_line.append((fragment.line, entry))
        self.last_anchor = entry
        if entry.key not in self.valued and entry not in self.pending:
            self.pending.append(entry)
        order = self.index.order[entry.key]
        self.last_order = order
        self.layout.reached = max(self.layout.reached, order)
        self.current_group = entry.group or self.current_group
        self.unknown = None

    def _continuation(self, chars: str) -> Entry | None:
        """The wrapped row this text goes on with: the last row named, or one still waiting."""
        if len(chars) < 2:
            return None
        candidates = [self.last_anchor, *reversed(self.pending)]
        for entry in candidates:
            if entry is not None and any(chars in form.full for form in entry.forms):
                return entry
        return None

    def _header(self, line: HeaderLine) -> Header | None:
        """The column of each value slot under a header line; None when it is no header."""
        cells = list(line.cells)
        keys = [self._column_of(cell) for cell in cells]
        groups = {g.core for g in self.template.column_groups}
        if cells and keys[0] is None and cells[0] not in groups:
            cells, keys = cells[1:], keys[1:]  # the stub over the label column
        if len(cells) < 2:
            return None
        return Header(tuple(keys), tuple(cells), self.source.locate(line.start))

    def _spanned(self, line: HeaderLine, above: Header) -> Header | None:
        """A second header line under a spanning cell ("法人或其他组织" over its five columns)."""
        named = [self._column_of(cell) for cell in line.cells if cell]
        for group in self.template.column_groups:
            if group.core in above.cells and named and all(k in group.columns for k in named):
                leaves: list[str | None] = []
                cells: list[str] = []
                for leaf, cell in zip(above.leaves, above.cells, strict=True):
                    leaves.extend(named if cell == group.core else [leaf])
                    cells.extend([c for c in line.cells if c] if cell == group.core else [cell])
                return Header(tuple(leaves), tuple(cells), above.location)
        return None

    def _column_of(self, cell: str) -> str | None:
        for column in self.template.columns:
            if cell in column.cores:
                return column.key
        return None

    # --- numbers ----------------------------------------------------------------------------

    def group(self, group: Group, position: int) -> None:
        same = _distinct([e for line, e in self.on_line if line == group.line])
        since = list(self.since)
        unknown = self.unknown
        self.since, self.on_line, self.unknown = [], [], None
        record = _Record(group, "orphan", None, position, self.header)
        waiting = [e for e in since if e.key not in self.valued]
        if len(same) == 1:
            record.kind, record.row = "fixed", same[0]
        elif not same and len(waiting) == 1 and not group.explicit:
            # One cell per line, or a label wrapped above its numbers. A delimited row with no
            # label cell under a label line is a converter's garbling: left to step 3.
            record.row = waiting[0]
            record.kind = "fixed" if _fits(group, waiting[0], self.header) else "tentative"
        elif not same and not waiting and len(since) == 1:
            record.kind, record.row = "fixed", since[0]  # named again: a second copy
        elif not same and not since and unknown is not None:
            altered = self._altered(unknown)
            if altered is None:
                self._extra(group, unknown)
                self.layout.last_row = None
                return
            record.kind, record.row = "fixed", altered
        elif not same and group.all_placeholders:
            return  # "- | -" under a header: decoration, no values
        self.layout.last_row = record.row.key if record.row else None
        self.layout.last_group = group
        if record.kind == "fixed" and record.row is not None:
            self._fix(record)
        else:
            self.records.append(record)

    def _fix(self, record: _Record) -> None:
        row = record.row
        assert row is not None
        if row.key in self.valued:
            at = self.source.locate(record.group.start)
            if row.key == self.first_row:
                first = self.source.locate(self.layout.anchors.get(row.key, record.group.start))
                self.layout.notes.append(notes.duplicate_table(self.template, first, at))
                self.stopped = True
            else:
                self.layout.notes.append(notes.duplicate_row(self.template, row, at))
            return
        self.records.append(record)
        self.place(Placement((row,), record.group, record.header))

    def place(self, placement: Placement) -> None:
        for entry in placement.rows:
            self.valued.add(entry.key)
            if entry in self.pending:
                self.pending.remove(entry)
            self.layout.reached = max(self.layout.reached, self.index.order[entry.key])
        self.layout.placements.append(placement)

    def _altered(self, label: Fragment) -> Entry | None:
        """The row an unknown label misprints ("2.其他法律行政止公开"): one of the next rows
        due, with the same numbering and most of its words in order."""
        text = compact(label.text)
        due = [
            e
            for e in self.template.rows
            if e.key not in self.valued and self.index.order[e.key] > self.layout.reached
        ][:_ALTERED_WINDOW]
        for entry in due:
            if text.numbering != entry.numbering:
                continue
            if _similar(text.words, entry.forms[0].core):
                at = self.source.locate(label.start)
                self.layout.notes.append(
                    notes.altered_label(self.template, entry, compact(label.text).plain, at)
                )
                return entry
        return None

    def _extra(self, group: Group, label: Fragment) -> None:
        text = compact(label.text).plain or label.text
        raws = [s.raw for s in group.slots]
        at = self.source.locate(label.start)
        self.layout.notes.append(notes.extra_row(self.template, text, raws, at))
        self.layout.extras += 1


# Sentence punctuation outside a bracketed note, or a year: row labels have neither.
_PROSE = re.compile(r"[,;。，；！？!?]|\d{4}年")
_ALTERED_WINDOW = 2  # a misprinted label is of the next row due, or the one after (a row left out)
_ALTERED_RATIO = 0.75


def _similar(printed: str, core: str) -> bool:
    """Most of the official words, in order: a typo or a dropped word, not another row."""
    if min(len(printed), len(core)) < PREFIX_MIN or printed == core:
        return False
    from difflib import SequenceMatcher  # rarely reached: most labels match exactly

    return SequenceMatcher(None, printed, core, autojunk=False).ratio() >= _ALTERED_RATIO


def _distinct(entries: list[Entry]) -> list[Entry]:
    return list({e.key: e for e in entries}.values())


def _fits(group: Group, row: Entry, header: Header | None) -> bool:
    """Whether a group can be the row's cells: its size, or a header that maps it."""
    width = len(row.columns)
    if group.flexible:
        return sum(len(s.raw) for s in group.slots) >= width
    size = len(group.slots)
    if header is not None and len(header.leaves) == size and any(header.leaves):
        return True
    if group.explicit:
        return _trimmed(group) <= width <= size
    return size == width


def _trimmed(group: Group) -> int:
    """Slots once blank cells at either end are dropped (grid padding, an empty label cell)."""
    kinds = [bool(s.raw) for s in group.slots]
    if not any(kinds):
        return 0
    first = kinds.index(True)
    last = len(kinds) - kinds[::-1].index(True)
    return last - first


# --- step 3: numbers whose labels were printed elsewhere ----------------------------------------


def _fill_gaps(walk: _Walk) -> None:
    records = walk.records
    start = 0
    while start < len(records):
        if records[start].kind == "fixed":
            start += 1
            continue
        end = start
        while end < len(records) and records[end].kind != "fixed":
            end += 1
        before = records[start - 1] if start else None
        after = records[end] if end < len(records) else None
        _fill_run(walk, records[start:end], before, after)
        start = end


def _fill_run(
    walk: _Walk, run: list[_Record], before: _Record | None, after: _Record | None
) -> None:
    order = walk.index.order
    low = order[before.row.key] if before and before.row else -1
    high = order[after.row.key] if after and after.row else len(order)
    rows = [r for r in walk.template.rows if low < order[r.key] < high and r.key not in walk.valued]
    plan = _fit(run, rows) if low < high else None
    if plan is None:
        _report_run(walk, run, rows)
        return
    placed = {id(rec) for rec, _ in plan}
    plain = _plain(walk, plan, before)
    for rec, chunk in plan:
        walk.place(Placement(tuple(chunk), rec.group, rec.header, not plain))
    if not plain:
        at = walk.source.locate(run[0].group.start)
        walk.layout.notes.append(notes.inferred(walk.template, rows, "order", at))
    rest = run[run.index(plan[-1][0]) + 1 :]
    if rest and _fit(rest, rows) is not None:  # the same rows filled again: a second copy
        first = walk.source.locate(run[0].group.start)
        second = walk.source.locate(rest[0].group.start)
        walk.layout.notes.append(notes.duplicate_table(walk.template, first, second))
        return
    for rec in run:
        if id(rec) not in placed:
            _stray(walk, rec)


def _fit(run: list[_Record], rows: list[Entry]) -> list[tuple[_Record, list[Entry]]] | None:
    """Give each full-sized group the next rows its cells fill exactly; all rows must be used."""
    if not rows:
        return None
    return _fit_from(run, rows, 0, 0, min(len(r.columns) for r in rows))


def _fit_from(
    run: list[_Record], rows: list[Entry], index: int, at: int, smallest: int
) -> list[tuple[_Record, list[Entry]]] | None:
    """`_fit` from the run's `index`-th group on, `at` rows already given. A group whose blank
    cells at the end may be padding or the row's own blank cells ("5 | | | 2 | 7 | 8 | | | 1 |
    9 | | | | |", table 四 with its blanks printed empty) fills the fewest rows that leave the
    rest of the run a fit, trying more only when fewer leave rows no group fills."""
    for position in range(index, len(run)):
        rec = run[position]
        if at == len(rows):
            rest = run[position:]
            if any(_size(r.group)[0] >= smallest for r in rest) and _fit(rest, rows) is None:
                return None  # full rows of numbers left over: something is not understood
            return []  # the rest fills the same rows again: a second copy (see _fill_run)
        chunks = _takes(rec.group, rows, at)
        if chunks:
            for chunk in chunks:
                tail = _fit_from(run, rows, position + 1, at + chunk, smallest)
                if tail is not None:
                    return [(rec, rows[at : at + chunk]), *tail]
            return None
        if _size(rec.group)[0] >= smallest:
            return None
    return [] if at == len(rows) else None


def _takes(group: Group, rows: list[Entry], at: int) -> list[int]:
    """How many rows from `at` the group can fill exactly, fewest first (none: it fits none)."""
    if group.flexible:
        return [len(rows) - at] if at == 0 or len(rows) - at == 1 else []
    low, high = _size(group)
    width, found = 0, []
    for count, row in enumerate(rows[at:], start=1):
        width += len(row.columns)
        if low <= width <= high:
            found.append(count)
        if width > high:
            break
    return found


def _size(group: Group) -> tuple[int, int]:
    if group.flexible:
        digits = sum(len(s.raw) for s in group.slots)
        return digits, digits
    if group.explicit:
        return _trimmed(group), len(group.slots)
    return len(group.slots), len(group.slots)


def _plain(walk: _Walk, plan: list[tuple[_Record, list[Entry]]], before: _Record | None) -> bool:
    """Each group's row labels printed, in order, between the previous group and it: a header
    naming the rows above their numbers (table 四), or headings over their own small tables."""
    low = before.position if before else -1
    for rec, chunk in plan:
        last = low + 0.5  # rows named in one fragment share its position
        for row in chunk:
            inside = [p for p in walk.anchor_positions.get(row.key, []) if last <= p < rec.position]
            if not inside:
                return False
            last = inside[0]
        low = rec.position
    return True


def _report_run(walk: _Walk, run: list[_Record], rows: list[Entry]) -> None:
    orphans = [r for r in run if r.kind == "orphan"]
    for rec in run:
        if rec.kind == "tentative" and rec.row is not None:
            walk.layout.tentative.add(rec.row.key)
            at = walk.source.locate(rec.group.start)
            raws = [s.raw for s in rec.group.slots]
            walk.layout.notes.append(
                notes.ambiguous_cells(walk.template, rec.row, raws, len(rec.row.columns), at)
            )
    if not orphans:
        return
    at = walk.source.locate(orphans[0].group.start)
    if rows:
        walk.layout.notes.append(notes.ambiguous_rows(walk.template, rows, len(orphans), at))
        walk.layout.tentative.update(r.key for r in rows)
    else:
        for rec in orphans:
            _stray(walk, rec)


def _stray(walk: _Walk, rec: _Record) -> None:
    raws = [s.raw for s in rec.group.slots]
    if all(parse_cell(r).kind in ("blank", "placeholder") for r in raws):
        return
    walk.layout.stray += 1
    at = walk.source.locate(rec.group.start)
    walk.layout.notes.append(notes.unmapped_values(walk.template, raws, at))
