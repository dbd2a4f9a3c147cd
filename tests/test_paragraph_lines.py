"""Paragraph ends and headings are told from a line's stripped words, without a regex per line
(checker.kinds.common.iter_paragraphs); the same answers as the patterns they stand for."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from checker.kinds import common

LINE = st.text(alphabet="。!?;:、一十(1２a \t\u3000\r\x1c", max_size=12)


@settings(max_examples=500, deadline=None)
@given(line=LINE)
def test_line_tests_are_the_patterns(line: str) -> None:
    words = line.strip()
    ends = bool(words) and words[-1] in common._PARAGRAPH_ENDS
    assert ends == bool(common._PARAGRAPH_END.search(line))
    if common._HEADING.match(line):
        assert common._may_be_heading(words)
