"""A report gives the same findings whatever its format, each placed where a user can find it.

fixtures/parity/ holds three reports rendered by make_fixtures.py into Markdown, a GBK web page,
Word, PDF, YAML (and JSON): the clean 2021 and 2008 fixtures, and the 2021 one with a defect of
each kind. Each rendering must give the findings (rule, logical place) of the .txt original,
and each finding must carry the locator of its format: a line (text, Markdown), the source line
(HTML, YAML, JSON), a page (PDF), a paragraph or table row (Word).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest

from checker.core.findings import FileResult, Finding
from checker.core.rules import RuleSet
from checker.engine import RunConfig, check_file
from tests.conftest import FIXTURES

PARITY = FIXTURES / "parity"
SOURCES = {
    "department_2021": FIXTURES / "2021" / "valid_department.txt",
    "narrative_2008": FIXTURES / "2008" / "valid_narrative.txt",
    "defects_2021": PARITY / "defects_2021.txt",
}
FORMATS = ("md", "html", "docx", "pdf", "yaml", "json")
CASES = [(name, fmt) for name in SOURCES for fmt in FORMATS if (PARITY / f"{name}.{fmt}").exists()]
SOURCE_LINE = re.compile(r"^源文件第(\d+)行$")
# Issue 10 asks for a paragraph named with its first words: 第3段（“本报告依据…”）.
DOCX_PART = re.compile(r"^(第\d+段（“[^”]+”）|表格\d+ 第\d+行)$")


def checked(path: Path, rules: RuleSet) -> FileResult:
    result = check_file(path, rules, RunConfig())
    assert result.error is None, f"{path.name}: {result.error}"
    return result


def keys(result: FileResult) -> Counter[tuple[str, str]]:
    return Counter(finding.key for finding in result.findings)


def test_every_format_of_every_report_is_here() -> None:
    assert len(CASES) == 17, "run fixtures/parity/make_fixtures.py"


@pytest.mark.parametrize(("name", "fmt"), CASES)
def test_same_findings_as_the_text(name: str, fmt: str, rules: RuleSet) -> None:
    expected = keys(checked(SOURCES[name], rules))
    assert keys(checked(PARITY / f"{name}.{fmt}", rules)) == expected


def test_the_defects_are_found(rules: RuleSet) -> None:
    """The parity of the defect report means something only if its defects are found."""
    found = set(keys(checked(SOURCES["defects_2021"], rules)))
    assert {
        ("OGI-C002", "XX局"),
        ("OGI-F020", "T3[R1][TOT]"),
        ("OGI-F023", "T4[REVIEW][TOTAL]"),
    } <= found


@pytest.mark.parametrize(("name", "fmt"), CASES)
def test_every_finding_has_a_usable_location(name: str, fmt: str, rules: RuleSet) -> None:
    path = PARITY / f"{name}.{fmt}"
    for finding in checked(path, rules).findings:
        if finding.problem.location.line is None:
            continue  # nowhere in the text (a missing field): nothing to place in any format
        LOCATORS[fmt](finding, path)


def _line(finding: Finding, path: Path) -> None:
    line = finding.problem.location.line
    assert line is not None and line <= len(path.read_text(encoding="utf-8").split("\n"))
    quoted = finding.problem.where or ""
    if finding.rule.id.startswith("OGI-C"):  # a quoted clause is on that very line of the file
        assert quoted in path.read_text(encoding="utf-8").split("\n")[line - 1], finding


def _source_line(finding: Finding, path: Path) -> None:
    match = SOURCE_LINE.match(finding.problem.location.part or "")
    assert match, finding
    encoding = "gb18030" if path.suffix == ".html" else "utf-8"
    lines = path.read_bytes().decode(encoding).split("\n")
    number = int(match.group(1))
    assert 1 <= number <= len(lines)
    if finding.rule.id.startswith("OGI-C"):
        assert (finding.problem.where or "") in lines[number - 1], finding


def _page(finding: Finding, path: Path) -> None:
    page = finding.problem.location.page
    assert page is not None and 1 <= page <= 10, finding


def _docx_part(finding: Finding, path: Path) -> None:
    assert DOCX_PART.match(finding.problem.location.part or ""), finding


LOCATORS = {
    "md": _line,
    "html": _source_line,
    "yaml": _source_line,
    "json": _source_line,
    "pdf": _page,
    "docx": _docx_part,
}


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_legacy_doc_is_converted_and_checked_alike(tmp_path: Path, rules: RuleSet) -> None:
    """A .doc (Word 97) made from the Word fixture reads through LibreOffice to the same findings."""
    source = tmp_path / "report.docx"
    source.write_bytes((PARITY / "defects_2021.docx").read_bytes())
    subprocess.run(
        ["soffice", f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
         "--convert-to", "doc", "--outdir", str(tmp_path), str(source)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    legacy = tmp_path / "report.doc"
    assert legacy.read_bytes().startswith(bytes.fromhex("d0cf11e0"))
    assert keys(checked(legacy, rules)) == keys(checked(SOURCES["defects_2021"], rules))
