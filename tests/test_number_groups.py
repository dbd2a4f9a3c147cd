"""Numbers are read from a match's groups tuple (checker.core.numbers, issue 12): they are the
numbers reading the groups by name gave. The reader by name is kept here as the reference."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from checker.core import numbers
from checker.core.numbers import Number, NumberMatch, iter_numbers, parse_number

PROPERTY = settings(database=None, deadline=None, max_examples=600)


# --- the reference: the reader by group name, as it was ---------------------------------------


def by_name_iter(
    text: str, *, chinese: bool = True, units: set[str] | None = None
) -> Iterator[NumberMatch]:
    normal = text.translate(numbers._HALF_WIDTH) if numbers._FULL_WIDTH.search(text) else text
    for match in numbers._NUMBER_SCAN.finditer(normal):
        if units is not None and (match["unit"] or "") not in units:
            continue
        number = by_name_number(match) if by_name_wanted(match, normal, chinese) else None
        if number is not None:
            start, end = match.span()
            yield NumberMatch(number, start, end, match["unit"] or "", text[start:end])


def by_name_parse(text: str) -> Number | None:
    match = numbers._NUMBER.fullmatch(text.strip().translate(numbers._HALF_WIDTH))
    return None if match is None or match["skip"] else by_name_number(match)


def by_name_wanted(match: re.Match[str], text: str, chinese: bool) -> bool:
    if match["skip"] or not (match["int"] or chinese):
        return False
    if not match["cjk"]:
        return True
    vague = match["mark1"] in ("余", "餘", "多") and match["cjk"][-1] not in "十百千万亿拾佰仟萬億"
    return (
        bool(match["unit"])
        and not vague
        and not text.startswith(numbers._IDIOMS, match.start("cjk"))
    )


def by_name_number(match: re.Match[str]) -> Number | None:
    parsed = by_name_value(match)
    if parsed is None:
        return None
    value, decimals, multiplier = parsed
    markers = [m for m in (match["prefix"], match["mark1"], match["mark2"], match["post"]) if m]
    half = numbers._SIZES[multiplier].scaleb(-decimals) / 2 if multiplier else Decimal(0)
    low, high = numbers._bounds(value, markers, half)
    approx = markers[0] if markers else multiplier or None
    percent = bool(match["pct"]) or match["unit"] == "%"
    return Number(value, low, high, percent, decimals, approx)


def by_name_value(match: re.Match[str]) -> tuple[Decimal, int, str] | None:
    parsed: tuple[Decimal, int, str] | None
    if match["int"]:
        parsed = numbers._arabic(match), len(match["frac"] or ".") - 1, ""
    else:
        parsed = numbers._cjk_decimal(match["pct"] or match["cjk"])
    if parsed is None or not match["mult"]:
        return parsed
    return numbers._tidy(parsed[0] * numbers._SIZES[match["mult"]]), parsed[1], match["mult"]


# --- the properties ---------------------------------------------------------------------------

PIECES = [
    "1", "23", "0", "4.5", "1,234", "-", "+", "负", "百分之", "九十八点七", "十", "一", "两", "五十九",
    "万", "亿", "余", "多", "以上", "左右", "近", "约", "超过", "不到", "共约", "件", "人(次)", "人次",
    "条", "元", "%", "年", "个", "第", "统一", "一起", "，", "。", " ", "\u3000", "１２", "％", "a",
    "t2019", "2019.03.05", "申请", "点", "不超过", "将近", "通过", "大约", "突破", "逾", "节约",
]  # fmt: skip
PROSE = st.lists(st.sampled_from(PIECES), max_size=14).map("".join)


def key(found: NumberMatch) -> tuple[object, ...]:
    return (repr(found.number), found.start, found.end, found.unit, found.raw)  # Decimal as written


@PROPERTY
@given(text=PROSE, chinese=st.booleans(), some=st.booleans())
def test_iter_numbers_reads_what_by_name_read(text: str, chinese: bool, some: bool) -> None:
    units = {"件", "%", "元", "人次"} if some else None
    expected = [key(m) for m in by_name_iter(text, chinese=chinese, units=units)]
    assert [key(m) for m in iter_numbers(text, chinese=chinese, units=units)] == expected


@PROPERTY
@given(text=PROSE)
def test_parse_number_reads_what_by_name_read(text: str) -> None:
    assert repr(parse_number(text)) == repr(by_name_parse(text))


# The number pattern tries a prefix only where one of its first characters stands: the same
# matches, spans and groups as without that guard.
UNGUARDED = re.compile(numbers._NUMBER.pattern.replace(f"(?=[{numbers._PREFIX_FIRST}])", "", 1))


def test_the_guard_is_there_to_take_out() -> None:
    assert UNGUARDED.pattern != numbers._NUMBER.pattern


@PROPERTY
@given(text=PROSE)
def test_guarded_pattern_matches_what_the_unguarded_one_did(text: str) -> None:
    def found(pattern: re.Pattern[str]) -> list[tuple[object, ...]]:
        return [(m.span(), m.groups()) for m in pattern.finditer(text)]

    assert found(numbers._NUMBER) == found(UNGUARDED)
