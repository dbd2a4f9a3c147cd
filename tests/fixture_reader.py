"""A test-only input format, for the "add a reader" recipe (docs/architecture.md): quoted
mail, each line of the report behind "> ". One module, one `Format` row (tests/test_readers_table.py)."""

from __future__ import annotations

from checker.core.document import Document
from checker.core.errors import ReadError
from checker.readers.limits import Limits
from checker.readers.text import read_text


def read_quoted(data: bytes, limits: Limits) -> Document:
    lines = read_text(data).lines
    if not all(line.startswith(">") or not line.strip() for line in lines):
        raise ReadError("wrong_format", "不是引用格式（每行以“>”开头）")
    return Document(lines=[line.removeprefix(">").removeprefix(" ") for line in lines])
