"""PDF with a text layer: text in reading order and ruled tables on their grid, page by page.

pdfplumber (an optional extra) gives the characters and the ruling lines. On each page the
ruled tables are read as grids (a merged cell once, at its top-left position); the text outside
them is read as lines, and lines a paragraph wrapped are joined again (`pdflines`), so a number
and its unit ("52\\n件") are not cut apart. Both are merged top to bottom. Every line keeps its
page; table rows and cells are labelled "表格2 第3行第4列" as well.

Refused with a clear error: an encrypted PDF that needs a password, more pages than the limit
(counted from the page tree before any page is read), and a PDF with no text layer (a scan),
which cannot be assessed at all.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from checker.core.document import Document, LineSink
from checker.core.errors import ReadError
from checker.core.textnorm import join_wrapped
from checker.readers.limits import DEFAULT_LIMITS, Deadline, Limits
from checker.readers.optional import require
from checker.readers.pdflines import Frame, TextLine, ends_open, opens_flush, paragraphs
from checker.readers.pdfstreams import check_streams

_MIN_TEXT = 20  # characters: less than this on every page together is a scan


def read_pdf(data: bytes, limits: Limits = DEFAULT_LIMITS) -> Document:
    pdfplumber = require("pdfplumber", "pdf", "PDF 文件")
    check_streams(data, limits)
    deadline = Deadline(limits.timeout)
    logging.getLogger("pdfminer").setLevel(logging.ERROR)  # it warns on every odd font
    reader = _Pages(LineSink())
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            _check_pages(pdf, limits.max_pages)
            for number, page in enumerate(pdf.pages, start=1):
                deadline.check()
                reader.page(page, number)
                page.close()  # drop the page's cached objects: memory stays flat
    except ReadError:
        raise
    except Exception as exc:  # pdfminer raises many types on a damaged file; all mean the same
        raise _open_error(exc) from exc
    if sum(len(line.strip()) for line in reader.sink.lines) < _MIN_TEXT:
        raise ReadError(
            "no_text_layer",
            "无法评估：PDF 没有文字层（可能是扫描件或图片），请提供可复制文字的 PDF，或先做文字识别（OCR）",
        )
    return reader.sink.document(paged=True)


def _check_pages(pdf: Any, max_pages: int) -> None:
    from pdfminer.pdftypes import resolve1

    try:
        count = int(resolve1(resolve1(pdf.doc.catalog["Pages"])["Count"]))
    except (KeyError, TypeError, ValueError):
        return  # no usable count: the pages are then counted as they are read
    if count > max_pages:
        raise ReadError("too_many_pages", f"PDF 有 {count} 页，超过上限 {max_pages} 页，未读取")


def _open_error(exc: Exception) -> ReadError:
    if any("Password" in name or "Encrypt" in name for name in _causes(exc)):
        return ReadError(
            "encrypted_pdf", "PDF 已加密（需要打开密码），无法读取；请提供未加密的文件"
        )
    return ReadError("broken_pdf", f"PDF 已损坏或无法解析（{type(exc).__name__}）")


def _causes(exc: BaseException) -> Iterator[str]:
    """Names of the exception and what it wraps (pdfplumber wraps pdfminer's in its args)."""
    seen: list[BaseException] = [exc]
    while seen:
        current = seen.pop()
        yield type(current).__name__
        seen += [a for a in current.args if isinstance(a, BaseException)]
        if current.__context__ is not None and len(seen) < 10:
            seen.append(current.__context__)


@dataclass
class _Pages:
    """Reads page after page, carrying over what runs on from one page to the next."""

    sink: LineSink
    tables: int = 0
    open_paragraph: bool = False  # the last line so far is a paragraph running to the margin
    open_table: bool = False  # the last line so far is a table row

    def page(self, page: Any, number: int) -> None:
        grids = [(t.bbox, rows) for t in page.find_tables() if _is_grid(rows := t.extract())]
        boxes = [box for box, _ in grids]
        outside = page.filter(lambda obj: not any(_inside(obj, box) for box in boxes))
        found = [
            TextLine(x["text"], x["x0"], x["x1"], x["top"], x["bottom"])
            for x in outside.extract_text_lines()
        ]
        texts, frame = paragraphs(found)
        items: list[tuple[float, Any]] = [(line.top, line) for line in texts]
        items += [(box[1], rows) for box, rows in grids]
        for index, (_, item) in enumerate(sorted(items, key=lambda i: i[0])):
            if isinstance(item, TextLine):
                assert frame is not None  # there is text, so there is a frame
                self.paragraph(item, frame, number, first=index == 0)
            else:
                self.table(item, number, first=index == 0)

    def paragraph(self, line: TextLine, frame: Frame, number: int, first: bool) -> None:
        if first and self.open_paragraph and opens_flush(line, frame):
            # A paragraph cut by the page break: one line, labelled with both pages.
            self.sink.extend_last(line.text, f"第{self.sink.pages[-1]}–{number}页")
        else:
            self.sink.add(line.text, "", number)
        self.open_paragraph, self.open_table = ends_open(line, frame), False

    def table(self, rows: list[list[str | None]], number: int, first: bool) -> None:
        continued = first and self.open_table
        if not continued:
            self.tables += 1
        for index, cells in enumerate(_rows(rows), start=1):
            if continued and index == 1:
                # Cells merged down across the page break come out empty on the new page:
                # they are the merged cell again, not blank cells of their own.
                while len(cells) > 1 and not cells[0][1]:
                    cells = cells[1:]
            where = f"表格{self.tables} 第{number}页第{index}行"
            self.sink.add_row(
                [(text, f"{where}第{col + 1}列") for col, text in cells], where, number
            )
        self.open_paragraph, self.open_table = False, True


def _rows(rows: list[list[str | None]]) -> Iterator[list[tuple[int, str]]]:
    """(grid column, text) of the cells starting in each row; None marks a merged position."""
    for row in rows:
        cells = [
            (col, join_wrapped(text.split("\n")))
            for col, text in enumerate(row)
            if text is not None
        ]
        if any(text for _, text in cells):
            yield [(col, text.replace("|", "¦")) for col, text in cells]


def _is_grid(rows: list[list[str | None]]) -> bool:
    """A ruled box around a paragraph (a text frame) is not a table: it needs two columns."""
    return (
        len(rows) >= 2 and max((sum(1 for c in r if c is not None) for r in rows), default=0) >= 2
    )


def _inside(obj: dict[str, Any], box: tuple[float, float, float, float]) -> bool:
    x0, top, x1, bottom = box
    mid_x = (float(obj["x0"]) + float(obj["x1"])) / 2
    mid_y = (float(obj["top"]) + float(obj["bottom"])) / 2
    return x0 <= mid_x <= x1 and top <= mid_y <= bottom
