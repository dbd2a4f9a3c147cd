"""Decode a web page: BOM, then the declared charset, then the plain-text decoder's detection.

Government sites still serve GB2312 and GBK pages; both are read as GB18030, their superset,
because pages declared GB2312 routinely contain characters only GBK or GB18030 have.
"""

from __future__ import annotations

import codecs
import re

from checker.readers.text import decode

_DECLARED = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.I)
_XML_DECL = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9_\-.]+)""", re.I)
_CHINESE = {"gb2312", "gbk", "gb18030", "x-gbk", "cp936", "euc-cn", "hz-gb-2312"}
_BOMS = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def decode_html(data: bytes) -> str:
    if data.startswith(_BOMS):
        return decode(data)  # a BOM outranks any declaration; the text decoder reads BOMs
    declared = declared_charset(data)
    if declared:
        try:
            return data.decode(declared)
        except UnicodeDecodeError:
            pass  # a page that lies about its charset: fall back to detection
    return decode(data)


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in its first 4 KB, as a Python codec name."""
    head = data[:4096]
    match = _XML_DECL.search(head) or _DECLARED.search(head)
    if match is None:
        return None
    name = match.group(1).decode("ascii").lower()
    if name in _CHINESE:
        return "gb18030"
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        return None
    # A page that got this far has no BOM, so its bytes are ASCII-compatible: browsers read a
    # declared UTF-16 or UTF-32 as UTF-8, and so do we.
    if codec.startswith(("utf-16", "utf-32")):
        return "utf-8"
    return codec if _is_text_codec(codec) else None


def _is_text_codec(codec: str) -> bool:
    """Python also names byte transforms (base64, zlib, rot13) and `undefined` codecs; a page
    declaring one of them is read by detection, as a browser ignores a label it does not know."""
    try:
        b"a".decode(codec)
    except (LookupError, UnicodeError):
        return False
    return True
