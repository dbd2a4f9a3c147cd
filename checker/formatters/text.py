"""Human-readable output, grouped by file: Chinese by default, English with --lang en."""

from __future__ import annotations

from collections.abc import Sequence

from checker.core.findings import SEVERITY_ZH, FileResult, Finding, RuleMeta, RunResult, Severity

_KIND_ZH = {"department": "部门", "government": "人民政府", "township": "乡镇（街道）"}


def render(result: RunResult, catalog: Sequence[RuleMeta], lang: str) -> str:
    blocks = [_file_block(f, lang) for f in result.files]
    return "\n".join([*blocks, _summary(result, lang)]) + "\n"


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


def _summary(result: RunResult, lang: str) -> str:
    unreadable = sum(1 for f in result.files if f.error)
    counts = {s: result.count(s) for s in Severity}
    if lang == "en":
        return (
            f"{len(result.files)} file(s): {counts[Severity.ERROR]} error(s), "
            f"{counts[Severity.WARNING]} warning(s), {counts[Severity.INFO]} info, {unreadable} unreadable"
        )
    return (
        f"共检查 {len(result.files)} 个文件：错误 {counts[Severity.ERROR]} 个，警告 "
        f"{counts[Severity.WARNING]} 个，提示 {counts[Severity.INFO]} 个，无法读取 {unreadable} 个"
    )
