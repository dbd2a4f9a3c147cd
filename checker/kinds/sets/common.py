"""What several set kinds share: reading a table row, a section's text, and text sketches.

A sketch is a one-permutation MinHash of the text's character shingles: each shingle is hashed
once (CRC-32: stable across processes and machines, unlike Python's salted `hash`), the hash
picks one of `size` bins and the bin keeps its smallest value. Two texts' similarity (Jaccard
over shingles) is estimated by the share of bins holding the same value — a few hundred bytes per
report instead of its text, and linear in the text's length.
"""

from __future__ import annotations

import operator
import re
import struct
import zlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from checker.core.findings import json_value
from checker.core.model import Location, Report
from checker.kinds.sets.summary import ReportSummary

_NOT_TEXT = re.compile(r"[\W\d_]+")  # white space, punctuation, digits: not what makes a copy
_EMPTY = 1 << 40  # marks a bin no shingle fell in (densified from the next bin)


@dataclass(frozen=True)
class SectionPattern:
    label: str
    headings: tuple[re.Pattern[str], ...]


def build_sections(raw: Iterable[Mapping[str, Any]]) -> tuple[SectionPattern, ...]:
    sections = tuple(
        SectionPattern(str(item["label"]), tuple(re.compile(h) for h in item["headings"]))
        for item in raw
    )
    if not sections:
        raise ValueError("sections: at least one section is needed")
    return sections


SIMILARITY_FORMULA = "相似度 = 相同字片段 / 全部字片段（Jaccard）"


@dataclass(frozen=True)
class TextParams:
    """What a text-similarity rule is given: the sections compared, how similar is too similar,
    the shortest text worth comparing, and how a text is sketched."""

    sections: tuple[SectionPattern, ...]
    threshold: float
    min_chars: int
    shingle: int
    size: int

    def sketch(self, words: str) -> bytes:
        return sketch(words, self.shingle, self.size)

    def sketch_joined(self, parts: Sequence[str]) -> bytes:
        return sketch_joined(parts, self.shingle, self.size)


# The JSON Schema of TextParams' fields, shared by the text-similarity kinds' PARAMS_SCHEMA.
TEXT_PARAMS_PROPERTIES: dict[str, Any] = {
    "sections": {"$ref": "#/$defs/text_sections"},
    "threshold": {
        "type": "number",
        "exclusiveMinimum": 0,
        "maximum": 1,
        "description": "Similarity (Jaccard of character shingles) at or "
        "above which it is a finding.",
    },
    "min_chars": {
        "type": "integer",
        "minimum": 0,
        "description": "Shorter texts are not compared.",
    },
    "shingle": {"type": "integer", "minimum": 1, "maximum": 16},
    "sketch": {"type": "integer", "minimum": 8, "maximum": 1024},
}


def text_params(raw: Mapping[str, Any], min_chars: int, size: int) -> TextParams:
    """Text-similarity parameters from a rule's params, with the kind's own defaults."""
    return TextParams(
        build_sections(raw["sections"]),
        threshold_of(raw),
        int(raw.get("min_chars", min_chars)),
        int(raw.get("shingle", 4)),
        int(raw.get("sketch", size)),
    )


def threshold_of(raw: Mapping[str, Any], default: float = 0.9) -> float:
    """A similarity threshold from rule params: a share in (0, 1]."""
    threshold = float(raw.get("threshold", default))
    if not 0 < threshold <= 1:
        raise ValueError("threshold: a share between 0 and 1")
    return threshold


def section_text(report: Report, pattern: SectionPattern) -> tuple[str, Location] | None:
    """The text of the first top-level section whose title matches (subsections included)."""
    for section in report.sections:
        if section.level == 1 and any(h.search(section.title) for h in pattern.headings):
            return report.source.text[section.body_start : section.end], section.location
    return None


def plain(text: str, drop: Iterable[str | None] = ()) -> str:
    """Only the words: the body's own name, white space, punctuation and digits removed."""
    return _plain(text, tuple(word for word in drop if word))


@lru_cache(maxsize=8)
def _plain(text: str, drop: tuple[str, ...]) -> str:
    """`plain`, the last texts kept: two rules read the same sections of a report."""
    for word in drop:
        text = text.replace(word, "")
    return _NOT_TEXT.sub("", text)


def plain_joined(parts: Sequence[str], drop: Iterable[str | None] = ()) -> tuple[list[str], str]:
    """Each part's words, and the words of the parts run together — `plain("".join(parts),
    drop)`, joined from the parts' own (which another rule may have asked for already) unless a
    word to drop could straddle two parts (then it is worked out afresh)."""
    words = tuple(word for word in drop if word)
    pieces = [_plain(part, words) for part in parts]
    text = "".join(parts)
    if len(words) > 1 or (words and _straddles(parts, text, words[0])):
        return pieces, _plain(text, words)
    return pieces, "".join(pieces)


def _straddles(parts: Sequence[str], text: str, word: str) -> bool:
    """Whether `word` occurs in `text` (the parts run together) across a join of two parts."""
    reach, end = len(word) - 1, 0
    for part in parts[:-1]:
        end += len(part)
        if reach and word in text[max(0, end - reach) : end + reach]:
            return True
    return False


def sketch(text: str, shingle: int, size: int) -> bytes:
    """The text's sketch: `size` 64-bit values, little-endian (8 bytes each, the same on every
    machine of a cluster)."""
    return _packed(_bins(text, shingle, size))


def sketch_joined(parts: Sequence[str], shingle: int, size: int) -> bytes:
    """`sketch("".join(parts), …)`, from the bins of each part (kept from the last texts
    sketched: one rule sketches each section, another the sections together) and the hashes of
    the shingles that straddle two parts."""
    text = "".join(parts)
    if len(parts) < 2 or any(len(part) < shingle for part in parts):
        return sketch(text, shingle, size)
    bins = _bins(parts[0], shingle, size)
    for part in parts[1:]:
        bins = list(map(min, bins, _bins(part, shingle, size)))
    end = 0
    for part in parts[:-1]:
        end += len(part)
        starts = range(end - shingle + 1, end)
        straddling = map(text.__getitem__, map(slice, starts, range(end + 1, end + shingle)))
        for value in map(zlib.crc32, map(str.encode, straddling)):
            slot = value % size
            if value < bins[slot]:
                bins[slot] = value
    return _packed(bins)


def _packed(bins: list[int]) -> bytes:
    return struct.pack(f"<{len(bins)}Q", *_densify(bins))


# The finer sketch of the bundled text rules (X006); X004's coarser one divides it. A size that
# divides it is worked out at this size and folded down — v % size == (v % _FINE) % size — so
# that the two rules, which sketch the same sections, pass over their shingles once.
_FINE = 256


def _bins(text: str, shingle: int, size: int) -> list[int]:
    """Each bin's smallest hash (_EMPTY for a bin no shingle fell in), a new list."""
    if size < _FINE and _FINE % size == 0:
        fine = _smallest(text, shingle, _FINE)
        return list(map(min, *(fine[start : start + size] for start in range(0, _FINE, size))))
    return list(_smallest(text, shingle, size))


@lru_cache(maxsize=8)
def _smallest(text: str, shingle: int, size: int) -> tuple[int, ...]:
    """Each bin keeps the smallest hash that falls in it."""
    bins = [_EMPTY] * size
    for value in _hashes(text, shingle):
        slot = value % size
        if value < bins[slot]:
            bins[slot] = value
    return tuple(bins)


@lru_cache(maxsize=8)
def _hashes(text: str, shingle: int) -> list[int]:
    """The CRC-32 of every run of `shingle` characters, in order (a shorter text is its one
    shingle), cut by one regex call (a look-ahead capture), not by a slice per character."""
    shingles = [text] if len(text) < shingle else _windows(shingle).findall(text)
    return list(map(zlib.crc32, map(str.encode, shingles)))


@cache
def _windows(shingle: int) -> re.Pattern[str]:
    return re.compile(f"(?s)(?=(.{{{shingle}}}))")


def _densify(bins: list[int]) -> list[int]:
    """An empty bin borrows the next filled bin's value, marked by the distance (rotation)."""
    if _EMPTY not in bins:  # a text of a few hundred characters fills every bin
        return bins
    size = len(bins)
    first = next((i for i, value in enumerate(bins) if value != _EMPTY), None)
    if first is None:
        return bins
    out = list(bins)
    following = first + size  # the next filled bin, going round past the end
    for i in range(size - 1, -1, -1):
        if bins[i] != _EMPTY:
            following = i
        else:
            step = following - i
            out[i] = bins[following % size] + step * _EMPTY
    return out


def similarity(a: bytes, b: bytes) -> float:
    """Estimated Jaccard index: the share of bins holding the same value."""
    if not a or len(a) != len(b):
        return 0.0
    size = len(a) // 8
    x, y = struct.unpack(f"<{size}Q", a), struct.unpack(f"<{size}Q", b)
    same: int = sum(map(operator.eq, x, y))  # map: 3x a generator (pairs by the thousand)
    return same / size


def row_values(report: Report, table: str, row: str) -> tuple[dict[str, Any], Location | None]:
    """The numeric cells of a table row (column -> number) and where the row is."""
    found = report.tables.get(table)
    if found is None or row not in found.cells:
        return {}, None
    values = {
        col: json_value(cell.value)
        for col, cell in found.cells[row].items()
        if cell.value is not None and cell.kind == "number"
    }
    return values, found.row_locations.get(row, found.location)


def named(summary: ReportSummary) -> str:
    """How a finding names the other report: its path, body and year."""
    who = summary.identity.agency or "机关不明"
    year = f"{summary.identity.year}年度" if summary.identity.year else "年度不明"
    return f"{summary.path}（{who}，{year}）"


def named_en(summary: ReportSummary) -> str:
    who = summary.identity.agency or "unknown body"
    year = f"year {summary.identity.year}" if summary.identity.year else "unknown year"
    return f"{summary.path} ({who}, {year})"


def percent(value: float) -> str:
    return f"{value * 100:.0f}%"
