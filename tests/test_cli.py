"""CLI acceptance through the real entry points: `checker.cli.main` and `python -m checker`."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from checker import __version__
from tests.conftest import FIXTURES, ROOT, SEED, USER_PACK, invoke

NARRATIVE = FIXTURES / "2008" / "valid_narrative.txt"

# The JSON contract of README "JSON output": every key always present, unknown values null.
TOP_KEYS = {"schema_version", "tool", "files", "summary"}
FILE_KEYS = {"path", "status", "error", "report", "findings"}
REPORT_KEYS = {"title", "agency", "year", "era", "agency_kind", "published"}
FINDING_KEYS = {
    "rule",
    "name",
    "category",
    "severity",
    "message",
    "line",
    "column",
    "page",
    "part",
    "where",
    "expected",
    "actual",
    "formula",
    "basis",
}
SUMMARY_KEYS = {"files", "error", "warning", "info"}
CJK = re.compile(r"[\u4e00-\u9fff]")


def check_json(*args: str | Path) -> tuple[int, dict[str, Any]]:
    result = invoke("check", "--format", "json", *args)
    assert result.stderr == "", result.stderr
    return result.exit_code, json.loads(result.stdout)


def findings_of(doc: dict[str, Any]) -> list[dict[str, Any]]:
    return [f for file in doc["files"] for f in file["findings"]]


def assert_contract(doc: dict[str, Any]) -> None:
    assert set(doc) == TOP_KEYS
    assert doc["schema_version"] == 1
    assert doc["tool"] == {"name": "ogi-check", "version": __version__}
    assert set(doc["summary"]) == SUMMARY_KEYS
    assert doc["summary"]["files"] == len(doc["files"])
    for file in doc["files"]:
        assert set(file) == FILE_KEYS
        assert file["status"] in ("checked", "error")
        if file["status"] == "checked":
            assert file["error"] is None
            assert set(file["report"]) == REPORT_KEYS
        else:
            assert set(file["error"]) == {"code", "message"}
            assert file["report"] is None
        for finding in file["findings"]:
            assert set(finding) == FINDING_KEYS
            assert finding["severity"] in ("error", "warning", "info")
    for level in ("error", "warning", "info"):
        assert doc["summary"][level] == sum(1 for f in findings_of(doc) if f["severity"] == level)


@pytest.fixture(scope="module")
def seed_json() -> dict[str, Any]:
    code, doc = check_json(SEED)
    assert code == 1
    return doc


# --- check: the JSON contract -------------------------------------------------------------


def test_check_valid_narrative_exits_0_with_the_json_contract() -> None:
    code, doc = check_json(NARRATIVE)
    assert code == 0
    assert_contract(doc)
    (file,) = doc["files"]
    assert file["path"] == str(NARRATIVE)
    assert file["status"] == "checked"
    assert file["findings"] == []
    assert file["report"] == {
        "title": "江州市住房和城乡建设局2016年政府信息公开工作年度报告",
        "agency": "江州市住房和城乡建设局",
        "year": 2016,
        "era": "2008",
        "agency_kind": "department",
        "published": "2017-03-20",
    }
    assert doc["summary"] == {"files": 1, "error": 0, "warning": 0, "info": 0}


def test_seed_findings_follow_the_contract(seed_json: dict[str, Any]) -> None:
    assert_contract(seed_json)
    findings = findings_of(seed_json)
    assert findings, "the seed has defects"
    # A finding in a text file has a line and a column but no page: null, not omitted.
    assert all(isinstance(f["line"], int) and isinstance(f["column"], int) for f in findings)
    assert all(f["page"] is None for f in findings)
    assert any(f["formula"] is None for f in findings)


def test_unknown_metadata_is_null_never_omitted(tmp_path: Path) -> None:
    report = tmp_path / "bare.txt"
    report.write_text("一、概述\n本年度工作情况如下。\n", encoding="utf-8")
    code, doc = check_json(report)
    assert_contract(doc)
    (file,) = doc["files"]
    assert file["report"] == dict.fromkeys(REPORT_KEYS)
    assert file["findings"], "unknown title, agency and year are reported as cannot-assess notes"
    assert {f["severity"] for f in file["findings"]} == {"info"}
    assert code == 0


# --- check: exit codes ----------------------------------------------------------------------

DEMOTE_ERRORS = ("--severity", "OGI-N001=warning", "--severity", "OGI-N002=warning")
ONLY_INFO = (
    "--severity",
    "OGI-N001=info",
    "--severity",
    "OGI-N002=info",
    *("--disable", "OGI-C003", "--disable", "OGI-C004", "--disable", "OGI-C005"),
)


@pytest.mark.parametrize(
    ("fail_on", "extra", "expected"),
    [
        ("error", (), 1),
        ("warning", (), 1),
        ("info", (), 1),
        ("never", (), 0),
        ("error", DEMOTE_ERRORS, 0),
        ("warning", DEMOTE_ERRORS, 1),
        ("warning", ONLY_INFO, 0),
        ("info", ONLY_INFO, 1),
        ("never", ONLY_INFO, 0),
    ],
)
def test_fail_on_exit_codes_on_the_seed(
    fail_on: str, extra: tuple[str, ...], expected: int
) -> None:
    result = invoke("check", "--fail-on", fail_on, *extra, SEED)
    assert result.exit_code == expected, result.output


def test_default_fail_on_is_error() -> None:
    assert invoke("check", SEED).exit_code == 1
    assert invoke("check", *DEMOTE_ERRORS, SEED).exit_code == 0


@pytest.mark.parametrize(
    "args",
    [
        ("--fail-on", "fatal"),
        ("--format", "xml"),
        ("--lang", "fr"),
        ("--era", "2030"),
        ("--agency-kind", "company"),
        ("--severity", "OGI-N002=fatal"),
        ("--severity", "OGI-N002"),
    ],
)
def test_bad_option_values_exit_2_and_check_nothing(args: tuple[str, ...]) -> None:
    result = invoke("check", *args, SEED)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert args[0] in result.stderr


def test_check_needs_a_path() -> None:
    result = invoke("check")
    assert result.exit_code == 2
    assert "PATHS" in result.stderr


# --- check: options --------------------------------------------------------------------------


def test_text_output_is_chinese_by_default_and_english_with_lang_en() -> None:
    zh, en = invoke("check", SEED), invoke("check", "--lang", "en", SEED)
    assert "缺少必备部分“其他需要报告的事项”" in zh.stdout
    assert "共检查 1 个文件：错误 4 个" in zh.stdout
    assert "required section missing" in en.stdout
    assert "1 file(s): 4 error(s)" in en.stdout
    assert "缺少必备部分" not in en.stdout and "错误" not in en.stdout


def test_json_messages_follow_lang(seed_json: dict[str, Any]) -> None:
    code, en = check_json("--lang", "en", SEED)
    assert code == 1
    zh_messages = [f["message"] for f in findings_of(seed_json)]
    en_messages = [f["message"] for f in findings_of(en)]
    assert len(zh_messages) == len(en_messages)
    assert all(CJK.search(m) for m in zh_messages)
    # English messages may quote the report's Chinese, but their own words are English.
    assert all(re.search(r"[A-Za-z]{2,}", m) and not CJK.match(m) for m in en_messages), en_messages
    by_rule = {f["rule"]: f["message"] for f in findings_of(en)}
    assert by_rule["OGI-N002"].startswith("the parts add up to 66, more than the stated total 61")


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_output_file_is_written_and_nothing_printed(tmp_path: Path, fmt: str) -> None:
    target = tmp_path / f"report.{fmt}"
    result = invoke("check", "--format", fmt, "--output", target, SEED)
    assert result.exit_code == 1
    assert result.stdout == "" and result.stderr == ""
    written = target.read_text(encoding="utf-8")
    assert written == invoke("check", "--format", fmt, SEED).stdout
    if fmt == "json":
        assert_contract(json.loads(written))


def test_output_to_an_unwritable_place_exits_2(tmp_path: Path) -> None:
    result = invoke("check", "--output", tmp_path / "no" / "such" / "dir" / "x.txt", SEED)
    assert result.exit_code == 2
    assert "cannot write" in result.stderr


@pytest.mark.parametrize("ident", ["OGI-N002", "stated-total-parts"])
def test_severity_option_changes_a_rule_by_id_or_name(
    ident: str, seed_json: dict[str, Any]
) -> None:
    code, doc = check_json("--severity", f"{ident}=info", SEED)
    n002 = [f for f in findings_of(doc) if f["rule"] == "OGI-N002"]
    assert [f["severity"] for f in n002] == ["info"]
    before = seed_json["summary"]
    assert doc["summary"]["error"] == before["error"] - 1
    assert doc["summary"]["info"] == before["info"] + 1
    assert code == 1  # the three missing items are still errors


@pytest.mark.parametrize("ident", ["OGI-N002", "stated-total-parts"])
def test_disable_option_switches_a_rule_off(ident: str) -> None:
    _, doc = check_json("--disable", ident, SEED)
    rules = {f["rule"] for f in findings_of(doc)}
    assert "OGI-N002" not in rules
    assert "OGI-N001" in rules


@pytest.mark.parametrize(
    "args", [("--severity", "OGI-X999=info"), ("--disable", "OGI-X999"), ("--disable", "no-such")]
)
def test_unknown_rule_in_severity_or_disable_exits_2(args: tuple[str, ...]) -> None:
    result = invoke("check", *args, SEED)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert args[1].split("=")[0] in result.stderr


def test_era_and_agency_kind_options_override_inference() -> None:
    _, doc = check_json("--era", "2021", "--agency-kind", "government", SEED)
    report = doc["files"][0]["report"]
    assert (report["era"], report["agency_kind"]) == ("2021", "government")
    assert "OGI-N001" not in {f["rule"] for f in findings_of(doc)}, "the 2008 items are off"


# --- check: user rule packs -----------------------------------------------------------------


def test_user_rule_pack_adds_rules(tmp_path: Path) -> None:
    pack = tmp_path / "city.yaml"
    pack.write_text(USER_PACK, encoding="utf-8")
    code, doc = check_json("--rules", pack, SEED)
    added = [f for f in findings_of(doc) if f["rule"] == "OGI-L001"]
    # Line 23 names the account twice: 官方微博“@平安辽宁 … 省厅官方@平安辽宁.
    assert [(f["line"], f["severity"], f["actual"]) for f in added] == [
        (23, "warning", "@平安辽宁")
    ] * 2
    assert code == 1
    # A directory of packs works the same way.
    _, from_dir = check_json("--rules", tmp_path, SEED)
    assert findings_of(from_dir) == findings_of(doc)


def test_broken_user_pack_exits_2_naming_path_line_and_key(tmp_path: Path) -> None:
    pack = tmp_path / "city.yaml"
    pack.write_text(USER_PACK.replace("severity: warning", "severity: loud"), encoding="utf-8")
    result = invoke("check", "--rules", pack, SEED)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert f"{pack}:9" in result.stderr
    assert "rules[0].severity" in result.stderr
    assert "Traceback" not in result.stderr


def test_missing_user_pack_exits_2(tmp_path: Path) -> None:
    result = invoke("check", "--rules", tmp_path / "nope.yaml", SEED)
    assert result.exit_code == 2
    assert "nope.yaml" in result.stderr


# --- rules list / show ------------------------------------------------------------------------


def test_rules_list_shows_every_rule_once() -> None:
    from checker.ruleset.load import load_rules

    result = invoke("rules", "list")
    assert result.exit_code == 0
    ids = [line.split()[0] for line in result.stdout.splitlines()]
    assert ids == [r.meta.id for r in load_rules().rules]
    assert re.search(
        r"^OGI-N001\s+error\s+structure\s+\[2008\] required-items-2008", result.stdout, re.M
    )


def test_rules_list_in_english_and_with_a_user_pack(tmp_path: Path) -> None:
    pack = tmp_path / "city.yaml"
    pack.write_text(USER_PACK, encoding="utf-8")
    result = invoke("rules", "list", "--lang", "en", "--rules", pack)
    assert result.exit_code == 0
    assert "The report covers the six items of Article 32" in result.stdout
    assert re.search(r"^OGI-L001\s+warning\s+text\s+\[2008\] no-weibo-handle", result.stdout, re.M)


@pytest.mark.parametrize("ident", ["OGI-N001", "required-items-2008"])
def test_rules_show_one_rule(ident: str) -> None:
    result = invoke("rules", "show", ident)
    assert result.exit_code == 0
    out = result.stdout
    assert out.startswith("OGI-N001  required-items-2008\n")
    for expected in (
        "级别 severity: error",
        "类别 category: structure",
        "检查类型 kind: required_sections",
        "适用版本 eras: 2008",
        "第三十二条",
        "2008.yaml:",
    ):
        assert expected in out


def test_rules_show_unknown_rule_exits_2() -> None:
    result = invoke("rules", "show", "OGI-X999")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "未知规则 'OGI-X999'" in result.stderr and "unknown rule 'OGI-X999'" in result.stderr


# --- extract ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_model() -> dict[str, Any]:
    result = invoke("extract", SEED)
    assert result.exit_code == 0, result.output
    model: dict[str, Any] = json.loads(result.stdout)
    return model


def test_extract_prints_the_model_as_json(seed_model: dict[str, Any]) -> None:
    for key in ("path", "format", "metadata", "sections", "counts", "enumerations", "tables"):
        assert key in seed_model
    meta = seed_model["metadata"]
    assert {k: meta[k] for k in REPORT_KEYS} == {
        "title": "省公安厅政府信息公开工作年度报告(2018年度)",
        "agency": "辽宁省公安厅",
        "year": 2018,
        "era": "2008",
        "agency_kind": "department",
        "published": "2019-03-05",
    }
    assert seed_model["format"] == "txt"


def test_extract_sections_of_the_seed(seed_model: dict[str, Any]) -> None:
    top = [(s["marker"], s["title"], s["line"]) for s in seed_model["sections"] if s["level"] == 1]
    assert top[0] == ("一、", "总体公开情况", 17)
    assert top[-1] == ("十、", "制度机制建设情况", 59)
    assert [marker for marker, _, _ in top] == [f"{n}、" for n in "一二三四五六七八九十"]


def test_extract_counts_and_enumerations_of_the_seed(seed_model: dict[str, Any]) -> None:
    counts = {(c["line"], c["value"], c["unit"]) for c in seed_model["counts"]}
    assert {(39, 61, "件"), (49, 59, "人(次)"), (49, 56, "件")} <= counts
    formulas = {e["formula"]: e for e in seed_model["enumerations"]}
    assert "59 = 1 + 1 + 1 + 56" in formulas
    assert "56 = 55 + 1" in formulas
    assert "61 = 37 + 5 + 24" in formulas
    assert formulas["56 = 55 + 1"]["nested"] is True
    assert formulas["59 = 1 + 1 + 1 + 56"]["nested"] is False


def test_extract_output_file_and_unreadable_input(tmp_path: Path) -> None:
    target = tmp_path / "model.json"
    result = invoke("extract", "--output", target, NARRATIVE)
    assert result.exit_code == 0 and result.stdout == ""
    assert json.loads(target.read_text("utf-8"))["metadata"]["year"] == 2016
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = invoke("extract", empty)
    assert result.exit_code == 1
    assert "[empty]" in result.stderr and "Traceback" not in result.stderr


# --- version and the other entry points -----------------------------------------------------


def test_version() -> None:
    result = invoke("--version")
    assert result.exit_code == 0
    assert result.stdout == f"ogi-check, version {__version__}\n"


def run_module(*args: str | Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    env.pop("OGI_CHECK_DEBUG", None)
    return subprocess.run(
        [sys.executable, "-m", "checker", *map(str, args)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )


def test_python_m_checker_gives_the_same_json_and_exit_code(seed_json: dict[str, Any]) -> None:
    proc = run_module("check", "--format", "json", SEED)
    assert proc.returncode == 1
    assert proc.stderr == ""
    assert json.loads(proc.stdout) == seed_json


def test_python_m_checker_version_and_valid_report() -> None:
    assert run_module("--version").stdout == f"ogi-check, version {__version__}\n"
    proc = run_module("check", NARRATIVE)
    assert proc.returncode == 0
    assert "未发现问题" in proc.stdout


SCRIPT = Path(sys.executable).parent / "ogi-check"


@pytest.mark.skipif(not SCRIPT.exists(), reason="the ogi-check console script is not installed")
def test_console_script_runs() -> None:
    proc = subprocess.run(
        [str(SCRIPT), "check", "--fail-on", "never", str(SEED)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )
    assert proc.returncode == 0
    assert "OGI-N002" in proc.stdout


def test_an_unexpected_exception_is_an_internal_error_exit_3(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import checker.engine

    def explode(*args: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.delenv("OGI_CHECK_DEBUG", raising=False)
    monkeypatch.setattr(checker.engine, "run_jobs", explode)  # what `check` runs
    result = invoke("check", SEED)
    assert result.exit_code == 3
    assert result.stdout == ""
    assert "内部错误 internal error: RuntimeError: boom" in result.stderr
    assert "OGI_CHECK_DEBUG=1" in result.stderr
    assert "Traceback" not in result.stderr
