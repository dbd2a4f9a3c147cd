"""Whether the copy holds the whole report: a web excerpt, a crawler dump that stops inside a
table or a heading, a copy that starts mid-report. What lies beyond a cut is unknown, so the
checks say "cannot assess" there instead of "missing".

Signals, each a different way copies end (../shared/corpus/README.md):

- the last line stops mid-sentence: on an ideograph, a comma, an opening bracket, a list marker
  (but not on the 日 of a date, 事项, 无, or a signature line naming the body);
- page furniture after the text (【打印】【关闭】, 字号 大 中 小, 附件下载): the page's end was
  copied, so the report is whole whatever its last sentence looks like;
- a table the reader found cut off, or one the text ends in before its last row was read;
- the opening lists the parts ("由…六个部分组成", or their names) and the text stops at a full stop
  after a lower-numbered part, with no signature or date after it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace

from checker.core.model import Message, Section, SourceText, Table, TableNote
from checker.core.numbers import parse_chinese_integer

# What a whole report ends on: a sentence end (perhaps inside a closing quote or bracket), a
# closing bracket, digits (a table), the 日 of a date, 事项, 无, a signature, a download link.
# Anything else — an ideograph, a comma, an opening quote, a list marker, "·" — is a cut.
_CLOSED = re.compile(r"(([。!?…]|(?<=[\u4e00-\u9fff)”])\.)[”’」』)\]]*|[)\]」』]|\d)$")
# A list marker ("1.", "（三）") or a number cut at its decimal point ("8652."): never an end.
_LIST_MARKER = re.compile(r"((^|[^\d])\d{1,2}[.、]|\([一二三四五六七八九十\d]{1,3}\)|\d\.)$")
# A number run straight on from a word with no unit after it ("…共收到政府信息公开申请5"): the
# copy stopped inside the sentence. Table rows are told apart by their delimiters.
_CUT_NUMBER = re.compile(r"([^\d.\-:/\s]\s?\d{1,6}(\.\d+)?|:\s?\d{1,5})$")
# ... or the attached file's name, the page's download link ("…统计表.xls").
_COMPLETE_END = re.compile(
    r"(事项|无|附件.*|(附件|文件|相关|全文)下载|下载附件|\.(xlsx?|docx?|pdf|wps|et|zip|rar))$",
    re.IGNORECASE,
)
# A signature: a short line of its own naming a body ("清河县人民政府办公室").
_BODY = r"(局|厅|委员会|办公室|人民政府|管委会|街道办事处)"
# A body's name never opens with a preposition: "按照政务和大数据局" is a sentence the copy cut
# after a body it names, not a signature.
_NOT_A_NAME = (
    r"(?!按照|根据|依据|依照|遵照|经过|通过|结合|会同|对于|关于|为了|由于|按|在|对|把|被|与)"
)
_SIGNATURE = re.compile(rf"^{_NOT_A_NAME}[^\s|,。;:，；：、()（）\d]{{2,30}}{_BODY}$")
# A line that is a date however garbled ("2019年2月13日", "2019-02-13", "2019213").
_DATE_LINE = re.compile(r"^(19|20)\d{2}[\d年月日.\-/\s]{2,12}$")
# A closing date: alone on its line or after a signature ("平潭综合实验区公安局 2020年1月17日"),
# not the date a sentence runs on from ("统计周期为 2024 年 1 月 1 日" + cut).
_DATE = (
    r"(19|20|二〇|二○)[\d〇○零一二三四五六七八九十]{2}\s*年\s*[\d〇○零一二三四五六七八九十]{1,2}\s*月"
    r"\s*[\d〇○零一二三四五六七八九十]{1,3}\s*日$"
)
_DATED_END = re.compile(rf"(^|(^|[。\s])[^\s,。;:，；：]{{2,30}}{_BODY}\s*){_DATE}")
# A number with no unit or punctuation after it, run into the next label ("数条00对申请…"):
# a flattened table's cell. Prose counts carry units ("1520件、286件").
_BARE_NUMBER = re.compile(
    r"\d+(?:\.\d+)?(?![\d.%,、])(?!\s?[件条项次个人名家万元份篇期场所余多年月日号])"
)
# A count's label, its unit, then the figure, as a statistics table's columns put it
# ("行政诉讼数 件 0"); prose puts the unit after ("行政诉讼0件").
_UNIT_THEN_FIGURE = re.compile(r"(数|额)\s?(件|条|项|次|个|元|人次)\s?\d{1,9}$")
_TABLE_TAIL = 80
# Words of a statistics table's header (spec §4): a text that ends on them stops in the table.
_TABLE_HEAD = re.compile(
    r"本列数据的勾稽关系|申请人情况|法人或其他组织|信息内容|第二十条第|结果维持|尚未审结|未经复议直接起诉"
)  # characters of the last line looked at for a flattened table row
_PAGE_NUMBER = re.compile(r"^[-—–\s]*\d{1,3}[-—–\s]*$|^第\s*\d+\s*页")
# Page furniture of a government site after the article: the page's end was copied.
_FURNITURE = re.compile(
    r"【\s*(打印|关闭|收藏|返回顶部)\s*】|字号\s*[:：]?\s*[\[【]?\s*大\s*[\]】]?\s*[\[【]?\s*中"
    r"|打印本页|关闭窗口|附件下载|扫一扫|分享到|上一篇|下一篇|返回顶部"
)
_FURNITURE_TAIL = 400  # furniture is looked for in the last characters only
_AFTER_FURNITURE = 60  # ideographs after it that make it the top of a page, not the end
# The opening's outline: "由总体情况、主动公开…六个部分组成" / "包括…等六部分" / the parts named.
_OUTLINE = re.compile(r"(由|包括|分为|分)[^。]{0,160}?([一二三四五六七八九十\d]{1,2})\s*个?部分")
_OUTLINE_LIST = re.compile(r"(由|包括)([^。]{10,200}?)(组成|构成|几个部分|等部分|。)")
_PART_NAMES = (
    "总体情况|概述",
    "主动公开",
    "收到和处理|依申请",
    "复议|诉讼",
    "问题",
    "其他需要|其他报告|其他事项",
)
_OPENING = 3000  # the outline is in the opening paragraph
# An attachment counted as a part of the report: the statistics table, 附表, 附件.
_APPENDIX = re.compile(r"附表|附件|统计表")


def looks_truncated(
    source: SourceText, sections: Iterable[Section], tables: Mapping[str, Table]
) -> bool:
    """A copy that stops before the report's end: what is absent after the cut may exist."""
    text = source.text
    if _furnished_end(text):
        return False
    if any(_stops_inside(table) for table in tables.values()):
        return True
    lines = _last_lines(source)
    if not lines:
        return True
    if _ends_mid_sentence(lines):
        return True
    return _outline_unfinished(text, list(sections), lines)


def _furnished_end(text: str) -> bool:
    """Page furniture after the article ("【打印】【关闭】" with little but links after it): the page
    was copied to its end. The same furniture at the top of a short excerpt ("字号 大 中 小" and
    then the article, cut) is followed by the article's words and says nothing of the end."""
    found = list(_FURNITURE.finditer(text, max(0, len(text) - _FURNITURE_TAIL)))
    if not found:
        return False
    last = found[-1]
    after = text[last.end() :]
    return sum(1 for c in after if "\u4e00" <= c <= "\u9fff") < _AFTER_FURNITURE


def closed_end(source: SourceText) -> bool:
    """The text ends as a whole report does: a date, a signature, or the page's furniture."""
    text = source.text
    if _furnished_end(text):
        return True
    lines = _last_lines(source, 3)
    if _signed(lines) or (len(lines) > 1 and _signed(lines[:-1]) and _DATE_LINE.match(lines[-1])):
        return True
    return bool(lines) and bool(_DATED_END.search(lines[-1]) or _DATE_LINE.match(lines[-1]))


def _signed(lines: list[str]) -> bool:
    """The last line is a signature: a body's name on a line of its own after a finished
    sentence ("…本局" after "进一步优化县政府门户网站" is a cut, not a signature)."""
    if not lines or not _SIGNATURE.match(lines[-1]):
        return False
    return len(lines) == 1 or bool(re.search(r"[。!?)”]$", lines[-2]))


_LOST = ("missing_row", "missing_column")


def cut_tables(tables: Mapping[str, Table]) -> dict[str, Table]:
    """In a copy cut off inside a table (the table runs to the end of the text), its rows and
    columns not seen are beyond the cut — "cannot assess", not missing from the report."""
    out = dict(tables)
    for key, table in tables.items():
        if table.reaches_end and any(n.code in _LOST for n in table.notes):
            out[key] = replace(table, notes=tuple(_cut(table, n) for n in table.notes))
    return out


def _cut(table: Table, note: TableNote) -> TableNote:
    if note.code not in _LOST:
        return note
    name = table.name or table.key
    return TableNote(
        "truncated",
        Message(
            f"文本在{name}中途结束（原文不完整）：{note.message.zh}——可能在截断处之后，不是报告缺项，无法核对",
            f"the text ends inside {table.key} (the copy is incomplete): {note.message.en} — "
            "possibly beyond the cut, not missing from the report",
        ),
        note.where,
        note.location,
    )


def _stops_inside(table: Table) -> bool:
    """The reader saw the table cut off, or the text ends in it before its last row was read."""
    if any(note.code == "truncated" for note in table.notes):
        return True
    last = next(reversed(list(table.row_labels)), None)
    return table.reaches_end and last is not None and last not in table.cells


def looks_headless(sections: Sequence[Section], has_title: bool) -> bool:
    """A copy that starts after the report's beginning: its first numbered part is not the
    first ("三、收到和处理…" at the top of a page excerpt), title or not — a page's running
    header ("Page 9 - …年度报告") or a crawler's caption names the report above any page of it;
    or it has no part at all: with no title, the copy starts inside the last part; with one,
    when its first sub-part is not the first either ("(三)…", no "一、" before it)."""
    first = next((s for s in sections if s.level == 1), None)
    if first is not None:
        return (first.number or 1) > 1
    if not has_title:
        return True
    return bool(sections) and (sections[0].number or 1) > 1


def _last_lines(source: SourceText, count: int = 3) -> list[str]:
    """The last non-empty lines (page numbers skipped), in order."""
    found: list[str] = []
    for line in reversed(source.lines):
        text = line.strip().strip("|").strip()
        if text and not _PAGE_NUMBER.match(text):
            found.append(text)
            if len(found) == count:
                break
    return found[::-1]


def _ends_mid_sentence(lines: list[str]) -> bool:
    line = lines[-1]
    head = _TABLE_HEAD.search(line)
    if head and not re.search(r"\d", line[head.end() :]):
        return True  # a table's header with no row after it: the copy stops in the table
    if _LIST_MARKER.search(line):
        return True
    if _CUT_NUMBER.search(line) and not _table_like(lines):
        return True
    if _CLOSED.search(line):
        return False
    return not (_COMPLETE_END.search(line) or _signed(lines) or _DATED_END.search(line))


def _table_like(lines: list[str]) -> bool:
    """A table's last row — delimited, flattened (several numbers after the last sentence end)
    or one "label number" row a line (the last lines all end in a number) — which a report of
    the 2008 era may end with; not a sentence cut in a number."""
    line = lines[-1]
    if "|" in line or "\t" in line or re.search(r"\S\s{2,}\d", line):
        return True
    if _UNIT_THEN_FIGURE.search(line):
        return True  # "行政复议数 件 0": a 2008 statistics row (label, unit, figure)
    tail = re.split(r"[。;!?]", line[-_TABLE_TAIL:])[-1]
    if len(_BARE_NUMBER.findall(tail)) >= 3:
        return True
    return len(lines) >= 3 and all(re.search(r"\d$", x) and "。" not in x for x in lines)


def _outline_unfinished(text: str, sections: list[Section], lines: list[str]) -> bool:
    """The opening promises more parts than the text reaches, and nothing closes the text."""
    if _DATED_END.search(lines[-1]) or _signed(lines):
        return False
    promised = promised_parts(text[:_OPENING])
    tops = [s for s in sections if s.level == 1]
    if promised is None or not tops:
        return False
    reached = tops[-1].number or len(tops)
    if _appendix_counted(text[:_OPENING]) and _APPENDIX.search(text, tops[-1].start):
        reached += 1  # "…、附表等六个部分" with five numbered parts and the table after them
    return reached < promised and not re.search(_PART_NAMES[-1], tops[-1].title)


def _appendix_counted(opening: str) -> bool:
    """The opening counts an attachment among the parts ("…存在的问题、附表等六个部分组成")."""
    match = _OUTLINE.search(opening) or _OUTLINE_LIST.search(opening)
    return match is not None and _APPENDIX.search(match.group(0)) is not None


def promised_parts(opening: str) -> int | None:
    """How many parts the opening says the report has, if it says."""
    match = _OUTLINE.search(opening)
    if match:
        count = match.group(2)
        return int(count) if count.isdigit() else parse_chinese_integer(count)
    listed = _OUTLINE_LIST.search(opening)
    if listed is None:
        return None
    named = sum(1 for names in _PART_NAMES if re.search(names, listed.group(2)))
    return named if named >= 3 else None
