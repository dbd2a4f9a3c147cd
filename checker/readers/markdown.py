"""Markdown: one Document line per source line, markup removed, GFM tables as pipe rows.

Keeping the lines one to one means a finding's line number is the line in the .md file. A
heading loses its `#` marks, a table row its outer pipes, a delimiter row (|---|) and front
matter become blank lines; inline emphasis, code ticks, links and HTML tags are dropped so the
numbers and words the checks read are not broken up by markup.
"""

from __future__ import annotations

import re

from checker.core.document import SEPARATOR, Document
from checker.core.errors import ReadError
from checker.readers.grid import cell_text
from checker.readers.limits import DEFAULT_LIMITS, Limits
from checker.readers.text import read_text

_ATX = re.compile(r"^ {0,3}#{1,6}(?:[ \t]+|$)(.*?)(?:[ \t]+#+)?[ \t]*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_DELIMITER = re.compile(r"^\s*\|?\s*:?-{1,}:?\s*(\|\s*:?-{1,}:?\s*)*\|?\s*$")
_FENCE = re.compile(r"^ {0,3}(```|~~~)")
_QUOTE = re.compile(r"^ {0,3}(> ?)+")
_BULLET = re.compile(r"^(\s*)[-*+][ \t]+(?!\d+\s*[-—–]?\s*$)")
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_BREAK = re.compile(r"<br\s*/?>", re.I)
_TAG = re.compile(r"</?[A-Za-z][^>]*>")
# Paired marks only: a lone "__" is a fill-in blank ("____年") that the checks should still see.
_EMPHASIS = re.compile(r"(\*\*|__|~~)(?=\S)(.+?)(?<=\S)\1")
_CODE = re.compile(r"`([^`]*)`")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|])")
_PIPE = re.compile(r"(?<!\\)\|")


def read_markdown(data: bytes, limits: Limits = DEFAULT_LIMITS) -> Document:
    lines = read_text(data).lines
    out: list[str] = []
    in_table = in_fence = False
    for index, line in enumerate(lines):
        if _FENCE.match(line):
            in_fence = not in_fence
            out.append("")
            continue
        if in_fence:
            out.append(line)
            continue
        starts_table = (
            _is_row(line) and index + 1 < len(lines) and bool(_DELIMITER.match(lines[index + 1]))
        )
        in_table = (in_table and _is_row(line)) or starts_table
        if in_table:
            out.append("" if _DELIMITER.match(line) else table_row(line))
        else:
            out.append(_prose(line))
    _blank_front_matter(lines, out)
    if not any(line.strip() for line in out):
        raise ReadError("empty", "Markdown 文件除标记外没有任何文字")
    return Document(lines=out, source=lines)


def _is_row(line: str) -> bool:
    return "|" in line and bool(line.strip())


def table_row(line: str) -> str:
    """A GFM row as a pipe row: outer pipes and the padding cells at the end dropped."""
    text = _QUOTE.sub("", line).strip()
    text = text.removeprefix("|")
    text = text[:-1] if text.endswith("|") and not text.endswith("\\|") else text
    cells = [cell_text(_inline(c).replace("\\|", "|")) for c in _PIPE.split(text)]
    while len(cells) > 1 and not cells[-1]:
        cells.pop()  # GFM pads every row to the header's width: those cells are not data
    return SEPARATOR.join(cells)


def _prose(line: str) -> str:
    heading = _ATX.match(line)
    if heading:
        return _inline(heading.group(1))
    if _SETEXT.match(line):
        return ""  # the underline of the heading above, or a thematic break
    line = _QUOTE.sub("", line)
    line = _BULLET.sub(r"\1", line)
    return _inline(line)


def _inline(text: str) -> str:
    text = _IMAGE.sub(r"\1", text)
    text = _LINK.sub(r"\1", text)
    text = _BREAK.sub(" ", text)
    text = _TAG.sub("", text)
    text = _EMPHASIS.sub(r"\2", text)
    text = _CODE.sub(r"\1", text)
    return _ESCAPE.sub(r"\1", text).rstrip()


def _blank_front_matter(lines: list[str], out: list[str]) -> None:
    """YAML front matter (--- … --- at the very top) is metadata for a site generator."""
    if not lines or lines[0].strip() != "---":
        return
    for index in range(1, min(len(lines), 200)):
        if lines[index].strip() in ("---", "..."):
            out[: index + 1] = [""] * (index + 1)
            return
