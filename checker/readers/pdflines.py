"""Text lines of a PDF page back into paragraphs, without the page numbers.

A PDF has no paragraphs, only lines placed on the page. A line that runs to the right edge of
the text and is followed, without a gap, by a line that is not indented and does not start a
numbered heading, is the same paragraph wrapped: joining them keeps a number next to its unit
("收到申请52" / "件") and a heading on a line of its own. A paragraph is never joined across a
page: each line keeps the page it is on.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from statistics import median

from checker.core.textnorm import join_wrapped

_PAGE_NUMBER = re.compile(r"^[-—–\s]*\d{1,4}[-—–\s]*$|^第\s*\d+\s*页(\s*[,，]?\s*共\s*\d+\s*页)?$")
_STARTS_ITEM = re.compile(
    r"^\s*(第?[一二三四五六七八九十]{1,3}[、.]|[（(][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}[、.](?!\d)|[①-⑳])"
)


@dataclass(frozen=True)
class TextLine:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float


@dataclass(frozen=True)
class Frame:
    """The text block of a page: its edges and the size of a character."""

    left: float
    right: float
    char: float

    @property
    def middle(self) -> float:
        return (self.left + self.right) / 2


def paragraphs(lines: Sequence[TextLine]) -> tuple[list[TextLine], Frame | None]:
    """The page's paragraphs (x0 of the first line, x1 of the last) and its text frame."""
    lines = _without_page_numbers(lines)
    if not lines:
        return [], None
    ends = sorted(line.x1 for line in lines)
    frame = Frame(
        left=min(line.x0 for line in lines),
        # Justified lines end at the margin; one that overflows it (a long Latin run) must
        # not become the margin, so take the edge most full lines reach.
        right=ends[(len(ends) * 3) // 4],
        char=median((line.bottom - line.top) for line in lines),  # CJK glyphs are square
    )
    out: list[TextLine] = []
    for line in lines:
        if out and _continues(out[-1], line, frame):
            last = out[-1]
            out[-1] = replace(
                last, text=join_wrapped([last.text, line.text]), x1=line.x1, bottom=line.bottom
            )
        else:
            out.append(line)
    return out, frame


def ends_open(paragraph: TextLine, frame: Frame) -> bool:
    """The paragraph's last line runs to the margin: it may go on at the top of the next page."""
    return paragraph.x1 >= frame.right - 3.5 * frame.char


def opens_flush(paragraph: TextLine, frame: Frame) -> bool:
    """The paragraph starts at the margin (no first-line indent) and not with a numbered item."""
    return paragraph.x0 <= frame.left + 0.5 * frame.char and not _STARTS_ITEM.match(paragraph.text)


def _continues(before: TextLine, line: TextLine, frame: Frame) -> bool:
    # A line breaks early before a word that cannot be split ("〔2021〕30号"), so "full" allows
    # a few characters; a new paragraph is told by its first-line indent, not by this.
    close = line.top - before.bottom < frame.char
    if not (ends_open(before, frame) and close) or _STARTS_ITEM.match(line.text):
        return False
    centred = abs((line.x0 + line.x1) / 2 - frame.middle) < frame.char  # a title's second line
    return opens_flush(line, frame) or (centred and before.x0 > frame.left + 0.5 * frame.char)


def _without_page_numbers(lines: Sequence[TextLine]) -> list[TextLine]:
    """A lone number ("- 3 -", "第3页") above or below the text is the page's furniture."""
    kept = list(lines)
    for end in (-1, 0):
        if kept and _PAGE_NUMBER.match(kept[end].text.strip()):
            kept.pop(end)
    return kept
