"""GitHub Actions workflow commands: one `::error file=…,line=…::message` line per finding.

GitHub turns each line into an annotation on the pull request's diff. Levels map error → error,
warning → warning, info → notice. Values are escaped as the runner expects (%, CR, LF; and in
properties also `:` and `,`), so a Chinese message with a comma stays whole.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from checker.core.findings import Finding, Results, RuleMeta, Severity
from checker.core.fingerprints import normalize_path

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def write(results: Results, catalog: Sequence[RuleMeta], lang: str, out: TextIO) -> None:
    """A line per finding (and per unreadable file), written as the files go by."""
    for file in results.iter_files():
        lines: list[str] = []
        path = normalize_path(file.path)
        if file.error:
            message = f"{file.error.message} [{file.error.code}]"
            lines.append(
                f"::error {_properties({'file': path, 'title': 'ogi-check'})}::{_data(message)}"
            )
        lines.extend(_annotation(path, finding, lang) for finding in file.findings)
        out.write("".join(f"{line}\n" for line in lines))


def _annotation(path: str, finding: Finding, lang: str) -> str:
    problem, loc = finding.problem, finding.problem.location
    properties = {
        "file": path,
        # A line of the file itself: an HTML page's source line, none for Word and PDF.
        "line": str(loc.file_line) if loc.file_line else None,
        "col": str(loc.file_column) if loc.file_line and loc.file_column else None,
        "title": f"{finding.rule.id} {finding.rule.name}",
    }
    message = problem.message.render(lang)
    if problem.where and problem.where not in message:
        message += f" [{problem.where}]"
    if loc.label:
        message += f" ({loc.label})"
    return f"::{COMMANDS[finding.severity]} {_properties(properties)}::{_data(message)}"


def _properties(values: dict[str, str | None]) -> str:
    return ",".join(f"{key}={_property(value)}" for key, value in values.items() if value)


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")
