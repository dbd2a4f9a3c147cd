"""Plain text: decode the bytes reliably, split into lines."""

from __future__ import annotations

import codecs

from checker.errors import ReadError
from checker.readers.document import Document
from checker.readers.textnorm import split_lines

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode(data: bytes) -> str:
    """Decode report bytes: BOM, then strict UTF-8, UTF-16 without BOM, GB18030, detection.

    GB18030 is a superset of GBK and GB2312, so text declared as either decodes with it. It is
    tried before detection because detectors misjudge short Chinese texts.
    """
    if not data.strip():
        raise ReadError("empty", "文件为空（没有任何文字）")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _strict(data, encoding)
    utf16 = _bomless_utf16(data)
    if utf16:
        return _strict(data, utf16)
    if b"\x00" in data:
        raise ReadError("binary", "文件含有二进制内容（NUL 字节），不是文本报告")
    for encoding in ("utf-8", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return _detected(data)


def _strict(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise ReadError("undecodable", f"按 {encoding} 解码失败（第 {exc.start} 字节）") from exc


def _bomless_utf16(data: bytes) -> str | None:
    """UTF-16 without a BOM shows as a NUL in every other byte of ASCII-heavy text."""
    sample = data[:4096]
    if len(sample) < 4 or len(sample) % 2:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    half = len(sample) // 2
    if odd > half * 0.3 and even == 0:
        return "utf-16-le"
    if even > half * 0.3 and odd == 0:
        return "utf-16-be"
    return None


def _detected(data: bytes) -> str:
    from charset_normalizer import from_bytes  # imported late: slow, and rarely needed

    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise ReadError("undecodable", "无法识别文件编码（不是 UTF-8、GB18030 或 UTF-16 文本）")
    return str(best)


def read_text(data: bytes) -> Document:
    text = decode(data)
    if _looks_binary(text):
        raise ReadError("binary", "文件内容不是文字（大量控制字符），不是文本报告")
    return Document(lines=split_lines(text))


def _looks_binary(text: str) -> bool:
    sample = text[:8192]
    controls = sum(1 for c in sample if ord(c) < 32 and c not in "\t\n\r\f")
    return controls > max(8, len(sample) // 50)
