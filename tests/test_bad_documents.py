"""Bad documents in every format end in a clear per-file result, quickly and in little memory:
no traceback, no hang, the other files still checked, the input untouched (fixtures/bad/,
made by make_bad.py, says what each file is)."""

from __future__ import annotations

import io
import json
import re
import stat
import time
import tracemalloc
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.cli import main
from checker.core.errors import ReadError
from checker.core.rules import RuleSet
from checker.engine import RunConfig, check_file
from checker.readers import Limits, read_path
from checker.readers.docx import read_docx
from checker.readers.html import read_html
from tests.conftest import FIXTURES

BAD = FIXTURES / "bad"
GOOD = FIXTURES / "2008" / "valid_narrative.txt"
CJK = re.compile(r"[\u4e00-\u9fff]")
MAX_SECONDS = 10.0
MAX_PEAK = 64 * 1024 * 1024  # bytes allocated at the peak of reading one file

# file -> (error code, a word its Chinese message must contain)
EXPECTED: dict[str, tuple[str, str]] = {
    "truncated.docx": ("broken_docx", "Word"),
    "bomb.docx": ("zip_bomb", "压缩炸弹"),
    "encrypted.docx": ("encrypted_docx", "密码"),
    "webpage.docx": ("wrong_format", "HTML"),
    "docx.txt": ("wrong_format", ".docx"),
    "text.pdf": ("broken_pdf", "PDF"),
    "truncated.pdf": ("broken_pdf", "PDF"),
    "pages_500.pdf": ("too_many_pages", "500"),
    "scanned.pdf": ("no_text_layer", "无法评估"),
    "encrypted.pdf": ("encrypted_pdf", "密码"),
    "no_report.html": ("not_a_report", "年度报告"),
}
CHECKED = ("malformed.html",)  # damaged but readable: checked, with findings
PRESENT = sorted(name for name in [*EXPECTED, *CHECKED] if (BAD / name).exists())


def snapshot(path: Path) -> tuple[bytes, int, int]:
    info = path.stat()
    return path.read_bytes(), info.st_mtime_ns, stat.S_IMODE(info.st_mode)


def test_the_bad_fixtures_are_there() -> None:
    missing = {*EXPECTED, *CHECKED} - set(PRESENT)
    assert missing <= {"encrypted.pdf"}, "run fixtures/bad/make_bad.py"  # needs LibreOffice


@pytest.mark.parametrize("name", sorted(n for n in PRESENT if n in EXPECTED))
def test_a_clear_error_in_bounded_time_and_memory(name: str) -> None:
    path = BAD / name
    before = snapshot(path)
    tracemalloc.start()
    started = time.monotonic()
    try:
        with pytest.raises(ReadError) as caught:
            read_path(path)
        elapsed = time.monotonic() - started
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    code, word = EXPECTED[name]
    message = str(caught.value)
    assert caught.value.code == code, message
    assert CJK.search(message) and word in message, message
    assert elapsed < MAX_SECONDS and peak < MAX_PEAK, (elapsed, peak)
    assert snapshot(path) == before


def test_the_bomb_is_refused_before_inflating() -> None:
    """Its member states 640 MiB: refused from the directory alone, in a few milliseconds (CPU
    time: a busy machine's other work must not fail it)."""
    started = time.process_time()
    with pytest.raises(ReadError, match="未解压"):
        read_path(BAD / "bomb.docx")
    assert time.process_time() - started < 1.0


def test_a_smaller_inflate_limit_applies_too(tmp_path: Path) -> None:
    path = FIXTURES / "parity" / "narrative_2008.docx"
    with pytest.raises(ReadError) as caught:
        read_path(path, Limits(max_decompressed=10_000))
    assert caught.value.code == "zip_bomb"


def test_malformed_html_is_read_and_checked(rules: RuleSet) -> None:
    result = check_file(BAD / "malformed.html", rules, RunConfig())
    assert result.error is None and result.metadata is not None
    assert result.metadata.agency == "江州市住房和城乡建设局"
    assert result.findings  # required sections are missing: reported, not crashed on


@pytest.mark.parametrize("name", [GOOD.name, "department_2021.pdf", "department_2021.docx"])
def test_a_file_over_the_size_limit(name: str, rules: RuleSet) -> None:
    path = GOOD if name == GOOD.name else FIXTURES / "parity" / name
    result = check_file(path, rules, RunConfig(limits=Limits(max_bytes=1000)))
    assert result.error is not None and result.error.code == "too_large"
    assert "上限 1000 字节" in result.error.message


def test_a_page_limit(rules: RuleSet) -> None:
    path = FIXTURES / "parity" / "department_2021.pdf"
    result = check_file(path, rules, RunConfig(limits=Limits(max_pages=2)))
    assert result.error is not None and result.error.code == "too_many_pages"


def test_a_time_limit(rules: RuleSet) -> None:
    path = FIXTURES / "parity" / "department_2021.pdf"
    result = check_file(path, rules, RunConfig(limits=Limits(timeout=0.0)))
    assert result.error is not None and result.error.code == "timeout"


def test_the_cli_reports_each_bad_file_and_checks_the_good_one(tmp_path: Path) -> None:
    names = [n for n in PRESENT if n in EXPECTED]
    copies = []
    for name in names:  # copies: the run must not touch them either
        copy = tmp_path / name
        copy.write_bytes((BAD / name).read_bytes())
        copies.append(copy)
    before = {path: snapshot(path) for path in copies}
    result = CliRunner().invoke(main, ["check", "--format", "json", *map(str, copies), str(GOOD)])
    assert result.exit_code == 1 and result.stderr == "", result.output
    files = json.loads(result.stdout)["files"]
    for name, file in zip(names, files, strict=False):
        assert file["status"] == "error" and file["error"]["code"] == EXPECTED[name][0], file
    assert files[-1]["status"] == "checked" and files[-1]["findings"] == []
    assert "Traceback" not in result.output
    assert {path: snapshot(path) for path in copies} == before


def _laughs(body: str) -> str:
    entities = '<!ENTITY a0 "政府信息公开">' + "".join(
        f'<!ENTITY a{i} "{f"&a{i - 1};" * 10}">' for i in range(1, 10)
    )
    return f"<!DOCTYPE html [{entities}]>{body}"


def test_entities_in_a_docx_are_not_expanded() -> None:
    xml = _laughs(
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        "<w:body><w:p><w:r><w:t>&a9;</w:t></w:r></w:p></w:body></w:document>"
    ).replace("DOCTYPE html", "DOCTYPE w:document")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", xml)
    started = time.process_time()  # CPU time: what an expansion would burn, whatever the load
    with pytest.raises(ReadError) as caught:
        read_docx(buffer.getvalue())
    assert caught.value.code == "broken_docx" and time.process_time() - started < 1.0


def test_entities_in_a_web_page_are_not_expanded() -> None:
    page = _laughs(
        "<html><body><p>某县政府信息公开工作年度报告 &a9;</p>"
        + "<p>正文内容。</p>" * 20
        + "</body></html>"
    )
    document = read_html(page.encode())
    assert max(len(line) for line in document.lines) < 200
