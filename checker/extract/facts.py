"""Counts stated in prose, and enumerations of a total with its parts (spec §6).

"共收到公开申请59人(次)……。答复意见中，A 1件、B 1件、C 1件、D 56件(其中，E 55件、F 1件)" gives the
enumerations 59 = 1 + 1 + 1 + 56 and 56 = 55 + 1. Whether a list must add up exactly is the
rules' business (partitions are declared in YAML); this module only reads what is written.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import replace
from decimal import Decimal

from checker.core.model import Count, Enumeration, SourceText
from checker.core.numbers import Number, iter_number_spans, iter_numbers

COUNT_UNITS = frozenset(
    [
        "件",
        "个",
        "条",
        "人次",
        "人(次)",
        "件次",
        "项",
        "人",
        "次",
        "家",
        "份",
        "篇",
        "场",
        "名",
        "所",
        "起",
        "例",
        "位",
        "户",
        "笔",
        "批",
        "期",
        "封",
        "张",
        "册",
        "套",
        "部",
        "台",
        "辆",
    ]
)
MONEY_UNITS = frozenset(("元", "万元", "亿元"))
_DELIMS = "，,。；;、：:()（）\n"
_QUOTES = '“”"‘’《》「」'
_LABEL_NOISE = re.compile(
    r"^(其中|包括|主要有|主要包括|分别为|分别是|共计|共|合计|总计|累计|全年|分别|均|为|是|有|达)+"
)
_TOTAL_CUE = re.compile(r"共|合计|总计|累计|总数|总量")
_SENTENCE_END = re.compile(r"[。!?\n]")
_STOP = re.compile("。")
_LINE_END = re.compile("\n")
# Counts looked at for one list's parts. Real lists have a few dozen; a line of thousands of
# counts under one "…中，" would otherwise make every count a list of all that follow (quadratic).
_MAX_LISTED = 32
_OWN_INTRO = re.compile(r"[^,。;\n]{0,10}中[,:]")
_QIZHONG_HERE = re.compile(r"\s*[,;]?\s*其中[,:]?")
# A list's own introducing words right after the total: "共收到申请120件，包括/分别为/主要有…".
_LIST_WORDS = r"其中包括|主要包括|主要有|包括|分别为|分别是"
_WORDS_HERE = re.compile(rf"\s*,?\s*({_LIST_WORDS})\s*:?")
# The next sentence (or numbered sub-paragraph, "(二)主要类别:") that breaks the total down.
_NUMBERING = r"(?:\(?[一二三四五六七八九十]{1,3}[)、]|\d{1,2}[.、])?"
# The white space runs are possessive (`\s*+`): giving spaces back to the words cannot make a
# match that the full runs miss (the words may be empty), and backtracking through them cost
# milliseconds per report where a run of spaces follows a sentence.
_NEXT_INTRO = re.compile(
    rf"\s*+{_NUMBERING}\s*+(其中|主要类别|主要类型|分类情况|[^,。;\n]{{0,12}}中)\s*[,:]"
)
_CATEGORY_INTRO = re.compile(r"主要类别|主要类型|分类情况")
# A clause that starts a new subject ends a list ("…其他处理5件；另有行政复议案件3件").
_NEW_SUBJECT = re.compile(r"^(另有|另外|此外|还有|同时)")
_PAREN_HERE = re.compile(r"\s*,?\s*\(")
# What _PAREN_HERE, _QIZHONG_HERE and _WORDS_HERE each need right after the total: past this gap
# (theirs skip no more), a character these open with.
_GAP = re.compile(r"\s*[,;]?\s*")
_LIST_OPENERS = frozenset("(其主包分")
_SHARE = re.compile(
    r"\s*[,]?\s*(所占比例|所占比重|占比|约占|占)[^,。;\d]{0,10}?(\d+(?:\.\d+)?)\s*%"
)
_INTRO_WORDS = re.compile(r"的|中|申请|意见|事项|情况|其中")
_NOT_A_PART = re.compile(r"同比|增长|增加|减少|下降|较上年|比上年|上升")


# Applications are counted as items, people or times in the same sentence ("59人(次)…1件").
_INTERCHANGEABLE = frozenset(("件", "件次", "人次", "人(次)", "次", "人"))


def compatible(total_unit: str, part_unit: str) -> bool:
    if total_unit == part_unit:
        return True
    return total_unit in _INTERCHANGEABLE and part_unit in _INTERCHANGEABLE


def unit_class(unit: str) -> str | None:
    if unit in COUNT_UNITS:
        return "count"
    if unit in MONEY_UNITS:
        return "money"
    return "percent" if unit == "%" else None


def extract_counts(source: SourceText) -> tuple[Count, ...]:
    text = source.text
    return tuple(
        Count(number, unit, _label(text, start, end), start, end, source.locate(start))
        for number, start, end, unit in iter_number_spans(
            text, units=_COUNTED, spans=_lines_with_units(source)
        )
        if unit_class(unit) and text[max(0, start - 1) : start] != "第"
    )


# The units unit_class() knows: other numbers (years, dates, table cells) are not parsed.
_COUNTED = frozenset((*COUNT_UNITS, *MONEY_UNITS, "%"))
# A count's unit stands on its number's line (nothing between them crosses a newline): a line
# with none of these characters holds no count — a table's rows of bare numbers, a date line.
# (The text is normalised: a full-width ％ is already %.)
_UNIT_CHAR = re.compile("[" + re.escape("".join(sorted({u[0] for u in _COUNTED}))) + "]")


def _lines_with_units(source: SourceText) -> list[tuple[int, int]]:
    """The runs of lines holding a unit's first character, as [start, end) spans."""
    spans: list[tuple[int, int]] = []
    search = _UNIT_CHAR.search
    # not strict: a text of no lines at all still splits into one empty line
    for line, start in zip(source.lines, source.line_starts, strict=False):
        if search(line) is None:
            continue
        end = start + len(line)
        if spans and spans[-1][1] + 1 == start:  # the line right after the last run's
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
    return spans


_DELIM = re.compile("[" + "".join(map(re.escape, _DELIMS)) + "]")
_CLAUSE_BEFORE = 40  # characters of a count's clause looked at before it
_WORDS_AFTER = 30  # and after it, when nothing comes before


def _label(text: str, start: int, end: int) -> str:
    """The words a count is about: the clause before it, else the words right after it."""
    label = _LABEL_NOISE.sub("", text[_clause_start(text, start) : start].strip(" " + _QUOTES))
    if label:
        return label
    delimiter = _DELIM.search(text, end, end + _WORDS_AFTER)
    right = delimiter.start() if delimiter else min(len(text), end + _WORDS_AFTER)
    return text[end:right].strip(" " + _QUOTES)


def _clause_start(text: str, start: int) -> int:
    """Where the clause before `start` begins: after the last delimiter, at most 40 back (found
    by searching the 40 characters reversed, not by a walk back character by character)."""
    low = max(0, start - _CLAUSE_BEFORE)
    delimiter = _DELIM.search(text[low:start][::-1])
    return low if delimiter is None else start - delimiter.start()


def extract_enumerations(source: SourceText, counts: tuple[Count, ...]) -> tuple[Enumeration, ...]:
    text = source.text
    found = [
        piece
        for c in counts
        if unit_class(c.unit) in ("count", "money")
        for e in [_enumeration_at(text, c, counts)]
        if e
        for piece in split_breakdowns(e, text)
    ]
    found.extend(_scoped_lists(text, counts, found))
    found.sort(key=lambda e: e.total.start)
    inside = _Spans([(e.parts[0].start, e.parts[-1].end) for e in found])
    # Every list is read as not nested: only those inside another are copied (a copy costs).
    return tuple(replace(e, nested=True) if inside.covers(e.total) else e for e in found)


# A sentence that opens on its scope: "在主动公开的信息中，…", "办结的申请中，…".
# White space bounded (40): unbounded `\s*` twice beside a group that also takes spaces made a
# run of spaces in PDF text cubic (a report plus 20,000 spaces: five minutes).
_SCOPE = re.compile(
    rf"(?:^|(?<=[。\n]))\s{{0,40}}{_NUMBERING}\s{{0,40}}(在?[^,。;:\n\d]{{2,16}}?)中\s*[,:]"
)
_SCOPE_NOISE = re.compile(r"^在|的|信息$|政府信息$|申请$|其中")
# Where a scope can start (the text's start, after 。 or a line break), and the "中," or "中:"
# that ends one: at most _SCOPE_REACH_END characters after its start (40 + 5 + 40 + 17).
_SCOPE_START = re.compile("[。\n]")
_SCOPE_END = re.compile(r"中\s*[,:]")
_SCOPE_REACH_END = 102


def _iter_scopes(text: str) -> Iterator[re.Match[str]]:
    """`_SCOPE.finditer(text)`, tried only where a scope can start and a "中," lies within its
    reach: the pattern backtracks through its two runs of white space at every place it is
    tried (a line of 40 spaces cost milliseconds), so most places are not tried at all."""
    ends = _positions(text, _SCOPE_END)
    if not ends:
        return
    resume = 0
    for start in (0, *(at + 1 for at in _positions(text, _SCOPE_START))):
        if start < resume:
            continue
        index = bisect.bisect_left(ends, start)
        if index == len(ends):
            return
        if ends[index] - start > _SCOPE_REACH_END:
            continue
        scope = _SCOPE.match(text, start)
        if scope is not None:
            resume = scope.end()
            yield scope


_SCOPE_REACH = 800  # how far back a scope's total may be stated (characters)


def _scoped_lists(
    text: str, counts: tuple[Count, ...], found: list[Enumeration]
) -> list[Enumeration]:
    """A scope that names a total stated further back ("全年主动公开政府信息730条。……在主动公开
    的信息中，机构职能类16条，占2.2%"): the parts after it break that total down. Only where one
    count before it, of a few sentences, is named by the scope's words."""
    used = {e.parts[0].start for e in found}
    out = []
    for scope in _iter_scopes(text):
        words = _SCOPE_NOISE.sub("", scope.group(1))
        if len(words) < 2:
            continue
        end = _sentence_end(text, scope.end())
        first = next(iter(_between(counts, scope.end(), end, 1)), None)
        if first is None or first.start in used:
            continue
        named = [
            c
            for c in _between(counts, scope.start() - _SCOPE_REACH, scope.start())
            if unit_class(c.unit) == "count" and compatible(c.unit, first.unit) and words in c.label
        ]
        if len({c.label for c in named}) != 1 or len(named) != 1:
            continue
        total = named[0]
        parts, _ = _parts_in(text, total, counts, scope.end(), end)
        parts = _continue_by_shares(text, total, counts, parts)
        if parts:
            shares = tuple(_share_after_cached(text, part.end) for part in parts)
            # Linked across sentences: its shares and an excess are certain, a shortfall is not.
            out.append(
                Enumeration(
                    total, tuple(parts), "中", False, shares if any(shares) else (), open_end=True
                )
            )
    return out


def split_breakdowns(enumeration: Enumeration, text: str) -> list[Enumeration]:
    """Two breakdowns of one total in one sentence ("120件，其中网上80件、信函40件；予以公开70件、
    不予公开50件") are two lists: a run of exact parts that reaches the total exactly closes one.
    One count after it goes on with the same list ("…信函2件、当面1件": an excess), unless a
    semicolon stands between (a new clause, the start of another breakdown the copy may cut)."""
    total, parts = enumeration.total, enumeration.parts
    if not total.number.exact or len(parts) < 3:
        return [enumeration]
    pieces: list[Enumeration] = []
    start, running = 0, Decimal(0)
    for index, part in enumerate(parts):
        if not part.number.exact:
            return [enumeration]
        running += part.number.value
        if running == total.number.value and index + 1 < len(parts) and index > start:
            pieces.append(_piece(enumeration, start, index + 1))
            start, running = index + 1, Decimal(0)
    if not pieces:
        return [enumeration]
    rest = parts[start:]
    if not any(p.number.value for p in rest):
        return [enumeration]  # zeros left over: the same breakdown goes on
    if len(rest) == 1 and ";" not in text[parts[start - 1].end : rest[0].start]:
        return [enumeration]  # one count left over, in the same clause: the list goes on
    return [*pieces, _piece(enumeration, start, len(parts))]


def _piece(enumeration: Enumeration, start: int, end: int) -> Enumeration:
    shares = enumeration.shares[start:end] if enumeration.shares else ()
    return replace(
        enumeration, parts=enumeration.parts[start:end], shares=shares if any(shares) else ()
    )


class _Spans:
    """Whether some span holds a count, in log time (a pairwise test is quadratic in the lists)."""

    def __init__(self, spans: list[tuple[int, int]]):
        spans = sorted(spans)
        self._starts = [start for start, _ in spans]
        self._reach: list[int] = []  # the farthest end among the spans up to this one
        for _, end in spans:
            self._reach.append(max(end, self._reach[-1]) if self._reach else end)

    def covers(self, count: Count) -> bool:
        index = bisect.bisect_right(self._starts, count.start)
        return index > 0 and self._reach[index - 1] >= count.end


def _enumeration_at(text: str, total: Count, counts: tuple[Count, ...]) -> Enumeration | None:
    located = _parts_span(text, total, counts)
    if located is None:
        return None
    intro, start, end = located
    parts, open_end = _parts_in(text, total, counts, start, end)
    if intro != "(":
        parts = _continue_by_shares(text, total, counts, parts)
    if not parts:
        return None
    shares = tuple(_share_after_cached(text, part.end) for part in parts)
    return Enumeration(
        total, tuple(parts), intro, False, shares if any(shares) else (), open_end=open_end
    )


def _parts_span(text: str, total: Count, counts: tuple[Count, ...]) -> tuple[str, int, int] | None:
    """Where the parts of `total` are listed: a bracket, a following 其中, or the next sentence."""
    after = total.end
    # A bracket, 其中 or a list's words can only follow the total past white space and one , or
    # ; : one match finds the character they must begin with, most counts go no further.
    gap = _GAP.match(text, after)
    opens = gap is not None and text[gap.end() : gap.end() + 1] in _LIST_OPENERS
    paren = _PAREN_HERE.match(text, after) if opens else None
    if paren:
        close = _matching_paren(text, paren.end() - 1)
        return ("(", paren.end(), close) if close else None
    sentence_end = _sentence_end(text, after)
    qizhong = _QIZHONG_HERE.match(text, after) if opens else None
    words = _WORDS_HERE.match(text, after) if opens else None
    if (qizhong or words) and _ends_a_list(text, total, counts):
        return (
            None  # "信函3件、网络申请1件，其中…": 其中 may take the whole list, not its last item
        )
    if qizhong:
        return "其中", qizhong.end(), sentence_end
    if words:
        return words.group(1), words.end(), sentence_end
    own_intro = _OWN_INTRO.match(text, after, sentence_end)
    if own_intro:
        return "中", own_intro.end(), sentence_end
    following = _NEXT_INTRO.match(text, sentence_end + 1)
    if following is None or text[sentence_end : sentence_end + 1] not in "。\n":
        return None
    if _CATEGORY_INTRO.fullmatch(following.group(1)):
        if _sole_count(text, total, counts, sentence_end):
            return "主要类别", following.end(), _sentence_end(text, following.end())
        return None
    if text[sentence_end : sentence_end + 1] != "。":
        return None
    if following.group(1) == "其中":  # "…1913条。其中，…": the list right after the total
        if text[total.end : sentence_end].strip(" ,") or _ends_a_list(text, total, counts):
            return None
        if not _stands_for_its_sentence(text, total, counts, sentence_end):
            return None
        return "其中", following.end(), _sentence_end(text, following.end())
    if _introduced_total(text, total, counts, sentence_end, following.group(1)):
        return "中", following.end(), _sentence_end(text, following.end())
    return None


def _ends_a_list(text: str, total: Count, counts: tuple[Count, ...]) -> bool:
    """`total` is the last item of a list run on with 、 ("信函3件、网络申请1件"): a 其中 after it
    may break down the item or the whole list, so neither is a certain total."""
    before = _between(counts, max(0, total.start - 40), total.start)
    if not before:
        return False
    gap = text[before[-1].end : total.start]
    return "、" in gap and not re.search(r"[,，;；。:：\n]", gap)


def _stands_for_its_sentence(text: str, total: Count, counts: tuple[Count, ...], end: int) -> bool:
    """The last count of a sentence is what a 其中 opening the next one breaks down only when
    it is the sentence's one count of its kind, or stated as a total (共…): after parallel
    counts ("通过网站公开754条，通过新媒体公开2808条，通过其他方式公开54条。其中，…") the 其中
    may take any of them, or all."""
    kind = unit_class(total.unit)
    peers = [c for c in _sentence_of(text, total, counts, end) if unit_class(c.unit) == kind]
    return len(peers) <= 1 or _stated_as_total(text, total)


def _sentence_of(text: str, total: Count, counts: tuple[Count, ...], end: int) -> tuple[Count, ...]:
    """The counts of the sentence that holds `total`, up to `end`: at most _MAX_LISTED + 1."""
    return _between(counts, _last_before(text, _STOP, total.start) + 1, end, _MAX_LISTED + 1)


def _stated_as_total(text: str, total: Count) -> bool:
    return bool(_TOTAL_CUE.search(_raw_clause(text, total.start)))


def _introduced_total(
    text: str, total: Count, counts: tuple[Count, ...], end: int, intro: str
) -> bool:
    """Is `total` the one a next sentence's "…中，" breaks down ("答复意见中", "办结的申请中")?

    The only count of its sentence, stated as a total (共…); or, among several, the one whose
    words the intro repeats ("…办结53件。办结的申请中，…").
    """
    sentence = _sentence_of(text, total, counts, end)
    if len(sentence) > _MAX_LISTED:
        return False  # not a sentence of prose: a table run together, or hostile input
    peers = [c for c in sentence if unit_class(c.unit) == "count"]
    words = _INTRO_WORDS.sub("", intro)
    words = re.sub(r"^在|的?信息$", "", words)
    if len(peers) == 1:  # a total (共…), or the count the intro names ("在主动公开的信息中")
        label = total.label
        return _stated_as_total(text, total) or (len(words) >= 2 and words in label)
    named = [c for c in peers if words and (words in c.label or c.label in words)]
    return len(named) == 1 and named[0].start == total.start


def _sole_count(text: str, total: Count, counts: tuple[Count, ...], end: int) -> bool:
    """`total` is the only count of its sentence (a numbered sub-paragraph's one figure)."""
    start = max(_last_before(text, _STOP, total.start), _last_before(text, _LINE_END, total.start))
    return [c.start for c in _between(counts, start + 1, end, 2)] == [total.start]


def _sentence_end(text: str, start: int) -> int:
    ends = _positions(text, _SENTENCE_END)
    index = bisect.bisect_left(ends, start)
    return ends[index] if index < len(ends) else len(text)


# Per text and per tuple of counts, the positions each lookup needs, found once: searching from
# every count to its sentence's end (or over every count) is quadratic on a long line of counts
# ("1件" 50,000 times, or a PDF's table run together). Keyed by identity, one entry each: the
# callers ask about one text at a time, and a tuple or string is never mutated.
_POSITIONS: list[tuple[str, dict[str, list[int]]]] = []
_STARTS: list[tuple[tuple[Count, ...], list[int]]] = []
_TRAITS: list[tuple[str, dict[int, tuple[bool, bool, bool, bool]]]] = []
_SHARES: list[tuple[str, dict[int, Number | None]]] = []


def _positions(text: str, pattern: re.Pattern[str]) -> list[int]:
    """Where `pattern` matches in `text`, in order, found once per text."""
    cached = _POSITIONS[0] if _POSITIONS else None
    if cached is None or cached[0] is not text:
        cached = (text, {})
        _POSITIONS[:] = [cached]
    if pattern.pattern not in cached[1]:
        cached[1][pattern.pattern] = [m.start() for m in pattern.finditer(text)]
    return cached[1][pattern.pattern]


def _last_before(text: str, pattern: re.Pattern[str], position: int) -> int:
    """`text.rfind(char, 0, position)` without scanning back over a long line each time."""
    found = _positions(text, pattern)
    index = bisect.bisect_left(found, position)
    return found[index - 1] if index > 0 else -1


def _between(
    counts: tuple[Count, ...], start: int, end: int, limit: int | None = None
) -> tuple[Count, ...]:
    """The counts (in text order) that start in [start, end), at most `limit` of them."""
    cached = _STARTS[0] if _STARTS else None
    if cached is not None and cached[0] is counts:
        starts = cached[1]
    else:
        starts = [c.start for c in counts]
        _STARTS[:] = [(counts, starts)]
    low, high = bisect.bisect_left(starts, start), bisect.bisect_left(starts, end)
    return counts[low : high if limit is None else min(high, low + limit)]


def _traits(text: str, count: Count) -> tuple[bool, bool, bool, bool]:
    """Whether a count is stated as a total (共…), opens a 其中 list, starts a new subject (另有…),
    is a change not a part: the same for every list the count may be in, so worked out once."""
    cached = _TRAITS[0] if _TRAITS else None
    if cached is None or cached[0] is not text:
        cached = (text, {})
        _TRAITS[:] = [cached]
    known = cached[1].get(count.start)
    if known is None:
        clause = _raw_clause(text, count.start)
        known = (
            _TOTAL_CUE.search(clause) is not None,
            _QIZHONG_HERE.match(text, count.end) is not None,
            _NEW_SUBJECT.match(clause.lstrip()) is not None,
            _NOT_A_PART.search(count.label) is not None,
        )
        cached[1][count.start] = known
    return known


def _share_after_cached(text: str, end: int) -> Number | None:
    """`_share_after`, once per place: a count is a part of many overlapping lists."""
    cached = _SHARES[0] if _SHARES else None
    if cached is None or cached[0] is not text:
        cached = (text, {})
        _SHARES[:] = [cached]
    if end not in cached[1]:
        cached[1][end] = _share_after(text, end)
    return cached[1][end]


def _matching_paren(text: str, open_at: int) -> int | None:
    depth = 0
    for index in range(open_at, min(len(text), open_at + 400)):
        if text[index] == "(":
            depth += 1
        elif text[index] == ")":
            depth -= 1
            if depth == 0:
                return index
        elif text[index] in "。\n":
            return None
    return None


def _parts_in(
    text: str, total: Count, counts: tuple[Count, ...], start: int, end: int
) -> tuple[list[Count], bool]:
    """The counts listed as parts, in order; a new total ("共办理718件") or a count of another
    kind ("访问量3782565次" after 条) ends the list: the sentence has moved on."""
    parts: list[Count] = []
    depth, depth_at = 0, start  # bracket depth from `start`, carried forward count by count
    for count in _between(counts, start, end, _MAX_LISTED):
        depth += _depth(text, depth_at, count.start)
        depth_at = count.start
        if count.end > end or depth != 0:
            continue
        if unit_class(count.unit) != "count" and unit_class(count.unit) != unit_class(total.unit):
            continue  # shares and amounts inside the list are not parts
        cue, new_total, new_subject, not_a_part = _traits(text, count)
        if not compatible(total.unit, count.unit) or cue:
            break
        if parts and new_total:  # "…；行政诉讼46件，其中…": a new total
            break
        if parts and new_subject:
            return parts, True
        if not not_a_part:
            parts.append(count)
    return parts, False


def _raw_clause(text: str, start: int) -> str:
    """The words right before a count, as written (共/合计 kept)."""
    return text[_clause_start(text, start) : start]


def _depth(text: str, start: int, end: int) -> int:
    return text.count("(", start, end) - text.count(")", start, end)


def _continue_by_shares(
    text: str, total: Count, counts: tuple[Count, ...], parts: list[Count]
) -> list[Count]:
    """Follow a list into the next sentences while each part reads "N条，占Y%" (G011, G019),
    until its parts account for the total: a sentence after that starts a new subject, often a
    second breakdown of the same total ("…当面提交13件，占比1.3%。公民个人提出申请1030件，占比
    98.5%…")."""
    if not parts or _share_after(text, parts[-1].end) is None:
        return parts
    extended = list(parts)
    while not _accounted(total, extended):
        start = _sentence_end(text, extended[-1].end) + 1
        if text[start - 1 : start] != "。":
            return extended
        nxt = next(iter(_between(counts, start, len(text) + 1, 1)), None)
        if (
            nxt is None
            or nxt.unit != total.unit
            or nxt.start > _sentence_end(text, start)
            or _share_after(text, nxt.end) is None
        ):
            return extended
        extended.append(nxt)
    return extended


def _accounted(total: Count, parts: list[Count]) -> bool:
    """The parts, all exact, add up to the exact total."""
    if not total.number.exact or not all(p.number.exact for p in parts):
        return False
    return sum(p.number.value for p in parts) == total.number.value


def _share_after(text: str, end: int) -> Number | None:
    match = _SHARE.match(text, end)
    if not match:
        return None
    number = next(iter_numbers(match.group(2) + "%"), None)
    return number.number if number else None
