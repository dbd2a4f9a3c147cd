"""checker.kinds.common.risky: which rule patterns run on the budgeted `regex` engine. A pattern
that can split its text more than one way between repeats must stay budgeted; repeats of
characters no neighbour shares (`\\d+\\s*件`) run on `re`, unbudgeted and ten times faster."""

from __future__ import annotations

import pytest

from checker.kinds.common import RulePattern, risky

STAYS_BUDGETED = [
    r"(a+)+$",
    r"(a|a)*",
    r"\d+\d+x",
    r"\d+\s*\d+x",  # the two \d+ meet across an empty \s*
    r"(\d+)\s*(\d+)x",
    r"\s*(\d+)\s*(\d+)x",
    r"(.*a){12}",
    r"a*a*b",
    r"\w+\s*\w+x",  # \w is not analysed: unknown sets may share
    r"[a-z]+[a-c]+x",
    r"[0-9]+\d+x",
    r"[\u0660-\u0669]+\d*x",  # Arabic-Indic digits are \d too
    r" +\s+x",
    r"\d+[5-9]*x",
    r"(\d+)\1",
    r"(?i)a+A+x",  # case-insensitive: literals widen
    r"(?i:a)+b+c",
    r"[^x]+\d+y",  # a negated class is not analysed
    r"\s*(\d+x)\s*y",
]
RUNS_PLAIN = [
    r"\d+\s*/\s*(?:次|件|条|个|人次|项)(?![/\d])",
    r"(行政复议|行政诉讼)[^。]{0,10}\d+\s*(件|起)",
    r"行政诉讼(?:案件)?(?:共计?)?\s*(?P<n>\d+)\s*(?:件|起)",
    r"[一二三]+\s*件",
    r"\d+x\d+",
    r"a+b+",
    r"\s*\d+\s*件",
]


@pytest.mark.parametrize("pattern", STAYS_BUDGETED)
def test_a_pattern_that_can_split_its_text_two_ways_is_budgeted(pattern: str) -> None:
    assert risky(pattern)
    assert RulePattern(pattern).budgeted


@pytest.mark.parametrize("pattern", RUNS_PLAIN)
def test_repeats_of_characters_no_neighbour_shares_run_on_re(pattern: str) -> None:
    assert not risky(pattern)


@pytest.mark.parametrize("pattern", RUNS_PLAIN)
def test_both_engines_find_the_same_in_a_report(pattern: str) -> None:
    import regex

    text = "共收到申请12件，行政复议 3 起、行政诉讼2件；办结 10/件。三件，一二件。4x5"
    plain = [m.span() for m in RulePattern(pattern, budgeted=False).finditer(text)]
    budgeted = [m.span() for m in regex.finditer(pattern, text)]
    assert plain == budgeted
