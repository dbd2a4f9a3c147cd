"""Human-readable output, grouped by file: Chinese by default, English with --lang en.

Coloured on a terminal (checker.formatters.style); columns are measured in terminal cells, so a
Chinese place or severity keeps the messages after it in one column.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from checker.core.findings import (
    SEVERITY_ZH,
    FileResult,
    Finding,
    Results,
    RuleMeta,
    Severity,
    Tally,
)
from checker.formatters.style import PLAIN, Painter, Segment, Style, pad

_KIND_ZH = {"department": "部门", "government": "人民政府", "township": "乡镇（街道）"}


def write(
    results: Results,
    catalog: Sequence[RuleMeta],
    lang: str,
    out: TextIO,
    style: Style = PLAIN,
) -> None:
    """A block per file, then the summary line; blocks separated by a blank line. Quiet: only
    the files with findings or errors, and no summary."""
    painter = Painter(out, style.color)
    first = True
    for file in results.iter_files():
        if style.quiet and not (file.error or file.findings):
            continue
        if not first:
            out.write("\n")
        _file_block(painter, file, lang)
        first = False
    if not style.quiet:
        if not first:
            out.write("\n")
        painter.line([(summary(results.tally, lang), "summary")])


def _file_block(painter: Painter, file: FileResult, lang: str) -> None:
    about = _about(file, lang)
    painter.line([(file.path, "path"), f"  {about}" if about else ""])
    if file.error:
        label = "无法读取" if lang != "en" else "cannot read"
        painter.line(["  ", (label, "error"), f": {file.error.message} [{file.error.code}]"])
    elif not file.findings:
        painter.line([("  未发现问题" if lang != "en" else "  no findings", "clean")])
    for finding in file.findings:
        painter.line(_finding_head(finding, lang))
        evidence = _evidence(finding, lang)
        if evidence:
            painter.line([" " * 12, (evidence, "evidence")])


def _about(file: FileResult, lang: str) -> str:
    meta = file.metadata
    if meta is None:
        return ""
    if lang == "en":
        parts = [
            meta.agency,
            f"report year {meta.year}" if meta.year else None,
            f"era {meta.era}" if meta.era else None,
            meta.agency_kind,
            f"published {meta.published}" if meta.published else None,
        ]
    else:
        parts = [
            meta.agency,
            f"{meta.year}年度" if meta.year else None,
            f"{meta.era}版" if meta.era else None,
            _KIND_ZH.get(meta.agency_kind or ""),
            f"发布于{meta.published}" if meta.published else None,
        ]
    shown = [p for p in parts if p]
    return f"（{' · '.join(shown)}）" if shown else ""


def _finding_head(finding: Finding, lang: str) -> list[Segment | str]:
    problem = finding.problem
    loc = problem.location
    # A line of the file (txt, md) as line:column; else where a person finds it: the page of a
    # PDF, a Word paragraph with its first words or table cell, an HTML page's source line.
    place = loc.label or f"{loc.file_line or '-'}:{loc.file_column or '-'}"
    severity = finding.severity.label if lang == "en" else SEVERITY_ZH[finding.severity]
    return [
        "  ",
        (pad(place, 8, ">"), "place"),
        "  ",
        (pad(severity, 7), finding.severity.label),
        " ",
        (finding.rule.id, "rule"),
        f" {problem.message.render(lang)}",
    ]


def _evidence(finding: Finding, lang: str) -> str:
    p = finding.problem
    names = ("expected", "actual", "formula") if lang == "en" else ("应为", "实为", "算式")
    parts = [
        f"{name}: {value}"
        for name, value in zip(names, (p.expected, p.actual, p.formula), strict=True)
        if value is not None
    ]
    return "  ".join(parts)


def summary(tally: Tally, lang: str) -> str:
    counts = [tally.severities[s] for s in (Severity.ERROR, Severity.WARNING, Severity.INFO)]
    if lang == "en":
        return (
            f"{tally.files} file(s): {counts[0]} error(s), {counts[1]} warning(s), "
            f"{counts[2]} info, {tally.unreadable} unreadable"
        )
    return (
        f"共检查 {tally.files} 个文件：错误 {counts[0]} 个，警告 {counts[1]} 个，"
        f"提示 {counts[2]} 个，无法读取 {tally.unreadable} 个"
    )
