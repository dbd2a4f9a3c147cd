"""The prose readings of issue 10 part B, one shape each: lists and their totals, the period in
other words, a cut copy's period, one owner per share."""

from __future__ import annotations

from checker.api import check_text
from checker.core.textnorm import build_source, split_lines
from checker.extract.facts import extract_counts, extract_enumerations
from checker.ruleset.load import load_rules
from tests.conftest import FIXTURES

RULES = load_rules()
HEAD = "清河县人民政府2016年政府信息公开工作年度报告\n"


def lists_of(text: str) -> list[tuple[int, list[int], str]]:
    source = build_source(split_lines(text))
    return [
        (int(e.total.number.value), [int(p.number.value) for p in e.parts], e.intro)
        for e in extract_enumerations(source, extract_counts(source))
    ]


def rules_hit(text: str) -> list[str]:
    return [f.rule.id for f in check_text(HEAD + text, RULES).findings]


def test_a_list_stops_where_a_new_subject_starts() -> None:
    text = "全年共办结申请120件，其中予以公开70件，占58.3%；其他处理50件，占41.7%；另有行政复议案件3件。"
    assert lists_of(text) == [(120, [70, 50], "其中")]


def test_two_breakdowns_of_one_total_are_two_lists() -> None:
    text = "全年共收到申请120件，其中网上申请80件、信函申请40件；予以公开70件、不予公开50件。"
    assert lists_of(text) == [(120, [80, 40], "其中"), (120, [70, 50], "其中")]


def test_list_words_and_numbered_category_paragraphs() -> None:
    assert lists_of("全年共收到申请120件，包括网上申请80件、信函申请30件。") == [
        (120, [80, 30], "包括")
    ]
    text = "(一)主动公开政府信息数量共210条。\n(二)主要类别：党政类150条，文件类58条，制度类6条。"
    assert lists_of(text) == [(210, [150, 58, 6], "主要类别")]


def test_the_scope_before_a_share_names_its_total() -> None:
    text = "全年主动公开政府信息730条。在主动公开的信息中，机构职能类16条，占总体的比例为2.2 %。"
    assert lists_of(text) == [(730, [16], "中")]


def test_a_scope_names_a_total_stated_sentences_before() -> None:
    text = (
        "全年主动公开政府信息730条。平台建设方面，我局更新了网站栏目。"
        "在主动公开的信息中，机构职能类16条，占2.2%；政策文件类300条，占41.1%。"
    )
    assert lists_of(text) == [(730, [16, 300], "中")]
    ambiguous = "受理申请30件，办结申请28件。申请主要涉及规划。在申请中，予以公开20件。"
    assert lists_of(ambiguous) == []  # two counts the scope's words could name: no link


def test_the_period_in_other_words_is_stated() -> None:
    for said in (
        "本报告数据的时间范围为2016年1月1日至2016年12月31日。",
        "本报告涵盖2016年1月1日至2016年12月31日期间的工作情况。",
    ):
        assert "OGI-N006" not in rules_hit(said), said
        assert "OGI-C006" not in rules_hit(said), said
    assert "OGI-C006" in rules_hit("本报告统计时限为2016年11日至2016年1231日。")


def test_a_cut_copy_cannot_show_its_period_missing() -> None:
    text = (
        "清河县人民政府2020年政府信息公开工作年度报告\n一、总体情况\n"
        "2020年，本县主动公开政府信息1200条，其中政策文件300条，机构职能"
    )
    findings = [f for f in check_text(text, RULES).findings if f.rule.id == "OGI-F003"]
    assert findings and all(f.problem.cannot_assess for f in findings)


def test_one_wrong_share_is_reported_once() -> None:
    fixture = FIXTURES / "2021" / "valid_department.txt"
    text = fixture.read_text(encoding="utf-8").replace("占49.1%", "占52.1%")
    hits = [f.rule.id for f in check_text(text, RULES).findings]
    assert hits.count("OGI-N003") == 1 and "OGI-F031" not in hits
