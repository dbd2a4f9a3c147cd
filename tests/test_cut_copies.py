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
