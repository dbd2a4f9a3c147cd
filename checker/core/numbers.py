"""Every number the checker reads, parsed in one place (spec §4.4 and §6).

A prose number comes with its unit and with what the writer committed to: "13106余条" is at least
13106, "8.1万件" is 81000 rounded to the nearest thousand, "近1000条" at most 1000. Rules compare
bounds; an approximate number is never an exact operand, so parsing must never invent exactness.
Values are Decimal throughout so that 8.1万 is exactly 81000.
"""

from __future__ import annotations

import re
from collections.abc import Container, Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from checker.core.firstchars import FastScanner
from checker.core.record import record


@record
class Number:
    """A number as written in prose, with the range of values the writer can mean."""

    value: Decimal  # after 万/亿 and sign; a percentage keeps its percent value (98.7)
    low: Decimal | None  # lowest value the writer can mean (None = unbounded)
    high: Decimal | None  # highest value the writer can mean (None = unbounded)
    percent: bool = False
    decimals: int = 0  # decimal digits as written, for rounding tolerance (8.1万 -> 1)
    approx: str | None = None  # the approximation marker as written; None when exact

    @property
    def exact(self) -> bool:
        return self.approx is None

    def as_json(self) -> int | float:
        integral = self.value == self.value.to_integral_value()
        return int(self.value) if integral else float(self.value)


@dataclass(frozen=True)
class NumberMatch:
    """A number found in a text, where it was found, and its unit."""

    number: Number
    start: int  # first char, including a prefix marker (近, 约, 共约)
    end: int  # just past the last char consumed (number, multiplier, unit, suffix marker)
    # Counter after the number ("件", "人(次)", "元", "%"), "" if none. 万/亿 are already in the
    # value, so "3.5万元" is 35000 with unit "元" (a table cell keeps "万元": see parse_cell).
    unit: str
    raw: str  # text[start:end]


@record
class CellValue:
    """What a table cell holds: a number, a blank, a placeholder, or something invalid."""

    kind: str  # "number" | "blank" | "placeholder" | "invalid"
    value: Decimal | None  # None for blank/invalid; Decimal(0) for a placeholder
    unit: str  # unit written in the cell ("元", "万元", "件"), "" if none
    signed: bool  # an explicit + or - was written


# One char to one char, so offsets in the normalised text are offsets in the original.
_HALF_WIDTH = str.maketrans("０１２３４５６７８９．，％＋－−（）／＼", "0123456789.,%+--()/\\")
# Financial (大写) and traditional forms, read as the everyday numerals.
_CJK_CANON = str.maketrans(
    "壹贰貳兩叁肆伍陆陸柒捌玖拾佰仟萬億〇○", "一二二两三四五六六七八九十百千万亿零零"
)
_DIGITS = {char: i for i, char in enumerate("零一二三四五六七八九")} | {"两": 2}
_PLACES = {"十": 10, "百": 100, "千": 1000}
_BIG = (("亿", 10**8), ("万", 10**4))
_CJK_CHARS = frozenset(_DIGITS) | frozenset(_PLACES) | frozenset("万亿")
_SIZES = {c: Decimal(10**4) for c in "万萬"} | {c: Decimal(10**8) for c in "亿億"}

# Markers: what each says about the true value relative to the written one.
_AT_LEAST = frozenset(
    ("余", "餘", "多", "以上", "超过", "逾", "过", "多达", "突破", "超", "不少于")
)
_AT_MOST = frozenset(("近", "将近", "接近", "不到", "不足", "以下", "以内", "不超过"))
# Single-char prefixes also end common words (通过, 最近, 节约): those are not markers.
_PREFIX = (
    r"不超过|不少于|多达|将近|接近|不到|不足|大约|大概|共约|突破|(?<!不)超过|逾"
    r"|(?<![通经越穿不度路跨错难看])过|(?<![最附临靠])近|(?<![节制预签合违履公条特邀契相集])约"
    r"|(?<![高赶])超"
)
# What a prefix begins with: a number's first character is tried against this one class, not
# against each alternative (five of them open with a lookbehind, which `re` cannot skip cheaply).
_PREFIX_FIRST = "不多将接大共突超逾过近约"
_BEFORE_UNIT = r"余|餘|多|许(?!可)|以上|以下|以内|左右|上下|不到"
_AFTER_UNIT = r"以上|以下|以内|左右|上下|不到|余|餘"
_UNITS = (
    r"人\(次\)|人次|件次|小时|分钟|件|个|個|条|條|项|項|人|次|家|份|篇|场|場|名|所|起|例|位"
    r"|户|戶|笔|筆|批|期|封|张|張|册|冊|套|部|台|臺|辆|輛|元|%|年|月|日|天"
)
_H = r"[ \t\u00a0\u3000]*"  # PDF text puts spaces between digits and CJK ("近 300 个")
_INT = r"(?P<int>\d{1,3}(?:,\d{3})++(?!\d)|\d++)(?P<frac>\.\d++(?!\.\d))?"
_CJK_START = "一二两三四五六七八九十壹贰貳兩叁肆伍陆陸柒捌玖拾"
_CJK_ALL = _CJK_START + "零〇○百千万亿佰仟萬億"
# Not a count: ordinals (第二十条), vague amounts (数十, 几十), "每一件", "上一年", "统一部署".
_CJK_NOT_AFTER = "第数几每上下统同唯逐单" + _CJK_ALL
_NUMBER = re.compile(
    # Digits inside Latin words, URLs and dotted dates (t20181225, 5G, 2019.03.05) are not numbers.
    rf"(?P<skip>[0-9]*+[A-Za-z][A-Za-z0-9_.:/?#=&%\-]*|\d+(?:\.\d+){{2,}})"
    rf"|(?:(?=[{_PREFIX_FIRST}])(?P<prefix>{_PREFIX}){_H})?"
    rf"(?:(?P<sign>(?<![0-9A-Za-z])[+-]|负)?(?<![\d.]){_INT}(?![A-Za-z])"
    r"|百分之(?P<pct>[零〇○一二两三四五六七八九十百千点點]++)"
    rf"|(?<![{_CJK_NOT_AFTER}])(?P<cjk>[{_CJK_START}][{_CJK_ALL}]*+"
    r"(?:[点點][零〇○一二三四五六七八九]++[万亿萬億]?)?))"
    rf"(?:{_H}(?P<mark1>{_BEFORE_UNIT}))?(?:{_H}(?P<mult>[万亿萬億]))?"
    rf"(?:{_H}(?P<mark2>{_BEFORE_UNIT}))?(?:{_H}(?P<unit>{_UNITS}))?"
    rf"(?(unit)(?:{_H}(?P<post>{_AFTER_UNIT}))?)"
)
# Numeral + counter pairs that are words, not counts.
_IDIOMS = ("一起", "一次性", "一部分", "一条龙", "一件事", "三位一体")
_CELL = re.compile(rf"(?P<sign>[+-])?{_INT}{_H}(?P<unit>万元|亿元|{_UNITS}|万|亿)?")
_PLACEHOLDER = re.compile(r"[-—–/\\]+|无")


# Where each group of _NUMBER is in match.groups(): a match's groups are read from one tuple
# (reading them by name, a dozen times per number, cost more than the regex match).
(_SKIP, _PREFIX_AT, _SIGN, _INT_AT, _FRAC, _PCT, _CJK, _MARK1, _MULT, _MARK2, _UNIT, _POST) = (
    _NUMBER.groupindex[name] - 1
    for name in (
        "skip", "prefix", "sign", "int", "frac", "pct", "cjk", "mark1", "mult", "mark2", "unit",
        "post",
    )
)  # fmt: skip
_ZERO = Decimal(0)


def parse_number(text: str) -> Number | None:
    """The number that the whole string is ("13106余条", "8.1万", "五十九", "98.7%"), else None."""
    match = _NUMBER.fullmatch(text.strip().translate(_HALF_WIDTH))
    return None if match is None or match["skip"] else _number(match.groups())


# Prose is scanned once per report: only where a number can begin (see checker.core.firstchars), and
# translated to half width only when it holds a full-width form (the readers' text rarely does).
_NUMBER_SCAN = FastScanner(_NUMBER)
_FULL_WIDTH = re.compile("[" + "".join(f"\\U{code:08x}" for code in _HALF_WIDTH) + "]")


def iter_numbers(
    text: str, *, chinese: bool = True, units: Container[str] | None = None
) -> Iterator[NumberMatch]:
    """Numbers in running prose, in text order; Chinese numerals only when a counter follows.
    With `units`, only numbers whose unit ("" for none) is in it: the others are not parsed
    (a report's tables hold hundreds of bare numbers a caller may not want)."""
    for number, start, end, unit in iter_number_spans(text, chinese=chinese, units=units):
        yield NumberMatch(number, start, end, unit, text[start:end])


def iter_number_spans(
    text: str,
    *,
    chinese: bool = True,
    units: Container[str] | None = None,
    spans: Iterable[tuple[int, int]] | None = None,
) -> Iterator[tuple[Number, int, int, str]]:
    """`iter_numbers` as (number, start, end, unit), for a caller that builds its own record
    of each (extract_counts): a NumberMatch made only to be read and dropped costs as much as
    parsing the number. With `spans`, only those [start, end) parts of the text are scanned,
    each ending at a newline or the text's end (a number never spans lines, and the pattern's
    lookaheads see the end of a span as they see a newline); lookbehinds still see before it."""
    normal = text.translate(_HALF_WIDTH) if _FULL_WIDTH.search(text) else text
    for low, high in ((0, len(normal)),) if spans is None else spans:
        for match in _NUMBER_SCAN.finditer(normal, low, high):
            groups = match.groups()
            unit = groups[_UNIT] or ""
            if units is not None and unit not in units:
                continue
            number = _number(groups) if _wanted(groups, match, normal, chinese) else None
            if number is not None:
                start, end = match.span()
                yield number, start, end, unit


def parse_chinese_integer(text: str) -> int | None:
    """ "一百零三" -> 103, "两千" -> 2000, "壹佰" -> 100, "二〇一八" -> 2018; else None."""
    canon = text.strip().translate(_CJK_CANON)
    if not canon or not _CJK_CHARS.issuperset(canon):
        return None
    if "两" not in canon and all(char in _DIGITS for char in canon):
        # Read digit by digit (years); but "三五" is "three or five", not 35.
        return None if len(canon) == 2 else int("".join(str(_DIGITS[c]) for c in canon))
    return _with_big_units(canon)


def parse_cell(raw: str) -> CellValue:
    """One table cell; the value stays in the unit written in the cell ("3.5万元" -> 3.5 万元)."""
    text = raw.strip().translate(_HALF_WIDTH)
    if not text:
        return CellValue("blank", None, "", False)
    if _PLACEHOLDER.fullmatch(text):
        return CellValue("placeholder", Decimal(0), "", False)
    match = _CELL.fullmatch(text)
    if match is None:
        return CellValue("invalid", None, "", False)
    value = _arabic(match)
    return CellValue("number", value, match["unit"] or "", bool(match["sign"]))


def _wanted(groups: tuple[str | None, ...], match: re.Match[str], text: str, chinese: bool) -> bool:
    """Chinese numerals are words too (一是, 统一, 一站双微): only a counter makes one a count."""
    if groups[_SKIP] or not (groups[_INT_AT] or chinese):
        return False
    cjk = groups[_CJK]
    if not cjk:
        return True
    # "十余件" is more than ten, but "统一多部门" is not "more than one".
    vague = groups[_MARK1] in ("余", "餘", "多") and cjk[-1] not in "十百千万亿拾佰仟萬億"
    return bool(groups[_UNIT]) and not vague and not text.startswith(_IDIOMS, match.start(_CJK + 1))


@lru_cache(maxsize=4096)
def _number(groups: tuple[str | None, ...]) -> Number | None:
    """The number a match of _NUMBER states, from its groups. The same few numbers ("0件",
    "100%", "1条") come back in every report of a batch: each is parsed once (a Number is never
    changed once made, so one can stand for all)."""
    parsed = _value(groups)
    if parsed is None:
        return None
    value, decimals, multiplier = parsed
    markers = [m for m in (groups[_PREFIX_AT], groups[_MARK1], groups[_MARK2], groups[_POST]) if m]
    half = _SIZES[multiplier].scaleb(-decimals) / 2 if multiplier else _ZERO
    low, high = _bounds(value, markers, half)
    approx = markers[0] if markers else multiplier or None
    percent = bool(groups[_PCT]) or groups[_UNIT] == "%"
    return Number(value, low, high, percent, decimals, approx)


def _value(groups: tuple[str | None, ...]) -> tuple[Decimal, int, str] | None:
    """Value, decimals written and the 万/亿 that scaled it ("" if none)."""
    parsed: tuple[Decimal, int, str] | None
    digits, fraction = groups[_INT_AT], groups[_FRAC]
    if digits:
        value = Decimal(digits.replace(",", "") + (fraction or ""))
        parsed = (-value if groups[_SIGN] in ("-", "负") else value), len(fraction or ".") - 1, ""
    else:
        parsed = _cjk_decimal(groups[_PCT] or groups[_CJK] or "")
    multiplier = groups[_MULT]
    if parsed is None or not multiplier:
        return parsed
    return _tidy(parsed[0] * _SIZES[multiplier]), parsed[1], multiplier


def _arabic(match: re.Match[str]) -> Decimal:
    value = Decimal(match["int"].replace(",", "") + (match["frac"] or ""))
    return -value if match["sign"] in ("-", "负") else value


def _cjk_decimal(text: str) -> tuple[Decimal, int, str] | None:
    """ "九十八点七" -> 98.7, "三点五万" -> 35000, "五十九万" -> 590000 (rounded to 万)."""
    whole, dot, fraction = text.replace("點", "点").partition("点")
    last = (fraction or whole)[-1:]
    multiplier = last if last in _SIZES else ""
    if not dot:
        integer = parse_chinese_integer(whole)
        return None if integer is None else (Decimal(integer), 0, multiplier)
    digits = fraction.removesuffix(multiplier).translate(_CJK_CANON)
    integer = parse_chinese_integer(whole)
    if integer is None or not digits or not all(c in _DIGITS and c != "两" for c in digits):
        return None
    value = Decimal(f"{integer}.{''.join(str(_DIGITS[c]) for c in digits)}")
    return _tidy(value * _SIZES.get(multiplier, 1)), len(digits), multiplier


def _bounds(
    value: Decimal, markers: list[str], half: Decimal
) -> tuple[Decimal | None, Decimal | None]:
    """Markers decide the direction; without one, a 万/亿 figure is ± half its last digit."""
    if not markers:
        return (_tidy(value - half), _tidy(value + half)) if half else (value, value)
    low = value if all(m in _AT_LEAST for m in markers) else None
    high = value if all(m in _AT_MOST for m in markers) else None
    return low, high


def _tidy(value: Decimal) -> Decimal:
    """81000.0 -> 81000: scaling by 万 leaves trailing zeros nobody wrote."""
    integral = value.to_integral_value()
    return integral if value == integral else value.normalize()


def _with_big_units(text: str) -> int | None:
    for char, size in _BIG:
        head, found, tail = text.partition(char)
        if found:
            high = _with_big_units(head) if head else 1
            low = _below(tail, size)
            return None if high is None or low is None else high * size + low
    return _section(text)


def _below(tail: str, size: int) -> int | None:
    """What follows 万/亿; a lone digit is the next place down ("一万五" is 15000)."""
    if len(tail) == 1 and tail != "零" and tail in _DIGITS:
        return _DIGITS[tail] * size // 10
    value = _with_big_units(tail) if tail else 0
    return value if value is not None and value < size else None


def _section(text: str) -> int | None:
    """A numeral below 10000 ("一百零三", "十五", "三千五")."""
    total, digit, place, scale = 0, None, 10_000, 1
    for char in text:
        if char in _PLACES:
            if _PLACES[char] >= place:  # places must fall: 一百五十, never 十百
                return None
            total += _PLACES[char] * (1 if digit is None else digit)
            digit, place, scale = None, _PLACES[char], _PLACES[char] // 10
        elif digit is not None:  # two digits in a row ("十三五")
            return None
        elif char == "零":
            scale = 1
        else:
            digit = _DIGITS[char]
    return total + (digit or 0) * scale
