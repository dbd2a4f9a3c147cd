"""A blank cell is a blank cell: one finding per table listing the cells, never a missing row,
and no identity evaluated on a blank as if it were a 0 (issue 10, "blank tables flood")."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from checker.api import check_text
from checker.core.findings import FileResult, Severity
from checker.core.rules import RuleSet
from checker.ruleset.load import load_rules
from tests.conftest import CORPUS, ROOT, needs_corpus

RULES: RuleSet = load_rules()
REPORT = (ROOT / "fixtures" / "2021" / "valid_department.txt").read_text(encoding="utf-8")
LINES = REPORT.split("\n")
# Table rows with a label and numbers: "（一）予以公开 | 18 | 5 | 0 | 1 | 2 | 0 | 26".
ROWS = [
    i
    for i, line in enumerate(LINES)
    if " | " in line
    and re.search(r"[\u4e00-\u9fff]", line.split(" | ")[0])
    and all(re.fullmatch(r"[\d.]+", c.strip()) for c in line.split(" | ")[1:])
]
ARITHMETIC = {"OGI-F020", "OGI-F021", "OGI-F022", "OGI-F023"}


def blank(line: str) -> str:
    label, _, cells = line.partition(" | ")
    return label + " | " + " | ".join("" for _ in cells.split(" | "))


def by_rule(checked: FileResult, rule: str) -> list[str]:
    return [f.problem.message.zh for f in checked.findings if f.rule.id == rule]


def test_the_rows_are_found() -> None:
    assert len(ROWS) > 25


@settings(max_examples=30, deadline=None)
@given(st.sets(st.sampled_from(ROWS), min_size=1))
def test_blank_rows_are_one_finding_per_table_and_never_summed(rows: set[int]) -> None:
    copy = "\n".join(blank(line) if i in rows else line for i, line in enumerate(LINES))
    checked = check_text(copy, RULES)
    assert by_rule(checked, "OGI-F011") == []  # a blank row is not a missing row
    blanks = by_rule(checked, "OGI-F025")
    assert 1 <= len(blanks) <= 2  # table 二 and/or 三, once each
    wrong = [
        f.problem.message.zh
        for f in checked.findings
        if f.rule.id in ARITHMETIC and f.severity == Severity.ERROR
    ]
    assert wrong == []  # the fixture is consistent: only a blank-as-0 could break a sum


def test_a_table_printed_with_labels_only_is_one_finding() -> None:
    copy = "\n".join(
        re.sub(r"\|\s*[\d.]+\s*", "| ", line) if "|" in line else line for line in LINES
    )
    checked = check_text(copy, RULES)
    assert by_rule(checked, "OGI-F011") == []
    assert [m[:3] for m in by_rule(checked, "OGI-F025")] == ["表二有", "表三有"]


@needs_corpus()
def test_a_flattened_table_with_labels_only_is_read_as_blank() -> None:
    """N035 run into one line (a crawler dump): the short labels "(七)总计" are still rows."""
    text = (CORPUS / "real" / "more" / "N035.txt").read_text(encoding="utf-8").replace("\n", "")
    checked = check_text(text, RULES)
    assert by_rule(checked, "OGI-F011") == []
    assert len(by_rule(checked, "OGI-F025")) == 3
