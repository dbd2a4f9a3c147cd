"""Web pages: the report's headings, paragraphs and tables as a person sees them.

Government pages wrap the report in a site: navigation, breadcrumbs, a layout table around the
content, scripts, styles, share buttons and a footer. The page is parsed with libxml2's HTML
parser (no network, no DTD, no entity expansion beyond HTML's own), page furniture is dropped,
and the rest is walked in document order: each block element ends a line, a <br> ends a line,
a data table becomes pipe rows on its grid (`grid.place`), a layout table is walked through
like the blocks it holds. Each line's part names the source line it starts on.
"""

from __future__ import annotations

import re
from dataclasses import replace

from lxml import etree, html
from lxml.html import HtmlElement

from checker.core.document import Document, LineSink
from checker.core.errors import ReadError
from checker.core.textnorm import split_lines
from checker.readers.grid import SpanCell, cell_text, grid_width, place
from checker.readers.htmlcharset import decode_html
from checker.readers.limits import DEFAULT_LIMITS, Deadline, Limits

_DROP_TAGS = frozenset(
    {
        "script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "canvas",
        "head", "nav", "form", "button", "select", "textarea", "input", "map", "audio", "video",
    }
)  # fmt: skip
_BLOCK_TAGS = frozenset(
    {
        "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd",
        "blockquote", "pre", "section", "article", "main", "center", "address", "figure",
        "figcaption", "header", "footer", "aside", "hr", "caption", "tr", "td", "th", "thead",
        "tbody", "tfoot", "body", "html", "fieldset", "legend", "details", "summary",
    }
)  # fmt: skip
# Class or id words of site furniture (当前位置 breadcrumbs are "position"/"location"/"dqwz").
_FURNITURE = re.compile(
    r"(?:^|[\s_-])(nav|navbar|navigation|menu|breadcrumbs?|crumbs?|footer|foot|bottom|copyright"
    r"|sidebar|share|toolbar|topbar|search|login|dqwz|weizhi|location|position|header|banner)"
    r"(?:$|[\s_-])",
    re.I,
)
_FURNITURE_TAGS = frozenset({"header", "footer", "aside"})
_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_SPACE = re.compile(r"[ \t\r\n\f\v]+")
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")
_MAX_FURNITURE_TEXT = 400  # a breadcrumb or footer is short; the report never is
_MAX_DATA_CELL = 300  # the longest label of a report table is about 40 characters
_REPORT_WORDS = re.compile(r"信息公开|政务公开")
_MIN_CJK = 50


def read_html(data: bytes, limits: Limits = DEFAULT_LIMITS) -> Document:
    deadline = Deadline(limits.timeout)
    text = decode_html(data)
    root = parse_html(text)
    drop_furniture(root)
    sink = LineSink()
    _Walker(sink, deadline).block(root)
    if not _looks_like_report(sink.lines):
        raise ReadError(
            "not_a_report",
            "网页中没有找到政府信息公开工作年度报告的正文（没有“信息公开”字样或正文过短），"
            "可能是栏目页、错误页或需要登录的页面",
        )
    return replace(sink.document(), source=split_lines(text))


def parse_html(text: str) -> HtmlElement:
    # lxml refuses a str that still declares an encoding; keep the line count the same.
    text = _XML_DECL.sub(lambda m: "\n" * m.group(0).count("\n"), text, count=1)
    parser = html.HTMLParser(
        no_network=True, remove_comments=True, remove_pis=True, huge_tree=False, recover=True
    )
    try:
        return html.document_fromstring(text, parser=parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as exc:
        raise ReadError("broken_html", f"无法解析网页：{exc}") from exc


def drop_furniture(root: HtmlElement) -> None:
    """Remove what is not the report; drop_tree keeps the text that follows an element."""
    doomed = [el for el in root.iter() if _is_furniture(el)]
    for element in doomed:
        if element.getparent() is not None:
            element.drop_tree()


def _is_furniture(element: HtmlElement) -> bool:
    tag = element.tag if isinstance(element.tag, str) else ""
    if tag in _DROP_TAGS or element.get("hidden") is not None:
        return True
    if _HIDDEN.search(element.get("style", "")):
        return True
    named = f"{element.get('class', '')} {element.get('id', '')}"
    if tag not in _FURNITURE_TAGS and not _FURNITURE.search(named):
        return False
    # A class name is a guess: never drop what carries the report itself.
    text = element.text_content()
    links = sum(len(a.text_content()) for a in element.iter("a"))
    return len(text) < _MAX_FURNITURE_TEXT or links > len(text) / 2


def _looks_like_report(lines: list[str]) -> bool:
    text = "\n".join(lines)
    cjk = sum(1 for c in text if "\u4e00" <= c <= "\u9fff")
    return cjk >= _MIN_CJK and _REPORT_WORDS.search(text) is not None


class _Walker:
    """Document order, one line per block; text runs on across inline elements."""

    def __init__(self, sink: LineSink, deadline: Deadline):
        self.sink = sink
        self.deadline = deadline
        self.buffer: list[str] = []
        self.line: int | None = None

    def block(self, element: HtmlElement) -> None:
        self.flush()
        self.content(element)
        self.flush()

    def content(self, element: HtmlElement) -> None:
        self.text(element.text, element.sourceline)
        for child in element:
            self.node(child)
            self.text(child.tail, child.sourceline)

    def node(self, element: HtmlElement) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag == "br":
            self.flush()
        elif tag == "table":
            self.table(element)
        elif tag in _BLOCK_TAGS:
            self.block(element)
        else:
            self.content(element)

    def text(self, text: str | None, line: int | None) -> None:
        if text:
            if not self.buffer:
                self.line = line
            self.buffer.append(text)

    def flush(self) -> None:
        line = _SPACE.sub(" ", "".join(self.buffer)).strip(" \u00a0\u3000")
        if line:
            self.sink.add(line, _where(self.line))
        self.buffer = []

    def table(self, element: HtmlElement) -> None:
        self.flush()
        self.deadline.check()
        for stray in _fostered(element):  # shown before the table, as browsers do
            self.node(stray)
            self.flush()
        rows = _rows(element)
        spans = [[_span_cell(cell) for cell in _cells(row)] for row in rows]
        if element.find(".//table") is not None or not _is_data_table(spans):
            for row in rows:  # a layout table: its cells are blocks of the page
                for cell in _cells(row):
                    self.block(cell)
            return
        for caption in element.iterchildren("caption"):
            self.block(caption)
        for row, placed in zip(rows, place(spans), strict=True):
            if any(p.cell.text for p in placed):
                cells = [(p.cell.text, p.cell.label) for p in placed]
                self.sink.add_row(cells, _where(row.sourceline))


def _rows(table: HtmlElement) -> list[HtmlElement]:
    return list(table.xpath("./tr | ./thead/tr | ./tbody/tr | ./tfoot/tr"))


_TABLE_PARTS = frozenset({"tr", "thead", "tbody", "tfoot", "caption", "colgroup", "col"})


def _fostered(table: HtmlElement) -> list[HtmlElement]:
    """Content that broken markup left inside a table but outside any cell."""
    sections = [table, *table.xpath("./thead | ./tbody | ./tfoot")]
    stray = [child for part in sections for child in part if child.tag not in _TABLE_PARTS]
    stray += [child for row in _rows(table) for child in row if child.tag not in ("td", "th")]
    return [child for child in stray if isinstance(child.tag, str)]


def _cells(row: HtmlElement) -> list[HtmlElement]:
    return [cell for cell in row if cell.tag in ("td", "th")]


def _is_data_table(spans: list[list[SpanCell]]) -> bool:
    """At least two columns and no cell as long as a paragraph of the report."""
    if grid_width(place(spans)) < 2:
        return False
    return all(len(cell.text) <= _MAX_DATA_CELL for row in spans for cell in row)


def _span_cell(cell: HtmlElement) -> SpanCell:
    return SpanCell(
        cell_text(_text_with_breaks(cell)),
        _span(cell.get("rowspan")),
        _span(cell.get("colspan")),
        _where(cell.sourceline),
    )


def _text_with_breaks(element: HtmlElement) -> str:
    """The element's text in order, a <br> read as a space (text_content() would drop it)."""
    pieces = [element.text or ""]
    for child in element:
        pieces.append(" " if child.tag == "br" else _text_with_breaks(child))
        pieces.append(child.tail or "")
    return "".join(pieces)


def _span(value: str | None) -> int:
    try:
        return int((value or "1").strip())
    except ValueError:
        return 1


def _where(line: int | None) -> str:
    return f"源文件第{line}行" if line else ""
