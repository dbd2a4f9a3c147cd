"""Small helpers shared by kinds: compiled patterns, sections and paragraphs of a report."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from checker.core.model import Report
from checker.core.numbers import parse_chinese_integer

_PARAGRAPH_END = re.compile(r"[。!?;:]\s*$")
_HEADING = re.compile(
    r"\s*([一二三四五六七八九十]{1,3}、|\([一二三四五六七八九十]{1,3}\)|\d{1,2}[、.](?!\d))"
)


def compile_all(patterns: Iterable[str]) -> tuple[re.Pattern[str], ...]:
    """Compile rule patterns, naming the one at fault (the loader turns it into a rule error)."""
    compiled = []
    for pattern in patterns:
        try:
            compiled.append(re.compile(pattern))
        except re.error as exc:
            raise ValueError(f"bad regular expression {pattern!r}: {exc}") from exc
    return tuple(compiled)


def any_match(patterns: Sequence[re.Pattern[str]], text: str) -> bool:
    return any(p.search(text) for p in patterns)


def squeeze(text: str) -> str:
    """Heading words for matching: no whitespace."""
    return re.sub(r"\s+", "", text)


def clause_before(text: str, start: int, end: int) -> str:
    """The clause that ends at `end` and holds `start`: for quoting a count in a message."""
    left = start
    while left > 0 and text[left - 1] not in "，,。；;\n" and start - left < 40:
        left -= 1
    return text[left:end].strip()


def top_section_span(report: Report, offset: int) -> tuple[int, int]:
    """The top-level section around `offset`, or the whole text when there is none."""
    for section in report.sections:
        if section.level == 1 and section.start <= offset < section.end:
            return section.start, section.end
    return 0, len(report.source.text)


def iter_paragraphs(report: Report) -> list[tuple[int, int]]:
    """Paragraph spans: a paragraph ends at a line that ends a sentence, a table row or a heading.

    Blank lines do not end one: PDF page breaks and OCR put blank lines inside sentences, so a
    bracket opened before them may close after. A copy cut off ends with an unfinished paragraph,
    which is left out: its brackets may close in the part that was lost.
    """
    source = report.source
    spans, start = [], None
    for index, line in enumerate(source.lines):
        begin, end = source.line_span(index)
        if _HEADING.match(line) and start is not None:
            spans.append((start, begin))
            start = None
        if not line.strip():
            continue
        start = begin if start is None else start
        if _PARAGRAPH_END.search(line) or "|" in line:
            spans.append((start, end))
            start = None
    if start is not None:
        spans.append((start, len(source.text)))
    return spans[:-1] if report.truncated else spans


_EARLY = 4  # a text whose last part is 四 or before stops before two parts or more


def stops_early(report: Report) -> bool:
    """An unclosed text (no date, signature or page furniture at its end) whose last part is 四
    or before, or that has no part at all: a copy that stops at a full stop looks like this, a
    whole report ends with its 五 and 六. What would follow is "cannot assess" for the checks of
    parts and tables (other checks read the text as it is)."""
    if report.closed_end or report.truncated:
        return report.truncated
    tops = [s for s in report.sections if s.level == 1]
    if not tops:
        return True
    digits = re.sub(r"[^0-9一二三四五六七八九十]", "", tops[-1].marker)
    number = int(digits) if digits.isdigit() else parse_chinese_integer(digits)
    return (number or len(tops)) <= _EARLY
