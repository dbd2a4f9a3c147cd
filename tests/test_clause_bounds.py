"""A count's label and clause are found from the text's delimiters, found once per text; they
are what the character-by-character walk they replaced found (checker.extract.facts)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from checker.extract import facts


def walked_label(text: str, start: int, end: int) -> str:
    """The walk `facts._label` did before (kept here as the reference)."""
    left = start
    while left > 0 and text[left - 1] not in facts._DELIMS and start - left < 40:
        left -= 1
    label = facts._LABEL_NOISE.sub("", text[left:start].strip(" " + facts._QUOTES))
    if label:
        return label
    right = end
    while right < len(text) and text[right] not in facts._DELIMS and right - end < 30:
        right += 1
    return text[end:right].strip(" " + facts._QUOTES)


def walked_clause(text: str, start: int) -> str:
    left = start
    while left > 0 and text[left - 1] not in facts._DELIMS and start - left < 40:
        left -= 1
    return text[left:start]


TEXT = st.text(alphabet="共其中申请件a “”,，。;、:()（）\n", max_size=120)


@settings(max_examples=400, deadline=None)
@given(text=TEXT, data=st.data())
def test_label_and_clause_are_the_walk_s(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    assert facts._label(text, start, end) == walked_label(text, start, end)
    assert facts._raw_clause(text, start) == walked_clause(text, start)


@settings(max_examples=400, deadline=None)
@given(text=st.text(alphabet=" \u3000\t,;，(其中主要有包括分别为a1", max_size=12))
def test_a_list_opens_only_past_the_gap(text: str) -> None:
    """`_parts_span` asks for a bracket, 其中 or a list's words only where the character past
    `_GAP` is one they open with: each match implies it."""
    gap = facts._GAP.match(text)
    assert gap is not None
    opens = text[gap.end() : gap.end() + 1] in facts._LIST_OPENERS
    for pattern in (facts._PAREN_HERE, facts._QIZHONG_HERE, facts._WORDS_HERE):
        assert opens or pattern.match(text) is None
