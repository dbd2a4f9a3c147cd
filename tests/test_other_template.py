"""A table of the other era's template is read in that template and checked: a 2020 report's
table 三 with the one-row （六）其他处理 of the 2019 trial format is right (no template error), and
any wrong number in it is still caught by the identities, named as the report prints the cell."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from checker.api import check_text
from checker.core.findings import Severity
from checker.core.rules import RuleSet
from checker.ruleset.load import load_rules
from tests.conftest import ROOT

RULES: RuleSet = load_rules()
REPORT = (ROOT / "fixtures" / "2019" / "valid_government.txt").read_text(encoding="utf-8")
LINES = REPORT.split("\n")
T3_START = next(i for i, line in enumerate(LINES) if "本列数据的勾稽关系" in line)
T3_END = next(i for i, line in enumerate(LINES) if i > T3_START and line.startswith("四、政府"))
ROWS = [
    i
    for i in range(T3_START, T3_END)
    if re.fullmatch(r"[^|]*[\u4e00-\u9fff][^|]* \|( \d+ \|){6} \d+", LINES[i])
]
IDENTITIES = {"OGI-F020", "OGI-F021", "OGI-F022"}


def test_the_2020_table_is_the_2019_template_and_clean() -> None:
    assert any(LINES[i].startswith("（六）其他处理 |") for i in ROWS)
    checked = check_text(REPORT, RULES)
    assert [f.rule.id for f in checked.findings if f.severity != Severity.INFO] == []


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(ROWS), st.integers(min_value=1, max_value=7), st.integers(1, 9))
def test_any_wrong_cell_of_the_one_row_template_is_caught(row: int, col: int, delta: int) -> None:
    cells = LINES[row].split(" | ")
    cells[col] = str(int(cells[col]) + delta)
    copy = "\n".join([*LINES[:row], " | ".join(cells), *LINES[row + 1 :]])
    checked = check_text(copy, RULES)
    errors = [f for f in checked.findings if f.severity == Severity.ERROR]
    assert "OGI-C009" not in {f.rule.id for f in errors}
    caught = [f for f in errors if f.rule.id in IDENTITIES]
    assert caught, LINES[row]
    assert all("表三「" in f.problem.message.zh for f in caught)
