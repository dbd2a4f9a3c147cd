"""How much a reader may take in: bytes, pages, inflated size and time, each with a clear error.

Reports are small (a typical one is 5–20 pages, well under a megabyte of text); the defaults
leave a wide margin for appendices while keeping a hostile file from taking the run down.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from checker.core.errors import ReadError

DEFAULT_MAX_BYTES = 50 * 1024 * 1024
DEFAULT_MAX_PAGES = 200
DEFAULT_MAX_DECOMPRESSED = 256 * 1024 * 1024
DEFAULT_TIMEOUT = 60.0
# Characters of text once read: a long report with appendices has 100,000; a 20 MB dump of text
# would take minutes to check and is not one report.
DEFAULT_MAX_CHARS = 2_000_000
# What one PDF stream may inflate to: a page's content is kilobytes, a scanned page's bitmap
# tens of megabytes; a 300 MB flate stream is a bomb.
DEFAULT_MAX_STREAM = 64 * 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """How much of a file a reader takes on (bytes, pages, characters, time)."""

    max_bytes: int = DEFAULT_MAX_BYTES  # the file as stored
    max_pages: int = DEFAULT_MAX_PAGES  # PDF pages
    max_decompressed: int = DEFAULT_MAX_DECOMPRESSED  # a zip's (docx) content once inflated
    timeout: float = DEFAULT_TIMEOUT  # seconds for one file (PDF layout, legacy conversion)
    max_chars: int = DEFAULT_MAX_CHARS  # the text read, in characters
    max_stream: int = DEFAULT_MAX_STREAM  # one PDF stream once inflated


class Deadline:
    """A time budget checked between units of work (pages, table rows).

    Cooperative rather than a signal: readers run inside other programs and threads, where an
    alarm would be unsafe; every unit of work is itself bounded by the size and page limits.
    """

    def __init__(self, seconds: float):
        self.seconds = seconds
        self._end = time.monotonic() + seconds

    def check(self) -> None:
        if time.monotonic() > self._end:
            raise ReadError(
                "timeout", f"读取超时（超过 {self.seconds:g} 秒），文件可能过大或结构异常"
            )


DEFAULT_LIMITS = Limits()
