"""extract_counts scans only the lines that hold a unit's first character (a table's rows of
bare numbers hold none): it must find exactly the counts a scan of the whole text finds."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from checker.core.numbers import iter_number_spans
from checker.core.textnorm import build_source
from checker.extract import facts

# digits, units (and a unit's later character alone: 次 of 人次), markers, Chinese numerals,
# Latin letters (the skip group) and full-width forms; the lines are joined by line ends
ALPHABET = "0123456789.,%％０５+-a G件个人次(元万亿余近约共第一二十百 \t\u3000|年"


def whole_text_counts(text: str) -> list[tuple[int, int, str]]:
    found = iter_number_spans(text, units=facts._COUNTED)
    return [(start, end, unit) for _, start, end, unit in found]


@settings(max_examples=400, deadline=None)
@given(lines=st.lists(st.text(alphabet=ALPHABET, max_size=30), max_size=6))
def test_unit_lines_hold_every_count(lines: list[str]) -> None:
    source = build_source(lines)
    spans = facts._lines_with_units(source)
    found = iter_number_spans(source.text, units=facts._COUNTED, spans=spans)
    assert [(start, end, unit) for _, start, end, unit in found] == whole_text_counts(source.text)


def test_table_rows_of_bare_numbers_are_not_scanned() -> None:
    source = build_source(["共收到申请12件。", "| 0 | 3 | 5 |", "2023年1月", "办结率100%"])
    assert facts._lines_with_units(source) == [(0, 9), (source.line_starts[3], len(source.text))]
