"""A table the copy lost (an image, an attachment, a page table the crawler dropped) leaves its
part's heading with nothing under it. Nothing in the text says the report lacks the table, so
neither the parts rule (OGI-F001) nor the tables rule (OGI-F010) may call it missing: both say
"cannot assess". A word of prose in the table's place is a real missing table. A copy that starts
mid-report cannot show the tables of the parts before it, only of those it holds."""

from __future__ import annotations

from itertools import pairwise

import pytest

from checker.api import check_text
from checker.core.findings import FileResult, Severity
from checker.core.rules import RuleSet
from checker.ruleset.load import load_rules
from tests.conftest import ROOT

RULES: RuleSet = load_rules()
LINES = (ROOT / "fixtures" / "2021" / "valid_department.txt").read_text("utf-8").split("\n")
# Each table's part in the fixture: its heading's line and the next part's heading's line.
HEADINGS = [
    LINES.index(h)
    for h in (
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况",
        "五、存在的主要问题及改进情况",
    )
]
PARTS = dict(zip(("T2", "T3", "T4"), pairwise(HEADINGS), strict=True))


def with_parts(bodies: dict[str, str]) -> str:
    """The fixture with the named tables' parts holding only `bodies[key]` under the heading."""
    lines = list(LINES)
    for key in sorted(bodies, key=lambda k: -PARTS[k][0]):  # from the end: offsets stay right
        heading, following = PARTS[key]
        lines[heading + 1 : following] = [bodies[key]] if bodies[key] else []
    return "\n".join(lines)


def findings(checked: FileResult, rule: str) -> dict[str | None, Severity]:
    return {f.problem.where: f.severity for f in checked.findings if f.rule.id == rule}


@pytest.mark.parametrize("lost", [["T2"], ["T3"], ["T4"], ["T2", "T3", "T4"]])
def test_a_lost_table_cannot_be_assessed(lost: list[str]) -> None:
    checked = check_text(with_parts({key: "" for key in lost}), RULES)
    assert findings(checked, "OGI-F010") == {key: Severity.INFO for key in lost}
    assert all(severity == Severity.INFO for severity in findings(checked, "OGI-F001").values())


def test_prose_in_the_place_of_a_table_is_a_missing_table() -> None:
    checked = check_text(with_parts({"T2": "", "T3": "无。", "T4": ""}), RULES)
    assert findings(checked, "OGI-F010") == {
        "T2": Severity.INFO,
        "T3": Severity.ERROR,
        "T4": Severity.INFO,
    }


# One page of a paged copy from part 三 on: table 二 lies before the page, 三 and 四 on it.
FROM_PART_THREE = (
    "Page 3 - 清河县人民政府2023年政府信息公开工作年度报告\n"
    "三、收到和处理政府信息公开申请情况\n全年收到申请5件，均已办结。\n"
    "四、政府信息公开行政复议、行政诉讼情况\n本年度未发生行政复议、行政诉讼。\n"
    "五、存在的主要问题及改进情况\n信息更新不够及时，下一步将明确专人负责并按月检查栏目。\n"
    "六、其他需要报告的事项\n无。\n清河县人民政府\n2024年1月20日"
)


def test_a_copy_that_starts_mid_report_is_blamed_only_for_what_it_holds() -> None:
    checked = check_text(FROM_PART_THREE, RULES)
    assert findings(checked, "OGI-F010") == {
        "T2": Severity.INFO,
        "T3": Severity.ERROR,
        "T4": Severity.ERROR,
    }
