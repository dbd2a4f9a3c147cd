"""FastScanner finds exactly what finditer finds, only faster (checker.core.firstchars)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.core.firstchars import FastScanner
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
