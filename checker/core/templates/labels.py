"""Label text as the table reader compares it: whitespace, punctuation and numbering ignored.

Copies of the same table differ in everything but the words: "（一）予以公开" / "(一) 予以公开" /
"予以公开", "1、" / "1." / "1. ", "“三安全一稳定”" / "\"三安全一稳定\"", a label wrapped over two
lines ("商业\n企业") or carrying the template's fill-in note in brackets ("规章(设区的市…)").
Everything here works on text already passed through `checker.core.textnorm.normalize`
(full-width ASCII became ASCII), so brackets are "(" and ")".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from checker.core.textnorm import normalize

CN_NUMERALS = "一二三四五六七八九十"

# Dropped before comparing: separators, quotes and brackets in every width and style.
PUNCT = frozenset(
    "#*、,，.。;；:：!！?？“”\"'‘’「」『』【】[]《》<>〈〉()（）·•/／\\|-—–_~～ \t\f\v\u3000"
)

# Numbering in front of a label, by level: "一、" (cn), "(一)" (paren), "1." / "1、" (item).
_NUMBERING = re.compile(
    rf"\s*(?:(?P<paren>\(\s*[{CN_NUMERALS}]{{1,3}}\s*\)\s*[、.]?)"
    rf"|(?P<cn>[{CN_NUMERALS}]{{1,3}}\s*[、.])"
    r"|(?P<item>\d{1,2}\s*(?:[、.](?!\d)|\)(?!\d))))\s*"
)
# Numbering just before a position inside a run-together text ("…不予公开1.属于国家秘密").
_NUMBERING_BEFORE = re.compile(
    rf"(?:(?P<paren>\([{CN_NUMERALS}]{{1,3}}\))|(?P<cn>[{CN_NUMERALS}]{{1,3}}、)"
    r"|(?P<item>(?<!\d)\d{1,2}[、.]))\s*$"
)
# A bracketed note closed on the same line; "(一)" and "(2)" are numbering, not notes.
_NOTE = re.compile(r"\([^()\n]*\)")
_NUMERAL_ONLY = re.compile(rf"\(\s*[{CN_NUMERALS}\d]{{1,3}}\s*\)")


def numbering_kind(text: str) -> tuple[str | None, int]:
    """The numbering style a label starts with ("cn" | "paren" | "item" | None) and its length."""
    match = _NUMBERING.match(text)
    if match is None or match.lastgroup is None:
        return None, 0
    return match.lastgroup, match.end()


def numbering_before(text: str) -> str | None:
    """The numbering style that ends `text` (the words after it being a label), if any."""
    match = _NUMBERING_BEFORE.search(text[-8:])
    return match.lastgroup if match else None


def note_spans(text: str) -> list[tuple[int, int]]:
    """Spans of closed bracketed notes, numbering brackets excepted."""
    return [m.span() for m in _NOTE.finditer(text) if not _NUMERAL_ONLY.fullmatch(m.group())]


_DROP = {ord(c): None for c in PUNCT} | {ord(c): None for c in " \t\n\r\f\v\u3000\u00a0"}


def squeeze(text: str) -> str:
    """Drop whitespace and punctuation: the form every comparison uses."""
    return text.translate(_DROP)


def is_kept(char: str) -> bool:
    """Whether `squeeze` keeps the character."""
    return ord(char) not in _DROP


@dataclass(frozen=True)
class LabelForms:
    """A template label in the forms the matcher needs."""

    core: str  # squeezed, numbering and bracketed notes dropped: what must be found
    full: str  # squeezed, numbering dropped, notes kept: what a wrapped line may continue
    numbering: str | None  # the numbering style the official label carries


def label_forms(label: str) -> LabelForms:
    text = normalize(label)
    kind, length = numbering_kind(text)
    body = text[length:]
    kept: list[str] = []
    last = 0
    for start, end in note_spans(body):
        kept.append(body[last:start])
        last = end
    kept.append(body[last:])
    return LabelForms(squeeze("".join(kept)), squeeze(body), kind)
