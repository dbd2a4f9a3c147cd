"""A table region as a reading-order stream of label text and number groups, whatever the shape.

Real copies print a table as pipe rows ("规章 | 0 | 0 | 0"), Markdown, tab-separated cells, one
cell per line ("规章 |" / "0 |" …), whitespace-aligned `pdftotext -layout` columns, or a crawler's
flat text where every cell runs into the next ("…申请数量640020470二、…"). This module only
cuts the text into:

- `Fragment`: a piece of label or header text, where it starts and on which line;
- `Group`: the number cells of one printed row (or of one line of a one-cell-per-line table),
  each `Slot` with its raw text and offset; `explicit` when the cells were delimited (so a blank
  cell is a real, placed cell), `flexible` when it is a run-together digit string;
- `HeaderLine`: a delimited line of text cells only (a column header), kept for column mapping.

Which row a group belongs to is decided later (`table_rows`), from the template.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from checker.core.model import SourceText
from checker.core.numbers import parse_cell
from checker.core.templates.labels import note_spans, squeeze

# The items are not frozen (a frozen class sets each field through object.__setattr__, and a
# report's tables make hundreds of them), but nothing changes one once it is made.


@dataclass(slots=True)
class Fragment:
    text: str  # as in the normalised source, stripped
    start: int  # offset in source.text
    line: int  # 0-based line index


@dataclass(slots=True)
class Slot:
    raw: str
    start: int


@dataclass(slots=True)
class Group:
    slots: tuple[Slot, ...]
    line: int  # line of the first slot
    explicit: bool  # delimited cells: a blank slot is a real blank cell in its place
    flexible: bool  # digits run together (flat text): a slot may hold several cells

    @property
    def start(self) -> int:
        return self.slots[0].start

    @property
    def all_placeholders(self) -> bool:
        return all(parse_cell(s.raw).kind in ("blank", "placeholder") for s in self.slots)


@dataclass(slots=True)
class HeaderLine:
    cells: tuple[str, ...]  # squeezed text of every delimited cell, blanks included
    line: int
    start: int


Item = Fragment | Group | HeaderLine

# Page furniture that pdftotext and PDF→Markdown converters leave inside tables.
_PAGE_NUMBER = re.compile(r"[-—–]\s*\d{1,3}\s*[-—–]|第\s*\d+\s*页(?:\s*[,，]?\s*共\s*\d+\s*页)?")
_RULE_CHARS = frozenset("|-: \t")
# Units a cell may carry ("251000元", "3件"); longer spellings first.
_UNITS = "万元|亿元|元|人次|件|条|个|项|次"
# A number cell: one delimited by whitespace (letters allowed: the checks report "12a"), or a
# number glued to label text (crawler dumps), or a placeholder standing alone.
_TOKEN = re.compile(
    rf"(?P<cell>(?<![^\s|])[+-]?[0-9A-Za-z.,%]*\d[0-9A-Za-z.,%]*(?:{_UNITS})?(?![^\s|]))"
    rf"|(?P<num>(?<![0-9A-Za-z.+\-])[+-]?\d+(?:,\d{{3}})*(?:\.\d+)?(?:{_UNITS}|%)?(?![0-9A-Za-z]))"
    r"|(?P<ph>(?<![^\s|])(?:[—–-]+|/|无)(?![^\s|]))"
)
_ITEM_NUMBER = re.compile(r"\d{1,2}[.、]")  # "1." alone: a label's numbering, not a cell
_DATE_UNIT = frozenset("年月日")
_WIDE_GAP = re.compile(r"\s{2,}|\f")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_CELL_SPLIT = re.compile(r"[|\t]")
_MAY_HOLD_CELL = re.compile(r"\d|(?<!\S)(?:[—–-]+|/|无)(?!\S)")
_GLUED = re.compile(r"[\u4e00-\u9fff]\d")  # "…申请数量640020470": no cell boundary left


def iter_items(source: SourceText, start: int, end: int, flat: bool) -> list[Item]:
    """The items of source.text[start:end] in reading order."""
    reader = _Reader(flat)
    first, last = source.line_index(start), source.line_index(max(start, end - 1))
    for index in range(first, last + 1):
        a, b = source.line_span(index)
        a, b = max(a, start), min(b, end)
        reader.line(source.text[a:b], a, index)
    return reader.finish()


def is_flat(source: SourceText, start: int, end: int) -> bool:
    """A crawler dump: the tables on a line or two, labels running straight into digits."""
    text = source.text[start:end]
    if sum(1 for line in text.split("\n") if line.strip()) > 3:
        return False
    return len(_GLUED.findall(text)) >= 2


class _Reader:
    def __init__(self, flat: bool) -> None:
        self.flat = flat
        self.items: list[Item] = []
        self.singles: list[tuple[Slot, int]] = []  # one-cell-per-line values not yet grouped

    def finish(self) -> list[Item]:
        self._flush()
        return self.items

    def line(self, text: str, offset: int, index: int) -> None:
        if _skip(text):
            return  # blank, a page number or a Markdown rule: one-cell lines run on across it
        cells = _delimited(text, offset)
        if _filled_at_least_two(cells):
            self._flush()
            self._delimited_line(cells, index)
            return
        if cells:
            text, offset = _only_content(cells, text, offset)
        items = list(_whitespace_items(text, offset, index, self.flat))
        if len(items) == 1 and isinstance(items[0], Group) and len(items[0].slots) == 1:
            self.singles.append((items[0].slots[0], index))
            return
        self._flush()
        self.items.extend(items)

    def _flush(self) -> None:
        if self.singles:
            slots = tuple(slot for slot, _ in self.singles)
            self.items.append(Group(slots, self.singles[0][1], False, False))
            self.singles = []

    def _delimited_line(self, cells: list[tuple[str, int]], index: int) -> None:
        labels: list[tuple[str, int]] = []
        values: list[tuple[str, int]] = []
        textual = False
        for raw, start in cells:
            # Leading text cells are the label (or a group marker and the label); the rest are
            # values in column order, blanks included.
            if not values:
                if _is_text(raw):
                    labels.append((raw, start))
                else:
                    values.append((raw, start))  # the first value: known not to be text
            else:
                values.append((raw, start))
                textual = textual or _is_text(raw)
        filled = any(raw.strip() for raw, _ in values)
        if textual or not filled:
            labels = [c for c in cells if c[0].strip()]
            values = []
            squeezed = tuple(squeeze(raw) for raw, _ in cells)
            self.items.append(HeaderLine(squeezed, index, cells[0][1]))
        for raw, start in labels:
            stripped = raw.strip()
            lead = len(raw) - len(raw.lstrip())
            self.items.append(Fragment(stripped, start + lead, index))
        if values:
            slots = tuple(_slot(raw, start) for raw, start in values)
            self.items.append(Group(slots, index, True, False))


def _filled_at_least_two(cells: list[tuple[str, int]]) -> bool:
    filled = 0
    for raw, _ in cells:
        if not raw.isspace() and raw:
            filled += 1
            if filled == 2:
                return True
    return False


def _skip(text: str) -> bool:
    stripped = text.strip()
    if not stripped.strip("|"):
        return True
    if len(stripped) <= 16 and _PAGE_NUMBER.fullmatch(stripped):
        return True
    return "---" in stripped and set(stripped) <= _RULE_CHARS


def _delimited(text: str, offset: int) -> list[tuple[str, int]]:
    """Cells of a line split on pipes or tabs, with their offsets; edge pipes dropped."""
    if "|" not in text and "\t" not in text:
        return []
    parts: list[tuple[str, int]] = []
    at = offset
    for piece in (text.replace("\t", "|") if "\t" in text else text).split("|"):
        parts.append((piece, at))
        at += len(piece) + 1  # the delimiter: one character
    # Markdown rows have pipes at both edges; "规章 | 0 | 0 | " (no leading pipe) ends with a
    # blank last cell — trailing blanks beyond the columns are trimmed later anyway.
    edged = text.lstrip().startswith("|")
    if edged and not parts[0][0].strip():
        parts = parts[1:]
    if edged and parts and not parts[-1][0].strip():
        parts = parts[:-1]
    return parts


def _only_content(cells: list[tuple[str, int]], text: str, offset: int) -> tuple[str, int]:
    """A line with one delimited cell ("规章 |", "3 |"): that cell is the line."""
    for raw, start in cells:
        if raw.strip():
            return raw, start
    return "", offset


def _is_text(raw: str) -> bool:
    """Label or header text, not a value: words, not a number ("251000元"), "无" or "12a"."""
    if raw.isascii() or not _CJK.search(raw):  # isascii: at once, and most cells are digits
        return False
    head = raw.lstrip()[:1]
    return not (head.isdigit() or head in "+-无") or parse_cell(raw).kind == "invalid"


def _slot(raw: str, start: int) -> Slot:
    stripped = raw.strip()
    if stripped == raw or not stripped:
        return Slot(stripped, start)
    return Slot(stripped, start + raw.index(stripped))


def _whitespace_items(text: str, offset: int, index: int, flat: bool) -> Iterator[Item]:
    """Fragments and groups of an undelimited line: cells are set apart by whitespace or text."""
    if not _MAY_HOLD_CELL.search(text):
        yield from _fragments(text, offset, index)  # most header and label lines: words only
        return
    notes = note_spans(text) if "(" in text else []
    slots: list[Slot] = []
    last = 0
    for match in _TOKEN.finditer(text):
        start, end = match.span()
        if any(a <= start < b for a, b in notes) or not _is_cell(match, text):
            continue
        raw, end = _drop_numbering(match, text)
        if not raw:
            continue
        if text[last:start].strip():
            if slots:
                yield _group(slots, index, flat)
                slots = []
            yield from _fragments(text[last:start], offset + last, index)
        slots.append(Slot(raw, offset + start))
        last = end
    if slots:
        yield _group(slots, index, flat)
    if text[last:].strip():
        yield from _fragments(text[last:], offset + last, index)


def _is_cell(match: re.Match[str], text: str) -> bool:
    raw = match.group()
    if match.lastgroup == "cell" and _ITEM_NUMBER.fullmatch(raw):
        return False
    after = text[match.end() : match.end() + 3].lstrip()[:1]
    return not (after and after in _DATE_UNIT)  # "2019年", "2024 年": a date in a note


def _drop_numbering(match: re.Match[str], text: str) -> tuple[str, int]:
    """ "…00000002.其他…": the digit before "." + label is the next label's numbering."""
    raw, end = match.group(), match.end()
    if match.lastgroup != "num" or not re.match(r"[.、]\s*[\u4e00-\u9fff(]", text[end : end + 3]):
        return raw, end
    if len(raw) <= 2:
        return "", match.start()
    return raw[:-1], end - 1


def _group(slots: list[Slot], index: int, flat: bool) -> Group:
    flexible = flat and all(s.raw.isdigit() for s in slots)
    return Group(tuple(slots), index, False, flexible)


def _fragments(text: str, offset: int, index: int) -> Iterator[Fragment]:
    last = 0
    for match in _WIDE_GAP.finditer(text + "  "):
        piece = text[last : match.start()]
        if squeeze(piece):
            lead = len(piece) - len(piece.lstrip())
            yield Fragment(piece.strip(), offset + last + lead, index)
        last = match.end()
