"""JUnit XML for CI test reports (GitLab `artifacts:reports:junit`, Jenkins, Azure Pipelines).

One <testsuite> per file and one <testcase> per file × rule: the case fails when the rule found
an error or a warning in the file (one <failure> listing every such finding); notes (info, such
as "cannot assess") leave it passing and are listed in <system-out>. A file that could not be
read is one <testcase> with an <error>.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence
from typing import TextIO

from checker.core.findings import FileResult, Finding, Results, RuleMeta, RunResult, Severity
from checker.formatters import rule_list


def write(results: Results, catalog: Sequence[RuleMeta], lang: str, out: TextIO) -> None:
    """A whole document (one JSON or XML tree): the files are gathered first."""
    out.write(
        _document(RunResult(tuple(results.iter_files()), dict(results.counts)), catalog, lang)
    )


def _document(result: RunResult, catalog: Sequence[RuleMeta], lang: str) -> str:
    rules = rule_list(catalog, result)
    root = ET.Element("testsuites", name="ogi-check")
    for file in result.files:
        root.append(_suite(file, rules, lang))
    _total(root)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _suite(file: FileResult, rules: Sequence[RuleMeta], lang: str) -> ET.Element:
    suite = ET.Element("testsuite", name=file.path)
    if file.error:
        case = ET.SubElement(suite, "testcase", classname=file.path, name="read")
        error = ET.SubElement(case, "error", message=file.error.message, type=file.error.code)
        error.text = f"{file.path}: {file.error.message} [{file.error.code}]"
    else:
        for meta in rules:
            suite.append(
                _case(file, meta, [x for x in file.findings if x.rule.id == meta.id], lang)
            )
    _count(suite)
    return suite


def _case(file: FileResult, meta: RuleMeta, findings: list[Finding], lang: str) -> ET.Element:
    case = ET.Element("testcase", classname=file.path, name=f"{meta.id} {meta.name}", time="0")
    failing = [x for x in findings if x.severity >= Severity.WARNING]
    if failing:
        worst = max(x.severity for x in failing)
        failure = ET.SubElement(
            case,
            "failure",
            message=failing[0].problem.message.render(lang),
            type=worst.label,
        )
        failure.text = "\n".join(_line(file.path, x, lang) for x in failing)
    notes = [x for x in findings if x.severity < Severity.WARNING]
    if notes:
        ET.SubElement(case, "system-out").text = "\n".join(_line(file.path, x, lang) for x in notes)
    return case


def _line(path: str, finding: Finding, lang: str) -> str:
    loc, problem = finding.problem.location, finding.problem
    # A line of the file itself (an HTML page's source line); Word and PDF are placed by their
    # paragraph, cell or page instead.
    line, column = loc.file_line, loc.file_column
    place = f"{path}:{line}" + (f":{column}" if column else "") if line else path
    if loc.label:
        place += f" ({loc.label})"
    where = f" [{problem.where}]" if problem.where else ""
    return (
        f"{place}: {finding.severity.label} {finding.rule.id} {problem.message.render(lang)}{where}"
    )


def _count(suite: ET.Element) -> None:
    cases = suite.findall("testcase")
    suite.set("tests", str(len(cases)))
    suite.set("failures", str(sum(1 for c in cases if c.find("failure") is not None)))
    suite.set("errors", str(sum(1 for c in cases if c.find("error") is not None)))
    suite.set("skipped", "0")
    suite.set("time", "0")


def _total(root: ET.Element) -> None:
    for key in ("tests", "failures", "errors"):
        root.set(key, str(sum(int(s.get(key, "0")) for s in root)))
    root.set("time", "0")
