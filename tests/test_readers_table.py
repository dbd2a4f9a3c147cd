"""Input formats live in one table (checker.readers.FORMATS): adding a format is one reader
module and one row, and the suffix and content lookups follow from the row."""

from __future__ import annotations

from pathlib import Path

import pytest

import checker.readers as readers
from checker.core.errors import ReadError
from checker.readers import FORMATS, READERS, Format, read_path

QUOTED = Format("quoted", (".quoted",), frozenset({"text"}), "tests.fixture_reader:read_quoted")


@pytest.fixture
def registered(monkeypatch: pytest.MonkeyPatch) -> None:
    """The one row of the recipe."""
    monkeypatch.setattr(readers, "FORMATS", (*FORMATS, QUOTED))


def test_every_suffix_has_one_format() -> None:
    suffixes = [s for f in FORMATS for s in f.suffixes]
    assert len(suffixes) == len(set(suffixes)) == len(READERS)
    assert all(f.hands_over <= f.accepts for f in FORMATS)


def test_without_the_row_an_unknown_suffix_is_read_as_plain_text(tmp_path: Path) -> None:
    path = tmp_path / "report.quoted"
    path.write_text("> 某局2023年政府信息公开工作年度报告\n", encoding="utf-8")
    fmt, document = read_path(path)
    assert (fmt, document.lines[0]) == ("txt", "> 某局2023年政府信息公开工作年度报告")


@pytest.mark.usefixtures("registered")
def test_a_new_format_is_one_module_and_one_row(tmp_path: Path) -> None:
    path = tmp_path / "report.quoted"
    path.write_text("> 某局2023年政府信息公开工作年度报告\n>\n> 一、总体情况\n", encoding="utf-8")
    fmt, document = read_path(path)
    assert fmt == "quoted"
    assert document.lines[:3] == ["某局2023年政府信息公开工作年度报告", "", "一、总体情况"]


@pytest.mark.usefixtures("registered")
def test_the_new_formats_suffix_is_checked_against_the_content(tmp_path: Path) -> None:
    path = tmp_path / "report.quoted"
    path.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
    with pytest.raises(ReadError) as caught:
        read_path(path)
    assert caught.value.code == "wrong_format" and ".quoted" in str(caught.value)
