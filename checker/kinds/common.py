"""Small helpers shared by kinds: compiled patterns, sections and paragraphs of a report."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence

import regex

from checker.errors import PatternTimeout
from checker.model import Report

_PARAGRAPH_END = re.compile(r"[。!?;:]\s*$")
_HEADING = re.compile(
    r"\s*([一二三四五六七八九十]{1,3}、|\([一二三四五六七八九十]{1,3}\)|\d{1,2}[、.](?!\d))"
)


# Seconds one search of a rule's pattern may take. A report's text is searched in milliseconds;
# a pattern such as `(a+)+$` from a user's pack backtracks for ages on a long run of one letter.
PATTERN_BUDGET = 2.0
RuleMatch = regex.Match[str]


class RulePattern:
    """A regular expression from a rule pack, searched with a time budget.

    Rule packs are input too (a user's `--rules`): their patterns run on the `regex` engine,
    whose searches can be given a timeout; a search past it raises `PatternTimeout` and the
    engine reports the rule as not assessable for that file instead of hanging the run.
    """

    __slots__ = ("_compiled", "groupindex", "pattern")

    def __init__(self, pattern: str):
        self._compiled = regex.compile(pattern)
        self.pattern = pattern
        self.groupindex: Mapping[str, int] = self._compiled.groupindex

    def search(self, text: str, pos: int = 0) -> RuleMatch | None:
        try:
            return self._compiled.search(text, pos, timeout=PATTERN_BUDGET)
        except TimeoutError as exc:
            raise PatternTimeout(self.pattern, PATTERN_BUDGET) from exc

    def finditer(self, text: str) -> Iterator[RuleMatch]:
        try:
            yield from self._compiled.finditer(text, timeout=PATTERN_BUDGET)
        except TimeoutError as exc:
            raise PatternTimeout(self.pattern, PATTERN_BUDGET) from exc


def compile_all(patterns: Iterable[str]) -> tuple[RulePattern, ...]:
    """Compile rule patterns, naming the one at fault (the loader turns it into a rule error)."""
    compiled = []
    for pattern in patterns:
        try:
            compiled.append(RulePattern(pattern))
        except (regex.error, OverflowError, RecursionError) as exc:
            raise ValueError(f"bad regular expression {pattern!r}: {exc}") from exc
    return tuple(compiled)


def any_match(patterns: Sequence[RulePattern], text: str) -> bool:
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
