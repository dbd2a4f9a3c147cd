"""`ogi-check annotate`: every finding becomes a Word comment (批注) on its paragraph or table
cell, read back with python-docx; the original file is not touched; LibreOffice opens and
re-saves the result where it is installed."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import FIXTURES, invoke

SOURCE = FIXTURES / "parity" / "defects_2021.docx"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def findings_of(path: Path) -> list[dict[str, Any]]:
    result = invoke("check", str(path), "--format", "json")
    return list(json.loads(result.output)["files"][0]["findings"])


def anchors(document: Any) -> dict[int, str]:
    """Comment id -> the text of the paragraph (or table cell) its range starts in."""
    found = {}
    for start in document.element.body.iter(W + "commentRangeStart"):
        paragraph = start.getparent()
        cell = next((a for a in start.iterancestors(W + "tc")), None)
        holder = cell if cell is not None else paragraph
        found[int(start.get(W + "id"))] = "".join(t.text or "" for t in holder.iter(W + "t"))
    return found


def norm(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture
def annotated(tmp_path: Path) -> tuple[Path, Path, str]:
    copy = tmp_path / "report.docx"
    shutil.copyfile(SOURCE, copy)
    before = hashlib.sha256(copy.read_bytes()).hexdigest()
    target = tmp_path / "report-批注.docx"
    result = invoke("annotate", str(copy), "-o", str(target))
    assert result.exit_code == 0, result.output
    return copy, target, before


def test_each_finding_is_a_comment_at_its_place(annotated: tuple[Path, Path, str]) -> None:
    import docx

    from checker import api

    copy, target, before = annotated
    assert hashlib.sha256(copy.read_bytes()).hexdigest() == before  # the original is untouched
    findings = findings_of(copy)
    lines = api.read_document(copy).lines
    document = docx.Document(str(target))
    comments = list(document.comments)
    assert len(comments) == len(findings) > 5
    placed = anchors(document)
    for comment, finding in zip(comments, findings, strict=True):
        assert finding["rule"] in comment.text and finding["message"] in comment.text
        assert comment.author == "ogi-check"
        anchor = norm(placed[comment.comment_id])
        assert anchor, finding
        line = norm(lines[finding["line"] - 1])
        if "列" in (finding["part"] or "") or " | " in lines[finding["line"] - 1]:
            cells = [norm(c) for c in lines[finding["line"] - 1].split(" | ")]
            assert anchor in cells, (finding["part"], anchor, cells)  # a cell of that row
        else:
            assert anchor in line or line in anchor, (finding["part"], anchor, line)


def test_the_placeholder_and_the_table_sum_land_where_they_are(
    annotated: tuple[Path, Path, str],
) -> None:
    import docx

    _, target, _ = annotated
    document = docx.Document(str(target))
    placed = anchors(document)
    by_rule = {c.text.split()[0].split("】")[1]: placed[c.comment_id] for c in document.comments}
    assert "XX局" in by_rule["OGI-C002"]
    assert (
        norm(by_rule["OGI-F020"]) == "一、本年新收政府信息公开申请数量"
    )  # row 4 of table 2, its first cell


def test_annotate_refuses_other_formats_and_its_own_input(tmp_path: Path) -> None:
    text = FIXTURES / "parity" / "defects_2021.txt"
    assert invoke("annotate", str(text)).exit_code == 2
    copy = tmp_path / "r.docx"
    shutil.copyfile(SOURCE, copy)
    result = invoke("annotate", str(copy), "-o", str(copy))
    assert result.exit_code == 1 and "原文件" in result.output
    bomb = invoke("annotate", str(FIXTURES / "bad" / "bomb.docx"), "-o", str(tmp_path / "b.docx"))
    assert bomb.exit_code == 1 and "压缩炸弹" in bomb.output and not (tmp_path / "b.docx").exists()


def soffice_convert(source: Path, target: str, out: Path, profile: Path) -> Path:
    """`soffice --headless --convert-to` with a throw-away profile; the converted file."""
    subprocess.run(
        ["soffice", "--headless", f"-env:UserInstallation={profile.as_uri()}",
         "--convert-to", target, "--outdir", str(out), str(source)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    converted = out / f"{source.stem}.{target.split(':')[0]}"
    assert converted.is_file(), target
    return converted


@pytest.mark.skipif(
    shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed"
)
def test_libreoffice_keeps_the_comments(annotated: tuple[Path, Path, str], tmp_path: Path) -> None:
    """LibreOffice opens the annotated copy and saves it as ODT (its own format: each comment an
    office:annotation) and back as docx: every comment keeps its text, author and anchor."""
    import docx

    _, target, _ = annotated
    profile = tmp_path / "profile"
    odt = soffice_convert(target, "odt", tmp_path / "odt", profile)
    with zipfile.ZipFile(odt) as archive:
        content = archive.read("content.xml").decode()
    original = docx.Document(str(target))
    comments = list(original.comments)
    assert content.count("<office:annotation ") == len(comments) > 5
    assert content.count("<dc:creator>ogi-check</dc:creator>") == len(comments)
    again = docx.Document(str(soffice_convert(odt, "docx:MS Word 2007 XML", tmp_path, profile)))
    back = list(again.comments)
    assert [(c.text, c.author) for c in back] == [(c.text, c.author) for c in comments]
    before, after = anchors(original), anchors(again)
    assert [norm(after[c.comment_id]) for c in back] == [
        norm(before[c.comment_id]) for c in comments
    ]
