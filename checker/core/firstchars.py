"""Skip to where a regex can start: `finditer` for patterns that match rarely in long text.

Python's `re` tries a pattern at every position unless the pattern starts with a literal or one
character class. A pattern that opens with alternatives, optional groups and lookbehinds (the
prose-number pattern) is therefore tried at each of a report's thousands of characters, though
only digits, Latin letters and a few Chinese characters can begin a match. `FastScanner` works
out that set of first characters from the pattern itself, finds candidates with a one-class
regex (a fast C loop) and tries the pattern only there. The matches are exactly `finditer`'s:
a position whose character cannot begin a match would have failed anyway, and each match is
tried on the whole string, so lookbehinds and anchors see what they saw before. A pattern whose
first characters cannot be worked out (or that can match the empty string) is scanned with
plain `finditer`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cached_property, lru_cache
from re import _constants as C  # type: ignore[attr-defined]
from re import _parser  # type: ignore[attr-defined]
from typing import Any


class _Unknown(Exception):
    """A construct whose first characters this module does not work out."""


class FastScanner:
    def __init__(self, pattern: re.Pattern[str]):
        self.pattern = pattern

    @cached_property
    def first(self) -> re.Pattern[str] | None:
        """Worked out on first use, not at import: a start-up that never scans pays nothing."""
        return _first_class(self.pattern)

    def finditer(
        self, text: str, pos: int = 0, endpos: int | None = None
    ) -> Iterator[re.Match[str]]:
        end = len(text) if endpos is None else endpos
        if self.first is None:
            yield from self.pattern.finditer(text, pos, end)
            return
        candidate, match = self.first.search, self.pattern.match
        while (hit := candidate(text, pos, end)) is not None:
            start = hit.start()
            found = match(text, start, end)
            if found is None:
                pos = start + 1
            else:
                yield found
                pos = found.end()  # never empty (a nullable pattern has no first class)


def first_possible(pattern: re.Pattern[str], text: str) -> int:
    """Where in `text` the first match of `pattern` can begin at the earliest (-1: nowhere), so
    that `pattern.finditer(text, pos)` from there finds exactly what `finditer(text)` finds (a
    lookbehind still sees the text before `pos`). For a pattern that opens with a lookbehind, an
    anchor or a repeat, `re` tries every position; a report's text usually holds none of the
    characters a pattern of mistakes (XX, 某某) can begin with, or not a character every match
    must hold (the / of "3/件"), and then nothing is tried."""
    find = _finder(pattern)
    return 0 if find is None else find(text)


def finditer(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """What `pattern.finditer(text)` finds, from its first possible start on; a pattern that
    `re` would try at every position and that can begin with only a few named characters (a
    claim such as "(?<![或和及])予以公开…" or "(?:新?收到|受理|新收|接收)…") is tried only where
    one of them stands."""
    start = first_possible(pattern, text)
    if start < 0:
        return
    scanner = _scanner(pattern)
    yield from (pattern if scanner is None else scanner).finditer(text, start)


@lru_cache(maxsize=1024)
def _scanner(pattern: re.Pattern[str]) -> FastScanner | None:
    """A scanner where it pays: `re` does not skip ahead by itself (`_first_finder` knows how)
    and the first characters are a few named ones. Digits, say, stand all over a report: at
    each of them a Python loop costs more than `re`'s own trying every position."""
    parsed = _parsed(pattern)
    if parsed is None or _first_finder(parsed) is None:
        return None
    items, _ = _first(parsed)  # worked out: _first_finder did
    if len(items) > _FEW or not all(_is_literal(item) for item in items):
        return None
    return FastScanner(pattern)


@lru_cache(maxsize=1024)
def _finder(pattern: re.Pattern[str]) -> Any:
    """How to rule a text out and find a possible first character quickly, or None where the
    pattern's characters are not known (or `re` skips ahead itself and no character is needed)."""
    parsed = _parsed(pattern)
    if parsed is None:
        return None
    needed = tuple(sorted(_needed(list(parsed))))
    first = _first_finder(parsed)
    if first is None and not needed:
        return None

    def find(text: str) -> int:
        for char in needed:
            if char not in text:
                return -1
        return 0 if first is None else first(text)

    return find


def _first_finder(parsed: Any) -> Any:
    """How to find a possible first character, or None (re skips ahead itself, or unknown)."""
    try:
        items, nullable = _first(parsed)
    except _Unknown:
        return None
    if nullable or not items or _skips_ahead(list(parsed)):
        return None
    if len(items) <= _FEW and all(_is_literal(item) for item in items):
        chars = tuple(chr(int(item[2:], 16)) for item in sorted(items))
        return lambda text: min((at for c in chars if (at := text.find(c)) >= 0), default=-1)
    search = _class(items).search

    def first(text: str) -> int:
        hit = search(text)
        return -1 if hit is None else hit.start()

    return first


def _needed(items: list[Any]) -> set[str]:
    """Characters every match needs in the text: literals of the sequence itself, of groups
    and repeats it must go through (at least once), and of lookarounds that must hold. Where
    alternatives part, only what every one of them needs."""
    needed: set[str] = set()
    for op, av in items:
        if op is C.LITERAL:
            needed.add(chr(av))
        elif op is C.SUBPATTERN and not av[1] and not av[2]:  # no local flags (?i:…)
            needed |= _needed(list(av[3]))
        elif op is C.ATOMIC_GROUP:
            needed |= _needed(list(av))
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT) and av[0] >= 1:
            needed |= _needed(list(av[2]))
        elif op is C.ASSERT:  # (?=…) and (?<=…): what they look at is in the text too
            needed |= _needed(list(av[1]))
        elif op is C.BRANCH:
            branches = [_needed(list(branch)) for branch in av[1]]
            needed |= set.intersection(*branches) if branches else set()
    return needed


_FEW = 4  # a few literal first characters are found by str.find, faster than a class


def _is_literal(item: str) -> bool:
    return len(item) == 10 and item.startswith("\\U")


def _skips_ahead(items: list[Any]) -> bool:
    """Whether `re` finds this pattern's candidates itself: it opens with a literal, a class or
    alternatives that each open with a literal (re._compiler's literal and charset prefixes)."""
    while items and items[0][0] is C.SUBPATTERN and not items[0][1][1] and not items[0][1][2]:
        items = list(items[0][1][3])
    if not items:
        return False
    op, av = items[0]
    if op is C.LITERAL or op is C.IN:
        return True
    return op is C.BRANCH and all(branch and branch[0][0] is C.LITERAL for branch in av[1])


def _first_class(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    parsed = _parsed(pattern)
    if parsed is None:
        return None
    try:
        items, nullable = _first(parsed)
    except _Unknown:
        return None
    return None if nullable or not items else _class(items)


def _class(items: set[str]) -> re.Pattern[str]:
    """One character class of the first characters: `re` searches it in a C loop."""
    return re.compile("[" + "".join(sorted(items)) + "]")


@lru_cache(maxsize=1024)
def _parsed(pattern: re.Pattern[str]) -> Any:
    """The parsed pattern, or None where its first characters are not worked out (flags
    other than the defaults change what a class matches)."""
    if not isinstance(pattern.pattern, str) or pattern.flags & ~(re.UNICODE | re.VERBOSE):
        return None
    return _parser.parse(pattern.pattern, pattern.flags)


def _first(sequence: Any) -> tuple[set[str], bool]:
    """Class items that can begin `sequence`, and whether it can match the empty string."""
    items: set[str] = set()
    for op, av in sequence:
        found, nullable = _first_of(op, av)
        items |= found
        if not nullable:
            return items, False
    return items, True


def _first_of(op: Any, av: Any) -> tuple[set[str], bool]:
    if op is C.LITERAL:
        return {_escape(av)}, False
    if op is C.IN:
        return _class_items(av), False
    if op in (C.AT, C.ASSERT, C.ASSERT_NOT):
        return set(), True  # zero-width: the first character is the next item's
    if op is C.SUBPATTERN:
        if av[1] or av[2]:
            raise _Unknown  # local flags
        return _first(av[3])
    if op is C.ATOMIC_GROUP:
        return _first(av)
    if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
        low, _, body = av
        found, nullable = _first(body)
        return found, nullable or low == 0
    if op is C.BRANCH:
        return _union(_first(branch) for branch in av[1])
    if op is C.GROUPREF_EXISTS:
        _, yes, no = av
        return _union([_first(yes), _first(no) if no is not None else (set(), True)])
    raise _Unknown(op)


def _union(parts: Any) -> tuple[set[str], bool]:
    items: set[str] = set()
    nullable = False
    for found, empty in parts:
        items |= found
        nullable = nullable or empty
    return items, nullable


_CATEGORIES = {C.CATEGORY_DIGIT: r"\d", C.CATEGORY_WORD: r"\w", C.CATEGORY_SPACE: r"\s"}


def _class_items(av: Any) -> set[str]:
    items: set[str] = set()
    for op, value in av:
        if op is C.LITERAL:
            items.add(_escape(value))
        elif op is C.RANGE:
            items.add(f"{_escape(value[0])}-{_escape(value[1])}")
        elif op is C.CATEGORY and value in _CATEGORIES:
            items.add(_CATEGORIES[value])
        else:
            raise _Unknown(op)  # a negated class, a negated category
    return items


def _escape(code: int) -> str:
    return f"\\U{code:08x}"
