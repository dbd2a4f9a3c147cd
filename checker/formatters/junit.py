"""JUnit XML for CI test reports (GitLab `artifacts:reports:junit`, Jenkins, Azure Pipelines).

One <testsuite> per file and one <testcase> per file × rule that ran on it (a rule of another
era or body type did not, and is not listed as passed): the case fails when the rule found
something at or above `--fail-on` in the file (one <failure> listing every such finding), so a
file with only warnings fails nothing under the default `--fail-on error`, as it fails no gate;
findings below that level leave the case passing and are listed in <system-out>. A file that
could not be read is one <testcase> with an <error>.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence
from typing import TextIO

from checker.core.findings import FileResult, Finding, Results, RuleMeta, RunResult, Severity
from checker.formatters import rule_list


def write(
    results: Results,
    catalog: Sequence[RuleMeta],
    lang: str,
    out: TextIO,
    *,
    fail_on: str = "error",
) -> None:
    """A whole document (one JSON or XML tree): the files are gathered first."""
    result = RunResult(tuple(results.iter_files()), dict(results.counts))
    out.write(_document(result, catalog, lang, _threshold(fail_on)))


def _threshold(fail_on: str) -> Severity | None:
    """The least severity that fails a case; None for `never`."""
    return None if fail_on == "never" else Severity.parse(fail_on)


def _document(
    result: RunResult, catalog: Sequence[RuleMeta], lang: str, threshold: Severity | None
) -> str:
    rules = rule_list(catalog, result)
    root = ET.Element("testsuites", name="ogi-check")
    for file in result.files:
        root.append(_suite(file, rules, lang, threshold))
    _total(root)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _suite(
    file: FileResult, rules: Sequence[RuleMeta], lang: str, threshold: Severity | None
) -> ET.Element:
    suite = ET.Element("testsuite", name=file.path)
    if file.error:
        case = ET.SubElement(suite, "testcase", classname=file.path, name="read")
        error = ET.SubElement(case, "error", message=file.error.message, type=file.error.code)
        error.text = f"{file.path}: {file.error.message} [{file.error.code}]"
    else:
        for meta in _ran(file, rules):
            findings = [x for x in file.findings if x.rule.id == meta.id]
            suite.append(_case(file, meta, findings, lang, threshold))
    _count(suite)
    return suite


def _ran(file: FileResult, rules: Sequence[RuleMeta]) -> list[RuleMeta]:
    """The rules that ran on the file (every rule where that was not recorded), and any rule
    with a finding in it."""
    if file.applied is None:
        return list(rules)
    ran = {*file.applied, *(x.rule.id for x in file.findings)}
    return [meta for meta in rules if meta.id in ran]


def _case(
    file: FileResult,
    meta: RuleMeta,
    findings: list[Finding],
    lang: str,
    threshold: Severity | None,
) -> ET.Element:
    case = ET.Element("testcase", classname=file.path, name=f"{meta.id} {meta.name}", time="0")
    failing = [x for x in findings if threshold is not None and x.severity >= threshold]
    if failing:
        worst = max(x.severity for x in failing)
        failure = ET.SubElement(
            case,
            "failure",
            message=failing[0].problem.message.render(lang),
            type=worst.label,
        )
        failure.text = "\n".join(_line(file.path, x, lang) for x in failing)
    notes = [x for x in findings if threshold is None or x.severity < threshold]
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
