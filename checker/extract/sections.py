"""The section tree, from numbered headings on their own lines or run into a paragraph.

Level by marker style (spec §3): 一、 → 1, （一） → 2, 1. / 1、 → 3, (1) → 4, ① → 5. Top-level
headings must continue the 一、二、三… sequence, which is what tells a heading run into a
paragraph ("…311082三、收到和处理…") from a list inside a sentence.

Crawler dumps and flattened tables glue headings to whatever surrounds them: the digits or the
last label of a table before ("…0000000四、政府信息公开行政复议…", "…行政事业性收费三、收到…"), the
first sentence after ("六、其他需要报告的事项按照《…》要求…"). A top-level title ends at its closing
word (情况, 事项, 概述, 措施), so the sentence run into it is body, not title; a heading glued to a
word (not a digit, space or sentence end) must name one of the known top-level sections.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import replace

from checker.core.model import Section, SourceText
from checker.core.numbers import parse_chinese_integer
from checker.core.record import record

_CN = "一二三四五六七八九十"
_LINE_MARKERS = (
    (1, re.compile(rf"[ \t#*]*(第?[{_CN}]{{1,3}}(?:、|\.|部分))")),
    (2, re.compile(rf"[ \t#*]*([(][{_CN}]{{1,3}}[)]、?)")),
    (3, re.compile(r"[ \t#*]*(\d{1,2}(?:、|\.(?!\d)))")),
    (4, re.compile(r"[ \t#*]*([(]\d{1,2}[)])")),
    (5, re.compile(r"[ \t#*]*([①-⑳])")),
)
# A top-level heading run into a paragraph: after a sentence end, a space, a digit, a closing
# bracket or a table's last label (then `_KNOWN_TOP` must name it).
_INLINE_TOP = re.compile(rf"(?<=[^{_CN}、])([{_CN}]{{1,2}}、)")
_CN_CHARS = frozenset(_CN)
_NOT_A_NUMERAL = re.compile(r"[^0-9一二三四五六七八九十]")
# What a heading on its own line can begin with, after `[ \t#*]*` (digits: str.isdecimal).
_LINE_MARKER_FIRST = frozenset(f"第{_CN}(") | frozenset(map(chr, range(ord("①"), ord("⑳") + 1)))
_BOUNDARY = re.compile(r"[。;!?:\s\d|)\]》”%]")
# The top-level sections of every era (spec §3), as their titles begin: what a heading glued to
# a word must be.
_KNOWN_TOP = re.compile(
    r"(\d{4}年(度)?)?(政务公开|政府信息公开(工作)?)?(总体|概述|主动公开|收到和处理|依申请公开"
    r"|政府信息公开(的)?(行政复议|收费)|因政府信息公开|存在的?主要问题|存在问题|其他需要|其他报告)"
)
# Where a top-level title ends when a sentence runs on after it.
_TITLE_CLOSE = re.compile(r"情况|事项|概述|措施")
_TITLE_END = re.compile(r"[。;!?:]|\s{2,}|\s(?=\d)|$")
# Table row labels that look like top-level headings (spec §4.2): never sections.
_TABLE_LABELS = re.compile(r"(本年新收|上年结转|本年度办理结果|结转下年度|本列数据)")
_INLINE_TITLE = re.compile(r"[ \t]*([^\s\d(),。;:!?|]{2,40})")
_MAX_TITLE = 40
_MAX_INLINE_TITLE = 30


@record
class _Heading:
    """A section heading found in the text: its level, number, title and where its body starts."""

    level: int
    number: int | None
    marker: str
    title: str
    start: int
    body_start: int
    inline: bool


def extract_sections(source: SourceText) -> tuple[Section, ...]:
    headings = _promote(sorted(_iter_candidates(source), key=lambda h: h.start))
    kept = _keep_top_sequence(headings)
    return tuple(_to_sections(kept, source))


_MIN_KNOWN = 3  # known section titles that make a numbering style the report's top level


def _promote(headings: list[_Heading]) -> list[_Heading]:
    """A report numbering its parts "1、总体情况 … 6、其他需要报告的事项" (or "（一）总体情况…")
    has them at a lower marker level: when no 一、 heading names a known section and a lower level
    on lines of its own names enough of them, in order, those headings are the top level. (One
    一、总体情况 is enough to keep its "（一）主动公开 （二）依申请公开…" as sub-items.)"""
    if _known(h for h in headings if h.level == 1):
        return headings
    for level in (2, 3):
        tops = [h for h in headings if h.level == level and not h.inline and _is_known(h.title)]
        numbers = [h.number or 0 for h in tops]
        if (
            len(tops) >= _MIN_KNOWN
            and numbers == sorted(numbers)
            and len(set(numbers)) == len(numbers)
        ):
            chosen = {id(h) for h in tops}
            return [replace(h, level=1) if id(h) in chosen else h for h in headings]
    return headings


def _is_known(title: str) -> bool:
    return bool(_KNOWN_TOP.match(title))


def _known(headings: Iterable[_Heading]) -> int:
    return sum(1 for h in headings if _is_known(h.title))


def _iter_candidates(source: SourceText) -> Iterator[_Heading]:
    line_starts: set[int] = set()
    for index, line in enumerate(source.lines):
        offset = source.line_starts[index]
        heading = _line_heading(line, offset)
        if heading:
            line_starts.add(heading.start)
            yield heading
    text = source.text
    for match in _iter_inline_tops(text):
        if match.start(1) not in line_starts:
            heading = _inline_heading(text, match, _BOUNDARY.match(text, match.start(1) - 1))
            if heading:
                yield heading


def _iter_inline_tops(text: str) -> Iterator[re.Match[str]]:
    """`_INLINE_TOP.finditer(text)`, tried only one or two characters before each 、: the
    pattern opens with a lookbehind, so `re` would try it at every character of the text. Every
    match ends at a 、 and starts one or two characters before it; matches cannot overlap (each
    starts after a character that no match holds), so these are all of them, in order."""
    at = text.find("、")
    while at >= 0:
        if text[at - 1 : at] not in _CN_CHARS:  # every match has a numeral right before its 、
            at = text.find("、", at + 1)
            continue
        for start in (at - 2, at - 1):
            match = _INLINE_TOP.match(text, start) if start > 0 else None
            if match is not None and match.end() == at + 1:  # not one ending at a 、 before
                yield match
                break
        at = text.find("、", at + 1)


def _line_heading(line: str, offset: int) -> _Heading | None:
    if "|" in line or "\t" in line:
        return None  # a table row, not a heading
    first = line.lstrip(" \t#*")[:1]
    if first not in _LINE_MARKER_FIRST and not first.isdecimal():
        return None  # no marker can begin here (most lines: a paragraph's words)
    for level, pattern in _LINE_MARKERS:
        match = pattern.match(line)
        if match:
            marker = match.group(1)
            title, length = _title_after(line, match.end())
            if level == 1:
                title, length = _closed_title(line, match.end(), title, length)
            if not title or len(title) > _MAX_TITLE or _TABLE_LABELS.search(title):
                return None
            return _Heading(
                level,
                _marker_number(marker),
                marker,
                title,
                offset + match.start(1),
                offset + match.end() + length,
                False,
            )
    return None


def _inline_heading(text: str, match: re.Match[str], after_boundary: object) -> _Heading | None:
    if match.start(1) > 0 and not after_boundary and not _KNOWN_TOP.match(text, match.end()):
        return None  # glued to a word: only a known section title makes it a heading
    title, length = _inline_title(text, match.end())
    title, length = _closed_title(text, match.end(), title, length)
    if not title or len(title) > _MAX_INLINE_TITLE or _TABLE_LABELS.search(title):
        return None
    if not re.search(r"情况|事项|概述|问题|措施|公开|报告|复议|诉讼|收费", title):
        return None  # a list item inside a sentence, not a run-in heading
    marker = match.group(1)
    return _Heading(
        1, _marker_number(marker), marker, title, match.start(1), match.end() + length, True
    )


def _closed_title(text: str, start: int, title: str, length: int) -> tuple[str, int]:
    """The title up to its closing word when text runs on after it ("其他需要报告的事项按照…",
    "政府信息公开行政复议、行政诉讼情况行政复议行政诉讼结果维持…")."""
    close = _TITLE_CLOSE.search(text, start, start + _MAX_INLINE_TITLE + 2)
    if close is None or close.end() - start >= length:
        return title, length
    head = text[start : close.end()]
    stripped = head.lstrip(" \t")
    if "\n" in head or not stripped:
        return title, length
    return stripped, close.end() - start


def _title_after(text: str, start: int) -> tuple[str, int]:
    """The heading words after a marker, and how many characters they span."""
    line_end = text.find("\n", start)
    stop = len(text) if line_end < 0 else line_end
    end = _TITLE_END.search(text, start, stop)
    cut = end.start() if end else stop
    raw = text[start:cut]
    return raw.strip(" :"), cut - start


def _inline_title(text: str, start: int) -> tuple[str, int]:
    """Words of a heading run into its paragraph: up to a space, digit, bracket or punctuation."""
    match = _INLINE_TITLE.match(text, start)
    if match is None:
        return "", 0
    return match.group(1), match.end() - start


def _marker_number(marker: str) -> int | None:
    digits = _NOT_A_NUMERAL.sub("", marker)
    return int(digits) if digits.isdigit() else parse_chinese_integer(digits)


def _keep_top_sequence(headings: list[_Heading]) -> list[_Heading]:
    """Keep top-level headings that continue the 一、二、三… count; lower levels as found.

    A heading 一、 on a line of its own may start the count again: some layouts (Shanghai's)
    number the statistical parts anew after the narrative ones.
    """
    kept, last = [], 0
    for heading in headings:
        if heading.level != 1:
            kept.append(heading)
            continue
        number = heading.number or 0
        # A copy that starts mid-report begins at whatever part it begins at, if it is a known one.
        first = last == 0 and _is_known(heading.title)
        if first or last < number <= last + 3 or (number == 1 and last > 1 and not heading.inline):
            kept.append(heading)
            last = number
    return kept


def _to_sections(headings: list[_Heading], source: SourceText) -> Iterator[Section]:
    for index, heading in enumerate(headings):
        end = len(source.text)
        for later in headings[index + 1 :]:
            if later.level <= heading.level:
                end = later.start
                break
        yield Section(
            marker=heading.marker,
            title=heading.title,
            level=heading.level,
            start=heading.start,
            body_start=heading.body_start,
            end=end,
            location=source.locate(heading.start),
            inline=heading.inline,
            number=heading.number,
        )
