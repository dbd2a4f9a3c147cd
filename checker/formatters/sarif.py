"""SARIF 2.1.0 for code-scanning tools (GitHub code scanning, VS Code SARIF viewer, GitLab).

The driver carries the rule catalog (id, name, title, help with the legal basis, default level);
each result points at its rule by id and index, names the physical place where there is one
(file, line, column counted in Unicode code points) and always the logical one (a section
title, a quoted clause, a cell address such as T3[R3.7][TOT]), and carries a partial
fingerprint built from rule + file + logical location, so it survives lines moving. A bundled
rule's `helpUri` is its section of docs/rules.md: in the repository named by the package's
project URLs where there is one, else in the source tree this checker runs from (a `file:` URI,
which a local SARIF viewer opens); it must be absolute (GitHub's upload rejects a relative one),
so an installation with neither has no `helpUri` and the help text names the section. A file
that could not be read is a tool execution notification, and the run's `properties` count them.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import quote

from checker import __version__
from checker.core.findings import FileResult, Finding, Results, RuleMeta, RunResult, Severity
from checker.core.fingerprints import FINGERPRINT_KEY, iter_fingerprints, normalize_path
from checker.formatters import rule_list

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def write(results: Results, catalog: Sequence[RuleMeta], lang: str, out: TextIO) -> None:
    """A whole document (one JSON or XML tree): the files are gathered first."""
    out.write(
        _document(RunResult(tuple(results.iter_files()), dict(results.counts)), catalog, lang)
    )


def _document(result: RunResult, catalog: Sequence[RuleMeta], lang: str) -> str:
    rules = rule_list(catalog, result)
    index = {meta.id: i for i, meta in enumerate(rules)}
    run: dict[str, Any] = {
        "tool": {"driver": _driver(rules, lang)},
        "columnKind": "unicodeCodePoints",
        "invocations": [_invocation(result)],
        "results": [
            _result(finding, fp, file, index, lang)
            for file in result.files
            for finding, fp in iter_fingerprints(file.path, file.findings)
        ],
    }
    run["properties"] = _summary(result)
    log = {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"


def _driver(rules: Sequence[RuleMeta], lang: str) -> dict[str, Any]:
    return {
        "name": "ogi-check",
        "version": __version__,
        "semanticVersion": __version__,
        "rules": [_rule(meta, lang) for meta in rules],
    }


def _summary(result: RunResult) -> dict[str, Any]:
    """What the run checked: files, those that could not be read, findings per level, and the
    run's counts (suppressed inline, held back by the baseline)."""
    tally = result.tally
    levels = {level: tally.severities[severity] for severity, level in LEVELS.items()}
    return {"files": tally.files, "unreadable": tally.unreadable, **levels, **result.counts}


def _rule(meta: RuleMeta, lang: str) -> dict[str, Any]:
    title = meta.title.render(lang)
    basis = f"依据 basis: {meta.basis}"
    uri = help_uri(meta)
    see = f"说明 see: {uri or meta.doc}" if meta.doc else ""
    see_md = f"说明 see: [{meta.doc}]({uri})" if uri else see
    rule: dict[str, Any] = {
        "id": meta.id,
        "name": meta.name,
        "shortDescription": {"text": title},
        "fullDescription": {"text": f"{meta.title.zh} / {meta.title.en}"},
        "help": {
            "text": "\n".join(x for x in (title, basis, see) if x),
            "markdown": f"**{meta.id}** {title}\n\n{basis}" + (f"\n\n{see_md}" if see else ""),
        },
        "defaultConfiguration": {"level": LEVELS[meta.severity]},
        "properties": {"category": meta.category, "tags": [meta.category]},
    }
    if uri:
        rule["helpUri"] = uri
    return rule


def help_uri(meta: RuleMeta) -> str | None:
    """The rule's documentation as an absolute URI, or None where there is none to give."""
    if not meta.doc:
        return None
    base = repository_url()
    if base:
        return f"{base}/blob/HEAD/{meta.doc}"
    page, _, anchor = meta.doc.partition("#")
    local = source_tree()
    if local is None or not (local / page).is_file():
        return None
    return (local / page).as_uri() + (f"#{anchor}" if anchor else "")


@cache
def source_tree() -> Path | None:
    """The checkout this checker runs from (an editable install: docs/ beside checker/), or
    None for an installed wheel, which carries no docs."""
    root = Path(__file__).resolve().parents[2]
    return root if (root / "docs").is_dir() and (root / "pyproject.toml").is_file() else None


@cache
def repository_url() -> str | None:
    """The source repository named in the package's project URLs (pyproject's
    [project.urls]: Repository, Source or Homepage), without a trailing slash."""
    from importlib.metadata import PackageNotFoundError, metadata

    try:
        entries: list[str] = metadata("ogi-checker").get_all("Project-URL") or []
    except PackageNotFoundError:
        return None
    urls: dict[str, str] = {}
    for entry in entries:
        label, _, url = entry.partition(",")
        urls[label.strip().lower().replace(" ", "")] = url.strip().rstrip("/")
    for label in ("repository", "source", "sourcecode", "homepage"):
        if urls.get(label, "").startswith(("https://", "http://")):
            return urls[label]
    return None


def _result(
    finding: Finding, fp: str, file: FileResult, index: dict[str, int], lang: str
) -> dict[str, Any]:
    problem = finding.problem
    out: dict[str, Any] = {
        "ruleId": finding.rule.id,
        "ruleIndex": index[finding.rule.id],
        "level": LEVELS[finding.severity],
        "message": {"text": problem.message.render(lang)},
        "locations": [_location(finding, file.path)],
        "partialFingerprints": {FINGERPRINT_KEY: fp},
    }
    evidence = {
        k: v
        for k, v in (
            ("expected", problem.expected),
            ("actual", problem.actual),
            ("formula", problem.formula),
        )
        if v is not None
    }
    if evidence:
        out["properties"] = evidence
    return out


def _location(finding: Finding, path: str) -> dict[str, Any]:
    loc, where = finding.problem.location, finding.problem.where
    physical: dict[str, Any] = {"artifactLocation": {"uri": artifact_uri(path)}}
    if loc.file_line:  # a line of the file itself: an HTML page's source line, none for Word/PDF
        physical["region"] = {
            "startLine": loc.file_line,
            **({"startColumn": loc.file_column} if loc.file_column else {}),
        }
    location: dict[str, Any] = {"physicalLocation": physical}
    if where:
        location["logicalLocations"] = [{"fullyQualifiedName": where, "kind": "element"}]
    if loc.label:  # 第3页, 第12段（“…”）, 表格2 第3行第4列: where a person finds it
        location["message"] = {"text": loc.label}
    return location


def artifact_uri(path: str) -> str:
    """A URI reference for a report path: relative stays relative; Chinese names are %-encoded."""
    posix = normalize_path(path)
    if posix.startswith("/"):
        return "file://" + quote(posix, safe="/")
    if len(posix) > 1 and posix[1] == ":":  # a Windows drive path
        return "file:///" + quote(posix, safe="/:")
    return quote(posix, safe="/")


def _invocation(result: RunResult) -> dict[str, Any]:
    notes = [
        {
            "level": "error",
            "message": {"text": f"{f.error.message} [{f.error.code}]"},
            "locations": [
                {"physicalLocation": {"artifactLocation": {"uri": artifact_uri(f.path)}}}
            ],
            "descriptor": {"id": f.error.code},
        }
        for f in result.files
        if f.error
    ]
    return {"executionSuccessful": True, "toolExecutionNotifications": notes}
