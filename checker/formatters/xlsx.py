"""The office workbook (`--format xlsx`, needs `--output`): a sheet per report, a sheet per
finding, a sheet of per-rule statistics and a summary sheet — Chinese headers, the header row
frozen, filters on, column widths fitted to the content.

Written with openpyxl's write-only mode, row by row from the batch's spool, so a workbook of ten
thousand reports takes no more memory than one of ten. openpyxl is the `[xlsx]` extra."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, BinaryIO

from checker.batch.results import BatchResult
from checker.core.findings import FileResult, RuleMeta, Severity
from checker.formatters import office
from checker.kinds.sets.summary import ReportSummary

REPORT_HEADERS = (
    "序号", "文件", "机关", "年度", "机关类型", "格式版本", "发布日期", "状态",
    "错误", "警告", "提示", "逾期天数", "身份来源", "无法读取原因",
)  # fmt: skip
FINDING_HEADERS = (
    "序号", "文件", "机关", "年度", "规则", "规则名称", "级别", "类别", "问题",
    "行", "列", "页", "位置", "应为", "实为", "算式", "依据",
)  # fmt: skip
RULE_HEADERS = ("规则", "规则名称", "标题", "级别", "类别", "问题数", "涉及报告数", "涉及报告比例")
MAX_WIDTH = 60
MISSING = "生成 xlsx 需要 openpyxl：pip install 'ogi-checker[xlsx]' (--format xlsx needs the [xlsx] extra)"


def write(batch: BatchResult, catalog: Sequence[RuleMeta], lang: str, out: BinaryIO) -> None:
    try:
        from openpyxl import Workbook
    except ImportError as exc:
        raise RuntimeError(MISSING) from exc
    base = _base_folder(out)
    book = Workbook(write_only=True)
    _sheet(book, "汇总", ("项目", "数值"), list(_summary_rows(batch)))
    reports = book.create_sheet("报告")
    findings = book.create_sheet("问题")
    widths_reports, widths_findings = _widths(batch, base)
    _start(reports, REPORT_HEADERS, widths_reports)
    _start(findings, FINDING_HEADERS, widths_findings)
    count_reports = count_findings = 0
    for number, (summary, result) in enumerate(batch.iter_reports(), start=1):
        reports.append(_report_row(number, summary, result, base))
        count_reports += 1
        for row in _finding_rows(summary, result, base):
            count_findings += 1
            findings.append([count_findings, *row])
    _finish(reports, REPORT_HEADERS, count_reports)
    _finish(findings, FINDING_HEADERS, count_findings)
    _sheet(book, "规则统计", RULE_HEADERS, list(_rule_rows(batch, catalog)))
    book.save(out)


def _base_folder(out: BinaryIO) -> Path | None:
    """Links to the reports are relative to the workbook's folder, so the folder can be sent."""
    name = getattr(out, "name", None)
    return Path(os.path.abspath(name)).parent if isinstance(name, str) else None


def _sheet(book: Any, title: str, headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    sheet = book.create_sheet(title)
    widths = [_width(h) for h in headers]
    for row in rows:
        widths = [max(w, _width(v)) for w, v in zip(widths, row, strict=False)]
    _start(sheet, headers, widths)
    for row in rows:
        sheet.append(list(row))
    _finish(sheet, headers, len(rows))


def _start(sheet: Any, headers: Sequence[str], widths: Sequence[int]) -> None:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = min(MAX_WIDTH, width + 2)
    sheet.freeze_panes = "A2"
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
    cells = []
    for header in headers:
        cell = WriteOnlyCell(sheet, value=header)
        cell.font, cell.fill = bold, fill
        cells.append(cell)
    sheet.append(cells)


def _finish(sheet: Any, headers: Sequence[str], rows: int) -> None:
    from openpyxl.utils import get_column_letter

    sheet.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{rows + 1}"


def _summary_rows(batch: BatchResult) -> Iterator[tuple[str, Any]]:
    yield "检查文件数", batch.files
    yield "无问题", batch.clean
    yield "有错误的报告", batch.with_errors
    yield "无法读取", batch.unreadable
    yield "错误", batch.severities[Severity.ERROR]
    yield "警告", batch.severities[Severity.WARNING]
    yield "提示", batch.severities[Severity.INFO]
    readable = batch.files - batch.unreadable
    yield (
        "通过率（无错误的可读报告）",
        f"{(readable - batch.with_errors) / batch.files:.1%}" if batch.files else "—",
    )
    yield "用时（秒）", round(batch.elapsed, 1)


def _link(path: str, base: Path | None) -> str:
    target = Path(os.path.abspath(path))
    if base is not None:
        with contextlib.suppress(ValueError):  # another drive (Windows): keep it absolute
            target = Path(os.path.relpath(target, base))
    text = path.replace('"', '""')
    return f'=HYPERLINK("{target.as_posix().replace(chr(34), "")}","{text}")'


def _report_row(
    number: int, summary: ReportSummary, result: FileResult, base: Path | None
) -> list[Any]:
    ident = summary.identity
    tally = office.counts(result)
    return [
        number,
        _link(summary.path, base),
        ident.agency,
        ident.year,
        office.KIND_ZH.get(ident.agency_kind or "", ident.agency_kind),
        summary.era,
        summary.published.isoformat() if summary.published else None,
        office.status(result),
        tally[Severity.ERROR],
        tally[Severity.WARNING],
        tally[Severity.INFO],
        office.late_days(summary),
        office.SOURCE_ZH.get(ident.source, ident.source),
        f"{result.error.message} [{result.error.code}]" if result.error else None,
    ]


def _finding_rows(
    summary: ReportSummary, result: FileResult, base: Path | None
) -> Iterator[list[Any]]:
    link, ident = _link(summary.path, base), summary.identity
    if result.error:
        yield [link, ident.agency, ident.year, None, "无法读取", "错误", None, result.error.message,
               None, None, None, result.error.code, None, None, None, None]  # fmt: skip
    for finding in result.findings:
        p, rule = finding.problem, finding.rule
        yield [
            link, ident.agency, ident.year, rule.id, rule.name, office.severity_zh(finding.severity),
            rule.category, p.message.zh, p.location.line, p.location.column, p.location.page,
            p.where or p.location.part, _cell(p.expected), _cell(p.actual), p.formula, rule.basis,
        ]  # fmt: skip


def _cell(value: Any) -> Any:
    return value if value is None or isinstance(value, int | float | str) else str(value)


def _rule_rows(batch: BatchResult, catalog: Sequence[RuleMeta]) -> Iterator[list[Any]]:
    metas = {m.id: m for m in catalog} | batch.metas
    for rule_id, count in sorted(batch.rules.items(), key=lambda item: (-item[1], item[0])):
        meta = metas[rule_id]
        files = batch.rule_files[rule_id]
        yield [rule_id, meta.name, meta.title.zh, office.severity_zh(meta.severity), meta.category,
               count, files, f"{files / batch.files:.1%}" if batch.files else None]  # fmt: skip


def _widths(batch: BatchResult, base: Path | None) -> tuple[list[int], list[int]]:
    """Column widths that fit: one pass over the results before the rows are written (a
    write-only sheet needs its widths first)."""
    reports = [_width(h) for h in REPORT_HEADERS]
    findings = [_width(h) for h in FINDING_HEADERS]
    for number, (summary, result) in enumerate(batch.iter_reports(), start=1):
        row = _report_row(number, summary, result, base)
        row[1] = summary.path
        reports = _grow(reports, row)
        for item in _finding_rows(summary, result, base):
            item[0] = summary.path
            findings = _grow(findings, [number, *item])
    return reports, findings


def _grow(widths: list[int], row: Iterable[Any]) -> list[int]:
    return [max(w, _width(v)) for w, v in zip(widths, row, strict=False)]


def _width(value: Any) -> int:
    """Display width: a Chinese character takes two columns."""
    if value is None:
        return 0
    text = str(value)
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)
