"""Small helpers shared by kinds: compiled patterns, sections and paragraphs of a report."""

from __future__ import annotations

import importlib
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Any, TypeAlias

from checker.core import firstchars
from checker.core.errors import PatternTimeout
from checker.core.model import Report, Section
from checker.kinds import fences

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
_REPEATS = fences.REPEATS


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

    __slots__ = ("_budgeted", "_plain", "budgeted", "pattern")

    def __init__(self, pattern: str, budgeted: bool | None = None, compiled: bool = True):
        self.pattern = pattern
        self.budgeted = risky(pattern) if budgeted is None else budgeted
        self._plain: re.Pattern[str] | None = None
        self._budgeted: regex.Pattern[str] | None = None
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
            # from where a match can first begin (most patterns of mistakes find nothing), and
            # where `re` would try every position, only where a first character stands
            yield from firstchars.finditer(self._plain, text)
            return
        assert self._budgeted is not None
        try:
            yield from self._budgeted.finditer(text, timeout=PATTERN_BUDGET)
        except TimeoutError as exc:
            raise PatternTimeout(self.pattern, PATTERN_BUDGET) from exc


def risky(pattern: str) -> bool:
    """Whether a pattern may backtrack super-linearly: a repeat inside an unbounded repeat, an
    alternation inside one, two unbounded repeats side by side, a back-reference, or an
    unbounded repeat that a search can enter anywhere in a run and leave to fail (`\\d+件` on a
    line of digits tries every digit and scans the rest of the run from each: quadratic).

    A fenced repeat (`(?<!\\d)\\d++`, `件\\s*+`: see `fences`) is not counted as an unbounded
    one; a pinned one (`共\\d+件`: entered only where a run begins) and one that ends the pattern
    (`件\\d+`: once entered it cannot fail) are entered and scanned once per run."""
    try:
        tree = _sre.parse(pattern)
    except (re.error, OverflowError, RecursionError):
        return True  # `regex` may accept what `re` does not; it then decides
    # Flags that change what a class or `.` matches: the fences are not worked out for them.
    plain = not tree.state.flags & (re.IGNORECASE | re.ASCII | re.LOCALE | re.DOTALL)
    return _risky_sequence(list(tree), inside=False, before=[] if plain else None, at_end=True)


def _risky_sequence(
    items: list[tuple[Any, Any]],
    inside: bool,
    before: list[tuple[Any, Any]] | None,
    at_end: bool = False,
) -> bool:
    """`before`: the items ahead of this sequence back to the pattern's start, for the fences
    (None where they are not worked out: under flags, inside a lookbehind); `at_end`: nothing
    follows this sequence in the pattern."""
    previous_unbounded = False
    for index, (op, value) in enumerate(items):
        context = None if before is None else [*before, *items[:index]]
        last = at_end and index == len(items) - 1
        unbounded = False
        if op in _REPEATS:
            low, high, body = value
            unbounded = high == _sre.MAXREPEAT or high > 1000
            if inside and high > 1:
                return True
            if unbounded and context is not None and fences.fenced((op, value), context):
                continue  # takes each run whole, once: not an unbounded repeat to count
            if unbounded and previous_unbounded:
                return True
            if unbounded and not _entered_once((op, value), context, last and low <= 1):
                return True
            if high > 1 and _unbounded_within(list(body)):  # (.*a){12}: polynomial
                return True
            # an optional part (x?) is entered from where it stands: its context is ours
            inner_context = context if high <= 1 else None
            if _risky_sequence(list(body), inside or unbounded, inner_context, last):
                return True
        elif op is _sre.BRANCH:
            if inside or any(_risky_sequence(list(b), inside, context, last) for b in value[1]):
                return True
        elif op is _sre.SUBPATTERN or op is _sre.ATOMIC_GROUP:
            body = list(value[-1] if op is _sre.SUBPATTERN else value)
            flagged = op is _sre.SUBPATTERN and (value[1] or value[2])
            inner = None if flagged else context
            if _risky_sequence(body, inside, inner, last):
                return True
            unbounded = _has_unbounded(body, inner)
            if unbounded and previous_unbounded:
                return True
        elif op in (_sre.ASSERT, _sre.ASSERT_NOT):
            ahead = context if value[0] >= 0 else None  # a lookbehind looks back from here
            if _risky_sequence(list(value[1]), inside, ahead):
                return True
            continue  # zero width: the repeats either side of it are side by side
        elif op is _sre.AT:
            continue
        elif op in (_sre.GROUPREF, _sre.GROUPREF_EXISTS):
            return True
        previous_unbounded = unbounded
    return False


def _entered_once(node: tuple[Any, Any], before: list[tuple[Any, Any]] | None, ends: bool) -> bool:
    """Whether a search scans each run of an unbounded repeat a bounded number of times: it ends
    the pattern (entered, it matches), or it repeats one character class that the character
    before it can never be in (it can only be entered where a run begins)."""
    return ends or (before is not None and fences.pinned(node, before))


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


def _has_unbounded(items: list[tuple[Any, Any]], before: list[tuple[Any, Any]] | None) -> bool:
    """An unbounded repeat at the top of `items` that is not fenced."""
    return any(
        op in _REPEATS
        and (value[1] == _sre.MAXREPEAT or value[1] > 1000)
        and not (before is not None and fences.fenced((op, value), [*before, *items[:index]]))
        for index, (op, value) in enumerate(items)
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
    search = _any_of(patterns) if type(patterns) is tuple else None
    if search is not None:
        return search(text) is not None
    return any(p.search(text) for p in patterns)


@lru_cache(maxsize=4096)
def _any_of(patterns: tuple[RulePattern, ...]) -> Callable[[str], object] | None:
    """One search for a rule's alternatives (`(?:a)|(?:b)|…` matches where any of them does):
    labels and titles are searched by the hundred per report, each against a few patterns.
    None where they cannot be joined: a budgeted pattern keeps its own time limit, and one
    with global flags or a group name another also uses does not compile inside a group.
    Keyed by the tuple itself (a rule's, kept as long as its rule set)."""
    if len(patterns) < 2 or any(p.budgeted for p in patterns):
        return None
    try:
        return re.compile("|".join(f"(?:{p.pattern})" for p in patterns)).search
    except (re.error, OverflowError, RecursionError):
        return None


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
    # source.line_span(index), inlined: a method call per line cost more than the line's tests
    lines = zip(source.lines, source.line_starts, source.original_lines, strict=True)
    for line, begin, original in lines:
        end = begin + len(original)
        words = line.strip()
        if start is not None and _may_be_heading(words) and _HEADING.match(line):
            spans.append((start, begin))
            start = None
        if not words:
            continue
        start = begin if start is None else start
        if words[-1] in _PARAGRAPH_ENDS or "|" in line:  # `_PARAGRAPH_END.search(line)`
            spans.append((start, end))
            start = None
    if start is not None:
        spans.append((start, len(source.text)))
    return spans[:-1] if report.truncated else spans


# `_PARAGRAPH_END` and `_HEADING` asked without a regex on every line: `\s` is what str.strip
# strips (both are Unicode white space), so a line ends a sentence when its last non-space
# character is one of these, and can open with a heading only from one of those.
_PARAGRAPH_ENDS = frozenset("。!?;:")
_HEADING_FIRST = frozenset("一二三四五六七八九十(")


def _may_be_heading(words: str) -> bool:
    return words[:1] in _HEADING_FIRST or words[:1].isdecimal()


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
    return (tops[-1].number or len(tops)) <= _EARLY


def section_body(report: Report, section: Section) -> str:
    """The text a heading governs, its sub-parts included."""
    return report.source.text[section.body_start : section.end]


def nothing_under(report: Report, section: Section) -> bool:
    """Not a character under the heading: in a part that holds a table in the format (二、三、四),
    the copy lost the table (an image, an attachment, a page table the crawler dropped)."""
    return not squeeze(section_body(report, section))


def starts_after(report: Report, part: int) -> bool:
    """A copy that starts mid-report (`headless`) past the beginning of part `part`: what that
    part holds is not in it. Without a top-level part, the copy starts inside one: any."""
    if not report.headless:
        return False
    first = next((s for s in report.sections if s.level == 1), None)
    return first is None or first.number is None or part < first.number
