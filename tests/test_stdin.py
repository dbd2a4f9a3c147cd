"""`-` reads one report from standard input, as ruff and ESLint do: `--stdin-filename NAME`
decides the format (by its suffix) and the configuration (looked up from its place), and the
findings name it; without it the content decides the format (text by default) and the
findings name `-`."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from checker.cli import main
from tests.conftest import FIXTURES, SEED, invoke

DOCX = FIXTURES / "parity" / "defects_2021.docx"
NARRATIVE = FIXTURES / "2008" / "valid_narrative.txt"


def piped(data: bytes, *args: object) -> Result:
    return CliRunner().invoke(main, ["check", *(str(a) for a in args)], input=data)


def as_json(result: Result) -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(result.stdout)
    return doc


def without_paths(doc: dict[str, Any]) -> list[Any]:
    return [{**f, "path": None} for f in doc["files"]]


def test_dash_reads_a_text_report_and_names_it_dash() -> None:
    result = piped(SEED.read_bytes(), "--format", "json", "-")
    assert result.exit_code == 1, result.stderr
    doc = as_json(result)
    assert [f["path"] for f in doc["files"]] == ["-"]
    assert without_paths(doc) == without_paths(as_json(invoke("check", "--format", "json", SEED)))


def test_the_text_format_names_the_dash() -> None:
    result = piped(SEED.read_bytes(), "-")
    assert result.stdout.startswith("-  （辽宁省公安厅")


def test_stdin_filename_picks_the_format_and_names_the_findings() -> None:
    name = "reports/县市场监管局.docx"
    result = piped(DOCX.read_bytes(), "--format", "json", "--stdin-filename", name, "-")
    doc = as_json(result)
    (file,) = doc["files"]
    assert file["path"] == name and file["status"] == "checked"
    from_disk = as_json(invoke("check", "--format", "json", DOCX))
    assert without_paths(doc) == without_paths(from_disk), "read as the docx it is"
    sarif = json.loads(
        piped(DOCX.read_bytes(), "--format", "sarif", "--stdin-filename", name, "-").stdout
    )
    location = sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"].startswith("reports/")


def test_the_suffix_decides_even_against_the_content() -> None:
    """As for a file: text under a .docx name is the wrong format, said per file."""
    result = piped(NARRATIVE.read_bytes(), "--format", "json", "--stdin-filename", "x.docx", "-")
    assert result.exit_code == 1
    (file,) = as_json(result)["files"]
    assert file["path"] == "x.docx" and file["error"]["code"] == "wrong_format"


def test_without_a_name_the_content_decides_text_by_default() -> None:
    word = as_json(piped(DOCX.read_bytes(), "--format", "json", "-"))["files"][0]
    assert word["status"] == "checked" and word["report"]["agency"] == "清河县市场监督管理局"
    text = as_json(piped(NARRATIVE.read_bytes(), "--format", "json", "-"))["files"][0]
    assert text["status"] == "checked" and text["findings"] == []


def test_markdown_on_stdin_honours_its_suppression_comments() -> None:
    text = SEED.read_text(encoding="utf-8")
    silenced = "<!-- ogi-check: disable-file=OGI-N002 reason=测试 -->\n" + text
    result = piped(silenced.encode(), "--format", "json", "--stdin-filename", "r.md", "-")
    rules = {x["rule"] for x in as_json(result)["files"][0]["findings"]}
    assert "OGI-N002" not in rules and "OGI-N001" in rules


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository whose configuration turns OGI-N002 off and excludes drafts/; the run
    starts elsewhere, so only --stdin-filename can lead to the configuration."""
    (tmp_path / "repo" / "reports").mkdir(parents=True)
    (tmp_path / "repo" / ".ogi-check.yaml").write_text(
        "rules: {disable: [OGI-N002]}\nexclude: [drafts]\n", encoding="utf-8"
    )
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / "elsewhere")
    return tmp_path / "repo"


def test_the_configuration_is_looked_up_from_the_stdin_filename(repo: Path) -> None:
    name = repo / "reports" / "seed.txt"  # need not exist: an editor's unsaved buffer
    result = piped(SEED.read_bytes(), "--format", "json", "--stdin-filename", name, "-")
    rules = {x["rule"] for x in as_json(result)["files"][0]["findings"]}
    assert "OGI-N002" not in rules and "OGI-N001" in rules
    plain = piped(SEED.read_bytes(), "--format", "json", "-")
    assert "OGI-N002" in {x["rule"] for x in as_json(plain)["files"][0]["findings"]}


def test_an_excluded_stdin_filename_is_not_checked(repo: Path) -> None:
    result = piped(SEED.read_bytes(), "--stdin-filename", repo / "drafts" / "x.txt", "-")
    assert result.exit_code == 0
    assert "未检查任何文件" in result.stderr


def test_standard_input_is_read_not_the_file_of_that_name(tmp_path: Path) -> None:
    on_disk = tmp_path / "report.txt"
    shutil.copy(SEED, on_disk)
    result = piped(NARRATIVE.read_bytes(), "--format", "json", "--stdin-filename", on_disk, "-")
    assert result.exit_code == 0
    assert as_json(result)["files"][0]["findings"] == []
    assert on_disk.read_bytes() == SEED.read_bytes()


def test_a_baseline_holds_for_the_stdin_filename(tmp_path: Path) -> None:
    report = tmp_path / "report.txt"
    shutil.copy(SEED, report)
    baseline = tmp_path / "baseline.json"
    assert invoke("baseline", "-o", baseline, report).exit_code == 0
    result = piped(
        SEED.read_bytes(), "--baseline", baseline, "--stdin-filename", report, "--format",
        "json", "-",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert as_json(result)["files"][0]["findings"] == []


def test_empty_standard_input_is_an_empty_report() -> None:
    result = piped(b"", "--format", "json", "-")
    assert result.exit_code == 1
    assert as_json(result)["files"][0]["error"]["code"] == "empty"


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("-", SEED), "不能与其他路径同时使用"),
        (("--stdin-filename", "x.txt", SEED), "只在路径为 - 时使用"),
        (("--jobs", "2", "-"), "不能批量检查"),
        (("--manifest", "m.csv", "-"), "不能批量检查"),
        (("--format", "html", "-"), "不能批量检查"),
    ],
)
def test_standard_input_misuse_is_a_usage_error(args: tuple[object, ...], words: str) -> None:
    result = piped(SEED.read_bytes(), *args)
    assert result.exit_code == 2
    assert words in result.stderr
