"""Normalisation for matching that keeps every character in place.

Each character maps to exactly one character, so a line keeps its length and an offset in the
normalised text is also the column in the original file. Full-width ASCII forms become ASCII,
the odd spaces (NBSP, ideographic space, zero-width) become a plain space, and the Traditional
characters of the report vocabulary become Simplified (a mirror copy reads like the original).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from checker.core.model import SourceText
from checker.core.traditional import SIMPLIFIED, TRADITIONAL

_SPACES = (
    "\u00a0\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u200b\u202f\u205f\u3000\ufeff"
)
_TABLE: dict[int, int | str] = {ord(c): " " for c in _SPACES}
_TABLE.update({code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)})  # ！..～ → !..~
_TABLE.update({0x2212: "-", 0x2013: "-", 0xFE63: "-"})  # minus signs and dashes before digits
_TABLE.update({ord(t): ord(s) for t, s in zip(TRADITIONAL, SIMPLIFIED, strict=True)})


# str.translate looks every character up in the table (slow on CJK text); a regex finds the few
# that change and swaps them one for one: the same result, several times faster.
_CHANGES = {chr(code): chr(to) if isinstance(to, int) else to for code, to in _TABLE.items()}
_CHANGING = re.compile("[" + "".join(f"\\U{code:08x}" for code in _TABLE) + "]")


def _swap(match: re.Match[str]) -> str:
    return _CHANGES[match.group()]


# Some mirror sites gloss characters with their pinyin ("統計(tǒng jì)", "數(shù)"): the glosses
# split the words of labels and headings. A gloss has a tone-marked vowel; it becomes spaces of
# its own length, so offsets stay put and matching (which ignores spaces) sees the words whole.
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
_GLOSS = re.compile(rf"(?<=[\u4e00-\u9fff])\((?=[a-z{_TONED} ]*[{_TONED}])[a-z{_TONED} ]{{1,24}}\)")
_HAS_TONE = re.compile(f"[{_TONED}]")


def _blank(match: re.Match[str]) -> str:
    return " " * len(match.group())


def normalize(text: str) -> str:
    """Same-length normalisation of one line (no newlines inside)."""
    text = _CHANGING.sub(_swap, text)
    if _HAS_TONE.search(text):
        text = _GLOSS.sub(_blank, text)
    return text


def is_blank(text: str) -> bool:
    """Nothing but whitespace once normalised (U+3000, NBSP, zero-width spaces included)."""
    return _VISIBLE.search(text) is None


# A character that normalize() leaves visible: not whitespace and not one of the odd spaces.
_VISIBLE = re.compile("[^\\s" + "".join(f"\\U{ord(c):08x}" for c in _SPACES) + "]")


def split_lines(text: str) -> list[str]:
    """Split on CRLF, CR and LF only (str.splitlines would also split on form feeds and U+2028)."""
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def build_source(
    lines: Sequence[str], pages: Sequence[int] = (), parts: Sequence[str] = ()
) -> SourceText:
    """The SourceText of original lines: normalised text plus the offsets of each line."""
    starts, offset = [], 0
    for line in lines:  # normalising keeps every length
        starts.append(offset)
        offset += len(line) + 1
    return SourceText(
        text=normalize("\n".join(lines)),
        original_lines=tuple(lines),
        line_starts=tuple(starts),
        line_pages=tuple(pages),
        line_parts=tuple(_with_leads(lines, parts)),
    )


_PARAGRAPH = re.compile(r"第\d+段")
_LEAD_CHARS = 12


def _with_leads(lines: Sequence[str], parts: Sequence[str]) -> list[str]:
    """A Word paragraph is named with its first words, as a person finds it: 第12段（“全年共收到…”）."""
    leads: dict[str, str] = {}
    out = []
    for line, part in zip(lines, parts, strict=False):
        if _PARAGRAPH.fullmatch(part):
            if part not in leads:
                words = line.strip()
                lead = words[:_LEAD_CHARS] + ("…" if len(words) > _LEAD_CHARS else "")
                leads[part] = f"{part}（“{lead}”）"
            part = leads[part]
        out.append(part)
    return out


def join_wrapped(pieces: Sequence[str]) -> str:
    """Lines of one cell or paragraph wrapped by layout: CJK runs on without a space."""
    out = ""
    for piece in (p.strip() for p in pieces):
        if not piece:
            continue
        if out and not (_is_wide(out[-1]) or _is_wide(piece[0])):
            out += " "
        out += piece
    return out


def _is_wide(char: str) -> bool:
    return (
        "\u2e80" <= char <= "\u9fff" or "\uf900" <= char <= "\ufaff" or "\uff00" <= char <= "\uffef"
    )
