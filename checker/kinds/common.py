"""Small helpers shared by kinds: compiled patterns, sections and paragraphs of a report."""

from __future__ import annotations

import importlib
import re
import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, TypeAlias

from checker.core.errors import PatternTimeout
from checker.core.firstchars import FastScanner, pays
from checker.core.model import Report
from checker.core.numbers import parse_chinese_integer

if TYPE_CHECKING:  # `regex` itself is imported only to compile a risky pattern (see RulePattern)
    import regex

_PARAGRAPH_END = re.compile(r"[。!?;:]\s*$")
_HEADING = re.compile(
    r"\s*([一二三四五六七八九十]{1,3}、|\([一二三四五六七八九十]{1,3}\)|\d{1,2}[、.](?!\d))"
)


# Seconds one search of a rule's pattern may take. A report's text is searched in milliseconds;
# a pattern such as `(a+)+$` from a user's pack backtracks for ages on a long run of one letter.
PATTERN_BUDGET = 2.0
RuleMatch: TypeAlias = "re.Match[str] | regex.Match[str]"
# The standard library's own pattern parser (untyped, private; stable across 3.11–3.13): the
# shape of a rule's pattern, before it runs.
_sre: Any = importlib.import_module("re._parser")
_REPEATS = (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT)


class RulePattern:
    """A regular expression from a rule pack, never left to backtrack for ever.

    Rule packs are input too (a user's `--rules`). A pattern whose shape can backtrack
    exponentially or polynomially (`(a+)+$`, `(a|a)*`, `\\d+\\d+x`: see `risky`) runs on the
    `regex` engine with a time budget per search; past it `PatternTimeout` is raised and the
    engine reports the rule as not assessable for that file. Every other pattern runs on `re`:
    a budgeted search costs ten times as much, and labels are searched by the thousand.

    A pattern is compiled when its rule is loaded (a bad one is a rule-file error), and a
    pattern read back from the compiled-pack cache is compiled again on its first search: a
    run compiles only the patterns of the rules it runs, not those of other eras' rules.
    """

    __slots__ = ("_budgeted", "_plain", "_scanner", "budgeted", "pattern")

    def __init__(self, pattern: str, budgeted: bool | None = None, compiled: bool = True):
        self.pattern = pattern
        self.budgeted = risky(pattern) if budgeted is None else budgeted
        self._plain: re.Pattern[str] | None = None
        self._budgeted: regex.Pattern[str] | None = None
        self._scanner: FastScanner | re.Pattern[str] | None = None
        if compiled:
            self._compile()

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickled as its source: a cached rule set is read back without compiling."""
        return (RulePattern, (self.pattern, self.budgeted, False))

    def _compile(self) -> None:
        if self.budgeted:
            import regex  # the budgeted engine, for a risky pattern only

            self._budgeted = regex.compile(self.pattern)
        else:
            self._plain = re.compile(self.pattern)

    @property
    def groupindex(self) -> Mapping[str, int]:
        if self._plain is None and self._budgeted is None:
            self._compile()
        compiled = self._plain if self._plain is not None else self._budgeted
        assert compiled is not None
        return compiled.groupindex

    def search(self, text: str, pos: int = 0) -> RuleMatch | None:
        if self._plain is not None:
            return self._plain.search(text, pos)
        if self._budgeted is None:
            self._compile()
            return self.search(text, pos)
        try:
            return self._budgeted.search(text, pos, timeout=PATTERN_BUDGET)
        except TimeoutError as exc:
            raise PatternTimeout(self.pattern, PATTERN_BUDGET) from exc

    def finditer(self, text: str) -> Iterator[RuleMatch]:
        if self._plain is None and self._budgeted is None:
            self._compile()
        if self._plain is not None:
            if self._scanner is None:
                # A claim opening with a lookbehind ("(?<![或和及])予以公开…") or an optional
                # piece ("(?:新?收到|受理|…)") is tried by `re` at every character of the report:
                # skipped to where its first character stands instead.
                self._scanner = FastScanner(self._plain) if pays(self._plain) else self._plain
            yield from self._scanner.finditer(text)
            return
        assert self._budgeted is not None
        try:
            yield from self._budgeted.finditer(text, timeout=PATTERN_BUDGET)
        except TimeoutError as exc:
            raise PatternTimeout(self.pattern, PATTERN_BUDGET) from exc


def risky(pattern: str) -> bool:
    """Whether a pattern may backtrack super-linearly: a repeat inside an unbounded repeat, an
    alternation inside one, two unbounded repeats side by side that can take the same
    characters, or a back-reference."""
    try:
        tree = _sre.parse(pattern)
    except (re.error, OverflowError, RecursionError):
        return True  # `regex` may accept what `re` does not; it then decides
    folded = bool(tree.state.flags & re.IGNORECASE)  # case folding: no class is told apart
    return _risky_sequence(list(tree), inside=False, folded=folded)


def _risky_sequence(items: list[tuple[Any, Any]], inside: bool, folded: bool) -> bool:
    # What the unbounded repeats just before this item can take. "\s*(?P<n>\d+)\s*件" (every
    # prose claim) is linear: spaces and digits cannot be traded between the two repeats, so
    # there is one way to split a run. "\d+\s*\d+" is not: the optional "\s*" between lets
    # the digits go either way, so a repeat that may match nothing adds to what came before.
    previous: _Chars | None = None
    for op, value in items:
        unbounded = False
        if op in _REPEATS:
            _, high, body = value
            unbounded = high == _sre.MAXREPEAT or high > 1000
            if inside and high > 1:
                return True
            if (
                unbounded
                and previous is not None
                and _overlap(previous, _chars([(op, value)], folded))
            ):
                return True
            if high > 1 and _unbounded_within(list(body)):  # (.*a){12}: polynomial
                return True
            if _risky_sequence(list(body), inside or unbounded, folded):
                return True
            if unbounded:
                taken = _chars([(op, value)], folded)
                previous = _union(previous, taken) if _nullable([(op, value)]) else taken
                continue
        elif op is _sre.BRANCH:
            if inside or any(_risky_sequence(list(b), inside, folded) for b in value[1]):
                return True
        elif op is _sre.SUBPATTERN or op is _sre.ATOMIC_GROUP:
            body = list(value[-1] if op is _sre.SUBPATTERN else value)
            if _risky_sequence(body, inside, folded):
                return True
            if _has_unbounded(body):
                taken = _chars([(op, value)], folded)
                if previous is not None and _overlap(previous, taken):
                    return True
                previous = _union(previous, taken) if _nullable(body) else taken
                continue
        elif op in (_sre.ASSERT, _sre.ASSERT_NOT):
            if _risky_sequence(list(value[1]), inside, folded):
                return True
        elif op in (_sre.GROUPREF, _sre.GROUPREF_EXISTS):
            return True
        previous = None
    return False


# The characters a piece of pattern can take: single characters and ranges (code points),
# categories (\d, \s, \w), or ANY when it is not worked out (a negated class, ".", flags).
_Chars = frozenset[tuple[Any, ...]]
_ANY: _Chars = frozenset({("any",)})
_CATEGORY_TESTS = {
    _sre.CATEGORY_DIGIT: re.compile(r"\d"),
    _sre.CATEGORY_SPACE: re.compile(r"\s"),
    _sre.CATEGORY_WORD: re.compile(r"\w"),
}
_DISJOINT_CATEGORIES = {
    frozenset((_sre.CATEGORY_DIGIT, _sre.CATEGORY_SPACE)),
    frozenset((_sre.CATEGORY_WORD, _sre.CATEGORY_SPACE)),
}


def _union(a: _Chars | None, b: _Chars) -> _Chars:
    return b if a is None else a | b


def _chars(items: list[tuple[Any, Any]], folded: bool) -> _Chars:
    if folded:
        return _ANY
    found: set[tuple[Any, ...]] = set()
    for op, value in items:
        if op is _sre.LITERAL:
            found.add(("range", value, value))
        elif op is _sre.IN:
            for kind, item in value:
                if kind is _sre.LITERAL:
                    found.add(("range", item, item))
                elif kind is _sre.RANGE:
                    found.add(("range", *item))
                elif kind is _sre.CATEGORY and item in _CATEGORY_TESTS:
                    found.add(("category", item))
                else:
                    return _ANY  # a negated class, a negated category
        elif op in (_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT):
            continue  # zero-width
        elif op in _REPEATS or op is _sre.ATOMIC_GROUP or op is _sre.SUBPATTERN:
            if op is _sre.SUBPATTERN and (value[1] or value[2]):
                return _ANY  # local flags
            body = value[2] if op in _REPEATS else value[-1] if op is _sre.SUBPATTERN else value
            found |= _chars(list(body), folded)
        elif op is _sre.BRANCH:
            for branch in value[1]:
                found |= _chars(list(branch), folded)
        else:
            return _ANY  # ".", a back-reference, anything else
    return frozenset(found)


def _nullable(items: list[tuple[Any, Any]]) -> bool:
    """Whether the items can match the empty string (unknown constructs: yes)."""
    for op, value in items:
        if op in (_sre.LITERAL, _sre.NOT_LITERAL, _sre.IN, _sre.ANY):
            return False
        if op in _REPEATS:
            if value[0] > 0 and not _nullable(list(value[2])):
                return False
        elif op is _sre.SUBPATTERN or op is _sre.ATOMIC_GROUP:
            if not _nullable(list(value[-1] if op is _sre.SUBPATTERN else value)):
                return False
        elif op is _sre.BRANCH and not any(_nullable(list(b)) for b in value[1]):
            return False
    return True


def _overlap(a: _Chars, b: _Chars) -> bool:
    if a >= _ANY or b >= _ANY:
        return True
    return any(_atoms_overlap(x, y) for x in a for y in b)


def _atoms_overlap(x: tuple[Any, ...], y: tuple[Any, ...]) -> bool:
    if x[0] == "range" and y[0] == "range":
        return bool(x[1] <= y[2] and y[1] <= x[2])
    if x[0] == "category" and y[0] == "category":
        return frozenset((x[1], y[1])) not in _DISJOINT_CATEGORIES
    category, span = (x, y) if x[0] == "category" else (y, x)
    low, high = span[1], span[2]
    if high - low > 4096:
        return True  # a wide range: not worth testing character by character
    test: re.Pattern[str] = _CATEGORY_TESTS[category[1]]
    return any(test.match(chr(code)) is not None for code in range(int(low), int(high) + 1))


def _unbounded_within(items: list[tuple[Any, Any]]) -> bool:
    """An unbounded repeat anywhere inside (groups and alternatives included)."""
    for op, value in items:
        if op in _REPEATS and (value[1] == _sre.MAXREPEAT or value[1] > 1000):
            return True
        if op in _REPEATS and _unbounded_within(list(value[2])):
            return True
        if op is _sre.SUBPATTERN and _unbounded_within(list(value[-1])):
            return True
        if op is _sre.BRANCH and any(_unbounded_within(list(b)) for b in value[1]):
            return True
    return False


def _has_unbounded(items: list[tuple[Any, Any]]) -> bool:
    return any(
        op in _REPEATS and (value[1] == _sre.MAXREPEAT or value[1] > 1000) for op, value in items
    )


def compile_all(patterns: Iterable[str]) -> tuple[RulePattern, ...]:
    """Compile rule patterns, naming the one at fault (the loader turns it into a rule error)."""
    compiled = []
    for pattern in patterns:
        try:
            compiled.append(RulePattern(pattern))
        except _compile_errors() as exc:
            raise ValueError(f"bad regular expression {pattern!r}: {exc}") from exc
    return tuple(compiled)


def _compile_errors() -> tuple[type[Exception], ...]:
    """What compiling a rule pattern may raise; `regex.error` only once `regex` was imported
    (an except clause's tuple is evaluated when an exception is raised, after the import)."""
    engine = sys.modules.get("regex")
    own = (engine.error,) if engine is not None else ()
    return (*own, re.error, OverflowError, RecursionError)


def any_match(patterns: Sequence[RulePattern], text: str) -> bool:
    return any(p.search(text) for p in patterns)


_WHITE = re.compile(r"\s+")


def squeeze(text: str) -> str:
    """Heading words for matching: no whitespace."""
    return _WHITE.sub("", text)


def clause_before(text: str, start: int, end: int) -> str:
    """The clause that ends at `end` and holds `start`: for quoting a count in a message."""
    left = start
    while left > 0 and text[left - 1] not in "，,。；;\n" and start - left < 40:
        left -= 1
    return text[left:end].strip()


def top_section_span(report: Report, offset: int) -> tuple[int, int]:
    """The top-level section around `offset`, or the whole text when there is none."""
    for section in report.sections:
        if section.level == 1 and section.start <= offset < section.end:
            return section.start, section.end
    return 0, len(report.source.text)


def iter_paragraphs(report: Report) -> list[tuple[int, int]]:
    """Paragraph spans: a paragraph ends at a line that ends a sentence, a table row or a heading.

    Blank lines do not end one: PDF page breaks and OCR put blank lines inside sentences, so a
    bracket opened before them may close after. A copy cut off ends with an unfinished paragraph,
    which is left out: its brackets may close in the part that was lost.
    """
    source = report.source
    spans, start = [], None
    for index, line in enumerate(source.lines):
        begin, end = source.line_span(index)
        if _HEADING.match(line) and start is not None:
            spans.append((start, begin))
            start = None
        if not line.strip():
            continue
        start = begin if start is None else start
        if _PARAGRAPH_END.search(line) or "|" in line:
            spans.append((start, end))
            start = None
    if start is not None:
        spans.append((start, len(source.text)))
    return spans[:-1] if report.truncated else spans


_EARLY = 4  # a text whose last part is 四 or before stops before two parts or more


def stops_early(report: Report) -> bool:
    """An unclosed text (no date, signature or page furniture at its end) whose last part is 四
    or before, or that has no part at all: a copy that stops at a full stop looks like this, a
    whole report ends with its 五 and 六. What would follow is "cannot assess" for the checks of
    parts and tables (other checks read the text as it is)."""
    if report.closed_end or report.truncated:
        return report.truncated
    tops = [s for s in report.sections if s.level == 1]
    if not tops:
        return True
    digits = re.sub(r"[^0-9一二三四五六七八九十]", "", tops[-1].marker)
    number = int(digits) if digits.isdigit() else parse_chinese_integer(digits)
    return (number or len(tops)) <= _EARLY
