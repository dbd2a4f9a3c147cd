"""Baselines: record today's findings, then report only new ones, counting those held back and
the stale entries; a bad baseline is an error with path, line and key (exit 2)."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result

from checker.core.findings import FileResult, Finding, Problem, RuleMeta, RunResult, Severity
from checker.core.model import Location, Message
from checker.project.baseline import Baseline, Entry, apply_baseline, baseline_dict
from tests.conftest import FIXTURES, SEED, invoke

NARRATIVE = FIXTURES / "2008" / "valid_narrative.txt"


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "reports").mkdir()
    shutil.copy(SEED, tmp_path / "reports" / "seed.txt")
    shutil.copy(NARRATIVE, tmp_path / "reports" / "good.txt")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def check_json(*args: str | Path) -> tuple[int, dict[str, Any], str]:
    result = invoke("check", "--format", "json", *args)
    return result.exit_code, json.loads(result.stdout) if result.stdout else {}, result.stderr


def findings(doc: dict[str, Any]) -> list[dict[str, Any]]:
    return [x for f in doc["files"] for x in f["findings"]]


def write_baseline(*args: str | Path) -> Result:
    result = invoke("baseline", *args)
    assert result.exit_code == 0, result.output
    return result


# --- the round trip -------------------------------------------------------------------------


def test_baseline_then_check_reports_nothing_old(repo: Path) -> None:
    code, before, _ = check_json("reports")
    assert code == 1 and findings(before)
    result = write_baseline("reports")
    assert "baseline written" in result.stderr
    data = json.loads((repo / ".ogi-check-baseline.json").read_text(encoding="utf-8"))
    assert len(data["findings"]) == len(findings(before))
    assert {e["path"] for e in data["findings"]} == {"reports/seed.txt"}
    code, after, stderr = check_json("--baseline", ".ogi-check-baseline.json", "reports")
    assert code == 0
    assert findings(after) == []
    assert f"{len(findings(before))} known findings not reported, 0 stale entries" in stderr


def test_new_finding_is_reported_and_fixed_ones_are_stale(repo: Path) -> None:
    write_baseline("reports", "-o", "base.json")
    seed = repo / "reports" / "seed.txt"
    text = seed.read_text(encoding="utf-8")
    assert "430/次" in text and "20183月" in text
    seed.write_text(
        text.replace("20183月", "2018年3月").replace("我厅共承办", "某某局\n我厅共承办"),
        encoding="utf-8",
    )
    code, doc, stderr = check_json("--baseline", "base.json", "reports")
    assert [f["rule"] for f in findings(doc)] == ["OGI-C002"], "only the new leftover"
    assert code == 1
    assert "1 stale entries" in stderr


def test_baseline_survives_lines_inserted_above(repo: Path) -> None:
    write_baseline("reports", "-o", "base.json")
    seed = repo / "reports" / "seed.txt"
    lines = seed.read_text(encoding="utf-8").split("\n")
    seed.write_text("\n".join([*lines[:3], "", "", "", *lines[3:]]), encoding="utf-8")
    code, doc, _ = check_json("--baseline", "base.json", "reports")
    assert (code, findings(doc)) == (0, [])


def test_baseline_from_another_working_directory(repo: Path) -> None:
    write_baseline("reports", "-o", "base.json")
    os.chdir(repo / "reports")
    code, doc, _ = check_json("--baseline", "../base.json", "seed.txt")
    assert (code, findings(doc)) == (0, [])


def test_baseline_named_in_the_configuration(repo: Path) -> None:
    (repo / ".ogi-check.yaml").write_text("baseline: ci/baseline.json\n", encoding="utf-8")
    (repo / "ci").mkdir()
    write_baseline("reports")
    assert (repo / "ci" / "baseline.json").is_file()
    code, doc, stderr = check_json("reports")
    assert (code, findings(doc)) == (0, [])
    assert "known findings not reported" in stderr


def test_baseline_file_and_config_are_not_checked_as_reports(repo: Path) -> None:
    (repo / ".ogi-check.yaml").write_text("baseline: baseline.json\n", encoding="utf-8")
    write_baseline(".")
    _, doc, _ = check_json(".")
    assert sorted(f["path"] for f in doc["files"]) == ["reports/good.txt", "reports/seed.txt"]


def test_baseline_command_exits_1_when_a_file_cannot_be_read(repo: Path) -> None:
    (repo / "reports" / "empty.txt").write_bytes(b"")
    result = invoke("baseline", "reports")
    assert result.exit_code == 1
    assert "1 unreadable" in result.stderr


def test_baseline_outside_the_checked_files_folder_exits_2(
    repo: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    elsewhere = tmp_path_factory.mktemp("elsewhere") / "base.json"
    result = invoke("baseline", "reports", "-o", elsewhere)
    assert result.exit_code == 2
    assert "outside the baseline's folder" in result.stderr
    assert not elsewhere.exists()


def test_baseline_file_is_sorted_and_stable(repo: Path) -> None:
    write_baseline("reports", "-o", "a.json")
    write_baseline("reports", "-o", "b.json")
    assert (repo / "a.json").read_bytes() == (repo / "b.json").read_bytes()
    entries = json.loads((repo / "a.json").read_text(encoding="utf-8"))["findings"]
    keys = [(e["path"], e["rule"], e["where"] or "", e["fingerprint"]) for e in entries]
    assert keys == sorted(keys)


# --- bad baselines ----------------------------------------------------------------------------


def entry(**change: Any) -> dict[str, Any]:
    return {"fingerprint": "0" * 32, "rule": "OGI-N002", "path": "reports/seed.txt", **change}


BAD = [
    ("{\n  \"schema_version\": 1,\n  \"findings\": [\n", ":4:", "not valid JSON"),
    (json.dumps({"schema_version": 2, "findings": []}, indent=2), ":2: schema_version:", "1 was expected"),
    (json.dumps({"schema_version": 1, "findings": [entry(), entry(rule="OGI-Q123")]}, indent=2), ":11: findings[1].rule:", "unknown rule 'OGI-Q123'"),
    (json.dumps({"schema_version": 1, "findings": [entry(path="../other/x.txt")]}, indent=2), ":7: findings[0].path:", "points outside the repository"),
    (json.dumps({"schema_version": 1, "findings": [entry(path="/etc/x.txt")]}, indent=2), ":7: findings[0].path:", "points outside the repository"),
    (json.dumps({"schema_version": 1, "findings": [entry(fingerprint="xyz")]}, indent=2), ":5: findings[0].fingerprint:", "does not match"),
    (json.dumps({"schema_version": 1, "findings": [{"rule": "OGI-N002"}]}, indent=2), ":4: findings[0]:", "required property"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "where", "message"), BAD)
def test_bad_baseline_names_file_line_and_key(
    repo: Path, text: str, where: str, message: str
) -> None:
    (repo / "base.json").write_text(text, encoding="utf-8")
    result = invoke("check", "--format", "sarif", "--baseline", "base.json", "reports")
    assert result.exit_code == 2, result.output
    assert result.stdout == "", "nothing was checked"
    assert f"base.json{where}" in result.stderr
    assert message in result.stderr


def test_missing_baseline_exits_2_and_says_how_to_make_one(repo: Path) -> None:
    result = invoke("check", "--baseline", "nope.json", "reports")
    assert result.exit_code == 2
    assert "ogi-check baseline" in result.stderr


def test_baseline_may_name_a_suppression_rule(repo: Path) -> None:
    doc = {"schema_version": 1, "findings": [entry(rule="OGI-S001")]}
    (repo / "base.json").write_text(json.dumps(doc), encoding="utf-8")
    assert invoke("check", "--baseline", "base.json", "reports/good.txt").exit_code == 0


# --- the pieces -----------------------------------------------------------------------------


def test_apply_counts_only_stale_entries_of_files_checked(tmp_path: Path) -> None:
    meta = RuleMeta(
        "OGI-C004", "garbled-numbers", Message("数", "n"), Severity.WARNING, "text", "b"
    )
    finding = Finding(meta, Severity.WARNING, Problem(Message("m", "m"), Location(3, 1), where="x"))
    path = str(tmp_path / "a.txt")
    result = RunResult((FileResult(path, findings=(finding,)),))
    recorded = baseline_dict(result, tmp_path / "base.json")["findings"]
    baseline = Baseline(
        tmp_path / "base.json",
        (
            Entry(recorded[0]["fingerprint"], "OGI-C004", "a.txt"),
            Entry("1" * 32, "OGI-C004", "a.txt"),
            Entry("2" * 32, "OGI-C004", "not-checked.txt"),
        ),
    )
    applied = apply_baseline(result, baseline)
    assert applied.files[0].findings == ()
    assert applied.counts == {"baseline_suppressed": 1, "baseline_stale": 1}
