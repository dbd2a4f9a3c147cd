"""Dates as reports write them: 2019年03月05日, 2019-03-05, 2019/3/5, 二〇一三年一月二十日."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from checker.core.numbers import parse_chinese_integer

_CN_DIGITS = "〇零一二三四五六七八九十"
DATE = re.compile(
    r"(?P<y>(?:19|20)\d{2})\s*(?:年\s*(?P<m1>\d{1,2})\s*月\s*(?P<d1>\d{1,2})\s*日?"
    r"|[-/.](?P<m2>\d{1,2})[-/.](?P<d2>\d{1,2})(?!\d))"
    rf"|(?P<cy>[{_CN_DIGITS}○]{{4}})年(?P<cm>[{_CN_DIGITS}]{{1,2}})月(?P<cd>[{_CN_DIGITS}]{{1,3}})日"
)


@dataclass(frozen=True)
class DateMatch:
    """A date found in a text, and where."""

    value: date
    start: int
    end: int


def iter_dates(text: str, start: int = 0, end: int | None = None) -> Iterator[DateMatch]:
    for match in DATE.finditer(text, start, len(text) if end is None else end):
        value = _to_date(match)
        if value:
            yield DateMatch(value, match.start(), match.end())


def parse_date(text: str) -> date | None:
    found = next(iter_dates(text), None)
    return found.value if found else None


def _to_date(match: re.Match[str]) -> date | None:
    if match.group("cy"):
        parts = [
            parse_chinese_integer(match.group(k).replace("○", "〇")) for k in ("cy", "cm", "cd")
        ]
    else:
        parts = [
            _int(match.group("y")),
            _int(match.group("m1") or match.group("m2")),
            _int(match.group("d1") or match.group("d2")),
        ]
    year, month, day = parts
    if year is None or month is None or day is None:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _int(text: str | None) -> int | None:
    return int(text) if text else None
