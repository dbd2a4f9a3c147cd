"""How the line formats (text, concise) are shown: colour, quietness, and columns measured in
terminal cells.

A Chinese character takes two cells of a terminal, so `str.ljust` misaligns a column of
"第3页 表格2 第3行第4列" beside "39:26"; `pad` counts cells (East-Asian width W and F are two).
Colour goes through rich, imported only when a run is coloured: a plain run (a pipe, a file,
CI, `--color never`) does not pay for loading it.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, TextIO

# The looks of the parts of a line: rich style strings, standard colours only (any terminal).
LOOKS = {
    "path": "bold",
    "place": "dim",
    "error": "bold red",
    "warning": "yellow",
    "info": "cyan",
    "rule": "bold",
    "evidence": "dim",
    "summary": "bold",
    "clean": "green",
}

Segment = tuple[str, str | None]  # text, and its look (a key of LOOKS) or None


@dataclass(frozen=True)
class Style:
    """What the command line asked of a line format: `color` (decided by --color, NO_COLOR,
    FORCE_COLOR and whether the output is a terminal) and `quiet` (findings only: no line for a
    clean file, no summary)."""

    color: bool = False
    quiet: bool = False


PLAIN = Style()


def cells(text: str) -> int:
    """The width of `text` on a terminal: two cells for wide and full-width characters."""
    if text.isascii():
        return len(text)
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def pad(text: str, width: int, align: str = "<") -> str:
    """`text` padded with spaces to `width` cells, on the right ("<") or on the left (">")."""
    fill = " " * max(0, width - cells(text))
    return text + fill if align == "<" else fill + text


class Painter:
    """Writes lines of segments to `out`, coloured through rich when asked, else as plain text."""

    def __init__(self, out: TextIO, color: bool) -> None:
        self.out = out
        self._console: Any = None
        if color:
            from rich.console import Console

            # Colour was decided by the caller (--color, NO_COLOR): rich is told, not asked.
            self._console = Console(
                file=out,
                force_terminal=True,
                no_color=False,
                color_system="standard",
                highlight=False,
                markup=False,
                emoji=False,
                soft_wrap=True,
            )

    def line(self, segments: Sequence[Segment | str]) -> None:
        parts = [(s, None) if isinstance(s, str) else s for s in segments]
        if self._console is None:
            self.out.write("".join(text for text, _ in parts) + "\n")
            return
        from rich.text import Text

        text = Text.assemble(*((t, LOOKS[look]) if look else t for t, look in parts))
        self._console.print(text)
