"""The seed acceptance, as the issue states it, read off the CLI's JSON.

The seed is 辽宁省公安厅's 2018 report: three of the six items of Article 32 are missing, one
stated total (61) disagrees with its parts (37 + 5 + 24 = 66), two dates lost their 年/月/日 and
a bracket is unbalanced. Everything else it claims (117 websites, 59 applications, 56 refusals,
答复率100%) must not be flagged.
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from click.testing import CliRunner

from checker.cli import main
from tests.conftest import SEED

MISSING_ITEMS = (
    "政府信息公开的收费及减免情况",
    "政府信息公开工作存在的主要问题及改进情况",
    "其他需要报告的事项",
)
SEED_LINES = SEED.read_text(encoding="utf-8").split("\n")


@pytest.fixture(scope="module")
def run() -> dict[str, Any]:
    """One CLI run of the seed, with the file's bytes and times before and after."""
    before = (SEED.read_bytes(), SEED.stat().st_mtime_ns)
    result = CliRunner().invoke(main, ["check", "--format", "json", str(SEED)])
    after = (SEED.read_bytes(), SEED.stat().st_mtime_ns)
    assert result.stderr == ""
    doc = json.loads(result.stdout)
    return {"exit": result.exit_code, "doc": doc, "before": before, "after": after}


@pytest.fixture(scope="module")
def findings(run: dict[str, Any]) -> list[dict[str, Any]]:
    (file,) = run["doc"]["files"]
    assert file["status"] == "checked"
    found: list[dict[str, Any]] = file["findings"]
    return found


def test_exit_code_is_1(run: dict[str, Any]) -> None:
    assert run["exit"] == 1


def test_report_metadata(run: dict[str, Any]) -> None:
    report = run["doc"]["files"][0]["report"]
    assert report["year"] == 2018
    assert report["era"] == "2008"
    assert report["agency"] == "辽宁省公安厅"
    assert report["published"] == "2019-03-05"
    assert report["agency_kind"] == "department"


def test_no_timeliness_finding(findings: list[dict[str, Any]]) -> None:
    # Published 2019-03-05, before the 2008 Regulations' deadline of 31 March.
    assert [f for f in findings if f["category"] == "timeliness"] == []


@pytest.mark.parametrize("title", MISSING_ITEMS)
def test_missing_item_is_an_error(findings: list[dict[str, Any]], title: str) -> None:
    matching = [f for f in findings if f["rule"] == "OGI-N001" and f["expected"] == title]
    assert len(matching) == 1, findings
    (finding,) = matching
    assert finding["severity"] == "error"
    assert finding["category"] == "structure"
    assert title in finding["message"]
    assert finding["actual"] is None


def test_only_those_three_items_are_missing(findings: list[dict[str, Any]]) -> None:
    missing = sorted(f["expected"] for f in findings if f["rule"] == "OGI-N001")
    assert missing == sorted(MISSING_ITEMS)


def test_stated_total_61_against_parts_66(findings: list[dict[str, Any]]) -> None:
    (finding,) = [f for f in findings if f["rule"] == "OGI-N002"]
    assert finding["severity"] == "error"
    assert (finding["expected"], finding["actual"]) == (61, 66)
    assert finding["formula"] == "61 = 37 + 5 + 24"
    assert finding["line"] == 39
    assert SEED_LINES[38][finding["column"] - 1 :].startswith("61件")


def test_no_other_error(findings: list[dict[str, Any]]) -> None:
    errors = sorted((f["rule"], f["expected"]) for f in findings if f["severity"] == "error")
    assert errors == sorted([*(("OGI-N001", t) for t in MISSING_ITEMS), ("OGI-N002", 61)])


NOT_DEFECTS = re.compile(r"(?<!\d)(117|59|56)(?!\d)")


def test_no_finding_about_117_59_56_or_the_reply_rate(findings: list[dict[str, Any]]) -> None:
    # 117 = 1 + 14 + 102 (the 14 is written "14各", a typo, not a wrong sum); 59 = 1 + 1 + 1 + 56
    # and 56 = 55 + 1 add up; every one of the 59 was answered, so 答复率100% holds.
    for finding in findings:
        evidence = [finding["expected"], finding["actual"], finding["formula"], finding["where"]]
        assert not any(NOT_DEFECTS.search(str(v)) for v in evidence if v is not None), finding
    assert [f for f in findings if f["rule"] == "OGI-N004"] == []
    on_those_lines = [f for f in findings if f["line"] in (35, 49)]
    assert {f["category"] for f in on_those_lines} <= {"text"}, on_those_lines


@pytest.mark.parametrize(
    ("rule", "text", "line", "column", "char"),
    [
        # (二)财政资金… 全部分别于20183月、8月 … — 年 lost
        ("OGI-C003", "20183月", 29, 48, "2"),
        # the signature date at the very end, without 年/月/日
        ("OGI-C003", "2019213", 65, 64, "2"),
        # the second title line "  2018年度) " closes a bracket it never opened
        ("OGI-C005", "2018年度)", 11, 9, ")"),
    ],
)
def test_text_warnings_point_at_the_place(
    findings: list[dict[str, Any]], rule: str, text: str, line: int, column: int, char: str
) -> None:
    matching = [f for f in findings if f["rule"] == rule and f["where"] == text]
    assert len(matching) == 1, [f for f in findings if f["rule"] == rule]
    (finding,) = matching
    assert finding["severity"] == "warning"
    assert (finding["line"], finding["column"]) == (line, column)
    original = SEED_LINES[line - 1]
    assert text in original
    assert original[column - 1] == char


def test_input_file_is_unchanged(run: dict[str, Any]) -> None:
    assert run["after"] == run["before"]
