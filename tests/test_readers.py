"""Reading report bytes: every encoding a Chinese office saves in, every line end, and a
normalisation that keeps each character in place so findings point into the original file."""

from __future__ import annotations

import codecs
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.core.errors import ReadError
from checker.core.findings import Finding
from checker.core.model import Location
from checker.core.rules import RuleSet
from checker.core.textnorm import build_source, normalize, split_lines
from checker.core.traditional import SIMPLIFIED, TRADITIONAL
from checker.engine import RunConfig, check_file
from checker.readers import read_path
from checker.readers.text import decode, read_text
from tests.conftest import FIXTURES, SEED

NARRATIVE = FIXTURES / "2008" / "valid_narrative.txt"
NARRATIVE_TEXT = NARRATIVE.read_text(encoding="utf-8")  # GB2312-safe: no NBSP, no rare ideographs
SEED_TEXT = SEED.read_text(encoding="utf-8")  # has NBSPs and "@": GB18030 only

Encoder = Callable[[str], bytes]

ENCODINGS: dict[str, Encoder] = {
    "utf-8": lambda t: t.encode("utf-8"),
    "utf-8-bom": lambda t: codecs.BOM_UTF8 + t.encode("utf-8"),
    "gb18030": lambda t: t.encode("gb18030"),
    "gbk": lambda t: t.encode("gbk"),
    "gb2312": lambda t: t.encode("gb2312"),
    "utf-16-le-bom": lambda t: codecs.BOM_UTF16_LE + t.encode("utf-16-le"),
    "utf-16-be-bom": lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be"),
    "utf-16-le": lambda t: t.encode("utf-16-le"),
    "utf-16-be": lambda t: t.encode("utf-16-be"),
    "utf-32-bom": lambda t: t.encode("utf-32"),
}
NOT_GBK = {"gbk", "gb2312"}  # the seed's NBSPs exist in GB18030 only
PROPERTY = settings(database=None, deadline=None)  # no example files in the tree; no flaky timing
LINE = st.text(alphabet=st.characters(blacklist_characters="\n\r"))


@pytest.mark.parametrize("encoding", sorted(ENCODINGS))
def test_decode_the_narrative_fixture(encoding: str) -> None:
    assert decode(ENCODINGS[encoding](NARRATIVE_TEXT)) == NARRATIVE_TEXT


@pytest.mark.parametrize("encoding", sorted(set(ENCODINGS) - NOT_GBK))
def test_decode_the_seed(encoding: str) -> None:
    assert decode(ENCODINGS[encoding](SEED_TEXT)) == SEED_TEXT


@pytest.mark.parametrize(
    "text",
    [
        "一、概述\n",  # U+4E00 puts a NUL in the low byte of UTF-16
        "\u3000\u3000一、总体情况\n全年退回申请一件。\n",  # U+3000, 退 U+9000: more NULs
        "二〇一八年度报告",  # no ASCII at all: no NUL in the high byte
    ],
)
@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_decode_short_utf16_without_bom(text: str, encoding: str) -> None:
    assert decode(text.encode(encoding)) == text


def test_gb2312_declared_text_decodes_as_gb18030() -> None:
    text = "（本文件编码：GB2312）\n某县人民政府2012年政府信息公开工作年度报告\n"
    assert decode(text.encode("gb2312")) == text


def test_utf8_is_preferred_to_gb18030() -> None:
    # These UTF-8 bytes are also valid GB18030 (as mojibake): strict UTF-8 must win.
    data = "政府信息公开".encode()
    assert data.decode("gb18030") != "政府信息公开"
    assert decode(data) == "政府信息公开"


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", "empty"),
        (b" \r\n\t ", "empty"),
        (codecs.BOM_UTF16_LE + b"\x00\xd8A\x00", "undecodable"),  # a lone high surrogate
        (codecs.BOM_UTF8 + b"\xff\xfe\xfd", "undecodable"),
        (b"\x00\x01\x02\x03" * 64, "binary"),
        ("报告".encode() + b"\x00\x00\x00" + "正文".encode(), "binary"),
        (
            ("".join(chr(c) for c in range(1, 32) if chr(c) not in "\t\n\r\f") * 20).encode(),
            "binary",
        ),
    ],
    ids=["empty", "blank", "bad-utf16", "bad-utf8-bom", "nul-bytes", "nul-in-utf8", "controls"],
)
def test_unreadable_bytes(data: bytes, code: str) -> None:
    with pytest.raises(ReadError) as caught:
        read_text(data)
    assert caught.value.code == code
    assert str(caught.value)


@pytest.mark.parametrize(
    ("text", "lines"),
    [
        ("一\n二\n三", ["一", "二", "三"]),
        ("一\r\n二\r\n三\r\n", ["一", "二", "三", ""]),
        ("一\r二\r三", ["一", "二", "三"]),
        ("一\r\n二\r三\n四", ["一", "二", "三", "四"]),
        ("一\r\n\r\n二", ["一", "", "二"]),
        # Form feeds and U+2028 are not line ends in a report (str.splitlines would split them).
        ("一\f二\u2028三\x85四", ["一\f二\u2028三\x85四"]),
    ],
    ids=["lf", "crlf", "cr", "mixed", "blank-crlf", "not-line-ends"],
)
def test_split_lines(text: str, lines: list[str]) -> None:
    assert split_lines(text) == lines


@pytest.mark.parametrize(
    ("original", "normalised"),
    [
        ("２０１８年", "2018年"),
        ("ＡＢＣａｂｃ", "ABCabc"),
        ("（一）", "(一)"),
        ("答复率１００％。", "答复率100%。"),
        ("共５９件，其中：", "共59件,其中:"),
        ("；！？～＠＃", ";!?~@#"),
        ("\u00a0\u3000\u2002\u2003\u200b\u202f\ufeff", " " * 7),
        ("\u2212５", "-5"),
        ("一、二〇一八年《条例》“公开”", "一、二〇一八年《条例》“公开”"),  # Chinese forms stay
    ],
)
def test_normalize(original: str, normalised: str) -> None:
    assert normalize(original) == normalised
    assert len(normalize(original)) == len(original)


@PROPERTY
@given(LINE)
def test_normalize_preserves_length(text: str) -> None:
    assert len(normalize(text)) == len(text)


@PROPERTY
@given(LINE)
def test_normalize_is_idempotent_and_only_maps_to_ascii(text: str) -> None:
    """Changed characters become ASCII, or the Simplified form of a Traditional one."""
    once = normalize(text)
    assert normalize(once) == once
    simplified = dict(zip(TRADITIONAL, SIMPLIFIED, strict=True))
    assert all(
        a == b or ord(b) < 128 or simplified.get(a) == b for a, b in zip(text, once, strict=True)
    )


@PROPERTY
@given(st.lists(LINE, min_size=1))
def test_source_offsets_map_back_to_original_lines(lines: list[str]) -> None:
    source = build_source(lines)
    for index, line in enumerate(lines):
        for column in range(len(line)):
            offset = source.line_starts[index] + column
            assert source.locate(offset) == Location(index + 1, column + 1)
            assert source.text[offset] == normalize(line[column])


# --- findings point at the original file -----------------------------------------------------

REPORT_LINES = [
    "江州市住房和城乡建设局２０１６年政府信息公开工作年度报告",
    "一、概述",
    "\u00a0\u00a0\u3000部门预算于２０１８３月公开。",
    "\u3000\u3000本年度（２０１６年度）） 完成。",
]


def finding(findings: tuple[Finding, ...], rule: str) -> Finding:
    (found,) = [f for f in findings if f.rule.id == rule]
    return found


@pytest.mark.parametrize("line_end", ["\n", "\r\n", "\r"], ids=["lf", "crlf", "cr"])
@pytest.mark.parametrize("encoding", ["gb18030", "utf-8-bom", "utf-16-le-bom", "utf-16-le"])
def test_finding_points_at_the_original_character(
    tmp_path: Path, rules: RuleSet, encoding: str, line_end: str
) -> None:
    path = tmp_path / "report.txt"
    path.write_bytes(ENCODINGS[encoding](line_end.join(REPORT_LINES) + line_end))
    result = check_file(path, rules, RunConfig())
    assert result.error is None

    date = finding(result.findings, "OGI-C003")
    assert date.problem.actual == "20183月"  # matched on the normalised text …
    loc = date.problem.location  # … reported at the original place
    assert (loc.line, loc.column) == (3, 9)
    assert REPORT_LINES[2][9 - 1 :].startswith("２０１８３月")

    bracket = finding(result.findings, "OGI-C005")
    loc = bracket.problem.location
    column = REPORT_LINES[3].index("））") + 2  # the second one has no partner
    assert (loc.line, loc.column) == (4, column)
    assert REPORT_LINES[3][column - 1] == "）"


SEED_ENCODINGS = sorted(set(ENCODINGS) - NOT_GBK)


@pytest.mark.parametrize("line_end", ["\n", "\r\n", "\r"], ids=["lf", "crlf", "cr"])
@pytest.mark.parametrize("encoding", SEED_ENCODINGS)
def test_seed_gives_the_same_findings_in_every_encoding_and_line_end(
    tmp_path: Path, rules: RuleSet, encoding: str, line_end: str
) -> None:
    expected = check_file(SEED, rules, RunConfig())
    path = tmp_path / SEED.name
    path.write_bytes(ENCODINGS[encoding](SEED_TEXT.replace("\n", line_end)))
    result = check_file(path, rules, RunConfig(), shown=str(SEED))
    assert result == expected


def test_read_path_never_writes(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_bytes(ENCODINGS["gb18030"](SEED_TEXT))
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    fmt, document = read_path(path)
    assert fmt == "txt"
    assert document.lines == SEED_TEXT.split("\n")
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before


@pytest.mark.parametrize(("suffix", "fmt"), [(".txt", "txt"), (".TXT", "txt"), (".text", "txt")])
def test_read_path_picks_the_reader_by_suffix(tmp_path: Path, suffix: str, fmt: str) -> None:
    path = tmp_path / f"report{suffix}"
    path.write_bytes(NARRATIVE.read_bytes())
    assert read_path(path)[0] == fmt


def test_read_path_on_a_directory(tmp_path: Path) -> None:
    with pytest.raises(ReadError) as caught:
        read_path(tmp_path)
    assert caught.value.code == "unreadable"
    assert "目录" in str(caught.value)
