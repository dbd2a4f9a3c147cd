"""Plain text: decode the bytes reliably, split into lines."""

from __future__ import annotations

import codecs
import re
from typing import TYPE_CHECKING

from checker.core.document import Document
from checker.core.errors import ReadError
from checker.core.textnorm import is_blank, split_lines

if TYPE_CHECKING:
    from checker.readers.limits import Limits

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
    """UTF-16 without a BOM: NUL bytes, in text that reads as text one way round.

    Counting NULs on each side does not tell the byte order of Chinese text: ASCII puts a NUL in
    the high byte, but common characters (一 U+4E00, 退 U+9000, the ideographic space U+3000) put
    one in the low byte. So decode a sample both ways and keep the order that reads as text;
    binary data reads as neither.
    """
    if len(data) % 2 or b"\x00" not in data:
        return None
    sample = data[:4096]
    scores = {enc: _text_share(sample.decode(enc, "replace")) for enc in ("utf-16-le", "utf-16-be")}
    encoding = max(scores, key=scores.__getitem__)
    return encoding if scores[encoding] >= 0.9 else None


def _text_share(text: str) -> float:
    """The share of characters a Chinese report is made of: CJK, ASCII, CJK and full-width punctuation."""
    plain = sum(
        1
        for c in text
        if c in "\t\n\r"
        or " " <= c <= "~"
        or "\u2000" <= c <= "\u206f"
        or "\u3000" <= c <= "\u303f"
        or "\u4e00" <= c <= "\u9fff"
        or "\uff00" <= c <= "\uffef"
    )
    return plain / max(1, len(text))


def _detected(data: bytes) -> str:
    from charset_normalizer import from_bytes  # imported late: slow, and rarely needed

    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise ReadError("undecodable", "无法识别文件编码（不是 UTF-8、GB18030 或 UTF-16 文本）")
    return str(best)


def read_plain(data: bytes, limits: Limits | None = None) -> Document:
    """read_text with the Reader signature (plain text needs no limit past the size read_path
    checks), for the table of formats in checker/readers/__init__.py."""
    return read_text(data)


def read_text(data: bytes) -> Document:
    text = decode(data)
    if is_blank(text):  # bytes.strip() in decode() misses U+3000, NBSP, UTF-16 spaces
        raise ReadError("empty", "文件只有空白字符，没有任何文字")
    if _looks_binary(text):
        raise ReadError("binary", "文件内容不是文字（大量控制字符），不是文本报告")
    return Document(lines=split_lines(text))


# Control characters other than \t \n \f \r (counted by a regex: a loop in Python was slower).
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f]")


def _looks_binary(text: str) -> bool:
    sample = text[:8192]
    controls = len(_CONTROL.findall(sample))
    return controls > max(8, len(sample) // 50)
