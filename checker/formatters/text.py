"""Human-readable output, grouped by file: Chinese by default, English with --lang en."""

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

_KIND_ZH = {"department": "部门", "government": "人民政府", "township": "乡镇（街道）"}


def write(results: Results, catalog: Sequence[RuleMeta], lang: str, out: TextIO) -> None:
    """A block per file, then the summary line; blocks separated by a blank line."""
    first = True
    for file in results.iter_files():
        out.write(("" if first else "\n") + _file_block(file, lang))
        first = False
    out.write(("" if first else "\n") + _summary(results.tally, lang) + "\n")


def _file_block(file: FileResult, lang: str) -> str:
    about = _about(file, lang)
    lines = [f"{file.path}  {about}" if about else file.path]
    if file.error:
        label = "无法读取" if lang != "en" else "cannot read"
        lines.append(f"  {label}: {file.error.message} [{file.error.code}]")
    elif not file.findings:
        lines.append("  未发现问题" if lang != "en" else "  no findings")
    lines.extend(_finding_lines(f, lang) for f in file.findings)
    return "\n".join(lines) + "\n"


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


def _finding_lines(finding: Finding, lang: str) -> str:
    problem = finding.problem
    loc = problem.location
    # A line of the file (txt, md) as line:column; else where a person finds it: the page of a
    # PDF, a Word paragraph with its first words or table cell, an HTML page's source line.
    place = loc.label or f"{loc.file_line or '-'}:{loc.file_column or '-'}"
    severity = finding.severity.label if lang == "en" else SEVERITY_ZH[finding.severity]
    head = f"  {place:>8}  {severity:<7} {finding.rule.id} {problem.message.render(lang)}"
    evidence = _evidence(finding, lang)
    return head + (f"\n{'':>12}{evidence}" if evidence else "")


def _evidence(finding: Finding, lang: str) -> str:
    p = finding.problem
    names = ("expected", "actual", "formula") if lang == "en" else ("应为", "实为", "算式")
    parts = [
        f"{name}: {value}"
        for name, value in zip(names, (p.expected, p.actual, p.formula), strict=True)
        if value is not None
    ]
    return "  ".join(parts)


def _summary(tally: Tally, lang: str) -> str:
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
