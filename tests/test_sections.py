"""Headings as real copies print them: on a line of their own, run into a paragraph, glued to
the digits or the last label of a flattened table before them, or running on into their own
first sentence. Each shape is a property over the six top-level titles, not one example."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from checker.core.textnorm import build_source, split_lines
from checker.extract import sections
from checker.extract.sections import extract_sections

NUMERALS = "一二三四五六"
TITLES = (
    "总体情况",
    "主动公开政府信息情况",
    "收到和处理政府信息公开申请情况",
    "政府信息公开行政复议、行政诉讼情况",
    "存在的主要问题及改进情况",
    "其他需要报告的事项",
)
# What a flattened page puts before a heading: a sentence end, the digits of the table before,
# a decimal amount, the last label of a table whose last cell is blank, a closing bracket.
BEFORE = st.sampled_from(["。", "0000000", "1273.5", "6000006", "行政事业性收费", "）", " ", "| "])
# What runs on after the title: the first sentence, a year, a table header, a bracket, nothing.
AFTER = st.sampled_from(
    [
        "按照《国务院办公厅关于印发<政府信息公开信息处理费管理办法>的通知》要求，本年度未收费。",
        "2023年，无收取信息处理费情况。",
        "行政复议行政诉讼结果维持结果纠正其他结果尚未审结总计",
        "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
        "一年来，工作取得了一定成绩。",
        "无",
        "\n本年度无。",
    ]
)


def titles(text: str) -> list[str]:
    return [s.title for s in extract_sections(build_source(split_lines(text))) if s.level == 1]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(BEFORE, AFTER), min_size=6, max_size=6))
def test_six_headings_found_whatever_surrounds_them(shapes: list[tuple[str, str]]) -> None:
    text = "某某局2023年政府信息公开工作年度报告\n"
    for numeral, title, (before, after) in zip(NUMERALS, TITLES, shapes, strict=True):
        text += f"正文内容{before}{numeral}、{title}{after}"
    assert titles(text) == list(TITLES)


def test_heading_glued_to_the_digits_of_table_three() -> None:
    text = (
        "某某局2021年政府信息公开工作年度报告\n一、总体情况2021年，我局概述如下。二、主动公开政府信息情况略。"
        "三、收到和处理政府信息公开申请情况（本列数据的勾稽关系为：…）"
        "四、结转下年度继续办理0000000四、政府信息公开行政复议、行政诉讼情况行政复议行政诉讼"
        "结果维持000000000000000五、存在的主要问题及改进情况我局针对2020年的问题加以改进。"
        " 六、其他需要报告的事项按照《国务院办公厅关于印发<政府信息公开信息处理费管理办法>的通知》"
        "国办函〔2020〕109号）规定，本年度没有产生信息公开处理费。"
    )
    assert titles(text) == list(TITLES)


def test_a_list_inside_a_sentence_is_not_a_heading() -> None:
    text = "某某局2023年政府信息公开工作年度报告\n一、总体情况\n一是加强领导，二、三季度开展检查，四、五月份完成整改。"
    assert titles(text) == ["总体情况"]


def test_a_heading_glued_to_a_word_must_name_a_known_section() -> None:
    text = "一、总体情况\n我局重点做好第一、第二、行政许可二、行政处罚情况等公开。"
    assert titles(text) == ["总体情况"]


@given(st.sampled_from(["{n}、", "{n}.", "（{c}）", "({c})"]))
def test_parts_numbered_below_the_top_level_are_the_top_level(style: str) -> None:
    """ "1、总体情况 … 6、其他需要报告的事项" (spec §3.1) or "（一）总体情况…": the report's parts."""
    lines = ["某县人民政府2023年政府信息公开工作年度报告"]
    for index, title in enumerate(TITLES):
        lines += [style.format(n=index + 1, c=NUMERALS[index]) + title, "本部分内容。"]
    assert titles("\n".join(lines)) == list(TITLES)


def test_sub_items_under_real_parts_stay_sub_items() -> None:
    text = "一、总体情况\n（一）主动公开情况\n略。\n（二）依申请公开情况\n略。\n（三）存在问题\n略。\n二、主动公开政府信息情况\n略。"
    assert titles(text) == ["总体情况", "主动公开政府信息情况"]


@settings(max_examples=500, deadline=None)
@given(text=st.text(alphabet="一二三十、、、。a1 \n", max_size=40))
def test_inline_tops_are_the_pattern_s_matches(text: str) -> None:
    """`_iter_inline_tops` looks only around each 、, and finds what the pattern finds."""
    expected = [(m.span(), m.group(1)) for m in sections._INLINE_TOP.finditer(text)]
    assert [(m.span(), m.group(1)) for m in sections._iter_inline_tops(text)] == expected


@settings(max_examples=500, deadline=None)
@given(line=st.text(alphabet=" \t#*第一十(（)1２①⑳、.部分a", max_size=12))
def test_a_line_marker_begins_with_a_first_character_the_filter_lets_through(line: str) -> None:
    """`_line_heading` skips a line whose first character (after `[ \\t#*]*`) no marker begins
    with: that must be every line that no marker pattern matches."""
    if any(pattern.match(line) for _, pattern in sections._LINE_MARKERS):
        first = line.lstrip(" \t#*")[:1]
        assert first in sections._LINE_MARKER_FIRST or first.isdecimal()
