"""Readers: one module per input format, picked by file suffix and checked against the content.

Every reader is `read_X(data, limits) -> Document` and fails only with `ReadError(code, message)`.
`read_path` is the one entry point: it enforces the size limit before reading, sniffs what the
bytes really are, and either reads them in the right format or says what the file really is.

May import only `checker.core`; never `checker.extract` (what a report means is not a reader's
business).
"""

from __future__ import annotations

import re
import stat
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from checker.core.document import Document
from checker.core.errors import ReadError
from checker.readers.limits import DEFAULT_LIMITS, DEFAULT_MAX_BYTES, Deadline, Limits
from checker.readers.sniff import describe, sniff
from checker.readers.text import read_text

__all__ = [
    "DEFAULT_MAX_BYTES",
    "READERS",
    "Deadline",
    "Document",
    "Limits",
    "is_report_file",
    "read_path",
]

Reader = Callable[[bytes, Limits], Document]
_CHUNK = 1 << 20


def _text(data: bytes, limits: Limits) -> Document:
    return read_text(data)


def _html(data: bytes, limits: Limits) -> Document:
    from checker.readers.html import read_html

    return read_html(data, limits)


def _markdown(data: bytes, limits: Limits) -> Document:
    from checker.readers.markdown import read_markdown

    return read_markdown(data, limits)


def _docx(data: bytes, limits: Limits) -> Document:
    from checker.readers.docx import read_docx

    return read_docx(data, limits)


def _legacy(data: bytes, limits: Limits) -> Document:
    from checker.readers.legacy import read_legacy

    return read_legacy(data, limits)


def _pdf(data: bytes, limits: Limits) -> Document:
    from checker.readers.pdf import read_pdf

    return read_pdf(data, limits)


def _yaml(data: bytes, limits: Limits) -> Document:
    from checker.readers.structured import read_yaml

    return read_yaml(data, limits)


def _json(data: bytes, limits: Limits) -> Document:
    from checker.readers.structured import read_json

    return read_json(data, limits)


# The format modules are imported on first use: a run over text files never loads lxml or
# pdfplumber, which keeps the cold start of `ogi-check` short.
READERS: dict[str, tuple[str, Reader]] = {
    ".txt": ("txt", _text),
    ".text": ("txt", _text),
    ".md": ("md", _markdown),
    ".markdown": ("md", _markdown),
    ".html": ("html", _html),
    ".htm": ("html", _html),
    ".shtml": ("html", _html),
    ".xhtml": ("html", _html),
    ".docx": ("docx", _docx),
    ".doc": ("doc", _legacy),
    ".wps": ("doc", _legacy),
    ".pdf": ("pdf", _pdf),
    ".yaml": ("yaml", _yaml),
    ".yml": ("yaml", _yaml),
    ".json": ("json", _json),
}
# What each format's content may really be; anything else is a wrong extension. A legacy .doc
# is often a docx, a web page or RTF under the old name, and Word opens all of them.
_ACCEPTS: dict[str, frozenset[str]] = {
    "txt": frozenset({"text", "html"}),
    "md": frozenset({"text", "html"}),  # Markdown may open with inline HTML
    "html": frozenset({"text", "html"}),
    "docx": frozenset({"docx"}),
    "doc": frozenset({"ole", "rtf", "docx", "html"}),
    "pdf": frozenset({"pdf"}),
    "yaml": frozenset({"text"}),
    "json": frozenset({"text"}),
}
# How to read content found under a name that does not say it (unknown suffix, legacy .doc).
_BY_CONTENT: dict[str, tuple[str, Reader]] = {
    "text": ("txt", _text),
    "html": ("html", _html),
    "docx": ("docx", _docx),
    "pdf": ("pdf", _pdf),
    "ole": ("doc", _legacy),
    "rtf": ("doc", _legacy),
}
# A web page saved as .txt, a docx or a web page saved under the legacy .doc name: read what it is.
_READ_AS_CONTENT = frozenset({("txt", "html"), ("doc", "docx"), ("doc", "html")})
_SUFFIX_FOR = {
    "pdf": ".pdf",
    "docx": ".docx",
    "html": ".html",
    "ole": ".doc",
    "rtf": ".rtf",
    "text": ".txt",
}


_DATA_SUFFIXES = frozenset({".yaml", ".yml", ".json"})
_REPORT_DATA = re.compile(rb'^(metadata|schema_version)\s*:|"metadata"\s*:', re.M)


def is_report_file(path: Path) -> bool:
    """Whether a directory walk should read this file (a file named on its own is always read).

    YAML and JSON are everywhere (configs, labels, indexes): only those that look like report
    data, with a top-level `metadata` key near the start, are taken for reports.
    """
    suffix = path.suffix.lower()
    if suffix not in _DATA_SUFFIXES:
        return suffix in READERS
    try:
        if not path.is_file():
            return True  # a FIFO or a device: the read refuses it with a clear error
        with path.open("rb") as handle:
            return _REPORT_DATA.search(handle.read(8192)) is not None
    except OSError:
        return True  # let the read report why it cannot be read


def read_path(path: Path, limits: Limits = DEFAULT_LIMITS) -> tuple[str, Document]:
    """Read one file (never written to) into a Document; every failure is a ReadError."""
    fmt, document = _read_document(path, limits)
    chars = sum(map(len, document.lines))
    if chars > limits.max_chars:
        raise ReadError(
            "too_large",
            f"正文过长（{chars} 个字符，上限 {limits.max_chars}），不像一份年度报告，未检查",
        )
    return fmt, document


def _read_document(path: Path, limits: Limits) -> tuple[str, Document]:
    data = _read_bytes(path, limits)
    suffix = path.suffix.lower()
    kind = sniff(data)
    if suffix not in READERS:
        fmt, reader = _BY_CONTENT.get(kind, ("txt", _text))
        return fmt, reader(data, limits)
    fmt, reader = READERS[suffix]
    if kind not in _ACCEPTS[fmt]:
        raise _wrong_format(suffix, fmt, kind)
    if (fmt, kind) in _READ_AS_CONTENT:
        fmt, reader = _BY_CONTENT[kind]
    return fmt, reader(data, limits)


def _read_bytes(path: Path, limits: Limits) -> bytes:
    try:
        info = path.stat()
        if stat.S_ISFIFO(info.st_mode) or stat.S_ISSOCK(info.st_mode) or stat.S_ISCHR(info.st_mode):
            # Opening a FIFO blocks until a writer comes; a device may never end.
            raise ReadError("unreadable", "不是普通文件（管道、套接字或设备），未读取")
        size = info.st_size
        if size > limits.max_bytes:
            raise ReadError("too_large", f"文件过大（{size} 字节，上限 {limits.max_bytes} 字节）")
        with path.open("rb") as handle:
            data = _read_capped(handle, limits.max_bytes)
    except IsADirectoryError as exc:
        raise ReadError("unreadable", "这是一个目录，不是文件") from exc
    except PermissionError as exc:
        raise ReadError("unreadable", "没有读取权限") from exc
    except FileNotFoundError as exc:
        raise ReadError("not_found", "文件不存在") from exc
    except OSError as exc:
        raise ReadError("unreadable", f"无法读取文件：{exc.strerror or exc}") from exc
    return data


def _read_capped(handle: BinaryIO, cap: int) -> bytes:
    """Read in chunks (read(n) would allocate n bytes up front); stop past the cap.

    The size was checked before opening, but a pipe has no size and a file can grow.
    """
    chunks, total = [], 0
    while chunk := handle.read(min(_CHUNK, cap + 1 - total)):
        chunks.append(chunk)
        total += len(chunk)
        if total > cap:
            raise ReadError("too_large", f"文件过大（超过上限 {cap} 字节）")
    return b"".join(chunks)


def _wrong_format(suffix: str, fmt: str, kind: str) -> ReadError:
    if kind == "zip" and fmt == "docx":
        return ReadError(
            "broken_docx",
            "文件不是有效的 Word 文档（.docx）：压缩包损坏或缺少正文（word/document.xml）",
        )
    if kind == "zip":
        # An archive is binary to every text format; "binary" is the code tools already know.
        return ReadError(
            "binary", f"文件扩展名为 {suffix}，但内容是 ZIP 压缩包（二进制内容），不是报告文本"
        )
    if kind == "encrypted":
        return ReadError(
            "encrypted_docx", "文档已加密（设置了打开密码），请在 Word 或 WPS 中去除密码后重新检查"
        )
    if kind == "text" and fmt == "pdf":
        return ReadError(
            "broken_pdf", "文件不是有效的 PDF：没有 PDF 文件头（%PDF-），可能已损坏或是其他格式"
        )
    hint = f"；请将扩展名改为 {_SUFFIX_FOR[kind]} 后重新检查" if kind in _SUFFIX_FOR else ""
    if kind == "ofd":
        hint = "；暂不支持 OFD，请另存为 PDF 或 Word 后检查"
    return ReadError("wrong_format", f"文件扩展名为 {suffix}，但内容实为{describe(kind)}{hint}")
