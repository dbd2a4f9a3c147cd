"""One line per finding, as ruff, ESLint (unix) and compilers print them:

    reports/x.txt:39:26: OGI-N002 [error] 分项之和（66）大于所述总数（61）…

`path:line:col:` is what editors and terminals make clickable (vim's errorformat, VS Code's
problem matchers, Emacs compilation mode). A place with no line of the file — a Word paragraph or
table cell, a PDF page — is written as the other line formats write it (GitHub annotations,
JUnit, SARIF): the path alone, the place at the end of the message. An unreadable file is one line
with its error code where a rule id goes. A summary line closes the output (not with -q).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from checker.core.findings import FileResult, Finding, Results, RuleMeta
from checker.formatters.style import PLAIN, Painter, Segment, Style
from checker.formatters.text import summary


def write(
    results: Results,
    catalog: Sequence[RuleMeta],
    lang: str,
    out: TextIO,
    style: Style = PLAIN,
) -> None:
    painter = Painter(out, style.color)
    for file in results.iter_files():
        for line in _lines(file, lang):
            painter.line(line)
    if not style.quiet:
        painter.line([(summary(results.tally, lang), "summary")])


def _lines(file: FileResult, lang: str) -> list[list[Segment | str]]:
    lines: list[list[Segment | str]] = []
    if file.error:
        label = "无法读取" if lang != "en" else "cannot read"
        lines.append(
            [
                (f"{file.path}:", "path"),
                " ",
                (file.error.code, "rule"),
                " [",
                ("error", "error"),
                f"] {label}: {file.error.message}",
            ]
        )
    lines.extend(_finding(file.path, finding, lang) for finding in file.findings)
    return lines


def _finding(path: str, finding: Finding, lang: str) -> list[Segment | str]:
    problem, loc = finding.problem, finding.problem.location
    line, column = loc.file_line, loc.file_column
    # No column (an HTML page's source line): 1, as ruff does, so every line has one shape.
    place = f":{line}:{column or 1}" if line else ""
    message = problem.message.render(lang)
    # A place that only restates the line (an HTML page's "源文件第35行") is not repeated.
    if loc.label and loc.label != f"源文件第{line}行":
        message += f"（{loc.label}）" if lang != "en" else f" ({loc.label})"
    severity = finding.severity.label
    return [
        (f"{path}{place}:", "path"),
        " ",
        (finding.rule.id, "rule"),
        " [",
        (severity, severity),
        f"] {message}",
    ]
