"""What every reader returns: the report as text lines, with where each line came from.

`lines` is what every extractor reads, whatever the input format: headings and paragraphs one
per line, tables as pipe rows (one grid row per line, cells joined by " | ", a merged cell once
at its top-left grid position). The other fields map a line back to the file:

- `pages`: the page of each line (PDF);
- `parts`: a label per line where a line of the Document is not a line of the file — "第12段",
  "表格2 第3行" (docx), "源文件第57行" (HTML, structured data);
- `cell_parts`: for table rows, the label of each cell by the column it starts at ("表格2 第3行
  第4列"), so a finding in a row can name its cell (`part_at`);
- `cells` and `metadata`: structured report data, read exactly instead of from the text;
- `source`: the file's own decoded lines, where `lines` drops its comments (inline
  suppressions).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from checker.core.textnorm import join_wrapped

# table -> row -> column -> (raw text, line in the source file): spec §4 canonical addresses.
CellMap = dict[str, dict[str, dict[str, tuple[str, int | None]]]]
CellStarts = tuple[tuple[int, str], ...]  # (column where a cell starts, its label), in order

SEPARATOR = " | "


@dataclass(frozen=True)
class Document:
    """A file as a reader delivers it: its text lines, and what the format adds (pages, parts, cells)."""

    lines: list[str]
    pages: list[int] = field(default_factory=list)  # page of each line, for paged formats
    parts: list[str] = field(default_factory=list)  # a location label per line
    cell_parts: dict[int, CellStarts] = field(default_factory=dict)  # line index -> cells
    cells: CellMap | None = None  # structured data: the tables by canonical address
    metadata: dict[str, str] | None = None  # structured data: title, agency, year, …
    # the file's own lines as decoded, for the formats whose comments readers drop from `lines`
    # (Markdown, HTML, YAML): inline suppressions are read from them, without a second read
    source: list[str] | None = None

    def part_at(self, index: int, column: int) -> str | None:
        """The label of the place at 0-based `column` of line `index`: its cell, else its line."""
        starts = self.cell_parts.get(index)
        if starts:
            at = bisect.bisect_right([start for start, _ in starts], column) - 1
            return starts[max(at, 0)][1]
        return self.parts[index] if index < len(self.parts) else None


@dataclass
class LineSink:
    """Collects a Document line by line, keeping pages, parts and cell labels aligned."""

    lines: list[str] = field(default_factory=list)
    pages: list[int] = field(default_factory=list)
    parts: list[str] = field(default_factory=list)
    cell_parts: dict[int, CellStarts] = field(default_factory=dict)

    def add(self, text: str, part: str = "", page: int = 0) -> None:
        self.lines.append(text)
        self.parts.append(part)
        self.pages.append(page)

    def add_row(self, cells: list[tuple[str, str]], part: str = "", page: int = 0) -> None:
        """One table row: (text, label) per emitted cell, joined as a pipe row."""
        starts, column = [], 0
        for text, label in cells:
            starts.append((column, label))
            column += len(text) + len(SEPARATOR)
        self.cell_parts[len(self.lines)] = tuple(starts)
        self.add(SEPARATOR.join(text for text, _ in cells), part, page)

    def extend_last(self, text: str, part: str) -> None:
        """Run the last line on (a paragraph continued past a page break)."""
        self.lines[-1] = join_wrapped([self.lines[-1], text])
        self.parts[-1] = part

    def document(self, *, paged: bool = False, labelled: bool = True) -> Document:
        return Document(
            lines=self.lines,
            pages=self.pages if paged else [],
            parts=self.parts if labelled else [],
            cell_parts=self.cell_parts if labelled else {},
        )


def source_part(line: int | None) -> str:
    """How a line of the data file is named in a Document's parts."""
    return f"源文件第{line}行" if line else ""
