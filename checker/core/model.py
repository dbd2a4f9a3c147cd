"""Frozen dataclasses (and records: see `checker.core.record`) of a parsed report: what every
check kind reads.

A report is read once into a `SourceText` (normalised text with a map back to the file), then
understood into sections, counts, enumerations, tables and metadata. Kinds only ever see this
model, never the input format.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import cached_property

from checker.core.numbers import Number
from checker.core.record import record


@dataclass(frozen=True)
class Message:
    """User-facing text: Chinese first (the users are Chinese officials), English available."""

    zh: str
    en: str

    def render(self, lang: str) -> str:
        return self.en if lang == "en" else self.zh

    @classmethod
    def of(cls, raw: str | Mapping[str, str]) -> Message:
        """From YAML: a plain string, or {zh: …, en: …} with English optional."""
        if isinstance(raw, str):
            return cls(raw, raw)
        return cls(str(raw["zh"]), str(raw.get("en", raw["zh"])))


_SOURCE_LINE = re.compile(r"源文件第(\d+)行")


@record
class Location:
    """A place in the source file; every field is optional because formats differ."""

    line: int | None = None
    column: int | None = None
    page: int | None = None
    part: str | None = None  # e.g. a docx paragraph or table cell, where lines do not exist

    @property
    def file_line(self) -> int | None:
        """The line of the checked file itself, for CI annotations: the source line an HTML page
        or a data file names in its part; none for Word (no lines) or PDF (pages); else `line`."""
        if self.part:
            match = _SOURCE_LINE.match(self.part)
            return int(match.group(1)) if match else None
        return None if self.page else self.line

    @property
    def file_column(self) -> int | None:
        """The column on `file_line`: only where that line is the text's own line."""
        return self.column if self.file_line is not None and not self.part else None

    @property
    def label(self) -> str | None:
        """Where a person finds it when there is no file line: 第3页, 第12段（“…”）, 表格2 第3行第4列."""
        if self.file_line is not None and not self.part:
            return None
        part = self.part or ""
        page = (
            f"第{self.page}页" if self.page and "页" not in part else ""
        )  # a PDF part may name it
        return " ".join(x for x in (page, part) if x) or None


NOWHERE = Location()


@dataclass(frozen=True)
class SourceText:
    """The report's text, normalised for matching, one character per original character.

    Normalisation never changes a line's length, so an offset in `text` maps straight back to
    the original line and column (see `checker.core.textnorm`).
    """

    text: str
    original_lines: tuple[str, ...]
    line_starts: tuple[int, ...]
    line_pages: tuple[int, ...] = ()
    line_parts: tuple[str, ...] = ()

    @cached_property
    def lines(self) -> tuple[str, ...]:
        """The normalised text's lines, split once (sections, metadata, paragraphs and the
        completeness checks each walk them)."""
        return tuple(self.text.split("\n"))

    def line_index(self, offset: int) -> int:
        """0-based index of the line holding `offset`."""
        return max(0, bisect.bisect_right(self.line_starts, offset) - 1)

    def locate(self, offset: int) -> Location:
        # line_index written out: a report's tables locate some three hundred cells and rows
        index = bisect.bisect_right(self.line_starts, offset) - 1
        if index < 0:
            index = 0
        page = self.line_pages[index] if self.line_pages else None
        part = self.line_parts[index] if self.line_parts else None
        return Location(index + 1, offset - self.line_starts[index] + 1, page, part)

    def line_span(self, index: int) -> tuple[int, int]:
        start = self.line_starts[index]
        return start, start + len(self.original_lines[index])


@record
class Section:
    """A heading and the text it governs: [body_start, end) in the normalised text."""

    marker: str  # as written: "一、", "(一)", "1.", "1、", "(1)", "①"
    title: str  # heading words without the marker
    level: int  # 1 = 一、 … 5 = ①, by marker style
    start: int
    body_start: int
    end: int
    location: Location
    inline: bool = False  # run into a paragraph rather than on a line of its own
    number: int | None = None  # the marker's number ("三、" -> 3, "(2)" -> 2), if it has one


@record
class Count:
    """A number stated in prose with its unit and the words it counts."""

    number: Number
    unit: str
    label: str
    start: int
    end: int
    location: Location


@record
class Enumeration:
    """A stated total and the parts listed for it ("共…61件。其中，A37件，B5件，C24件")."""

    total: Count
    parts: tuple[Count, ...]
    intro: str  # what introduced the parts: "其中", "(" or "…中"
    nested: bool = False  # a breakdown of a part of another enumeration
    shares: tuple[Number | None, ...] = ()  # "占Y%" stated for each part, if any
    # The list was ended by words that may start a new subject ("另有…"): what follows may or may
    # not have been parts, so the parts read can show an excess, never a shortfall.
    open_end: bool = False


@record
class Cell:
    """One cell of a statistics table, as written and as read."""

    value: Decimal | None  # None for a blank cell
    raw: str
    kind: str  # "number" | "blank" | "placeholder" | "invalid"
    location: Location


@dataclass(frozen=True)
class TableNote:
    """Something the table reader saw that a check should report (missing row, extra row…)."""

    # missing_row | missing_column | extra_row | altered_label | unmapped | unplaced | ambiguous |
    # duplicate | truncated |
    # inferred (read by elimination: the table's own sums cannot then confirm those cells)
    code: str
    message: Message
    where: str
    location: Location


@dataclass(frozen=True)
class Table:
    """A statistical table keyed by canonical addresses: cells[row][col] (spec §4)."""

    key: str  # "T2" | "T3" | "T4"
    variant: str  # the template matched: "2019" | "2021"
    cells: Mapping[str, Mapping[str, Cell]]
    location: Location
    row_locations: Mapping[str, Location] = field(default_factory=dict)
    notes: tuple[TableNote, ...] = ()
    # How the report prints the table, its rows and columns ("表三", "（一）予以公开", "自然人"):
    # findings name cells the way a clerk finds them, the address is for machines.
    name: str = ""
    row_labels: Mapping[str, str] = field(default_factory=dict)
    col_labels: Mapping[str, str] = field(default_factory=dict)
    reaches_end: bool = False  # nothing follows the table: a copy may stop inside it

    def cell(self, row: str, col: str) -> Cell | None:
        cells = self.cells.get(row)
        return None if cells is None else cells.get(col)

    def cell_name(self, row: str, col: str) -> str:
        """表三「（一）予以公开」行「总计」列 (表四's rows are printed as blocks: 栏)."""
        line = "栏" if self.key == "T4" else "行"
        name = self.name or self.key
        row_label = self.row_labels.get(row, row)
        col_label = self.col_labels.get(col, col)
        return f"{name}「{row_label}」{line}「{col_label}」列"

    @cached_property
    def row_keys(self) -> tuple[str, ...]:
        """Rows read, in template order (checks broadcast over them many times per report)."""
        return tuple(self.cells)

    @cached_property
    def col_keys(self) -> tuple[str, ...]:
        keys: dict[str, None] = {}
        for cols in self.cells.values():
            keys.update(dict.fromkeys(cols))
        return tuple(keys)


@dataclass(frozen=True)
class Period:
    """The statistics period ("统计期限自2023年1月1日起至2023年12月31日止")."""

    raw: str
    year: int | None
    start: date | None
    end: date | None
    location: Location
    malformed: bool = False


@dataclass(frozen=True)
class Metadata:
    """What a report says about itself: title, agency, year, publication date, period."""

    title: str | None = None
    title_location: Location = NOWHERE
    agency: str | None = None
    year: int | None = None
    published: date | None = None
    published_source: str | None = None  # "发布时间" | "signature" | "option"
    published_location: Location = NOWHERE
    period: Period | None = None
    agency_kind: str | None = None  # "department" | "government" | "township"
    agency_kind_source: str | None = None  # "name" | "option"
    era: str | None = None  # "2008" | "2019" | "2021"
    era_source: str | None = None  # "year" | "markers" | "option"
    template_era: str | None = None  # the era the table markers say (spec §2), if any


@dataclass(frozen=True)
class Report:
    """A report as the rules see it: its text and what was extracted from it."""

    path: str
    format: str
    source: SourceText
    metadata: Metadata
    sections: tuple[Section, ...] = ()
    counts: tuple[Count, ...] = ()
    enumerations: tuple[Enumeration, ...] = ()
    tables: Mapping[str, Table] = field(default_factory=dict)
    truncated: bool = False  # the text stops mid-sentence: what is absent may be cut off
    headless: bool = False  # the copy starts mid-report: what would come first may be cut off
    closed_end: bool = False  # ends as a whole report does (a date, a signature, page furniture)
