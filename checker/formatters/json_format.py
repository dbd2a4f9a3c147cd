"""The JSON contract (schema_version 1) that other tools parse: keep its shape stable."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from checker import __version__
from checker.core.findings import FileResult, Finding, RuleMeta, RunResult, Severity
from checker.core.model import Metadata

SCHEMA_VERSION = 1


def render(result: RunResult, catalog: Sequence[RuleMeta], lang: str) -> str:
    return json.dumps(result_dict(result, lang), ensure_ascii=False, indent=2) + "\n"


def result_dict(result: RunResult, lang: str) -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "ogi-check", "version": __version__},
        "files": [file_dict(f, lang) for f in result.files],
        "summary": summary_dict(result),
    }


def summary_dict(result: RunResult) -> dict[str, int]:
    return {"files": len(result.files), **{s.label: result.count(s) for s in reversed(Severity)}}


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
