"""FastScanner finds exactly what finditer finds, only faster (checker.core.firstchars)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.core.firstchars import FastScanner, first_possible
from checker.core.numbers import _NUMBER

PATTERNS = [
    _NUMBER,
    re.compile(r"(?<![通经])过\d+|约(?P<x>\d+)?(?(x)件|个)"),
    re.compile(r"(?:[A-Z]{2,}|\d++)(?=年)"),
    re.compile(r"(?>ab|a)c|[^\W\d]x"),  # a negated category: no first class, plain finditer
    re.compile(r"x*"),  # can match empty: plain finditer
]
ALPHABET = "0123456789.,%+-ab ACZxc年月件个过约通经第一二十百万余近\n\u3000"


@pytest.mark.parametrize("pattern", PATTERNS, ids=lambda p: p.pattern[:30])
@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet=ALPHABET, max_size=60))
def test_same_matches_as_finditer(pattern: re.Pattern[str], text: str) -> None:
    expected = [(m.span(), m.groupdict()) for m in pattern.finditer(text)]
    assert [(m.span(), m.groupdict()) for m in FastScanner(pattern).finditer(text)] == expected


def test_first_class_only_where_it_is_known() -> None:
    assert FastScanner(_NUMBER).first is not None
    assert FastScanner(re.compile(r"[^\W\d]x")).first is None
    assert FastScanner(re.compile(r"x*")).first is None
    assert FastScanner(re.compile(r"a", re.IGNORECASE)).first is None


SKIPPED = [
    re.compile(r"(?<![A-Za-z])(?:[Xx×]{2,}|某某)(?:[局县年]|(?![A-Za-z]))"),  # str.find
    re.compile(r"(?<!\d)(?:19|20)\d{2}(?:1[0-2]|0?[1-9])月"),  # a class search
    re.compile(r"(?<=申请|信息|文件)\d{1,5}(?=\s*[,，。;；])"),
    re.compile(r"\b过\d+|\A约\d"),
    re.compile(r"(?:19|20)[Xx×]{2}年"),  # re skips ahead itself: from 0
    re.compile(r"(?m)^\d+$"),  # flags: from 0
    re.compile(r"x*"),
    re.compile(r"(?<!\d)\d++\s*+/\s*+(?:次|件|人次)(?![/\d])"),  # needs a /
    re.compile(r"a(?i:b)c|(?=\d*月)\d+|(?:ab|ax)+件"),  # needs nothing: alternatives part
    re.compile(r"(?:x{0,2}|某)(?=\d{1,2}月)\d"),  # needs 月 (looked at, not taken)
]
SKIP_ALPHABET = "0123456789,， ab AXx×某局县年月申请信息文件过约/件次人\n"


@pytest.mark.parametrize("pattern", SKIPPED, ids=lambda p: p.pattern[:30])
@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet=SKIP_ALPHABET, max_size=60))
def test_finditer_from_first_possible_finds_the_same(pattern: re.Pattern[str], text: str) -> None:
    expected = [(m.span(), m.groups()) for m in pattern.finditer(text)]
    start = first_possible(pattern, text)
    found = [] if start < 0 else [(m.span(), m.groups()) for m in pattern.finditer(text, start)]
    assert found == expected


def test_first_possible_skips_only_where_re_does_not() -> None:
    assert first_possible(SKIPPED[0], "2019年某某局") == 5
    assert first_possible(SKIPPED[0], "2019年") == -1
    assert first_possible(SKIPPED[1], "年报2019年3月") == 2
    assert first_possible(SKIPPED[4], "年报2019") == 0  # re finds its literal prefix itself
    assert first_possible(SKIPPED[5], "年报2019") == 0


def test_a_text_without_a_needed_character_is_skipped() -> None:
    assert first_possible(SKIPPED[7], "共3件，2019年") == -1  # no /
    assert first_possible(SKIPPED[7], "共3/件") == 1
    assert first_possible(SKIPPED[4], "20XX月") == -1  # no 年
    assert first_possible(SKIPPED[9], "x12日") == -1  # no 月
