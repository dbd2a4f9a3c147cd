"""Which rule patterns run on `re` and which on the time-budgeted `regex` engine (`risky`), and
the fenced repeats (checker/kinds/fences.py) that let the bundled count patterns run on `re`
without giving up linear time."""

from __future__ import annotations

import re
import sys
import time

import pytest

from checker.kinds.common import RulePattern, risky
from checker.ruleset.load import load_rules

RISKY = [
    r"(a+)+$",
    r"(a|a)*",
    r"\d+\s*件",  # two unbounded repeats side by side: quadratic on a line of digits
    r"\d+\s*/",
    r"\d+\d++x",  # possessive, but not fenced (a digit before it): counted, side by side
    r"\s*(?<!\s)\d++x",  # the wrong fence: (?<!\s) says nothing of digits
    r"\d+(?<!\s)\s*+\d+",  # a fenced repeat between two free ones: they are still side by side
    r"\d+(?!x)\d+",  # a zero-width assertion does not part two repeats
    r"(?i)(?<!\d)\d++\s*+x\s*+y",  # fences are not worked out under flags
    r"(?<!\d)(?:\d++,)*x",  # a fenced shape inside a repeat
    r"(x)\1",
    r"\d+件",  # one repeat, entered at every digit of a run and left to fail: quadratic
    r"件.*元",  # `.` takes 件 too: every 件 of a line starts a scan to its end
    r"[件1]\d+元",  # the character before may be a digit
    r"(?m)^\s*x",  # \s takes the newline a line starts after
    r"(?<![^ab])a+c",  # says the character before IS a or b
]

LINEAR = [
    r"(?<!\d)\d++\s*+/\s*+(?:次|件)(?![/\d])",
    r"规范性文件\s*+(?P<n>\d++)\s*+件",  # fenced by the characters before: 件, then digits
    r"申请(?:共计?|总计)?\s*+(?P<n>(?=\d)[\d,]++)\s*+(?:件|个)",
    r"办结[^。;,\d]{0,8}?(?P<n>\d++)\s*+件\s*+(?:[,、]\s*+)?占[^0-9。;]{0,6}?(?<!\d)\d++\s*+%",
    r"(行政复议|行政诉讼)数?\s*+(件|起|条)\s*+\d++",
    r"共\d+件",  # pinned: entered only where a run of digits begins (after 共)
    r"(?:件|条)\d+元",
    r"件\d+",  # ends the pattern: once entered, it matches
    r"(?m)^[ \t]*(?:19|20)\d{2}[ \t]*$",  # a line's start: after a newline [ \t] cannot take
    r"(?<![A-Za-z×])(?:[Xx×]{2,}|某某)(?:[局县]|(?![A-Za-z]))",  # the lookbehind holds [Xx×]
    r"x(?:\.\d+)?y",  # an optional part is entered from where it stands
]


@pytest.mark.parametrize("pattern", RISKY)
def test_risky_shapes_run_with_a_budget(pattern: str) -> None:
    assert risky(pattern)


@pytest.mark.parametrize("pattern", LINEAR)
def test_fenced_repeats_run_on_re(pattern: str) -> None:
    assert not risky(pattern)


@pytest.mark.parametrize("pattern", LINEAR)
def test_fenced_patterns_are_linear_on_a_long_run(pattern: str) -> None:
    """10^5 digits, spaces, commas: quadratic would take minutes; these take milliseconds."""
    compiled = re.compile(pattern)
    for line in ("1" * 100_000, "1 " * 50_000, "1," * 50_000, "件 1" * 30_000, "占1" * 50_000):
        started = time.process_time()
        compiled.search(line)
        assert time.process_time() - started < 5.0, (pattern, line[:8])


def test_digits_and_spaces_share_no_character() -> None:
    """The one pair of classes `fences` takes as disjoint, checked over every code point as
    `re` reads them (str.isdecimal, str.isspace)."""
    both = [c for c in range(sys.maxunicode + 1) if chr(c).isdecimal() and chr(c).isspace()]
    assert both == []
    digit, space = re.compile(r"\d"), re.compile(r"\s")
    for code in (0x30, 0xFF11, 0x0663, 0x20, 0x3000, 0x1C, 0x85):
        char = chr(code)
        assert bool(digit.match(char)) == char.isdecimal()
        assert bool(space.match(char)) == char.isspace()


def _patterns(root: object) -> set[RulePattern]:
    """Every RulePattern reachable from `root` (the rule set: rules, their kinds' params)."""
    import gc

    seen: set[int] = set()
    found: set[RulePattern] = set()
    stack = [root]
    while stack:
        item = stack.pop()
        if id(item) in seen or isinstance(item, (str, bytes, int, float, type)):
            continue
        seen.add(id(item))
        if isinstance(item, RulePattern):
            found.add(item)
            continue
        stack.extend(gc.get_referents(item))
    return found


@pytest.mark.parametrize("profiles", [(), ("hubei-2020",)])
def test_no_bundled_pattern_needs_the_budgeted_engine(profiles: tuple[str, ...]) -> None:
    """A plain check never imports `regex`: a new bundled pattern that is risky fails here
    (write its repeats fenced, as the count patterns in rules/format.yaml are)."""
    patterns = _patterns(load_rules(profiles=profiles))
    assert len(patterns) > 50
    assert sorted(p.pattern for p in patterns if p.budgeted) == []
