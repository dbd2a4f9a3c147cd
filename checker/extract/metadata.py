"""Title, agency, report year, publication date, statistics period, body type and era."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date

from checker.core.model import NOWHERE, Location, Metadata, Period, Section, SourceText
from checker.extract.dates import DATE, iter_dates, parse_date

_HEAD_LINES = 40  # the title and the publication field sit near the top
_TAIL_LINES = 12  # the closing signature sits near the end
_TITLE = re.compile(r"(政府信息公开|政务公开|信息公开).{0,12}(年度)?报告")
_YEAR_IN_TITLE = re.compile(r"((?:19|20)\d{2})\s*年")
# The year the opening gives the report it names, not the year of a law it cites before that
# ("《条例》(2007年4月5日…公布，2019年4月3日…修订)…特向社会公布…2021年政府信息公开工作年度报告").
_YEAR_OF_REPORT = re.compile(
    r"((?:19|20)\d{2})\s*年度?[^\d。\n]{0,20}?(?:政府信息公开|政务公开|信息公开)[^。\n]{0,8}?报告"
)
# The first line of a title broken after its year: a body's name, then the year.
_TITLE_HEAD = re.compile(r"^[^\s\d,。:]{2,30}(?:19|20)\d{2}\s*年度?$")
_PUBLISHED = re.compile(r"(发布时间|发布日期|公开日期|成文日期|发文日期|印发日期|日期|时间)[\s:|]*")
_AGENCY_FIELD = re.compile(r"(发布机构|发布单位|来源|信息来源|发文机关)\s*:[\s|]*([^\s|:]{2,40})")
_AGENCY_END = re.compile(
    r"(人民政府|政府|办公厅|办公室|委员会|管委会|街道办事处|街道|局|厅|委|办|署|院|中心|镇|乡|所|队|站|会|部|处"
    r"|省|市|县|区|州|旗|盟)$"  # a place name in a title stands for its government
)
# "统计期限", and the same with 数据 between ("统计数据时间段为…", "统计数据的期限").
_PERIOD_KEY = re.compile(r"统计(?:数据的?)?(期限|期间|时限|时间段|时段|区间|范围|周期|时间)")
# The period in other words: "数据的时间范围为…", "本报告涵盖…期间"; taken only with a year after it.
_PERIOD_WORDS = re.compile(
    r"(?:数据|报告)[^。\n]{0,8}?(?:时间范围|时间区间|起止时间|时间跨度)|涵盖(?=[^。\n]{0,40}期间)"
)
_YEAR_AHEAD = re.compile(r"[^。\n]{0,12}?(?:19|20)\d{2}")
_WHOLE_YEAR = re.compile(r"[^。\n\d]{0,12}?((?:19|20)\d{2})\s*(?:年度|全年|年(?![\d月]))")
# A date that lost 年 ("20221月1日") or 月 ("2022年1231日").
_GARBLED_DATE = re.compile(r"((?:19|20)\d{2})(?:(\d{1,2})月|年\d{3,4}日|年\d{1,2}日)")
_FIELD_LABEL = re.compile(r"^(标题|题目|名称)\s*:\s*")
_END_WITHOUT_YEAR = re.compile(
    r"\s*(?:起)?\s*[,、]?\s*[至到\-—~]\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"
)
# Only the period's end: "统计时间截至2019年12月31日" (the year's figures up to its last day).
_UP_TO = re.compile(r"[^。\n\d]{0,6}?(?:截至|截止到?)\s*$")
_TOWNSHIP = re.compile(r"(镇|乡|街道|街道办事处|苏木|(镇|乡)人民政府|(镇|乡)政府)$")
_GOVERNMENT = re.compile(r"(人民政府|政府|管委会|管理委员会|行政公署|省|市|县|区|州|旗|盟)$")


def extract_metadata(source: SourceText, sections: tuple[Section, ...]) -> Metadata:
    lines = source.lines
    title_index = _title_index(lines)
    title = _title(lines, title_index)
    title_location = Location(title_index + 1, 1) if title_index is not None else NOWHERE
    year = _year(title, source)
    published, published_source, published_location = _published(source)
    agency = _agency(lines, title_index, title)
    kind = agency_kind(agency) if agency else None
    return Metadata(
        title=title,
        title_location=title_location,
        agency=agency,
        year=year,
        published=published,
        published_source=published_source,
        published_location=published_location,
        period=_period(source),
        agency_kind=kind,
        agency_kind_source="name" if kind else None,
        era=era_of_year(year),
        era_source="year" if year else None,
    )


def metadata_from_data(meta: Metadata, data: Mapping[str, str]) -> Metadata:
    """Metadata stated by structured report data wins over what the text suggests."""
    year = int(data["year"]) if "year" in data else meta.year
    kind = data.get("agency_kind")
    published = data.get("published")
    return replace(
        meta,
        title=data.get("title", meta.title),
        agency=data.get("agency", meta.agency),
        year=year,
        era=era_of_year(year) if year else meta.era,
        era_source="year" if year else meta.era_source,
        published=date.fromisoformat(published) if published else meta.published,
        published_source="data" if published else meta.published_source,
        agency_kind=kind or meta.agency_kind,
        agency_kind_source="data" if kind else meta.agency_kind_source,
    )


def era_of_year(year: int | None) -> str | None:
    if year is None:
        return None
    return "2008" if year <= 2018 else "2019" if year <= 2020 else "2021"


def agency_kind(agency: str) -> str:
    name = agency.strip()
    if _TOWNSHIP.search(name):
        return "township"
    if _GOVERNMENT.search(name):
        return "government"
    return "department"


def _title_index(lines: Sequence[str]) -> int | None:
    for index, line in enumerate(lines[:_HEAD_LINES]):
        text = line.strip(" #*|")
        joined = text + lines[index + 1].strip() if index + 1 < len(lines) else text
        broken = len(text) < 40 and "公开" in text and _TITLE.search(joined)  # title over two lines
        if len(text) <= 80 and (_TITLE.search(text) or broken):
            if index and _TITLE_HEAD.search(lines[index - 1].strip(" #*|")):
                return index - 1  # "…委员会2025年度" over "政府信息公开工作报告"
            return index
    return None


def _title(lines: Sequence[str], index: int | None) -> str | None:
    if index is None:
        return None
    text = _FIELD_LABEL.sub("", lines[index].strip(" #*|"))
    if not re.search(r"报告", text) and index + 1 < len(lines):
        text += lines[index + 1].strip(" #*|")  # a title broken over two lines
    return re.sub(r"\s+", "", text)


def _year(title: str | None, source: SourceText) -> int | None:
    match = _YEAR_IN_TITLE.search(title or "")
    # no year in a title: the opening names the report ("…公布…2021年政府信息公开工作年度报告")
    if match is None:
        opening = source.text[:600]
        match = _YEAR_OF_REPORT.search(opening) or _YEAR_IN_TITLE.search(opening)
    return int(match.group(1)) if match else None


def _published(source: SourceText) -> tuple[date | None, str | None, Location]:
    head_end = source.line_starts[min(_HEAD_LINES, len(source.line_starts)) - 1]
    for match in _PUBLISHED.finditer(source.text, 0, head_end + 200):
        found = next(iter_dates(source.text, match.end(), match.end() + 24), None)
        if found and found.start == match.end():
            return found.value, "发布时间", source.locate(found.start)
    return _signature_date(source)


def _signature_date(source: SourceText) -> tuple[date | None, str | None, Location]:
    lines = source.lines
    for index in range(len(lines) - 1, max(-1, len(lines) - _TAIL_LINES - 1), -1):
        line = lines[index].strip()
        match = DATE.fullmatch(line)
        if match:
            value = parse_date(line)
            if value:
                return value, "signature", Location(index + 1, lines[index].find(line[0]) + 1)
    return None, None, NOWHERE


def _agency(lines: Sequence[str], title_index: int | None, title: str | None) -> str | None:
    candidates = [_title_prefix(title), _field_agency(lines), _line_before(lines, title_index)]
    for candidate in candidates:
        if candidate and _AGENCY_END.search(candidate):
            return candidate
    return None


def _title_prefix(title: str | None) -> str | None:
    if not title:
        return None
    match = re.match(r"(.{2,40}?)((?:19|20)\d{2})\s*年", title)
    if match:
        return match.group(1).strip("《 ")
    # The year first: "2019年上海市人民政府办公厅政府信息公开工作年度报告".
    first = re.match(r"《?(?:19|20)\d{2}\s*年度?(.{2,40}?)政府信息公开", title)
    return first.group(1).strip() if first else None


def _field_agency(lines: Sequence[str]) -> str | None:
    for line in lines[:_HEAD_LINES]:
        match = _AGENCY_FIELD.search(line)
        if match:
            return match.group(2)
    return None


def _line_before(lines: Sequence[str], title_index: int | None) -> str | None:
    if not title_index:
        return None
    for line in reversed(lines[max(0, title_index - 3) : title_index]):
        text = line.strip()
        if 2 <= len(text) <= 30:
            return text
    return None


def _period_key(text: str) -> re.Match[str] | None:
    """The first statement of the period, in the template's words or in other words."""
    key = _PERIOD_KEY.search(text)
    if key is not None:  # the template's words, wherever they are, win over other words
        return key
    for other in _PERIOD_WORDS.finditer(text):
        if _YEAR_AHEAD.match(text, other.end()):
            return other
    return None


def _period(source: SourceText) -> Period | None:
    match = _period_key(source.text)
    if not match:
        return None
    window_end = min(len(source.text), match.end() + 60)
    dates = list(iter_dates(source.text, match.end(), window_end))
    location = source.locate(match.start())
    raw = source.text[match.start() : window_end].split("\n")[0]
    if len(dates) >= 2:
        first, last = dates[0].value, dates[1].value
        return Period(raw, first.year, first, last, location)
    if dates:  # "自2022年1月1日至12月31日": the end date takes the start's year
        first = dates[0].value
        tail = _END_WITHOUT_YEAR.match(source.text, dates[0].end, window_end)
        if tail:
            end = _safe_date(first.year, int(tail.group(1)), int(tail.group(2)))
            if end:
                return Period(raw, first.year, first, end, location)
        before = source.text[match.end() : dates[0].start]
        if (first.month, first.day) == (12, 31) and _UP_TO.match(before):
            return Period(raw, first.year, None, first, location)
    garbled = _GARBLED_DATE.search(source.text, match.end(), window_end)
    if garbled is None and not dates:
        whole = _WHOLE_YEAR.match(source.text, match.end(), window_end)
        if whole:  # "时间范围为2023年度": a whole year, in words — stated, not garbled
            return Period(raw, int(whole.group(1)), None, None, location)
    year = int(garbled.group(1)) if garbled else None
    return Period(raw, year, None, None, location, malformed=True)


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None
