"""Bound what a PDF's compressed streams inflate to, before the PDF library inflates them whole.

pdfminer decompresses a FlateDecode stream in one call: a 300 KB file holding a 300 MB stream
of zeros (a "PDF bomb") takes the memory and the time of 300 MB. Each stream is inflated here
in chunks, output discarded, and the file refused once one stream or all of them together pass
the limit. Streams that are not zlib data (JPEG images, other filters) stop at the first chunk.
"""

from __future__ import annotations

import re
import zlib

from checker.core.errors import ReadError
from checker.readers.limits import Limits

_STREAM = re.compile(rb"(?<!end)stream\r?\n")
_CHUNK = 1 << 20


def check_streams(data: bytes, limits: Limits) -> None:
    total = 0
    view = memoryview(data)
    for match in _STREAM.finditer(data):
        start = match.end()
        end = data.find(b"endstream", start)
        size = _inflated(view[start : end if end >= 0 else len(data)], limits.max_stream)
        total += size
        if size > limits.max_stream or total > limits.max_decompressed:
            raise ReadError(
                "too_large",
                f"PDF 中的压缩数据解压后过大（超过 {limits.max_stream // (1 << 20)} MB），"
                "可能是恶意构造的文件，未读取",
            )


def _inflated(stream: memoryview, cap: int) -> int:
    """Bytes the stream inflates to, counted up to just past `cap`; 0 if it is not zlib data."""
    inflater = zlib.decompressobj()
    size = 0
    pending: bytes | memoryview = stream
    try:
        while pending and size <= cap:
            size += len(inflater.decompress(pending, _CHUNK))
            pending = inflater.unconsumed_tail
    except zlib.error:
        return size
    return size
