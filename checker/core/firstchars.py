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

import importlib
import re
from collections.abc import Iterator
from functools import cached_property
from re import _constants as C  # type: ignore[attr-defined]
from re import _parser  # type: ignore[attr-defined]
from typing import Any

# The pattern compiler's own prefix analysis (private, stable across 3.11–3.13; see `pays`).
_compiler: Any = importlib.import_module("re._compiler")


class _Unknown(Exception):
    """A construct whose first characters this module does not work out."""


class FastScanner:
    def __init__(self, pattern: re.Pattern[str]):
        self.pattern = pattern

    @cached_property
    def first(self) -> re.Pattern[str] | None:
        """Worked out on first use, not at import: a start-up that never scans pays nothing."""
        return _first_class(self.pattern)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        if self.first is None:
            yield from self.pattern.finditer(text)
            return
        candidate, match = self.first.search, self.pattern.match
        pos = 0
        while (hit := candidate(text, pos)) is not None:
            start = hit.start()
            found = match(text, start)
            if found is None:
                pos = start + 1
            else:
                yield found
                pos = found.end()  # never empty (a nullable pattern has no first class)


def pays(pattern: re.Pattern[str]) -> bool:
    """Whether skipping is worth its Python loop for this pattern: `re` finds neither a literal
    prefix nor a first-character set of its own (the pattern opens with a lookbehind, or with
    alternatives one of which is optional), and the first characters are a few named ones —
    not digits or a range, which stand all over a report. Otherwise `re`'s own C loop is faster."""
    items = _first_items(pattern)
    if items is None or any(not item.startswith("\\U") or "-" in item for item in items):
        return False
    try:
        tree = _parser.parse(pattern.pattern, pattern.flags)
        flags = tree.state.flags
        prefix = _compiler._get_literal_prefix(tree, flags)[0]
        return not prefix and _compiler._get_charset_prefix(tree, flags) is None
    except Exception:  # the compiler's private helpers changed: leave it to `re`
        return False


def _first_class(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    items = _first_items(pattern)
    return None if items is None else re.compile("[" + "".join(sorted(items)) + "]")


def _first_items(pattern: re.Pattern[str]) -> set[str] | None:
    if not isinstance(pattern.pattern, str) or pattern.flags & ~(re.UNICODE | re.VERBOSE):
        return None
    try:
        items, nullable = _first(_parser.parse(pattern.pattern, pattern.flags))
    except _Unknown:
        return None
    if nullable or not items:
        return None
    return items


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
