"""Where each table sits in the text: from its first start marker to the next table or heading.

Tables come in the order 二, 三, 四 (spec §4), so each is looked for after the start of the one
before it; that keeps "收到和处理政府信息公开申请情况" in the report's opening summary from
passing for table 三. A region that runs to the end of the text was possibly cut off there.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from checker.core.model import SourceText
from checker.core.templates.model import TableTemplate, Templates


@dataclass(frozen=True)
class Region:
    """The span of the text (character offsets) that holds one table."""

    table: str
    start: int
    end: int
    at_eof: bool  # no end marker and no next table: the copy may stop inside the table
    at_bof: bool = False  # nothing but table lines before it: the copy may start inside it


def find_regions(source: SourceText, templates: Templates) -> dict[str, Region]:
    text = source.text
    starts: dict[str, int] = {}
    floor = 0
    for table in sorted(templates.tables, key=_table_order):
        start = _valid_start(text, templates.variants(table), floor)
        if start is not None:
            starts[table] = start
            floor = start
    regions: dict[str, Region] = {}
    ordered = sorted(starts.items(), key=lambda kv: kv[1])
    for index, (table, start) in enumerate(ordered):
        limit = ordered[index + 1][1] if index + 1 < len(ordered) else len(text)
        end = _end(text, templates.variants(table), start, limit)
        regions[table] = Region(table, start, end, end == len(text), _starts_copy(text, start))
    return regions


# Before a table in a copy that starts inside it: no heading, no sentence, only cells.
_PROSE_BEFORE = re.compile(r"[。!?]|(^|\n)\s*[一二三四五六七八九十]{1,2}、")


def _starts_copy(text: str, start: int) -> bool:
    """The copy begins at or inside this table: nothing before it but rows of cells."""
    return not _PROSE_BEFORE.search(text, 0, start)


def find_repeat(source: SourceText, variants: Iterable[TableTemplate], after: int) -> int | None:
    """Where the table's first start marker occurs again after `after` (a second copy?)."""
    patterns = [t.start[0] for t in variants if t.start]
    found = _first(source.text, patterns, after)
    return found[0] if found else None


def region_end(source: SourceText, variants: Iterable[TableTemplate], start: int) -> int:
    return _end(source.text, list(variants), start, len(source.text))


def _valid_start(text: str, variants: Sequence[TableTemplate], floor: int) -> int | None:
    """The first start marker that a table follows: one of its `require` words comes before
    its end. "…行政复议和行政诉讼情况…" in the opening summary is not table 四."""
    patterns = _start_patterns(variants)
    require = list(dict.fromkeys(p for t in variants for p in t.require))
    while True:
        found = _first(text, patterns, floor)
        if found is None:
            return None
        end = _end(text, variants, found[0], len(text))
        if not require or any(p.search(text, found[0], end) for p in require):
            return found[0]
        floor = found[1]


def _table_order(key: str) -> int:
    return int(key[1:])


def _start_patterns(variants: Iterable[TableTemplate]) -> list[re.Pattern[str]]:
    return list(dict.fromkeys(p for t in variants for p in t.start))


def _first(text: str, patterns: Iterable[re.Pattern[str]], floor: int) -> tuple[int, int] | None:
    best: tuple[int, int] | None = None
    for pattern in patterns:
        match = pattern.search(text, floor)
        if match and (best is None or match.start() < best[0]):
            best = match.span()
    return best


def _end(text: str, variants: Iterable[TableTemplate], start: int, limit: int) -> int:
    """The first end marker after the start marker itself, or the limit."""
    variants = list(variants)
    found = _first(text, _start_patterns(variants), start)
    after = found[1] if found else start
    end = limit
    for pattern in dict.fromkeys(p for t in variants for p in t.end):
        match = pattern.search(text, after, end)
        if match:
            end = match.start()
    return end
