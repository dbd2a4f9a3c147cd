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
from dataclasses import dataclass
from functools import cache
from importlib import import_module
from pathlib import Path
from typing import BinaryIO

from checker.core.document import Document
from checker.core.errors import ReadError
from checker.readers.limits import DEFAULT_LIMITS, DEFAULT_MAX_BYTES, Deadline, Limits
from checker.readers.sniff import describe, sniff

__all__ = [
    "DEFAULT_MAX_BYTES",
    "FORMATS",
    "READERS",
    "Deadline",
    "Document",
    "Format",
    "Limits",
    "is_project_file",
    "is_report_file",
    "read_path",
]

Reader = Callable[[bytes, Limits], Document]
_CHUNK = 1 << 20


@dataclass(frozen=True)
class Format:
    """One input format: the names it goes by, the contents they may hold, its reader.

    `accepts`: what `sniff` may find in a file with one of these suffixes; anything else is a
    wrong extension. `claims`: contents read in this format whatever the name says (unknown
    suffix). `hands_over`: accepted contents read by the format that claims them instead (a
    web page saved as .txt). The reader module is imported on first use: a run over text files
    never loads lxml or pdfplumber, which keeps the cold start of `ogi-check` short.
    """

    name: str
    suffixes: tuple[str, ...]
    accepts: frozenset[str]
    reader: str  # "package.module:function"
    claims: tuple[str, ...] = ()
    hands_over: frozenset[str] = frozenset()

    def read(self, data: bytes, limits: Limits) -> Document:
        module, function = self.reader.split(":")
        read: Reader = getattr(import_module(module), function)
        return read(data, limits)


# The one table of input formats. A legacy .doc is often a docx, a web page or RTF under the
# old name, and Word opens all of them; Markdown may open with inline HTML.
_R = "checker.readers."
FORMATS: tuple[Format, ...] = (
    Format("txt", (".txt", ".text"), frozenset({"text", "html"}), _R + "text:read_plain",
           claims=("text",), hands_over=frozenset({"html"})),
    Format("md", (".md", ".markdown"), frozenset({"text", "html"}),
           _R + "markdown:read_markdown"),
    Format("html", (".html", ".htm", ".shtml", ".xhtml"), frozenset({"text", "html"}),
           _R + "html:read_html", claims=("html",)),
    Format("docx", (".docx",), frozenset({"docx"}), _R + "docx:read_docx", claims=("docx",)),
    Format("doc", (".doc", ".wps"), frozenset({"ole", "rtf", "docx", "html"}),
           _R + "legacy:read_legacy", claims=("ole", "rtf"),
           hands_over=frozenset({"docx", "html"})),
    Format("pdf", (".pdf",), frozenset({"pdf"}), _R + "pdf:read_pdf", claims=("pdf",)),
    Format("yaml", (".yaml", ".yml"), frozenset({"text"}), _R + "structured:read_yaml"),
    Format("json", (".json",), frozenset({"text"}), _R + "structured:read_json"),
)  # fmt: skip


@cache
def _lookups(formats: tuple[Format, ...]) -> tuple[dict[str, Format], dict[str, Format]]:
    """Derived from the table: by suffix, and by content for a name that does not say it."""
    by_suffix = {s: f for f in formats for s in f.suffixes}
    return by_suffix, {k: f for f in formats for k in f.claims}


READERS: dict[str, Format] = _lookups(FORMATS)[0]  # suffix -> format, for callers
_SUFFIX_FOR = {
    "pdf": ".pdf",
    "docx": ".docx",
    "html": ".html",
    "ole": ".doc",
    "rtf": ".rtf",
    "text": ".txt",
}


_DATA_SUFFIXES = frozenset({".yaml", ".yml", ".json"})
# A project's own files by their well-known names (README.md, LICENSE.txt, requirements.txt):
# never a report, even written in Chinese, whether named or met in a folder. Word, PDF and HTML
# files of those names are still read: nobody names project notes so.
PROJECT_FILE = re.compile(
    r"^(readme|changelog|changes|history|contributing|license|licence|copying|authors|"
    r"code_of_conduct|security|notice|requirements[\w.-]*|constraints[\w.-]*)(\.[\w.-]+)?$",
    re.I,
)
_PROJECT_NOTE_SUFFIXES = frozenset({".pdf", ".docx", ".doc", ".wps", ".html", ".htm"})
_REPORT_DATA = re.compile(rb'^(metadata|schema_version)\s*:|"metadata"\s*:', re.M)


def is_project_file(path: Path) -> bool:
    """A project's own note or list (README.md, CHANGELOG.txt, requirements.txt), by its name."""
    return path.suffix.lower() not in _PROJECT_NOTE_SUFFIXES and bool(PROJECT_FILE.match(path.name))


def is_report_file(path: Path) -> bool:
    """Whether a directory walk should read this file (a file named on its own is always read).

    YAML and JSON are everywhere (configs, labels, indexes): only those that look like report
    data, with a top-level `metadata` key near the start, are taken for reports.
    """
    suffix = path.suffix.lower()
    if suffix not in _DATA_SUFFIXES:
        return suffix in READERS and not is_project_file(path)
    try:
        if not path.is_file():
            return True  # a FIFO or a device: the read refuses it with a clear error
        with path.open("rb") as handle:
            return _REPORT_DATA.search(handle.read(8192)) is not None
    except OSError:
        return True  # let the read report why it cannot be read


def read_path(path: Path, limits: Limits = DEFAULT_LIMITS) -> tuple[str, Document]:
    """Read one file (never written to) into a Document; every failure is a ReadError."""
    return read_data(_read_bytes(path, limits), path.name, limits)


def read_stream(
    stream: BinaryIO, name: str, limits: Limits = DEFAULT_LIMITS
) -> tuple[str, Document]:
    """Read a report from a stream (standard input), named `name` (its suffix picks the format,
    as a file's would; without one the content decides, text by default)."""
    try:
        data = _read_capped(stream, limits.max_bytes)
    except OSError as exc:
        raise ReadError("unreadable", f"无法读取标准输入：{exc.strerror or exc}") from exc
    return read_data(data, name, limits)


def read_data(data: bytes, name: str, limits: Limits = DEFAULT_LIMITS) -> tuple[str, Document]:
    """Read a report's bytes; `name` is the file name whose suffix picks the format."""
    fmt, document = _read_document(data, Path(name).suffix.lower(), limits)
    chars = sum(map(len, document.lines))
    if chars > limits.max_chars:
        raise ReadError(
            "too_large",
            f"正文过长（{chars} 个字符，上限 {limits.max_chars}），不像一份年度报告，未检查",
        )
    return fmt, document


def _read_document(data: bytes, suffix: str, limits: Limits) -> tuple[str, Document]:
    kind = sniff(data)
    by_suffix, by_content = _lookups(FORMATS)
    if suffix not in by_suffix:
        fmt = by_content.get(kind, by_content["text"])
        return fmt.name, fmt.read(data, limits)
    fmt = by_suffix[suffix]
    if kind not in fmt.accepts:
        raise _wrong_format(suffix, fmt.name, kind)
    if kind in fmt.hands_over:
        fmt = by_content[kind]
    return fmt.name, fmt.read(data, limits)


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
