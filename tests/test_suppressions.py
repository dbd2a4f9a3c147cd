"""Inline suppressions: `<!-- ogi-check: disable=RULE reason=… -->` in Markdown and HTML, `#` in
YAML; the next non-blank line or the whole file; a reason is required; unused ones reported."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from checker.cli import main
from checker.core import suppressions
from checker.core.findings import FileResult, Finding, Problem, RuleMeta, Severity
from checker.core.model import Location, Message
from tests.conftest import FIXTURES, SEED

N002 = RuleMeta(
    "OGI-N002", "stated-total-parts", Message("总数", "total"), Severity.ERROR, "arithmetic", "b"
)
C004 = RuleMeta("OGI-C004", "garbled-numbers", Message("数", "n"), Severity.WARNING, "text", "b")
KNOWN = {"OGI-N002": "OGI-N002", "stated-total-parts": "OGI-N002", "OGI-C004": "OGI-C004"}


def finding(meta: RuleMeta, line: int | None, part: str | None = None) -> Finding:
    problem = Problem(
        Message("m", "m"), Location(line, 1 if line else None, None, part), where=f"w{line}"
    )
    return Finding(meta, meta.severity, problem)


def apply(
    lines: list[str], findings: list[Finding], fmt: str = "md"
) -> tuple[list[tuple[str, int | None]], int]:
    outcome = suppressions.apply(FileResult("r", findings=tuple(findings)), lines, fmt, KNOWN.get)
    kept = [(f.rule.id, f.problem.location.line) for f in outcome.result.findings]
    return kept, outcome.suppressed


# --- what a comment covers --------------------------------------------------------------------


def test_disable_covers_the_next_non_blank_line_only() -> None:
    lines = ["<!-- ogi-check: disable=OGI-N002 reason=含上年结转 -->", "", "共61件", "共61件"]
    kept, count = apply(lines, [finding(N002, 3), finding(N002, 4)])
    assert (kept, count) == ([("OGI-N002", 4)], 1)


def test_disable_covers_only_the_named_rules() -> None:
    lines = ["<!-- ogi-check: disable=OGI-N002 reason=x -->", "共61件"]
    kept, count = apply(lines, [finding(N002, 2), finding(C004, 2)])
    assert (kept, count) == ([("OGI-C004", 2)], 1)


def test_comments_stack_and_names_work() -> None:
    lines = [
        "<!-- ogi-check: disable=stated-total-parts reason=a -->",
        "<!-- ogi-check: disable=OGI-C004 reason=b -->",
        "",
        "共61件",
    ]
    kept, count = apply(lines, [finding(N002, 4), finding(C004, 4)])
    assert (kept, count) == ([], 2)


def test_a_comment_on_a_line_of_text_covers_that_line() -> None:
    lines = ["共61件 <!-- ogi-check: disable=OGI-N002,OGI-C004 reason=原文如此 -->", "共62件"]
    kept, _ = apply(lines, [finding(N002, 1), finding(C004, 1), finding(N002, 2)])
    assert kept == [("OGI-N002", 2)]


def test_disable_file_covers_every_line_and_findings_without_one() -> None:
    lines = ["标题", "正文", "<!-- ogi-check: disable-file=OGI-N002 reason=全文口径不同 -->"]
    kept, count = apply(lines, [finding(N002, 1), finding(N002, None), finding(C004, 2)])
    assert (kept, count) == ([("OGI-C004", 2)], 2)


def test_html_findings_are_matched_by_their_source_line() -> None:
    lines = ["<p>", "<!-- ogi-check: disable=OGI-N002 reason=x -->", "<p>共61件</p>"]
    kept, count = apply(
        lines, [finding(N002, 7, "源文件第3行"), finding(N002, 8, "源文件第9行")], "html"
    )
    assert (kept, count) == ([("OGI-N002", 8)], 1)


def test_yaml_comments() -> None:
    lines = [
        "total: 61  # ogi-check: disable=OGI-N002 reason=含结转",
        "# ogi-check: disable=OGI-C004 reason=y",
        "parts: [1]",
    ]
    kept, count = apply(
        lines, [finding(N002, None, "源文件第1行"), finding(C004, None, "源文件第3行")], "yaml"
    )
    assert (kept, count) == ([], 2)


def test_plain_text_has_no_comments() -> None:
    lines = ["<!-- ogi-check: disable=OGI-N002 reason=x -->", "共61件"]
    assert not suppressions.supports("txt")
    assert apply(lines, [finding(N002, 2)], "txt") == ([("OGI-N002", 2)], 0)


# --- what is reported -----------------------------------------------------------------------


def reported(lines: list[str], findings: list[Finding]) -> list[tuple[str, int | None, str]]:
    outcome = suppressions.apply(FileResult("r", findings=tuple(findings)), lines, "md", KNOWN.get)
    return [
        (f.rule.id, f.problem.location.line, f.problem.message.en)
        for f in outcome.result.findings
        if f.rule.id.startswith("OGI-S")
    ]


def test_unused_suppression_is_a_warning_at_the_comment() -> None:
    lines = ["正文", "<!-- ogi-check: disable=OGI-C004 reason=以防万一 -->", "共61件"]
    ((rule, line, message),) = reported(lines, [finding(N002, 3)])
    assert (rule, line) == ("OGI-S001", 2)
    assert "silences nothing" in message and "以防万一" in message
    assert suppressions.UNUSED.severity is Severity.WARNING


def test_a_suppression_with_nothing_after_it_is_unused() -> None:
    assert [
        r for r, _, _ in reported(["<!-- ogi-check: disable=OGI-C004 reason=x -->", ""], [])
    ] == ["OGI-S001"]


@pytest.mark.parametrize(
    ("comment", "problem"),
    [
        ("<!-- ogi-check: disable=OGI-N002 -->", "reason= is required"),
        ("<!-- ogi-check: disable=OGI-N002 reason=   -->", "reason= is required"),
        ("<!-- ogi-check: disable=OGI-Z999 reason=x -->", "unknown rule: OGI-Z999"),
        ("<!-- ogi-check: disable= reason=x -->", "no rule named"),
        ("<!-- ogi-check: enable=OGI-N002 reason=x -->", "unrecognised directive"),
        ("<!-- ogi-check: disable-next=OGI-N002 reason=x -->", "unrecognised directive"),
    ],
)
def test_malformed_suppression_is_an_error_and_silences_nothing(comment: str, problem: str) -> None:
    lines = [comment, "共61件"]
    outcome = suppressions.apply(
        FileResult("r", findings=(finding(N002, 2),)), lines, "md", KNOWN.get
    )
    rules = [(f.rule.id, f.problem.location.line) for f in outcome.result.findings]
    assert ("OGI-N002", 2) in rules and ("OGI-S002", 1) in rules
    invalid = next(f for f in outcome.result.findings if f.rule.id == "OGI-S002")
    assert problem in invalid.problem.message.en and invalid.severity is Severity.ERROR


# --- through the CLI, on a real Markdown report ------------------------------------------------


def markdown_seed(tmp_path: Path, insert: dict[int, str]) -> Path:
    lines = SEED.read_text(encoding="utf-8").split("\n")
    for before in sorted(insert, reverse=True):
        lines.insert(before - 1, insert[before])
    path = tmp_path / "seed.md"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def check(path: Path) -> tuple[int, dict[str, Any], str]:
    result = CliRunner().invoke(main, ["check", "--format", "json", str(path)])
    return result.exit_code, json.loads(result.stdout), result.stderr


def test_markdown_report_with_suppressions(tmp_path: Path) -> None:
    _, plain, _ = check(markdown_seed(tmp_path, {}))
    rules = [f["rule"] for f in plain["files"][0]["findings"]]
    assert "OGI-N002" in rules and rules.count("OGI-C004") == 2
    path = markdown_seed(
        tmp_path,
        {
            1: "<!-- ogi-check: disable-file=OGI-C004 reason=原文格式，不改 -->",
            39: "<!-- ogi-check: disable=OGI-N002 reason=分项含上年结转 -->",
        },
    )
    code, doc, stderr = check(path)
    found = [f["rule"] for f in doc["files"][0]["findings"]]
    assert "OGI-N002" not in found and "OGI-C004" not in found
    assert not [r for r in found if r.startswith("OGI-S")]
    assert "3 suppressed inline" in stderr
    assert code == 1, "the missing sections are still errors"


# --- suppressions of cross-report rules (a batch's set rules) --------------------------------

REPORT_MD = FIXTURES / "parity" / "department_2021.md"


def batch_check(*paths: Path) -> tuple[dict[str, list[str]], str]:
    """Rules found per file name in a batch run (--jobs 1), and stderr (not -q: it holds the
    count of findings suppressed inline)."""
    result = CliRunner().invoke(
        main, ["check", "--jobs", "1", "--format", "json", *map(str, paths)]
    )
    doc = json.loads(result.stdout)
    return {
        Path(f["path"]).name: [x["rule"] for x in f["findings"]] for f in doc["files"]
    }, result.stderr


def with_comment(path: Path, comment: str, before_title: bool = False) -> Path:
    """The report with a comment at the top (or on the line just before its title)."""
    lines = REPORT_MD.read_text(encoding="utf-8").splitlines()
    lines.insert(0, comment + ("" if before_title else "\n"))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_set_rule_findings_are_silenced_by_the_files_comments(tmp_path: Path) -> None:
    first = tmp_path / "a.md"
    first.write_text(REPORT_MD.read_text(encoding="utf-8"), encoding="utf-8")
    plain_copy = tmp_path / "b.md"
    plain_copy.write_text(REPORT_MD.read_text(encoding="utf-8"), encoding="utf-8")
    found, _ = batch_check(first, plain_copy)
    assert "OGI-X001" in found["b.md"], "the second copy of a body's year is a duplicate"

    covered = with_comment(
        plain_copy, "<!-- ogi-check: disable-file=OGI-X001 reason=更正版，保留原版 -->"
    )
    found, stderr = batch_check(first, covered)
    assert "OGI-X001" not in found["b.md"]
    assert not [r for r in found["b.md"] if r.startswith("OGI-S")]
    assert "1 suppressed inline" in stderr

    # a line comment covers the finding on the line after it: X001 is on the title
    line = with_comment(
        plain_copy, "<!-- ogi-check: disable=duplicate-report reason=更正版 -->", True
    )
    found, _ = batch_check(first, line)
    assert "OGI-X001" not in found["b.md"] and not [
        r for r in found["b.md"] if r.startswith("OGI-S")
    ]


def test_an_unused_set_rule_suppression_is_reported_in_a_batch_only(tmp_path: Path) -> None:
    path = with_comment(
        tmp_path / "a.md", "<!-- ogi-check: disable-file=OGI-X004 reason=沿用上年表述 -->"
    )
    found, _ = batch_check(path)
    assert found["a.md"].count("OGI-S001") == 1, "no last year's report: it silences nothing"
    _, doc, _ = check(path)  # a plain run never runs the set rules: it cannot tell
    assert "OGI-S001" not in [f["rule"] for f in doc["files"][0]["findings"]]
