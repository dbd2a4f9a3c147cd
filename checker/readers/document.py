"""What every reader returns: the report as lines (and, later, pages and grids)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Document:
    lines: list[str]
    pages: list[int] = field(default_factory=list)  # page of each line, for paged formats
    parts: list[str] = field(default_factory=list)  # a location label per line, for docx
