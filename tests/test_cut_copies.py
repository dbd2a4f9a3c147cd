"""A copy cut off anywhere is never blamed for what follows the cut: no structure error, only
"cannot assess". Signals: the text stops mid-sentence, a table stops mid-way, the opening's
outline promises parts the text does not reach; page furniture after the text says the page's
end was copied. And a copy that starts mid-report is not blamed for what precedes it."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from checker.api import check_text
from checker.core.findings import FileResult, Severity
from checker.core.rules import RuleSet
from checker.core.textnorm import build_source, split_lines
from checker.engine import RunConfig
from checker.extract.completeness import looks_truncated, promised_parts
from checker.extract.report import Overrides
from checker.extract.sections import extract_sections
from checker.ruleset.load import load_rules
from tests.conftest import ROOT

RULES: RuleSet = load_rules()
REPORT = (ROOT / "fixtures" / "2021" / "valid_department.txt").read_text(encoding="utf-8")
BODY_START = REPORT.index("一、总体情况")
NO_OUTLINE = REPORT.replace(
    "全文包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议和"
    "行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项六个部分。",
    "",
)


def structure_errors(checked: FileResult) -> list[tuple[str, str | None]]:
    return [
        (f.rule.id, f.problem.where)
        for f in checked.findings
        if f.severity == Severity.ERROR and f.rule.category == "structure"
    ]


def truncated(text: str) -> bool:
    source = build_source(split_lines(text))
    return looks_truncated(source, extract_sections(source), {})


def test_the_whole_report_is_not_cut() -> None:
    assert not truncated(REPORT)
    assert structure_errors(check_text(REPORT, RULES)) == []


@settings(max_examples=50, deadline=None)
@given(st.integers(min_value=BODY_START + 10, max_value=len(REPORT) - 40))
def test_a_copy_cut_anywhere_gets_no_structure_error(cut: int) -> None:
    """The outline ("…六个部分") tells a cut at a full stop from a report that ends there."""
    copy = REPORT[:cut]
    assert structure_errors(check_text(copy, RULES)) == [], copy[-40:]


@settings(max_examples=50, deadline=None)
@given(st.integers(min_value=BODY_START + 10, max_value=len(NO_OUTLINE) - 40))
def test_a_copy_cut_mid_sentence_gets_no_structure_error(cut: int) -> None:
    """Without an outline, a cut inside a word or a table still shows."""
    while cut > 0 and NO_OUTLINE[cut - 1] in "。！？\n日无项":
        cut -= 1  # move off a sentence end: this property is about mid-sentence cuts
    copy = NO_OUTLINE[:cut]
    assert structure_errors(check_text(copy, RULES)) == [], copy[-40:]


def test_page_furniture_after_the_text_means_the_page_was_copied_whole() -> None:
    assert not truncated(REPORT.rstrip() + "\n【打印本页】【关闭窗口】")
    assert not truncated(REPORT.rstrip() + "\n字号：大 中 小")


def test_a_signature_line_ends_a_report_but_a_table_word_does_not() -> None:
    assert not truncated("一、总体情况\n正文。\n清河县市场监督管理局")
    assert truncated("一、总体情况\n正文。\n信息内容 | 本年处")


def test_outline_counts() -> None:
    assert promised_parts("报告全文由总体情况…其他需要报告的事项六个部分组成。") == 6
    assert (
        promised_parts(
            "由总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议和"
            "行政诉讼情况、存在的主要问题及改进情况以及其他需要报告的事项组成。"
        )
        == 6
    )
    assert promised_parts("本局全年公开信息1200条。") is None


def test_a_copy_that_starts_mid_report_is_not_blamed_for_its_beginning() -> None:
    copy = REPORT[REPORT.index("三、收到和处理政府信息公开申请情况") :]
    checked = check_text(copy, RULES, RunConfig(Overrides(era="2021")))
    missing = [f for f in checked.findings if f.rule.id == "OGI-F001"]
    assert missing and all(f.severity == Severity.INFO for f in missing)


@settings(max_examples=50, deadline=None)
@given(st.integers(min_value=BODY_START, max_value=len(REPORT) - 200))
def test_a_copy_that_starts_anywhere_gets_no_structure_error(start: int) -> None:
    """A page excerpt that begins mid-report — mid-paragraph, mid-table, at a later part: what
    precedes the start is unknown (the year is given, as a reader of such a page would)."""
    start = REPORT.rfind("\n", 0, start) + 1  # copies start at a line
    copy = REPORT[start:]
    checked = check_text(copy, RULES, RunConfig(Overrides(era="2021")))
    assert structure_errors(checked) == [], copy[:40]


def test_page_furniture_at_the_top_of_a_short_excerpt_says_nothing_of_its_end() -> None:
    excerpt = "字号：大 中 小 【打印】【关闭】\n" + REPORT[BODY_START : BODY_START + 300]
    assert truncated(excerpt)


# A whole 2008-era report in our own words: six numbered parts, then the signature and the
# statistics table the opening counts as its seventh part ("…、附表等七个部分").
NARRATIVE = (
    "东川县水务局2012年政府信息公开工作年度报告\n"
    "本年报由概述、主动公开情况、依申请公开情况、收费及减免情况、复议诉讼情况、"
    "存在的主要问题和改进措施、附表等七个部分组成。\n"
    "一、概述\n我局由办公室负责政府信息公开日常工作。\n"
    "二、主动公开情况\n全年主动公开信息12条。\n"
    "三、依申请公开情况\n全年未收到政府信息公开申请。\n"
    "四、收费及减免情况\n本年度未收取任何费用。\n"
    "五、因政府信息公开申请行政复议、提起行政诉讼的情况\n全年未发生行政复议、行政诉讼。\n"
    "六、存在的主要问题和改进措施\n栏目更新不够及时，下一步将加强维护。\n"
)
TABLE_AFTER = "东川县水务局 2013年3月1日 附表：指标名称 计量单位 年末统计 主动公开信息数 条 12 行政复议数 件 0"


def test_an_outline_that_counts_the_appended_table_is_reached_by_the_table() -> None:
    assert not truncated(NARRATIVE + TABLE_AFTER)
    # Without the table the seventh part the opening promises is not there: cut, perhaps.
    assert truncated(
        NARRATIVE.replace(
            "六、存在的主要问题和改进措施\n栏目更新不够及时，下一步将加强维护。\n", ""
        )
    )


def test_a_page_ending_on_its_attachment_file_name_is_not_cut_there() -> None:
    plain = NARRATIVE.replace("、附表等七个部分组成", "组成")
    assert not truncated(plain + "东川县水务局2012年政府信息公开情况统计表.xls")
    assert not truncated(plain + "附件：统计表.DOCX")


def test_a_whole_report_missing_a_part_is_told_so_not_cannot_assess() -> None:
    for text in (NARRATIVE + TABLE_AFTER, NARRATIVE + "统计表.xls"):
        other = [f for f in check_text(text, RULES).findings if f.rule.id == "OGI-N001"]
        assert [(f.severity, f.problem.where) for f in other] == [
            (Severity.ERROR, "其他需要报告的事项")
        ]
