"""Each reader turns its format into the Document the extractors read: lines in reading order,
tables as pipe rows on their grid (a merged cell once, at its top-left position), and a locator
for every line."""

from __future__ import annotations

import io
import json
import sys
from collections import Counter
from pathlib import Path

import pytest

from checker.core.document import Document
from checker.core.errors import ReadError
from checker.core.textnorm import build_source
from checker.extract.tables.data import tables_from_data
from checker.readers import is_report_file, read_path
from checker.readers.docx import read_docx
from checker.readers.docx_numbering import Numbering, chinese
from checker.readers.docx_xml import parse_part
from checker.readers.grid import SpanCell, place
from checker.readers.html import read_html
from checker.readers.markdown import read_markdown
from checker.readers.pdf import read_pdf
from checker.readers.pdflines import TextLine, paragraphs
from checker.readers.structured import read_json, read_yaml
from tests.conftest import CORPUS, FIXTURES, needs_corpus

PARITY = FIXTURES / "parity"

# --- HTML ----------------------------------------------------------------------------------------

GOV_PAGE = """<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>丰川县人民政府</title>
<style>.nav li {float:left}</style>
<script>var menu = "<p>菜单</p>";</script>
</head><body>
<div class="header"><img src="logo.png" alt="丰川县人民政府门户网站"></div>
<ul class="nav"><li><a href="/">首页</a></li><li><a href="/zwgk">政务公开</a></li></ul>
<div class="position">当前位置：<a href="/">首页</a> &gt; 政府信息公开年报</div>
<table width="1000"><tr>
<td class="left-menu"><a href="/a">政府信息公开指南</a></td>
<td>
<h1 style="text-align:center">丰川县人民政府2020年政府信息公开工作年度报告</h1>
<p style="text-indent:2em"><span style="font-family:仿宋">本报告由丰川县人民政府办公室编制，喆。</span>统计期限自2020年1月1日起至2020年12月31日止。</p>
<p><strong>一、总体情况</strong><br>全年主动公开政府信息<b>1268</b>条。</p>
<table border="1" style="border-collapse:collapse">
<tr><td rowspan="3" colspan="3">（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</td><td colspan="7">申请人情况</td></tr>
<tr><td rowspan="2">自然人</td><td colspan="5">法人或其他组织</td><td rowspan="2">总计</td></tr>
<tr><td>商业<br>企业</td><td>科研<br/>机构</td><td>社会公益组织</td><td>法律服务机构</td><td>其他</td></tr>
<tr><td colspan="3">一、本年新收政府信息公开申请数量</td><td>38</td><td>9</td><td>0</td><td>1</td><td>4</td><td>0</td><td>52</td></tr>
<tr><td rowspan="2">三、本年度办理结果</td><td colspan="2">（一）予以公开</td><td>18</td><td>5</td><td>0</td><td>1</td><td>2</td><td>0</td><td>26</td></tr>
<tr><td colspan="2">（二）部分公开</td><td>5</td><td>1</td><td>0</td><td>0</td><td>1</td><td>0</td><td>7</td></tr>
</table>
</td></tr></table>
<div class="footer">主办单位：丰川县人民政府办公室</div>
<script>document.write("统计代码");</script>
</body></html>
"""

EXPECTED_LINES = [
    "丰川县人民政府2020年政府信息公开工作年度报告",
    "本报告由丰川县人民政府办公室编制，喆。统计期限自2020年1月1日起至2020年12月31日止。",
    "一、总体情况",
    "全年主动公开政府信息1268条。",
    "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） | 申请人情况",
    "自然人 | 法人或其他组织 | 总计",
    "商业 企业 | 科研 机构 | 社会公益组织 | 法律服务机构 | 其他",
    "一、本年新收政府信息公开申请数量 | 38 | 9 | 0 | 1 | 4 | 0 | 52",
    "三、本年度办理结果 | （一）予以公开 | 18 | 5 | 0 | 1 | 2 | 0 | 26",
    "（二）部分公开 | 5 | 1 | 0 | 0 | 1 | 0 | 7",
]


def test_a_government_page_reads_as_a_person_sees_it() -> None:
    document = read_html(GOV_PAGE.encode("gbk"))  # 喆 is GBK, not GB2312: read as GB18030
    assert document.lines == EXPECTED_LINES


def test_html_lines_name_their_source_line() -> None:
    source = GOV_PAGE.split("\n")
    document = read_html(GOV_PAGE.encode("gbk"))
    for line, part in zip(document.lines, document.parts, strict=True):
        number = int(part.removeprefix("源文件第").removesuffix("行"))
        first_word = line.split(" | ")[0][:2]
        assert first_word in source[number - 1], (line, part)


def test_html_cells_are_labelled() -> None:
    document = read_html(GOV_PAGE.encode("gbk"))
    row = document.lines.index(EXPECTED_LINES[7])
    assert document.part_at(row, 0) == document.parts[row]
    assert len(document.cell_parts[row]) == 8


@pytest.mark.parametrize(
    "data",
    [
        GOV_PAGE.replace("charset=gb2312", "").encode("gbk"),  # no declaration: detected
        b"\xef\xbb\xbf" + GOV_PAGE.replace("charset=gb2312", "charset=gbk").encode(),  # BOM wins
        GOV_PAGE.replace("charset=gb2312", "charset=utf-8").encode(),
    ],
)
def test_html_encodings(data: bytes) -> None:
    assert read_html(data).lines == EXPECTED_LINES


def test_a_page_without_a_report() -> None:
    page = "<html><body><div class='nav'>首页</div><h1>404 页面不存在</h1></body></html>"
    with pytest.raises(ReadError) as caught:
        read_html(page.encode())
    assert caught.value.code == "not_a_report"


def test_odd_spans_do_not_break_the_grid() -> None:
    page = (
        "<p>某县政府信息公开工作年度报告。" + "报告正文" * 20 + "</p><table>"
        "<tr><td rowspan='0'>甲</td><td colspan='99999'>乙</td></tr>"
        "<tr><td colspan='x'>丙</td></tr></table>"
    )
    assert read_html(page.encode()).lines[-2:] == ["甲 | 乙", "丙"]


def test_grid_places_merged_cells_once() -> None:
    rows = [
        [SpanCell("a", rowspan=2), SpanCell("b", colspan=2)],
        [SpanCell("c"), SpanCell("d")],
        [SpanCell("e"), SpanCell("f"), SpanCell("g")],
    ]
    placed = place(rows)
    assert [[p.column for p in row] for row in placed] == [[0, 1], [1, 2], [0, 1, 2]]


# --- Markdown ------------------------------------------------------------------------------------


def test_markdown_keeps_the_file_lines() -> None:
    text = (
        "---\ntitle: x\n---\n# 某局2023年政府信息公开工作年度报告\n\n## 一、总体情况\n\n"
        "全年**主动公开**信息[1268条](http://x)。\n\n| 信息内容 | 本年制发件数 | |\n|---|:---:|---|\n"
        "| 规章 | 0 | |\n| 行政\\|规范性文件 | 3 | 1 |\n\n- 3 -\n"
    )
    lines = read_markdown(text.encode()).lines
    assert lines[:4] == ["", "", "", "某局2023年政府信息公开工作年度报告"]
    assert lines[5] == "一、总体情况"
    assert lines[7] == "全年主动公开信息1268条。"
    assert lines[9:13] == ["信息内容 | 本年制发件数", "", "规章 | 0", "行政¦规范性文件 | 3 | 1"]
    assert lines[14] == "- 3 -"
    assert len(lines) == len(text.split("\n"))


# --- Word ----------------------------------------------------------------------------------------


def _docx() -> bytes:
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_paragraph("某局2023年政府信息公开工作年度报告", style="Title")
    document.add_paragraph("")  # empty paragraphs are not counted
    document.add_paragraph("一、总体情况", style="Heading 1")
    body = document.add_paragraph("第一行")
    body.add_run().add_break()
    body.add_run("第二行")
    table = document.add_table(rows=3, cols=3)
    table.cell(0, 0).merge(table.cell(1, 0)).text = "信息内容"
    table.cell(0, 1).merge(table.cell(0, 2)).text = "数量"
    table.cell(1, 1).text, table.cell(1, 2).text = "本年", "上年"
    for column, text in enumerate(("规章", "1", "2")):
        table.cell(2, column).text = text
    layout = document.add_table(rows=1, cols=1)
    layout.cell(0, 0).text = "版式表格中的段落"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_docx_paragraphs_and_merged_cells() -> None:
    document = read_docx(_docx())
    assert document.lines == [
        "某局2023年政府信息公开工作年度报告",
        "一、总体情况",
        "第一行",
        "第二行",
        "信息内容 | 数量",
        "本年 | 上年",
        "规章 | 1 | 2",
        "版式表格中的段落",
    ]
    assert document.parts == [
        "第1段",
        "第2段",
        "第3段",
        "第3段",
        "表格1 第1行",
        "表格1 第2行",
        "表格1 第3行",
        "第4段",
    ]
    row = document.lines.index("本年 | 上年")
    assert document.part_at(row, 0) == "表格1 第2行第2列"
    assert document.part_at(row, len("本年 | ")) == "表格1 第2行第3列"


NUMBERING = b"""<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:abstractNum w:abstractNumId="0">
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1\xe3\x80\x81"/></w:lvl>
<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="\xef\xbc\x88%2\xef\xbc\x89"/></w:lvl>
<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>
</w:abstractNum><w:num w:numId="5"><w:abstractNumId w:val="0"/></w:num></w:numbering>"""


def test_word_list_numbers_are_rendered() -> None:
    numbering = Numbering.parse(parse_part(NUMBERING, "numbering.xml"))
    labels = [numbering.label("5", level) for level in (0, 1, 1, 2, 0, 1)]
    assert labels == ["一、", "（一）", "（二）", "1.", "二、", "（一）"]
    assert numbering.label("9", 0) == ""
    assert [chinese(n) for n in (1, 10, 12, 20, 105)] == ["一", "十", "十二", "二十", "一百零五"]


def test_legacy_doc_without_libreoffice(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr("shutil.which", lambda name: None)
    path = tmp_path / "report.doc"
    path.write_bytes(bytes.fromhex("d0cf11e0a1b11ae1") + bytes(1024))
    with pytest.raises(ReadError) as caught:
        read_path(path)
    assert caught.value.code == "needs_conversion"
    assert "另存为" in str(caught.value) and "LibreOffice" in str(caught.value)


# --- PDF -----------------------------------------------------------------------------------------


def test_pdf_lines_carry_their_page() -> None:
    document = read_pdf((PARITY / "department_2021.pdf").read_bytes())
    assert document.pages == sorted(document.pages) and document.pages[0] == 1
    row = document.lines.index("行政许可 | 1520")
    assert document.pages[row] >= 2 and document.parts[row].startswith("表格1 ")


@needs_corpus()
def test_a_real_pdf_reads_its_tables() -> None:
    document = read_pdf((CORPUS / "real" / "pages" / "035.pdf").read_bytes())
    row = "一、本年新收政府信息公开申请数量 | 3001 | 53 | 0 | 0 | 61 | 4 | 3119"
    assert document.pages[document.lines.index(row)] == 4
    assert (
        "三、本年度办理结果 | （一）予以公开 | 1288 | 21 | 0 | 0 | 50 | 3 | 1362" in document.lines
    )
    assert not any(line.strip() in ("-1-", "- 3 -") for line in document.lines)  # page numbers


def test_wrapped_pdf_lines_become_paragraphs() -> None:
    def line(text: str, x0: float, x1: float, top: float) -> TextLine:
        return TextLine(text, x0, x1, top, top + 12)

    lines = [
        line("一、总体情况", 114, 190, 100),
        line("全年共收到政府信息公开申请52", 114, 498, 120),  # indented start, runs to the margin
        line("件，办结53件。", 90, 200, 140),  # flush left: the same paragraph
        line("（一）主动公开", 114, 200, 160),
        line("主动公开信息1268条，全文到达右边距的一行文字。", 90, 498, 180),
        line("（二）依申请公开", 90, 200, 200),  # a numbered item starts a paragraph
        line("- 3 -", 280, 310, 800),
    ]
    texts, _ = paragraphs(lines)
    assert [t.text for t in texts] == [
        "一、总体情况",
        "全年共收到政府信息公开申请52件，办结53件。",
        "（一）主动公开",
        "主动公开信息1268条，全文到达右边距的一行文字。",
        "（二）依申请公开",
    ]


def test_pdf_extra_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pdfplumber", None)  # what an install without the extra gives
    with pytest.raises(ReadError) as caught:
        read_pdf(b"%PDF-1.4")
    assert caught.value.code == "missing_library"
    assert "pip install 'ogi-checker[pdf]'" in str(caught.value)


# --- structured data -----------------------------------------------------------------------------

DATA = """metadata:
  title: 某局2023年政府信息公开工作年度报告
  agency: 某局
  year: 2023
  published: 2024-01-18
sections:
  - title: 一、总体情况
    text: |
      第一段。
      第二段。
  - title: 三、收到和处理政府信息公开申请情况
    tables: [T3]
tables:
  T3:
    R1: {NP: 38, COM: 9, SCI: 0, NGO: 1, LAW: 4, OTH: 0, TOT: 52}
    R2:
      NP: 3
      TOT: "—"
    R9: {NP: 1}
"""


def test_yaml_data_becomes_text_cells_and_metadata() -> None:
    document = read_yaml(DATA.encode())
    assert document.metadata == {
        "title": "某局2023年政府信息公开工作年度报告",
        "agency": "某局",
        "year": "2023",
        "published": "2024-01-18",
    }
    assert document.lines[:5] == [
        "某局2023年政府信息公开工作年度报告",
        "发布时间：2024年01月18日",
        "一、总体情况",
        "第一段。",
        "第二段。",
    ]
    assert document.parts[3:5] == ["源文件第9行", "源文件第10行"]
    assert "一、本年新收政府信息公开申请数量 | 38 | 9 | 0 | 1 | 4 | 0 | 52" in document.lines
    assert document.cells is not None
    assert document.cells["T3"]["R1"]["TOT"] == ("52", 15)
    assert document.cells["T3"]["R2"]["TOT"] == ("—", 18)


def test_tables_from_data(tmp_path: Path) -> None:
    document = read_yaml(DATA.encode())
    assert document.cells is not None
    source = build_source(document.lines, document.pages, document.parts)
    table = tables_from_data(document.cells, source)["T3"]
    assert table.variant == "2021"
    r1 = table.cells["R1"]["TOT"]
    assert (r1.value, r1.kind, r1.location.part) == (52, "number", "源文件第15行")
    assert r1.location.line is not None and "| 52" in document.lines[r1.location.line - 1]
    assert table.cells["R2"]["TOT"].kind == "placeholder"
    assert table.cells["R2"]["COM"].kind == "blank"
    codes = Counter(note.code for note in table.notes)
    assert codes["extra_row"] == 1 and codes["missing_row"] > 20


@pytest.mark.parametrize(
    ("text", "words"),
    [
        (DATA.replace("year: 2023", "year: 二〇二三"), ["第4行", "metadata.year"]),
        (
            DATA.replace("  agency: 某局\n", "  agency: 某局\n  author: 张三\n"),
            ["第4行", "metadata.author"],
        ),
        (DATA.replace("NP: 38", "NP: [38]"), ["第15行", "tables.T3.R1.NP"]),
        ("metadata: &m {title: x}\nsections: []\nother: *m\n", ["第3行", "别名"]),
        ("metadata: {title: x\n", ["YAML"]),
    ],
)
def test_bad_yaml_data_names_the_line(text: str, words: list[str]) -> None:
    with pytest.raises(ReadError) as caught:
        read_yaml(text.encode())
    assert caught.value.code == "invalid_data"
    for word in words:
        assert word in str(caught.value)


def test_json_data_and_its_errors() -> None:
    data = json.loads((PARITY / "department_2021.json").read_text(encoding="utf-8"))
    document = read_json(json.dumps(data, ensure_ascii=False, indent=1).encode())
    assert document.cells is not None and document.cells["T4"]["REVIEW"]["TOTAL"][0] == "3"
    broken = '{\n  "metadata": {"title": "x"},\n  "sections": [1,]\n}'
    with pytest.raises(ReadError) as caught:
        read_json(broken.encode())
    assert "第3行" in str(caught.value)
    with pytest.raises(ReadError) as caught:
        read_json(("[" * 200 + "]" * 200).encode())
    assert caught.value.code == "invalid_data"


# --- sniffing ------------------------------------------------------------------------------------


def test_a_doc_that_is_really_a_docx_is_read(tmp_path: Path) -> None:
    path = tmp_path / "report.doc"
    path.write_bytes((PARITY / "narrative_2008.docx").read_bytes())
    fmt, document = read_path(path)
    assert fmt == "docx" and document.parts[0] == "第1段"


def test_a_txt_that_is_a_web_page_is_read_as_html(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_bytes(GOV_PAGE.encode("gbk"))
    fmt, document = read_path(path)
    assert (fmt, document.lines) == ("html", EXPECTED_LINES)


def test_unknown_suffix_is_read_by_content(tmp_path: Path) -> None:
    path = tmp_path / "report.download"
    path.write_bytes((PARITY / "narrative_2008.pdf").read_bytes())
    fmt, document = read_path(path)
    assert fmt == "pdf" and isinstance(document, Document) and document.pages


def test_a_directory_walk_takes_report_data_only(tmp_path: Path) -> None:
    data = tmp_path / "report.yaml"
    data.write_bytes((PARITY / "department_2021.yaml").read_bytes())
    labels = tmp_path / "labels.yaml"
    labels.write_text("files:\n  - name: x\n", encoding="utf-8")
    assert is_report_file(data) and is_report_file(PARITY / "department_2021.json")
    assert not is_report_file(labels)
    assert is_report_file(PARITY / "department_2021.pdf")
