"""GitLab Code Quality (`artifacts:reports:codequality`): a JSON array of issues, shown in the
merge request's Code Quality widget and on the diff.

Each issue has `description`, `check_name` (the rule id), `fingerprint`, `severity` in GitLab's
words and `location` (`path`, `lines.begin`). Levels map error → major, warning → minor,
info → info; a file that could not be read is one `critical` issue (check `ogi-check/<code>`).
The fingerprint is the one SARIF and baselines use (rule, file, logical location, occurrence:
no line), so GitLab tells a new finding from one that only moved. Word and PDF files have no
lines: their issues are on line 1 and the description names the paragraph, cell or page.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from typing import Any, TextIO

from checker.core.findings import FileResult, Finding, Results, RuleMeta, Severity
from checker.core.fingerprints import fingerprint, iter_fingerprints, normalize_path

SEVERITIES = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}
UNREADABLE = "critical"


def write(results: Results, catalog: Sequence[RuleMeta], lang: str, out: TextIO) -> None:
    """The array, an issue at a time as the files go by."""
    out.write("[")
    first = True
    for issue in _issues(results, lang):
        out.write("\n  " if first else ",\n  ")
        out.write(json.dumps(issue, ensure_ascii=False))
        first = False
    out.write("]\n" if first else "\n]\n")


def _issues(results: Results, lang: str) -> Iterator[dict[str, Any]]:
    for file in results.iter_files():
        path = normalize_path(file.path)
        if file.error:
            yield _unreadable(file, path)
        for finding, fp in iter_fingerprints(file.path, file.findings):
            yield _issue(finding, fp, path, lang)


def _unreadable(file: FileResult, path: str) -> dict[str, Any]:
    assert file.error is not None
    check = f"ogi-check/{file.error.code}"
    return {
        "description": f"无法读取 cannot read: {file.error.message} [{file.error.code}]",
        "check_name": check,
        "fingerprint": fingerprint(check, file.path, None),
        "severity": UNREADABLE,
        "location": {"path": path, "lines": {"begin": 1}},
    }


def _issue(finding: Finding, fp: str, path: str, lang: str) -> dict[str, Any]:
    problem, loc = finding.problem, finding.problem.location
    description = f"{finding.rule.id} {problem.message.render(lang)}"
    if problem.where and problem.where not in description:
        description += f" [{problem.where}]"
    if loc.label:  # 第3页, 第12段（“…”）, 表格2 第3行第4列: where a person finds it
        description += f" ({loc.label})"
    return {
        "description": description,
        "check_name": finding.rule.id,
        "fingerprint": fp,
        "severity": SEVERITIES[finding.severity],
        # A line of the file itself (an HTML page's source line); Word and PDF have none.
        "location": {"path": path, "lines": {"begin": loc.file_line or 1}},
    }
