"""Fenced repeats: the shape of an unbounded repeat that `re` runs in linear time in a search.

`\\d+件` on a line of 10^5 digits is quadratic in a search: the search tries every start, and
from each the repeat scans the rest of the run (and backtracks through it) before 件 fails. A
repeat is *fenced* when

  - it is possessive (`\\d++`, `\\s*+`): it never gives back what it took, and
  - it repeats one character class S, and
  - wherever the pattern can enter it, the character before is not in S (it is *pinned*): an
    explicit `(?<!\\d)` just before `\\d++` (or a lookbehind of any class that holds S), a
    line start `^` where S cannot take a newline, or a preceding character, class or repeat
    that S cannot match (`件\\s*+`, `\\d++\\s*+`), looked for backwards through zero-width
    assertions, optional parts, groups and alternatives.

Then it starts only at the beginning of a run of S and takes the whole run, once for each way
of reaching that start; in a pattern whose other repeats are bounded those ways are finitely
many whatever the text, so each character is scanned a bounded number of times. `risky` (in
`common`) leaves such repeats out of its count of unbounded repeats; anything it cannot prove
here (flags, back-references, unknown classes) is not fenced, and stays budgeted.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

_sre: Any = importlib.import_module("re._parser")

Node = tuple[Any, Any]

FENCED, OPEN, EMPTY_OR_FENCED = "fenced", "open", "empty-or-fenced"
_SINGLE = (_sre.LITERAL, _sre.NOT_LITERAL, _sre.IN, _sre.ANY)
REPEATS = (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT)
_ZERO_WIDTH = (_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT)
_LINE_STARTS = (_sre.AT_BEGINNING, _sre.AT_BEGINNING_STRING)
_NEWLINE: Node = (_sre.LITERAL, ord("\n"))

# Classes no character belongs to both of (the Unicode classes `re` uses for str patterns;
# tests/test_rule_patterns.py checks every code point).
_DISJOINT_CATEGORIES = {
    frozenset({_sre.CATEGORY_DIGIT, _sre.CATEGORY_SPACE}),
    frozenset({_sre.CATEGORY_DIGIT, _sre.CATEGORY_NOT_DIGIT}),
    frozenset({_sre.CATEGORY_SPACE, _sre.CATEGORY_NOT_SPACE}),
    frozenset({_sre.CATEGORY_WORD, _sre.CATEGORY_NOT_WORD}),
}
_CATEGORY_TEST: dict[Any, Callable[[str], bool]] = {
    _sre.CATEGORY_DIGIT: str.isdecimal,
    _sre.CATEGORY_NOT_DIGIT: lambda c: not c.isdecimal(),
    _sre.CATEGORY_SPACE: str.isspace,
    _sre.CATEGORY_NOT_SPACE: lambda c: not c.isspace(),
    _sre.CATEGORY_WORD: lambda c: c.isalnum() or c == "_",
    _sre.CATEGORY_NOT_WORD: lambda c: not (c.isalnum() or c == "_"),
}
_SMALL_RANGE = 4096  # a range is compared with a category one code point at a time


def fenced(node: Node, before: list[Node]) -> bool:
    """Whether `node`, a repeat preceded by `before` (the items before it, outer ones first,
    back to the start of the pattern), is a fenced repeat."""
    return node[0] is _sre.POSSESSIVE_REPEAT and pinned(node, before)


def pinned(node: Node, before: list[Node]) -> bool:
    """Whether `node`, a repeat of one character class S preceded by `before`, can be entered
    only where a run of S begins (a fence that may still give back what it took)."""
    op, value = node
    if op not in REPEATS:
        return False
    body = list(value[2])
    if len(body) != 1 or body[0][0] not in _SINGLE:
        return False
    return _sequence_end(before, body[0]) == FENCED


def _sequence_end(items: list[Node], cls: Node) -> str:
    """What is known of the character before the end of any match of `items`: FENCED (not in
    `cls`), EMPTY_OR_FENCED (or the match is empty), OPEN (nothing known)."""
    for node in reversed(items):
        end = _node_end(node, cls)
        if end != EMPTY_OR_FENCED:
            return end
    return EMPTY_OR_FENCED


def _node_end(node: Node, cls: Node) -> str:
    op, value = node
    if op in _SINGLE:
        return FENCED if _disjoint(node, cls) else OPEN
    if op is _sre.ASSERT_NOT and value[0] < 0 and _lookbehind_covers(list(value[1]), cls):
        return FENCED  # (?<!S), (?<![A-Za-z]) before [Xx]: the character before is not in S
    if op is _sre.AT and value in _LINE_STARTS:
        # ^ (any mode) and \A: the text's start or just after a newline
        return FENCED if value is _sre.AT_BEGINNING_STRING or _disjoint(_NEWLINE, cls) else OPEN
    if op in _ZERO_WIDTH:
        return EMPTY_OR_FENCED
    if op in REPEATS:
        low, high, body = value
        end = _sequence_end(list(body), cls) if high > 0 else EMPTY_OR_FENCED
        if end == OPEN:
            return OPEN
        return FENCED if end == FENCED and low >= 1 else EMPTY_OR_FENCED
    if op is _sre.SUBPATTERN:
        _, add_flags, del_flags, body = value
        return OPEN if add_flags or del_flags else _sequence_end(list(body), cls)
    if op is _sre.ATOMIC_GROUP:
        return _sequence_end(list(value), cls)
    if op is _sre.BRANCH:
        ends = {_sequence_end(list(branch), cls) for branch in value[1]}
        if OPEN in ends:
            return OPEN
        return FENCED if ends == {FENCED} else EMPTY_OR_FENCED
    return OPEN


def _lookbehind_covers(body: list[Node], cls: Node) -> bool:
    """A negative lookbehind of one character class that holds every character of `cls`."""
    if body == [cls]:
        return True
    if len(body) != 1 or body[0][0] not in _SINGLE:
        return False
    cls_negated, cls_parts = _members(cls)
    negated, parts = _members(body[0])
    if cls_negated:
        return False
    if negated:  # cls inside "not these": it shares none of them
        return all(_parts_disjoint(x, y) for x in cls_parts for y in parts)
    return all(_covered(part, parts) for part in cls_parts)


def _members(node: Node) -> tuple[bool, list[Node]]:
    """A one-character item as (negated, parts): parts are LITERAL, RANGE and CATEGORY."""
    op, value = node
    if op is _sre.LITERAL:
        return False, [node]
    if op is _sre.NOT_LITERAL:
        return True, [(_sre.LITERAL, value)]
    if op is _sre.ANY:
        return True, [(_sre.LITERAL, ord("\n"))]
    items = list(value)
    negated = bool(items) and items[0][0] is _sre.NEGATE
    return negated, items[1:] if negated else items


def _disjoint(a: Node, b: Node) -> bool:
    a_negated, a_parts = _members(a)
    b_negated, b_parts = _members(b)
    if a_negated and b_negated:
        return False
    if a_negated:
        return all(_covered(part, a_parts) for part in b_parts)
    if b_negated:
        return all(_covered(part, b_parts) for part in a_parts)
    return all(_parts_disjoint(x, y) for x in a_parts for y in b_parts)


def _chars(part: Node) -> range | None:
    """The code points of a literal or a small range (None: a category or a large range)."""
    op, value = part
    if op is _sre.LITERAL:
        return range(value, value + 1)
    if op is _sre.RANGE and value[1] - value[0] < _SMALL_RANGE:
        return range(value[0], value[1] + 1)
    return None


def _contains(part: Node, code: int) -> bool | None:
    op, value = part
    if op is _sre.LITERAL:
        return bool(code == value)
    if op is _sre.RANGE:
        return bool(value[0] <= code <= value[1])
    if op is _sre.CATEGORY and value in _CATEGORY_TEST:
        return bool(_CATEGORY_TEST[value](chr(code)))
    return None  # unknown: neither in nor out


def _covered(part: Node, parts: list[Node]) -> bool:
    """Every character of `part` is in one of `parts`."""
    if part[0] is _sre.CATEGORY:
        return part in parts
    chars = _chars(part)
    return chars is not None and all(any(_contains(p, c) for p in parts) for c in chars)


def _parts_disjoint(x: Node, y: Node) -> bool:
    if x[0] is _sre.CATEGORY and y[0] is _sre.CATEGORY:
        return frozenset({x[1], y[1]}) in _DISJOINT_CATEGORIES
    x_chars, y_chars = _chars(x), _chars(y)
    if x_chars is not None:
        return all(_contains(y, c) is False for c in x_chars)
    if y_chars is not None:
        return all(_contains(x, c) is False for c in y_chars)
    if x[0] is _sre.RANGE and y[0] is _sre.RANGE:  # two large ranges: apart or not
        return bool(x[1][1] < y[1][0] or y[1][1] < x[1][0])
    return False
