"""What the office's workbook and dashboard share: a report's status, Chinese labels, lateness."""

from __future__ import annotations

from checker.core.findings import SEVERITY_ZH, FileResult, Severity
from checker.kinds.sets.summary import ReportSummary

KIND_ZH = {"department": "政府部门", "government": "人民政府", "township": "乡镇（街道）"}
SOURCE_ZH = {"content": "报告内容", "manifest": "报送清单"}
STATUS_ORDER = ("无法读取", "有错误", "有警告", "仅有提示", "无问题")


def status(result: FileResult) -> str:
    """无法读取 | 有错误 | 有警告 | 仅有提示 | 无问题 — the worst thing about the report."""
    if result.error:
        return "无法读取"
    worst = max((f.severity for f in result.findings), default=None)
    if worst is None:
        return "无问题"
    return {Severity.ERROR: "有错误", Severity.WARNING: "有警告", Severity.INFO: "仅有提示"}[worst]


def passed(result: FileResult) -> bool:
    """Passes: read, and no finding at error level."""
    return result.error is None and all(f.severity < Severity.ERROR for f in result.findings)


def counts(result: FileResult) -> dict[Severity, int]:
    tally = dict.fromkeys(Severity, 0)
    for finding in result.findings:
        tally[finding.severity] += 1
    return tally


def late_days(summary: ReportSummary) -> int | None:
    """Days after the deadline (0 when on time); None when the date or deadline is unknown."""
    return None if summary.late_days is None else max(0, summary.late_days)


def lateness_band(summary: ReportSummary) -> str:
    days = late_days(summary)
    if days is None:
        return "无法判断"
    if days == 0:
        return "按时"
    if days <= 7:
        return "逾期1–7天"
    if days <= 30:
        return "逾期8–30天"
    if days <= 90:
        return "逾期31–90天"
    return "逾期90天以上"


LATENESS_BANDS = ("按时", "逾期1–7天", "逾期8–30天", "逾期31–90天", "逾期90天以上", "无法判断")


def severity_zh(severity: Severity) -> str:
    return SEVERITY_ZH[severity]
