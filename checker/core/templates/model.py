"""A table template as loaded: columns, rows (entries) with their groups, sums, and the markers
that find the table in a report's text (the file format is described in `loader`)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property

from checker.core.templates.labels import LabelForms

# A bracketed fill-in note ending a label: "（区分处理的，只计这一情形，不计其他情形）".
_NOTE_AT_END = re.compile(r"(?<=[^\s(（])[(（][^()（）]{4,}[)）]$")


@dataclass(frozen=True)
class Column:
    """One column of a table format: its key, label and the label's variants."""

    key: str
    label: str
    cores: tuple[str, ...]  # squeezed label and variants


@dataclass(frozen=True)
class ColumnGroup:
    """A spanning header over several columns ("法人或其他组织")."""

    label: str
    core: str
    columns: tuple[str, ...]


@dataclass(frozen=True)
class Entry:
    """A row, or a group/block header rows are printed under (spec §4: "(group)" lines)."""

    key: str
    label: str
    forms: tuple[LabelForms, ...]  # official label first, then the variants
    columns: tuple[str, ...]  # the row's columns in printed order (a group: its rows')
    is_group: bool = False
    group: str | None = None  # key of the group this entry is printed under
    extra: bool = False  # a known extra row declared by a profile

    @property
    def numbering(self) -> str | None:
        return self.forms[0].numbering


@dataclass(frozen=True)
class RowSum:
    """A row that is the sum of other rows."""

    total: str
    parts: tuple[str, ...]


@dataclass(frozen=True)
class ColumnSum:
    """Columns that are the sum of other columns."""

    total: tuple[str, ...]
    parts: tuple[str, ...]


@dataclass(frozen=True)
class TableTemplate:
    """One table format: how to find the table in a report, its rows, columns and sums."""

    table: str
    variant: str
    name: str
    title: str
    start: tuple[re.Pattern[str], ...]
    end: tuple[re.Pattern[str], ...]
    require: tuple[re.Pattern[str], ...]  # one must be in the region, or a start is prose
    markers: tuple[re.Pattern[str], ...]
    header_words: frozenset[str]
    columns: tuple[Column, ...]
    column_groups: tuple[ColumnGroup, ...]
    entries: tuple[Entry, ...]
    row_sum: RowSum | None = None
    column_sums: tuple[ColumnSum, ...] = ()
    sources: tuple[str, ...] = ()

    @property
    def rows(self) -> tuple[Entry, ...]:
        return tuple(e for e in self.entries if not e.is_group)

    def entry(self, key: str) -> Entry:
        return next(e for e in self.entries if e.key == key)

    @cached_property
    def row_labels(self) -> dict[str, str]:
        """Each row's official label, its fill-in note dropped ("（二）部分公开"); a numbered
        sub-row with its group's label ("（六）其他处理 3.其他"), as a clerk finds it."""
        groups = {e.key: e.label for e in self.entries if e.is_group}
        out: dict[str, str] = {}
        for entry in self.rows:
            label = _NOTE_AT_END.sub("", entry.label) or entry.label
            group = groups.get(entry.group or "")
            if group and entry.numbering == "item" and group[:1] in "(（":
                label = f"{group} {label}"
            out[entry.key] = label
        return out

    @cached_property
    def col_labels(self) -> dict[str, str]:
        return {c.key: c.label for c in self.columns}

    def column(self, key: str) -> Column:
        return next(c for c in self.columns if c.key == key)


@dataclass(frozen=True)
class Templates:
    """Every table's templates, in load order (the first is the default format)."""

    tables: Mapping[str, tuple[TableTemplate, ...]] = field(default_factory=dict)

    def variants(self, table: str) -> tuple[TableTemplate, ...]:
        return self.tables.get(table, ())

    def get(self, table: str, variant: str) -> TableTemplate | None:
        return next((t for t in self.variants(table) if t.variant == variant), None)
