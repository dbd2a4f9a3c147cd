"""How rule patterns are searched: on the budgeted engine only when they can backtrack
super-linearly (kinds.common.risky) — a budgeted search costs ten times as much, and the prose
claims ("…\\s*(?P<n>\\d+)\\s*件") are searched over every report — and skipped to their first
characters where `re` cannot skip by itself (core.firstchars.pays)."""

from __future__ import annotations

import re

import pytest

from checker.core.firstchars import pays
from checker.kinds.common import RulePattern, risky
from tests.conftest import FIXTURES


@pytest.mark.parametrize(
    "pattern",
    [
        r"(a+)+$",
        r"(a|a)*",
        r"\d+\d+x",
        r"\d+\s*\d+",  # the optional spaces between let the digits go either way
        r"(\d+)\s*(\d+)",
        r"\d+(\s*)\d+",
        r"[a-z]*\w*",  # letters are word characters
        r"(?i)a*A*",  # case folding: classes are not told apart
        r".*\d+",
        r"(.*a){12}",
        r"(a)\1",
    ],
)
def test_patterns_that_can_backtrack_are_risky(pattern: str) -> None:
    assert risky(pattern)


@pytest.mark.parametrize(
    "pattern",
    [
        r"予以公开\s*(?P<n>\d+)\s*件",  # spaces and digits cannot be traded
        r"(?:新?收到|受理)[^。;,]{0,16}?申请\s*(?P<n>\d[\d,]*)\s*(?:件|个)",
        r"\s*\w+",
        r"a*b*",
        r"办结率(?:达到?|为)?\s*(?:100%|百分之百)",
    ],
)
def test_linear_patterns_run_on_re(pattern: str) -> None:
    assert not risky(pattern)
    assert not RulePattern(pattern).budgeted


@pytest.mark.parametrize(
    ("pattern", "skipped"),
    [
        (r"(?<![或和及])予以公开\s*(?P<n>\d+)\s*件", True),  # `re` tries a lookbehind everywhere
        (r"(?:新?收到|受理|新收|接收)申请", True),  # an optional first character: no prefix
        (r"不予公开\s*(?P<n>\d+)\s*件", False),  # a literal prefix: `re` skips by itself
        (r"(?:公开|提供|处理)\d+件", False),  # first characters `re` works out itself
        (r"(?<=申请|信息)\d{1,5}", False),  # digits stand everywhere: not worth a Python loop
    ],
)
def test_only_patterns_re_cannot_skip_are_scanned(pattern: str, skipped: bool) -> None:
    assert pays(re.compile(pattern)) is skipped


def test_rule_patterns_find_what_re_finds() -> None:
    """Skipping to the first characters finds exactly what `re.finditer` finds."""
    text = (FIXTURES / "2021" / "valid_department.txt").read_text(encoding="utf-8")
    text += "未收到政府信息公开申请。部分公开 3 件，予以公开或部分公开5件，新收到申请12件"
    for pattern in [
        r"(?<![或和及])予以公开\s*(?P<n>\d+)\s*件",
        r"(?<![或和及与])部分公开\s*(?P<n>\d+)\s*件",
        r"(?:新?收到|受理|新收|接收)(?![^。;,]{0,16}复议)[^。;,]{0,16}?申请\s*(?P<n>\d[\d,]*)",
        r"(?:未|没有)(?:收到|接到|受理)(?:任何)?(?:政府信息公开|公开)?申请",
        r"(?<!\d)(?:19|20)\d{2}年",
    ]:
        expected = [m.span() for m in re.finditer(pattern, text)]
        assert expected, pattern
        assert [m.span() for m in RulePattern(pattern).finditer(text)] == expected, pattern
