"""The command line's edges in unattended use: an --output that cannot be written stops the
run before any work (exit 2, naming the path), and a run that checked nothing never passes a
gate silently."""

from __future__ import annotations

import builtins
import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest

import checker.engine
from tests.conftest import FIXTURES, SEED, invoke

NARRATIVE = FIXTURES / "2008" / "valid_narrative.txt"


@pytest.fixture
def no_work(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Records any attempt to check a file (a plain run or a batch)."""
    calls: list[object] = []

    def refuse(*args: Any, **kwargs: Any) -> Any:
        calls.append(args)
        raise AssertionError("a file was checked")

    monkeypatch.setattr(checker.engine, "run_jobs", refuse)
    monkeypatch.setattr(checker.engine, "check_path", refuse)
    return calls


# --- --output -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fmt", "extra"),
    [("json", ()), ("sarif", ()), ("xlsx", ()), ("jsonl", ("--jobs", "2"))],
)
def test_output_in_a_missing_folder_fails_before_any_work(
    tmp_path: Path, no_work: list[object], fmt: str, extra: tuple[str, ...]
) -> None:
    target = tmp_path / "no-such-folder" / f"out.{fmt}"
    result = invoke("check", "--format", fmt, *extra, "-o", target, SEED, NARRATIVE)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"无法写入输出文件 {target}：目录 {target.parent} 不存在")
    assert no_work == [] and not target.parent.exists()


def test_output_that_is_a_folder_fails_before_any_work(
    tmp_path: Path, no_work: list[object]
) -> None:
    result = invoke("check", "-o", tmp_path, SEED)
    assert result.exit_code == 2
    assert f"无法写入输出文件 {tmp_path}：这是一个目录" in result.stderr
    assert no_work == []


def test_read_only_output_fails_before_any_work(
    tmp_path: Path, no_work: list[object], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file the user may not write (root may write a 0444 file, so the refusal is simulated
    at open; tests/test_cli_edges.py's next test does it for real where it can)."""
    target = tmp_path / "locked.json"
    target.write_text("old", encoding="utf-8")
    real_open = builtins.open

    def guarded(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        if Path(file) == target and any(c in mode for c in "wa+"):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, mode, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", guarded)
    result = invoke("check", "--format", "json", "-o", target, SEED)
    assert result.exit_code == 2
    assert f"无法写入输出文件 {target}：Permission denied" in result.stderr
    assert no_work == [] and target.read_text(encoding="utf-8") == "old"


def test_output_in_a_read_only_folder(tmp_path: Path, no_work: list[object]) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        if os.access(folder, os.W_OK):
            pytest.skip("running as a user (root) who may write into a read-only folder")
        result = invoke("check", "-o", folder / "out.txt", SEED)
        assert result.exit_code == 2 and "无法写入输出文件" in result.stderr
        assert no_work == []
    finally:
        folder.chmod(0o700)


def test_the_probe_leaves_no_file_and_keeps_an_old_one(tmp_path: Path) -> None:
    """The check opens --output without truncating it: a run stopped by a later usage error
    leaves a new path absent and an existing file as it was."""
    new, old = tmp_path / "new.json", tmp_path / "old.json"
    old.write_text("yesterday", encoding="utf-8")
    for target in (new, old):
        result = invoke("check", "--format", "json", "--disable", "OGI-Z999", "-o", target, SEED)
        assert result.exit_code == 2 and "OGI-Z999" in result.stderr
    assert not new.exists()
    assert old.read_text(encoding="utf-8") == "yesterday"


def test_output_to_a_writable_place_is_written(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    assert invoke("check", "--format", "json", "-o", target, NARRATIVE).exit_code == 0
    assert '"schema_version": 1' in target.read_text(encoding="utf-8")


def test_baseline_output_is_checked_before_the_run(tmp_path: Path, no_work: list[object]) -> None:
    target = tmp_path / "missing" / "baseline.json"
    result = invoke("baseline", "-o", target, SEED)
    assert result.exit_code == 2 and f"无法写入输出文件 {target}" in result.stderr
    assert no_work == []


# --- a run that checks nothing --------------------------------------------------------------


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "reports").mkdir()
    shutil.copy(SEED, tmp_path / "reports" / "seed.txt")
    (tmp_path / "empty").mkdir()
    (tmp_path / "pictures").mkdir()
    (tmp_path / "pictures" / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (tmp_path / "package.json").write_text('{"name": "site"}', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


NOTHING = "未检查任何文件"


@pytest.mark.parametrize("fmt", ["text", "json", "junit", "sarif", "gitlab"])
@pytest.mark.parametrize("folder", ["empty", "pictures"])
def test_a_folder_with_nothing_to_check_is_exit_2(repo: Path, fmt: str, folder: str) -> None:
    result = invoke("check", "--format", fmt, "--fail-on", "never", folder)
    assert result.exit_code == 2
    assert "没有找到可检查的报告文件" in result.stderr and "不能当作通过" in result.stderr


def test_a_folder_whose_reports_are_all_excluded_is_exit_2(repo: Path) -> None:
    (repo / ".ogi-check.yaml").write_text("exclude: [reports]\n", encoding="utf-8")
    result = invoke("check", "reports")
    assert result.exit_code == 2 and "exclude" in result.stderr


def test_named_files_all_excluded_or_not_reports_pass_with_a_note(repo: Path) -> None:
    """What pre-commit passes when only such files changed: the commit goes through, and the
    run says that it checked nothing."""
    (repo / ".ogi-check.yaml").write_text("exclude: [reports]\n", encoding="utf-8")
    result = invoke("check", "reports/seed.txt", "package.json")
    assert result.exit_code == 0
    assert NOTHING in result.stderr
    assert "共检查 0 个文件" in result.stdout
    quiet = invoke("check", "-q", "reports/seed.txt", "package.json")
    assert quiet.exit_code == 0 and NOTHING not in quiet.stderr


def test_a_folder_walk_passes_over_the_project_notes_beside_the_reports(repo: Path) -> None:
    """A folder of reports often holds a README.md or 说明 notes in Chinese: a note by a
    project file's well-known name is not a report, in a walk as when named (a report's own
    file name never looks like one)."""
    (repo / "reports" / "README.md").write_text(
        "# 报告目录\n\n本目录存放各单位（2018年度)的年度报告。\n", encoding="utf-8"
    )
    (repo / "reports" / "requirements.txt").write_text("政府信息公开\n", encoding="utf-8")
    result = invoke("check", "--format", "json", "--fail-on", "never", "reports")
    assert result.exit_code == 0
    assert [Path(f["path"]).name for f in json.loads(result.stdout)["files"]] == ["seed.txt"]
