"""Word (.docx): paragraphs in order, tables on their grid, each line labelled for the user.

Read straight from the zip with lxml: only word/document.xml (and the styles and numbering it
refers to) is inflated, after the zip's stated sizes were checked (`safezip`). A paragraph is a
line (a manual line break starts another); a numbered title gets its automatic number as text
(`docx_numbering`); a data table is pipe rows, each merged cell once at its top-left grid
position: a horizontal merge (gridSpan) counts as one cell, a vertical merge (vMerge) only in its
first row. Tables that hold tables, or text as long as a paragraph, are layout: their cells are
read as paragraphs. Locations: "第12段" for a paragraph (empty ones are not counted: the user
cannot see them), "表格2 第3行" for a table row and "表格2 第3行第4列" for each cell in it.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from checker.core.document import Document, LineSink
from checker.core.errors import ReadError
from checker.readers.docx_numbering import Numbering
from checker.readers.docx_xml import MC_FALLBACK, W, attr, parse_part
from checker.readers.grid import cell_text
from checker.readers.limits import DEFAULT_LIMITS, Deadline, Limits
from checker.readers.safezip import SafeZip

_SKIP = frozenset(
    W + name for name in ("pPr", "rPr", "del", "moveFrom", "txbxContent", "instrText", "delText")
) | {MC_FALLBACK}
_BREAKS = frozenset({W + "br", W + "cr"})
_MAX_DATA_CELL = 300  # longer text in a cell means the table lays out the page


def read_docx(data: bytes, limits: Limits = DEFAULT_LIMITS) -> Document:
    archive = SafeZip(data, limits.max_decompressed, "Word 文档")
    body_xml = archive.read("word/document.xml")
    if body_xml is None:
        raise ReadError("broken_docx", "Word 文档已损坏：缺少正文（word/document.xml）")
    root = parse_part(body_xml, "word/document.xml")
    body = root.find(W + "body")
    if body is None:
        raise ReadError("broken_docx", "Word 文档已损坏：正文中没有 body 元素")
    numbering = Numbering.parse(_optional_part(archive, "word/numbering.xml"))
    styles = _style_numbering(_optional_part(archive, "word/styles.xml"))
    reader = _Body(LineSink(), numbering, styles, Deadline(limits.timeout))
    reader.blocks(body)
    if not any(line.strip() for line in reader.sink.lines):
        raise ReadError("empty", "Word 文档中没有任何文字")
    return reader.sink.document()


def _optional_part(archive: SafeZip, name: str) -> etree._Element | None:
    data = archive.read(name)
    return parse_part(data, name) if data else None


def _style_numbering(styles: etree._Element | None) -> dict[str, tuple[str, int]]:
    """styleId -> (numId, ilvl) for styles that number their paragraphs (heading lists)."""
    out: dict[str, tuple[str, int]] = {}
    if styles is None:
        return out
    for style in styles.iterfind(W + "style"):
        num = style.find(f"{W}pPr/{W}numPr")
        if num is not None:
            num_id, ilvl = _num_pr(num)
            if num_id:
                out[attr(style, "styleId")] = (num_id, ilvl)
    return out


def _num_pr(num: etree._Element) -> tuple[str, int]:
    num_id, ilvl = num.find(W + "numId"), num.find(W + "ilvl")
    level = attr(ilvl, "val") if ilvl is not None else "0"
    return (attr(num_id, "val") if num_id is not None else ""), int(level) if level.isdigit() else 0


@dataclass
class _Body:
    sink: LineSink
    numbering: Numbering
    styles: dict[str, tuple[str, int]]
    deadline: Deadline
    paragraphs: int = 0
    tables: int = 0

    def blocks(self, container: etree._Element) -> None:
        for child in container:
            if child.tag == W + "p":
                self.paragraph(child)
            elif child.tag == W + "tbl":
                self.table(child)
            elif child.tag in (W + "sdt", W + "sdtContent", W + "customXml"):
                self.blocks(child)

    def paragraph(self, p: etree._Element) -> None:
        text = self.text(p)
        if not text.strip():
            return
        self.paragraphs += 1
        for line in text.split("\n"):
            if line.strip():
                self.sink.add(line.rstrip(), f"第{self.paragraphs}段")

    def text(self, p: etree._Element) -> str:
        """The paragraph as printed: its list number, then its runs."""
        return self.number(p) + "".join(_runs(p))

    def number(self, p: etree._Element) -> str:
        num = p.find(f"{W}pPr/{W}numPr")
        num_id, ilvl = _num_pr(num) if num is not None else ("", 0)
        if not num_id:
            style = p.find(f"{W}pPr/{W}pStyle")
            num_id, ilvl = self.styles.get(attr(style, "val") if style is not None else "", ("", 0))
        return self.numbering.label(num_id, ilvl) if num_id and num_id != "0" else ""

    def table(self, tbl: etree._Element) -> None:
        self.deadline.check()
        rows = [_row_cells(tr) for tr in tbl.iterfind(W + "tr")]
        if tbl.find(f".//{W}tbl") is not None or not _is_data(rows):
            for row in rows:  # layout: the cells hold the page's paragraphs
                for _, tc, continued in row:
                    if not continued:
                        self.blocks(tc)
            return
        self.tables += 1
        # Numbers are rendered in reading order, so only now, once the table is known to be data.
        texts = [
            [(column, self.cell(tc)) for column, tc, continued in row if not continued]
            for row in rows
        ]
        for index, row_texts in enumerate(texts, start=1):
            if any(text for _, text in row_texts):
                where = f"表格{self.tables} 第{index}行"
                cells = [(text, f"{where}第{column + 1}列") for column, text in row_texts]
                self.sink.add_row(cells, where)

    def cell(self, tc: etree._Element) -> str:
        return cell_text(" ".join(self.text(p) for p in tc.iter(W + "p")))


def _runs(element: etree._Element) -> list[str]:
    """Text, tabs and breaks in order; deleted text, field codes and text-box copies left out."""
    out: list[str] = []
    for child in element:
        if child.tag in _SKIP:
            continue
        if child.tag == W + "t":
            out.append(child.text or "")
        elif child.tag == W + "tab":
            out.append("\t")
        elif child.tag in _BREAKS:
            out.append("\n")
        elif child.tag == W + "noBreakHyphen":
            out.append("-")
        else:
            out.extend(_runs(child))
    return out


def _row_cells(tr: etree._Element) -> list[tuple[int, etree._Element, bool]]:
    """(grid column, cell, continues a vertical merge) for each cell of a row."""
    before = tr.find(f"{W}trPr/{W}gridBefore")
    column = _int(attr(before, "val")) if before is not None else 0
    out = []
    for tc in tr.iterfind(W + "tc"):
        span = tc.find(f"{W}tcPr/{W}gridSpan")
        merge = tc.find(f"{W}tcPr/{W}vMerge")
        continued = merge is not None and attr(merge, "val") != "restart"
        out.append((column, tc, continued))
        column += max(_int(attr(span, "val")) if span is not None else 1, 1)
    return out


def _is_data(rows: list[list[tuple[int, etree._Element, bool]]]) -> bool:
    width = max((column + 1 for row in rows for column, _, _ in row), default=0)
    if width < 2:
        return False
    return all(len("".join(_runs(tc))) <= _MAX_DATA_CELL for row in rows for _, tc, _ in row)


def _int(text: str) -> int:
    return int(text) if text.isdigit() else 1
