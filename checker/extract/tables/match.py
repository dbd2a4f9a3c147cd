"""Which template row (or group) a piece of label text names.

A fragment names a row when it holds the row's label core ("予以公开", "属于国家秘密"), or ends
with at least `PREFIX_MIN` characters of it (the label is wrapped: "5.要求行政机关确认或重新出"),
once numbering, whitespace and punctuation are dropped. Short cores ("规章", "其他", "总计") must be
the whole fragment (bar numbering and a bracketed note) — "其他" inside "其他法律…" or a header is
not the row "3.其他" — except in flat crawler text, where a label is whatever precedes its digits.
Numbering must not contradict: "（六）其他" is the group, never the row "3.其他". A fragment
equal to a column label or a header word names nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from checker.core.templates.labels import (
    is_kept,
    note_spans,
    numbering_before,
    numbering_kind,
    squeeze,
)
from checker.core.templates.model import Entry, TableTemplate

PREFIX_MIN = 4  # characters of a wrapped label that identify it ("申请人无" vs "申请人逾")
_CJK_MIN = 2  # an unknown text shorter than this is a wrapped tail or a stray character
_FOUND_MAX = 4096  # fragment texts remembered per index (labels repeat; prose would not)


@dataclass(frozen=True, slots=True)
class Compact:
    """A fragment squeezed for matching."""

    chars: str
    in_note: tuple[bool, ...]  # per char: inside a bracketed note closed on the line
    numbering: str | None  # numbering style at the start of the fragment
    skip: int  # length of that numbering in the fragment text
    plain: str  # the fragment without its notes, stripped: an unknown row's label
    words: str  # chars outside notes

    def text_index(self, text: str, index: int) -> int:
        """Where compact char `index` is in the fragment text (rarely needed: computed here)."""
        seen = -1
        for at in range(self.skip, len(text)):
            if is_kept(text[at]):
                seen += 1
                if seen == index:
                    return at
        return len(text)


@dataclass(frozen=True, slots=True)
class Match:
    entry: Entry
    start: int  # compact index
    end: int
    partial: bool  # the fragment ends inside the label (wrapped)
    in_note: bool


@dataclass(frozen=True, slots=True)
class _Needle:
    core: str
    entry: Entry


class LabelIndex:
    """The template's labels, indexed by their first two characters."""

    def __init__(self, template: TableTemplate) -> None:
        self.template = template
        self.bigrams: dict[str, list[_Needle]] = {}
        for entry in template.entries:
            for core in dict.fromkeys(f.core for f in entry.forms):
                if len(core) >= 2:
                    self.bigrams.setdefault(core[:2], []).append(_Needle(core, entry))
        columns = {core for c in template.columns for core in c.cores}
        groups = {g.core for g in template.column_groups}
        self.header_words = frozenset(columns | groups | template.header_words)
        self.header_text = "|".join(sorted(self.header_words))
        self.order = {e.key: i for i, e in enumerate(template.entries)}
        self._found: dict[tuple[str, bool], tuple[Match, ...]] = {}

    def is_header(self, compact: Compact) -> bool:
        """A column label or header word alone ("总计" in the header is not the row （七）总计)."""
        plain = compact.numbering is None and compact.chars == compact.words
        return plain and compact.words in self.header_words

    def label_like(self, compact: Compact) -> bool:
        """Unknown text that could be a row label, not a piece of the column header."""
        words = compact.words
        cjk = sum(1 for c in words if "\u4e00" <= c <= "\u9fff")
        return cjk >= _CJK_MIN and words not in self.header_text

    def matches(self, compact: Compact, text: str, flat_tail: bool) -> tuple[Match, ...]:
        """The rows and groups the fragment text names. Worked out once per text: every report
        prints the same labels, and a batch reads thousands of copies with this index."""
        key = (text, flat_tail)
        found = self._found.get(key)
        if found is None:
            if len(self._found) >= _FOUND_MAX:
                self._found.clear()
            found = self._found[key] = tuple(self._match(compact, text, flat_tail))
        return found

    def _match(self, compact: Compact, text: str, flat_tail: bool) -> list[Match]:
        found = self._candidates(compact, text, flat_tail)
        outside = [m for m in found if not m.in_note]
        if outside:
            return _outermost(outside)
        # A label quoted inside another row's note ("其他主动公开文件（…除规范性文件以外…）") is not
        # that row; inside a bare header word it is ("行政诉讼（未经复议直接起诉）").
        rest = compact.words
        return _outermost(found) if not rest or rest in self.header_words else []

    def _candidates(self, compact: Compact, text: str, flat_tail: bool) -> list[Match]:
        chars = compact.chars
        out: list[Match] = []
        for i in range(len(chars) - 1):
            for needle in self.bigrams.get(chars[i : i + 2], ()):
                match = self._try(needle, compact, i, flat_tail) or _numbered_short(
                    needle, compact, i, text
                )
                if match is not None and _numbering_agrees(match, compact, text):
                    out.append(match)
        return out

    def _try(self, needle: _Needle, compact: Compact, i: int, flat_tail: bool) -> Match | None:
        chars, core = compact.chars, needle.core
        if chars.startswith(core, i):
            end = i + len(core)
            if len(core) < PREFIX_MIN and not (
                _alone(compact, i, end) or (flat_tail and end == len(chars))
            ):
                return None
            return Match(needle.entry, i, end, False, compact.in_note[i])
        tail = chars[i:]
        if len(core) >= PREFIX_MIN and len(tail) >= PREFIX_MIN and core.startswith(tail):
            return Match(needle.entry, i, len(chars), True, compact.in_note[i])
        return None


def _numbered_short(needle: _Needle, compact: Compact, i: int, text: str) -> Match | None:
    """A short label inside run-on text, right after its own numbering ("…(六)其他处理(七)总计四、…"
    in a flattened table with no numbers): the numbering says it is the row, not a word."""
    core, entry = needle.core, needle.entry
    if i == 0 or entry.numbering is None or not compact.chars.startswith(core, i):
        return None
    if numbering_before(text[: compact.text_index(text, i)]) != entry.numbering:
        return None
    return Match(entry, i, i + len(core), False, compact.in_note[i])


def _alone(compact: Compact, start: int, end: int) -> bool:
    """Nothing but numbering and notes besides chars[start:end]."""
    notes = compact.in_note
    return all(notes[k] for k in range(start)) and all(notes[k] for k in range(end, len(notes)))


def _numbering_agrees(match: Match, compact: Compact, text: str) -> bool:
    expected = match.entry.numbering
    if expected is None:
        return True
    if match.start == 0:
        found = compact.numbering
    else:
        found = numbering_before(text[: compact.text_index(text, match.start)])
    return found is None or found == expected


def _outermost(matches: list[Match]) -> list[Match]:
    """Drop a match inside a longer one ("行政复议" inside "…行政复议后起诉" is not a row)."""
    kept = [
        m
        for m in matches
        if not any(
            o is not m
            and o.start <= m.start
            and m.end <= o.end
            and (o.end - o.start) > (m.end - m.start)
            for o in matches
        )
    ]
    return sorted(kept, key=lambda m: (m.start, -m.end))


@lru_cache(maxsize=8192)
def compact(text: str) -> Compact:
    """A fragment's text squeezed for matching: keyed by the text alone, so a label printed in
    every report (the template's own words) is squeezed once per process, not once per copy."""
    kind, skip = numbering_kind(text)
    notes = note_spans(text)
    body = text[skip:]
    chars = squeeze(body)
    if not notes:
        return Compact(chars, (False,) * len(chars), kind, skip, text.strip(), chars)
    flags = tuple(
        any(a <= i < b for a, b in notes) for i in range(skip, len(text)) if is_kept(text[i])
    )
    plain = text
    for a, b in reversed(notes):
        plain = plain[:a] + plain[b:]
    words = "".join(c for c, n in zip(chars, flags, strict=True) if not n)
    return Compact(chars, flags, kind, skip, plain.strip(), words)
