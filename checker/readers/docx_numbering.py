"""Word's automatic numbering rendered as text: "一、", "（一）", "1." as the reader sees them.

A title numbered by a Word list style has no "一、" in its text; the number exists only on the
page. The section extractor finds headings by their numbers, so the number is rendered here
from numbering.xml: the level's format (chineseCounting, decimal, …) and its text ("%1、").
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from checker.readers.docx_xml import W, attr

_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_DIGITS = "〇一二三四五六七八九"
_HEAVENLY = "甲乙丙丁戊己庚辛壬癸"


@dataclass(frozen=True)
class Level:
    fmt: str
    text: str
    start: int


@dataclass
class Numbering:
    nums: dict[str, dict[int, Level]] = field(default_factory=dict)  # numId -> ilvl -> level
    counters: dict[str, dict[int, int]] = field(default_factory=dict)

    @classmethod
    def parse(cls, root: etree._Element | None) -> Numbering:
        if root is None:
            return cls()
        abstract = {attr(a, "abstractNumId"): _levels(a) for a in root.iterfind(W + "abstractNum")}
        nums = {}
        for num in root.iterfind(W + "num"):
            ref = num.find(W + "abstractNumId")
            if ref is not None and attr(ref, "val") in abstract:
                nums[attr(num, "numId")] = abstract[attr(ref, "val")]
        return cls(nums)

    def label(self, num_id: str, ilvl: int) -> str:
        """The next number of this list at this level, as printed; "" for bullets and none."""
        levels = self.nums.get(num_id)
        if not levels or ilvl not in levels or levels[ilvl].fmt in ("bullet", "none"):
            return ""
        counters = self.counters.setdefault(num_id, {})
        counters[ilvl] = counters.get(ilvl, levels[ilvl].start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        text = levels[ilvl].text
        for level in range(ilvl, -1, -1):
            if level in levels:
                value = counters.get(level, levels[level].start)
                text = text.replace(f"%{level + 1}", format_number(value, levels[level].fmt))
        return text


def _levels(abstract: etree._Element) -> dict[int, Level]:
    out = {}
    for lvl in abstract.iterfind(W + "lvl"):
        fmt, text, start = lvl.find(W + "numFmt"), lvl.find(W + "lvlText"), lvl.find(W + "start")
        out[int(attr(lvl, "ilvl") or 0)] = Level(
            attr(fmt, "val") if fmt is not None else "decimal",
            attr(text, "val") if text is not None else "",
            _int(attr(start, "val")) if start is not None else 1,
        )
    return out


def _int(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        return 1


def format_number(value: int, fmt: str) -> str:
    if fmt.startswith(
        ("chineseCounting", "chineseLegalSimplified", "japaneseCounting", "taiwaneseCounting")
    ):
        return chinese(value)
    if fmt in ("ideographDigital", "taiwaneseDigital"):
        return "".join(_DIGITS[int(d)] for d in str(value))
    if fmt == "decimalEnclosedCircle" and 1 <= value <= len(_CIRCLED):
        return _CIRCLED[value - 1]
    if fmt == "ideographTraditional" and 1 <= value <= len(_HEAVENLY):
        return _HEAVENLY[value - 1]
    if fmt in ("upperLetter", "lowerLetter") and 1 <= value <= 26:
        letter = chr(ord("A") + value - 1)
        return letter if fmt == "upperLetter" else letter.lower()
    return str(value)


def chinese(value: int) -> str:
    """1 -> 一, 10 -> 十, 12 -> 十二, 20 -> 二十, 105 -> 一百零五 (lists never run further)."""
    if not 0 < value < 1000:
        return str(value)
    hundreds, rest = divmod(value, 100)
    tens, ones = divmod(rest, 10)
    out = f"{_DIGITS[hundreds]}百" if hundreds else ""
    if tens:
        out += ("" if tens == 1 and not hundreds else _DIGITS[tens]) + "十"
    elif hundreds and ones:
        out += "零"
    return out + (_DIGITS[ones] if ones else "")
