"""The JSON contract (schema_version 1) that other tools parse: keep its shape stable."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any, TextIO

from checker import __version__
from checker.core.findings import FileResult, Finding, Results, RuleMeta, Severity, Tally
from checker.core.model import Metadata

SCHEMA_VERSION = 1


def write(results: Results, catalog: Sequence[RuleMeta], lang: str, out: TextIO) -> None:
    """The document as `json.dumps(..., indent=2)` would print it whole, written a file at a
    time (a batch's files come from disk; memory stays flat)."""
    tool = json.dumps({"name": "ogi-check", "version": __version__}, ensure_ascii=False, indent=2)
    out.write(
        f'{{\n  "schema_version": {SCHEMA_VERSION},\n  "tool": {_indent(tool, 2)},\n  "files": ['
    )
    written = 0
    for file in results.iter_files():
        item = json.dumps(file_dict(file, lang), ensure_ascii=False, indent=2)
        out.write(("," if written else "") + "\n    " + _indent(item, 4))
        written += 1
    out.write("\n  ]," if written else "],")
    tail = json.dumps(summary_dict(results.tally), ensure_ascii=False, indent=2)
    out.write(f'\n  "summary": {_indent(tail, 2)}\n}}\n')


def _indent(text: str, spaces: int) -> str:
    return text.replace("\n", "\n" + " " * spaces)


def summary_dict(tally: Tally) -> dict[str, int]:
    return {"files": tally.files, **{s.label: tally.severities[s] for s in reversed(Severity)}}


def file_dict(file: FileResult, lang: str) -> dict[str, Any]:
    return {
        "path": file.path,
        "status": file.status,
        "error": {"code": file.error.code, "message": file.error.message} if file.error else None,
        "report": report_dict(file.metadata) if file.metadata else None,
        "findings": [finding_dict(x, lang) for x in file.findings],
    }


def report_dict(meta: Metadata) -> dict[str, Any]:
    return {
        "title": meta.title,
        "agency": meta.agency,
        "year": meta.year,
        "era": meta.era,
        "agency_kind": meta.agency_kind,
        "published": meta.published.isoformat() if meta.published else None,
    }


def finding_dict(finding: Finding, lang: str) -> dict[str, Any]:
    problem, rule = finding.problem, finding.rule
    return {
        "rule": rule.id,
        "name": rule.name,
        "category": rule.category,
        "severity": finding.severity.label,
        "message": problem.message.render(lang),
        "line": problem.location.line,
        "column": problem.location.column,
        "page": problem.location.page,
        "part": problem.location.part,  # docx paragraph / table cell, or the source line of HTML
        "where": problem.where,
        "expected": problem.expected,
        "actual": problem.actual,
        "formula": problem.formula,
        "basis": rule.basis,
    }
