"""What a file really is, from its first bytes: a .docx that is a web page, a .txt that is a zip.

Offices often save one format under another's name (a "Word" file that is HTML, a PDF named
.doc). Reading by the suffix alone would show such a file as garbage; sniffing lets the reader
either read it as what it is or say exactly what it is and how to fix the name.
"""

from __future__ import annotations

import codecs
import io
import re

KIND_ZH = {
    "pdf": "PDF 文档",
    "docx": "Word 文档（.docx）",
    "ofd": "OFD 版式文档",
    "zip": "ZIP 压缩包",
    "ole": "旧版 Office 文档（.doc / .wps / .xls 等）",
    "encrypted": "加密的 Office 文档（设置了打开密码）",
    "rtf": "RTF 文档",
    "html": "HTML 网页",
    "text": "纯文本",
}
_HTML_START = re.compile(rb"<(!doctype\s+html|html|head|body|meta|title|div|table|p\b|!--)", re.I)
_OLE = bytes.fromhex("d0cf11e0a1b11ae1")
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")


def sniff(data: bytes) -> str:
    """One of KIND_ZH's keys; "text" when nothing else matches (the text reader decides then)."""
    head = data[:8192]
    if head.startswith(b"%PDF-") or b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return _zip_kind(data)
    if head.startswith(_OLE):
        # A password-protected docx is an OLE container holding the encrypted package.
        return "encrypted" if _ENCRYPTED in data[: 1 << 20] else "ole"
    if head.startswith(b"{\\rtf"):
        return "rtf"
    if _looks_html(head):
        return "html"
    return "text"


def _zip_kind(data: bytes) -> str:
    """Only the central directory is read here: nothing is inflated."""
    import zipfile  # for a zip only: it pulls in shutil, bz2 and lzma, which a text file never needs

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, ValueError, OSError):
        return "zip"
    if "word/document.xml" in names and "[Content_Types].xml" in names:
        return "docx"
    if "OFD.xml" in names:
        return "ofd"
    return "zip"


def _looks_html(head: bytes) -> bool:
    text = head.removeprefix(codecs.BOM_UTF8).lstrip()
    return text.startswith(b"<") and _HTML_START.search(text[:4096]) is not None


def describe(kind: str) -> str:
    return KIND_ZH.get(kind, kind)
