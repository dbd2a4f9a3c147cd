"""`any_match` searches a rule's alternatives as one pattern where they can be joined; it says
what searching them one by one says (checker.kinds.common)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.kinds.common import RulePattern, _any_of, any_match, compile_all

GROUPS = [
    ("^总体情况", "主动公开$", "收到.{0,4}申请"),
    ("(?P<x>公开)", "(?P<x>申请)"),  # one group name twice: searched one by one
    ("(?i)ab", "申请"),  # global flags: one by one
    ("(a+)+$", "公开"),  # a budgeted pattern keeps its budget: one by one
    ("a|b", "^c|d$", r"\d件"),
]


@pytest.mark.parametrize("sources", GROUPS, ids=lambda g: "|".join(g)[:30])
@settings(max_examples=200, deadline=None)
@given(text=st.text(alphabet="总体情况主动公开收到申请abcdA1件\n ", max_size=20))
def test_joined_says_what_one_by_one_says(sources: tuple[str, ...], text: str) -> None:
    patterns = compile_all(sources)
    assert any_match(patterns, text) == any(p.search(text) for p in patterns)


def test_joined_only_where_it_is_safe() -> None:
    assert _any_of(compile_all(GROUPS[0])) is not None
    assert _any_of(compile_all(GROUPS[1])) is None
    assert _any_of(compile_all(GROUPS[2])) is None
    assert _any_of(compile_all(GROUPS[3])) is None
    assert _any_of((RulePattern("公开", compiled=False), RulePattern("申请"))) is not None
