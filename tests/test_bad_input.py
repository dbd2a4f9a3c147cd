"""Bad input is a result, not a crash: each unreadable file gets a clear per-file error, the
other files are still checked, the run ends with exit code 1 and no traceback, and no input
file is touched."""

from __future__ import annotations

import io
import json
import os
import random
import re
import stat
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from checker.core.errors import ReadError
from checker.core.rules import RuleSet
from checker.engine import RunConfig, check_file
from checker.readers import Limits, read_path
from tests.conftest import FIXTURES, ROOT, invoke

GOOD = FIXTURES / "2008" / "valid_narrative.txt"
CJK = re.compile(r"[\u4e00-\u9fff]")


def _zip_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", "<w:t>政府信息公开工作年度报告</w:t>" * 20)
    return buffer.getvalue()


def _random_high_bytes() -> bytes:
    """No NUL, not UTF-8, not GB18030, and nothing a detector will accept."""
    rng = random.Random(20190305)
    return bytes(rng.randrange(1, 256) for _ in range(2000))


# name -> (file content, error code, a word the Chinese message must contain)
BAD_FILES: dict[str, tuple[bytes, str, str]] = {
    "empty": (b"", "empty", "空"),
    "whitespace_ascii": (b"  \n\t\r\n   \r\n", "empty", "空"),
    "whitespace_cjk": ("\u3000\u3000\n\u00a0 \r\n\u3000".encode(), "empty", "空"),
    "whitespace_utf16": ("\ufeff\u3000 \r\n \n".encode("utf-16-le"), "empty", "空"),
    "png": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x02\x00" + bytes(64), "binary", "二进制"),
    "zip_named_txt": (_zip_bytes(), "binary", "二进制"),
    "corrupt_utf8": (
        "省公安厅政府信息公开工作年度报告".encode() + b"\xff\xfe\x80" + "一、总体情况".encode(),
        "undecodable",
        "编码",
    ),
    "random_bytes": (_random_high_bytes(), "undecodable", "编码"),
}


def snapshot(*paths: Path) -> dict[Path, tuple[bytes, int, int]]:
    out = {}
    for path in paths:
        info = path.stat()
        out[path] = (path.read_bytes(), info.st_mtime_ns, stat.S_IMODE(info.st_mode))
    return out


@pytest.fixture
def good(tmp_path: Path) -> Path:
    path = tmp_path / "good.txt"
    path.write_bytes(GOOD.read_bytes())
    return path


def make_bad(tmp_path: Path, name: str) -> Path:
    path = tmp_path / f"{name}.txt"
    path.write_bytes(BAD_FILES[name][0])
    return path


def assert_good_checked(file: dict[str, Any]) -> None:
    assert file["status"] == "checked"
    assert file["error"] is None
    assert file["report"]["agency"] == "江州市住房和城乡建设局"
    assert file["findings"] == []


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_bad_file_gets_a_clear_error_in_json(tmp_path: Path, good: Path, name: str) -> None:
    bad = make_bad(tmp_path, name)
    before = snapshot(bad, good)
    result = invoke("check", "--format", "json", bad, good)
    _, code, word = BAD_FILES[name]
    assert result.exit_code == 1
    assert result.stderr == ""
    doc = json.loads(result.stdout)
    bad_result, good_result = doc["files"]
    assert bad_result == {
        "path": str(bad),
        "status": "error",
        "error": {"code": code, "message": bad_result["error"]["message"]},
        "report": None,
        "findings": [],
    }
    message = bad_result["error"]["message"]
    assert CJK.search(message) and word in message, message
    assert_good_checked(good_result)
    assert doc["summary"] == {"files": 2, "error": 0, "warning": 0, "info": 0}
    assert snapshot(bad, good) == before


@pytest.mark.parametrize("name", sorted(BAD_FILES))
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_bad_file_gets_a_clear_error_in_text(
    tmp_path: Path, good: Path, name: str, lang: str
) -> None:
    bad = make_bad(tmp_path, name)
    before = snapshot(bad, good)
    result = invoke("check", "--lang", lang, bad, good)
    _, code, word = BAD_FILES[name]
    assert result.exit_code == 1
    assert result.stderr == ""
    out = result.stdout
    label = "无法读取" if lang == "zh" else "cannot read"
    assert re.search(rf"^{re.escape(str(bad))}.*\n  {label}: .*{word}.* \[{code}\]$", out, re.M), (
        out
    )
    assert re.search(rf"^{re.escape(str(good))}.*\n  (未发现问题|no findings)$", out, re.M), out
    assert ("无法读取 1 个" if lang == "zh" else "1 unreadable") in out
    assert snapshot(bad, good) == before


@pytest.mark.parametrize("fail_on", ["error", "warning", "info", "never"])
def test_an_unreadable_file_fails_the_run_whatever_fail_on(
    tmp_path: Path, good: Path, fail_on: str
) -> None:
    bad = make_bad(tmp_path, "empty")
    assert invoke("check", "--fail-on", fail_on, good).exit_code == 0
    assert invoke("check", "--fail-on", fail_on, good, bad).exit_code == 1


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "junit"])
def test_a_missing_path_is_a_usage_error(tmp_path: Path, good: Path, fmt: str) -> None:
    """A path that does not exist is a typo or the wrong folder, not a report that could not
    be read: exit 2 naming each such path, before anything is checked or written."""
    missing, gone = tmp_path / "nope.txt", tmp_path / "无此目录"
    result = invoke("check", "--format", fmt, missing, good, gone)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        f"路径不存在: {missing} (no such file or directory)",
        f"路径不存在: {gone} (no such file or directory)",
    ]


def test_a_missing_path_stops_baseline_too(tmp_path: Path, good: Path) -> None:
    result = invoke("baseline", "-o", tmp_path / "b.json", good, tmp_path / "nope.txt")
    assert result.exit_code == 2 and "路径不存在: " in result.stderr
    assert not (tmp_path / "b.json").exists()


def test_a_dangling_link_is_a_file_that_cannot_be_read(tmp_path: Path, good: Path) -> None:
    """A link to nothing does exist: reading it says what is wrong, per file."""
    link = tmp_path / "link.txt"
    link.symlink_to(tmp_path / "moved-away.txt")
    result = invoke("check", "--format", "json", link, good)
    assert result.exit_code == 1 and result.stderr == ""
    bad, checked = json.loads(result.stdout)["files"]
    assert bad["error"] == {"code": "not_found", "message": "文件不存在"}
    assert_good_checked(checked)


def unreadable_copy(tmp_path: Path) -> Path:
    path = tmp_path / "locked.txt"
    path.write_bytes(GOOD.read_bytes())
    path.chmod(0)
    return path


def test_file_without_read_permission(tmp_path: Path, good: Path) -> None:
    locked = unreadable_copy(tmp_path)
    try:
        if os.access(locked, os.R_OK):
            pytest.skip("running as a user (root) who can read a 0-permission file")
        result = invoke("check", "--format", "json", locked, good)
        assert result.exit_code == 1 and result.stderr == ""
        bad, checked = json.loads(result.stdout)["files"]
        assert bad["status"] == "error"
        assert bad["error"] == {"code": "unreadable", "message": "没有读取权限"}
        assert_good_checked(checked)
        assert stat.S_IMODE(locked.stat().st_mode) == 0
    finally:
        locked.chmod(0o600)


def test_permission_error_is_a_read_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same path as a 0-permission file, for runs as root: opening raises PermissionError."""
    path = tmp_path / "locked.txt"
    path.write_bytes(GOOD.read_bytes())

    def refuse(self: Path, *args: Any, **kwargs: Any) -> Any:
        raise PermissionError(13, "Permission denied", str(self))

    with monkeypatch.context() as patch, pytest.raises(ReadError) as caught:
        patch.setattr(Path, "open", refuse)
        read_path(path)
    assert (caught.value.code, str(caught.value)) == ("unreadable", "没有读取权限")


def populate(directory: Path) -> dict[str, Path]:
    directory.mkdir()
    (directory / "sub").mkdir()
    files = {
        "good": directory / "a_good.txt",
        "binary": directory / "b_scan.txt",
        "empty": directory / "sub" / "c_empty.txt",
        "ignored": directory / "d_photo.png",  # not a report format: not picked up
    }
    files["good"].write_bytes(GOOD.read_bytes())
    files["binary"].write_bytes(BAD_FILES["png"][0])
    files["empty"].write_bytes(b"")
    files["ignored"].write_bytes(BAD_FILES["png"][0])
    return files


def test_directory_with_good_and_bad_reports(tmp_path: Path) -> None:
    files = populate(tmp_path / "reports")
    before = snapshot(*files.values())
    result = invoke("check", "--format", "json", tmp_path / "reports")
    assert result.exit_code == 1 and result.stderr == ""
    doc = json.loads(result.stdout)
    by_path = {f["path"]: f for f in doc["files"]}
    assert sorted(by_path) == sorted(str(files[k]) for k in ("good", "binary", "empty"))
    assert_good_checked(by_path[str(files["good"])])
    assert by_path[str(files["binary"])]["error"]["code"] == "binary"
    assert by_path[str(files["empty"])]["error"]["code"] == "empty"
    assert snapshot(*files.values()) == before


def test_directory_run_as_a_process_has_no_traceback(tmp_path: Path) -> None:
    files = populate(tmp_path / "reports")
    unreadable_copy(tmp_path / "reports")
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "checker", "check", str(tmp_path / "reports")],
            cwd=ROOT,
            env={**os.environ, "PYTHONIOENCODING": "utf-8"},
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=60,
            check=False,
        )
    finally:
        (tmp_path / "reports" / "locked.txt").chmod(0o600)
    assert proc.returncode == 1
    assert proc.stderr == ""
    assert f"{files['binary']}\n  无法读取: " in proc.stdout
    assert "[binary]" in proc.stdout and "[empty]" in proc.stdout
    assert "未发现问题" in proc.stdout


# --- the size limit, at the API level (no 50 MB file) ----------------------------------------


@pytest.mark.parametrize(
    ("limit", "expected"),
    [
        (lambda size: size - 1, "too_large"),
        (lambda size: size, None),
        (lambda size: size + 1, None),
    ],
)
def test_size_limit(
    tmp_path: Path, rules: RuleSet, limit: Callable[[int], int], expected: str | None
) -> None:
    path = tmp_path / "report.txt"
    path.write_bytes(GOOD.read_bytes())
    size = path.stat().st_size
    result = check_file(path, rules, RunConfig(limits=Limits(max_bytes=limit(size))))
    if expected is None:
        assert result.error is None and result.status == "checked"
        return
    assert result.error is not None
    assert result.status == "error" and result.metadata is None and result.findings == ()
    assert result.error.code == expected
    assert "过大" in result.error.message and str(size) in result.error.message


def test_default_size_limit_is_50_mb() -> None:
    assert Limits().max_bytes == 50 * 1024 * 1024
