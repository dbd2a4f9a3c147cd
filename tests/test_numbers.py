"""checker.core.numbers: examples from the spec and the corpus, then properties."""

from __future__ import annotations

from decimal import Decimal
from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.core.numbers import (
    Number,
    iter_numbers,
    parse_cell,
    parse_chinese_integer,
    parse_number,
)

# No example database: the run must not leave a .hypothesis folder in the work tree.
PROPERTY = settings(database=None, deadline=None)
D = Decimal


# --- parse_number: one expression per string -----------------------------------------------

# text, value, low, high, percent, decimals, approx
PARSE_EXAMPLES = [
    ("13106余条", "13106", "13106", None, False, 0, "余"),
    ("8.1万件", "81000", "80500", "81500", False, 1, "万"),
    ("4.5万件", "45000", "44500", "45500", False, 1, "万"),
    ("2亿", "200000000", "150000000", "250000000", False, 0, "亿"),
    ("1.3億次", "130000000", "125000000", "135000000", False, 1, "億"),
    ("1100余次", "1100", "1100", None, False, 0, "余"),
    ("70余条", "70", "70", None, False, 0, "余"),
    ("30多个", "30", "30", None, False, 0, "多"),
    ("10余万人次", "100000", "100000", None, False, 0, "余"),
    ("8万余件", "80000", "80000", None, False, 0, "余"),
    ("100人以上", "100", "100", None, False, 0, "以上"),
    ("超过100件", "100", "100", None, False, 0, "超过"),
    ("逾200人", "200", "200", None, False, 0, "逾"),
    ("多达50场", "50", "50", None, False, 0, "多达"),
    ("突破 300 万", "3000000", "3000000", None, False, 0, "突破"),
    ("近1000条", "1000", None, "1000", False, 0, "近"),
    ("近 300 个", "300", None, "300", False, 0, "近"),
    ("将近20件", "20", None, "20", False, 0, "将近"),
    ("不足10人", "10", None, "10", False, 0, "不足"),
    ("不超过10件", "10", None, "10", False, 0, "不超过"),
    ("3日以内", "3", None, "3", False, 0, "以内"),
    ("约100人", "100", None, None, False, 0, "约"),
    ("共约100件", "100", None, None, False, 0, "共约"),
    ("50件左右", "50", None, None, False, 0, "左右"),
    ("约100人左右", "100", None, None, False, 0, "约"),
    ("98.7%", "98.7", "98.7", "98.7", True, 1, None),
    ("98.7％", "98.7", "98.7", "98.7", True, 1, None),
    ("100%", "100", "100", "100", True, 0, None),
    ("百分之百", "100", "100", "100", True, 0, None),
    ("百分之九十八点七", "98.7", "98.7", "98.7", True, 1, None),
    ("百分之零点五", "0.5", "0.5", "0.5", True, 1, None),
    ("五十九", "59", "59", "59", False, 0, None),
    ("两千人次", "2000", "2000", "2000", False, 0, None),
    ("五十九万件", "590000", "585000", "595000", False, 0, "万"),
    ("三点五万", "35000", "34500", "35500", False, 1, "万"),
    ("二十余万元", "200000", "200000", None, False, 0, "余"),
    ("251000元", "251000", "251000", "251000", False, 0, None),
    ("+1036", "1036", "1036", "1036", False, 0, None),
    ("-8", "-8", "-8", "-8", False, 0, None),
    ("−8", "-8", "-8", "-8", False, 0, None),
    ("负8", "-8", "-8", "-8", False, 0, None),
    ("1,234", "1234", "1234", "1234", False, 0, None),
    ("1，234", "1234", "1234", "1234", False, 0, None),
    ("12,345,678", "12345678", "12345678", "12345678", False, 0, None),
    ("１２３４．５", "1234.5", "1234.5", "1234.5", False, 1, None),
    ("  59人(次) ", "59", "59", "59", False, 0, None),
]


@pytest.mark.parametrize(
    ("text", "value", "low", "high", "percent", "decimals", "approx"), PARSE_EXAMPLES
)
def test_parse_number_examples(
    text: str,
    value: str,
    low: str | None,
    high: str | None,
    percent: bool,
    decimals: int,
    approx: str | None,
) -> None:
    bounds = [None if b is None else D(b) for b in (low, high)]
    expected = Number(D(value), bounds[0], bounds[1], percent, decimals, approx)
    assert parse_number(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "  ",
        "abc",
        "3 4",
        "12a",
        "t2018",
        "第三",
        "一是",
        "十三五",
        "三五",
        "1,2345",
        "2019.03.05",
        "5件6件",
        "百分之",
    ],
)
def test_parse_number_rejects(text: str) -> None:
    assert parse_number(text) is None


def test_exact_and_as_json() -> None:
    exact, rounded = parse_number("59"), parse_number("8.1万")
    percent = parse_number("98.7%")
    assert exact and rounded and percent
    assert exact.exact and not rounded.exact and percent.exact
    assert (exact.as_json(), rounded.as_json(), percent.as_json()) == (59, 81000, 98.7)
    assert isinstance(rounded.as_json(), int)


# --- parse_chinese_integer --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("五十九", 59),
        ("一百零三", 103),
        ("两千", 2000),
        ("十五", 15),
        ("十", 10),
        ("零", 0),
        ("二〇一八", 2018),
        ("二○一八", 2018),
        ("二零二一", 2021),
        ("壹佰", 100),
        ("贰拾叁", 23),
        ("一千零十", 1010),
        ("三千五", 3500),
        ("一万五", 15000),
        ("一万零三", 10003),
        ("一亿零一万", 100010000),
        ("三亿五千万", 350000000),
        ("一万亿", 10**12),
        ("百", 100),
        ("十二", 12),
        ("三十一", 31),
    ],
)
def test_parse_chinese_integer_examples(text: str, value: int) -> None:
    assert parse_chinese_integer(text) == value


@pytest.mark.parametrize(
    "text",
    ["", "abc", "5", "十百", "三五", "十三五", "五零", "一二三十", "两〇一八", "五亿三亿", "第一"],
)
def test_parse_chinese_integer_rejects(text: str) -> None:
    assert parse_chinese_integer(text) is None


# --- iter_numbers: running prose ----------------------------------------------------------

SEED = (
    "我厅政府网站全年共发布信息13106余条,在信息发布……日均与网民互动私信70余条,与网民互动26000余人次。"
    "全年共累计受理各类审批事项430/次,接受办事群众各类事项咨询累计1100余次,妥善处理群众上访事件7次,"
    "群众满意率100% 。2018年公安民心网共接受群众诉求8.1万件,办理优秀率达98.7%"
)


def triples(text: str, *, chinese: bool = True) -> list[tuple[str, str, Decimal]]:
    return [(m.raw, m.unit, m.number.value) for m in iter_numbers(text, chinese=chinese)]


def test_iter_numbers_seed_report() -> None:
    assert triples(SEED) == [
        ("13106余条", "条", D(13106)),
        ("70余条", "条", D(70)),
        ("26000余人次", "人次", D(26000)),
        ("430", "", D(430)),
        ("1100余次", "次", D(1100)),
        ("7次", "次", D(7)),
        ("100%", "%", D(100)),
        ("2018年", "年", D(2018)),
        ("8.1万件", "件", D(81000)),
        ("98.7%", "%", D("98.7")),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("共收到公开申请59人（次）", [("59人（次）", "人(次)", D(59))]),
        ("部门预算于20183月、8月公开", [("20183月", "月", D(20183)), ("8月", "月", D(8))]),
        ("共3,截至年底", [("3", "", D(3))]),
        ("受理1,234件，办结1，100件", [("1,234件", "件", D(1234)), ("1，100件", "件", D(1100))]),
        (
            "短视频近 300 个，粉丝总量近 45.9 万人",
            [("近 300 个", "个", D(300)), ("近 45.9 万人", "人", D(459000))],
        ),
        ("参加100人以上，约50件左右。", [("100人以上", "人", D(100)), ("约50件左右", "件", D(50))]),
        ("本年增/减-8，+1036", [("-8", "", D(-8)), ("+1036", "", D(1036))]),
        ("2019-03-05", [("2019", "", D(2019)), ("03", "", D(3)), ("05", "", D(5))]),
        (
            "共收到五十九件、两千人次，召开一次会议",
            [("五十九件", "件", D(59)), ("两千人次", "人次", D(2000)), ("一次", "次", D(1))],
        ),
        (
            "二〇一八年一月二十日",
            [("二〇一八年", "年", D(2018)), ("一月", "月", D(1)), ("二十日", "日", D(20))],
        ),
        ("十余年，二十多个部门", [("十余年", "年", D(10)), ("二十多个", "个", D(20))]),
        ("达到百分之九十八点七", [("百分之九十八点七", "", D("98.7"))]),
        ("15个工作日以内答复", [("15个", "个", D(15))]),  # 以内 follows 工作日, not the counter
        (
            "节约100万元，最近3年，通过12345热线",
            [("100万元", "元", D(1000000)), ("3年", "年", D(3)), ("12345", "", D(12345))],
        ),
    ],
)
def test_iter_numbers_examples(text: str, expected: list[tuple[str, str, Decimal]]) -> None:
    assert triples(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "一、总体情况",
        "（一）制度建设情况",
        "一是加强领导，二是完善制度",
        "统一部署",
        "一站双微平台",
        "依据第二十条第（一）项",
        "上一年项目数量",
        "数十件",
        "每一件群众申请",
        "与网民一起",
        "一次性告知",
        "统一多部门",
        "十三五期间",
        "见 t20181225_123.html 与 abc123、5G、COVID-19",
        "发布于2019.03.05",
        "万一",
        "百姓",
    ],
)
def test_iter_numbers_finds_nothing(text: str) -> None:
    assert triples(text) == []


def test_iter_numbers_chinese_off() -> None:
    assert triples("收到五十九件，百分之百，另有12件", chinese=False) == [("12件", "件", D(12))]


def test_iter_numbers_offsets_include_markers() -> None:
    text = "全年共约100件，其中近1000条"
    spans = [(m.start, m.end, m.raw) for m in iter_numbers(text)]
    assert spans == [(2, 8, "共约100件"), (11, 17, "近1000条")]
    assert all(text[start:end] == raw for start, end, raw in spans)


def test_iter_numbers_bounds_in_prose() -> None:
    found = {m.raw: m.number for m in iter_numbers("信息13106余条，诉求8.1万件，近1000条，约5次")}
    assert (found["13106余条"].low, found["13106余条"].high) == (D(13106), None)
    assert (found["8.1万件"].low, found["8.1万件"].high) == (D(80500), D(81500))
    assert (found["近1000条"].low, found["近1000条"].high) == (None, D(1000))
    assert (found["约5次"].low, found["约5次"].high) == (None, None)


# --- parse_cell -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "kind", "value", "unit", "signed"),
    [
        ("", "blank", None, "", False),
        ("  \n", "blank", None, "", False),
        *[
            (p, "placeholder", D(0), "", False)
            for p in ("—", "——", "-", "－", "/", "／", "无", "\\")
        ],
        ("251000元", "number", D(251000), "元", False),
        ("3.5万元", "number", D("3.5"), "万元", False),
        ("+461", "number", D(461), "", True),
        ("-8", "number", D(-8), "", True),
        ("+1036", "number", D(1036), "", True),
        ("０", "number", D(0), "", False),
        (" 12 件 ", "number", D(12), "件", False),
        ("1，234", "number", D(1234), "", False),
        ("12a", "invalid", None, "", False),
        ("3 4", "invalid", None, "", False),
        ("约5", "invalid", None, "", False),
        ("五", "invalid", None, "", False),
    ],
)
def test_parse_cell(raw: str, kind: str, value: Decimal | None, unit: str, signed: bool) -> None:
    cell = parse_cell(raw)
    assert (cell.kind, cell.value, cell.unit, cell.signed) == (kind, value, unit, signed)


# --- properties -------------------------------------------------------------------------------

CN_DIGITS = "零一二三四五六七八九"
FULL_WIDTH = str.maketrans("0123456789-,.", "０１２３４５６７８９－，．")
FINANCIAL = str.maketrans("一二三四五六七八九十百千", "壹贰叁肆伍陆柒捌玖拾佰仟")
UNITS = ["件", "人次", "条", "个", "人(次)", "元"]
# Filler with no numerals, units, markers or word-forming neighbours of a numeral.
FILLER = st.text(
    alphabet="的和与在对我厅政务开展情况报告申请办理结果、。；：", min_size=1, max_size=6
)


def to_chinese(n: int) -> str:
    """The standard Chinese numeral for 0 <= n."""
    for size, name in ((10**8, "亿"), (10**4, "万")):
        if n >= size:
            head, tail = divmod(n, size)
            gap = "零" if 0 < tail < size // 10 else ""
            return to_chinese(head) + name + gap + (to_chinese(tail) if tail else "")
    return _chinese_section(n)


def _chinese_section(n: int) -> str:
    text, gap = "", False
    for size, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = n // size % 10
        if digit:
            text += ("零" if gap else "") + CN_DIGITS[digit] + name
        gap = bool(text) and not digit
    return (text[1:] if text.startswith("一十") else text) or "零"


def test_to_chinese_helper() -> None:
    assert [to_chinese(n) for n in (0, 15, 103, 1010, 10003, 590000, 100010000)] == [
        "零",
        "十五",
        "一百零三",
        "一千零一十",
        "一万零三",
        "五十九万",
        "一亿零一万",
    ]


@PROPERTY
@given(st.integers(-(10**15), 10**15))
def test_arabic_formats_round_trip(n: int) -> None:
    for text in (str(n), f"{n:,}", str(n).translate(FULL_WIDTH), f"{n:,}".translate(FULL_WIDTH)):
        number = parse_number(text)
        assert number is not None and number.value == n and number.exact
        assert [m.number.value for m in iter_numbers(text)] == [n]


@PROPERTY
@given(st.integers(1, 10**16 - 1))
def test_chinese_numerals_round_trip(n: int) -> None:
    text = to_chinese(n)
    assert parse_chinese_integer(text) == n
    assert parse_chinese_integer(text.translate(FINANCIAL)) == n
    number = parse_number(text)
    assert number is not None and number.value == n


@PROPERTY
@given(st.integers(1000, 9999))
def test_digit_by_digit_years(year: int) -> None:
    text = "".join("〇一二三四五六七八九"[int(c)] for c in str(year))
    assert parse_chinese_integer(text) == year
    assert [(m.raw, m.number.value) for m in iter_numbers(f"于{text}年发布")] == [
        (text + "年", D(year))
    ]


def _token(draw: st.DrawFn) -> tuple[str, Decimal]:
    """One number as a report might write it, with its value."""
    n = draw(st.integers(-(10**12), 10**12))
    unit = draw(st.sampled_from(["", *UNITS]))
    marker = draw(st.sampled_from(["", "近", "约", "超过"]))
    style = draw(st.sampled_from(["plain", "comma", "wide", "chinese", "wan"]))
    if style == "chinese":
        return marker + to_chinese(abs(n) or 1) + (unit or "件"), D(abs(n) or 1)
    if style == "wan":
        return f"{marker}{D(n).scaleb(-1)}万{unit}", D(n) * 1000
    text = {"plain": str(n), "comma": f"{n:,}", "wide": f"{n:,}".translate(FULL_WIDTH)}[style]
    return marker + text + unit, D(n)


@st.composite
def prose(draw: st.DrawFn) -> tuple[str, list[str], list[Decimal]]:
    tokens = [_token(draw) for _ in range(draw(st.integers(1, 6)))]
    pieces = [draw(FILLER)]
    for text, _ in tokens:
        pieces += [text, draw(FILLER)]
    return "".join(pieces), [t for t, _ in tokens], [n for _, n in tokens]


@PROPERTY
@given(prose())
def test_iter_numbers_recovers_joined_numbers(case: tuple[str, list[str], list[Decimal]]) -> None:
    text, raws, values = case
    found = list(iter_numbers(text))
    assert [m.number.value for m in found] == values
    assert [m.raw for m in found] == raws
    assert all(text[m.start : m.end] == m.raw for m in found)
    assert all(a.end <= b.start for a, b in pairwise(found))


PREFIXES = [
    "",
    "超过",
    "逾",
    "多达",
    "近",
    "将近",
    "接近",
    "不到",
    "不足",
    "约",
    "大约",
    "共约",
    "突破",
]
BEFORE_UNIT = ["", "余", "多", "以上", "以下", "左右", "不到"]
AFTER_UNIT = ["", "以上", "以下", "以内", "左右", "上下", "余"]


@PROPERTY
@given(
    st.sampled_from(PREFIXES),
    st.decimals(0, 10**9, places=2),
    st.sampled_from(["", "万", "亿"]),
    st.sampled_from(BEFORE_UNIT),
    st.sampled_from(UNITS),
    st.sampled_from(AFTER_UNIT),
)
def test_value_lies_within_bounds(
    prefix: str, value: Decimal, mult: str, before: str, unit: str, after: str
) -> None:
    number = parse_number(f"{prefix}{value:f}{mult}{before}{unit}{after}")
    assert number is not None
    assert number.low is None or number.low <= number.value
    assert number.high is None or number.value <= number.high
    assert number.exact == (not (prefix or mult or before or after))
    if prefix or before or after:
        assert number.low is None or number.high is None  # a marker is never an exact value


@PROPERTY
@given(
    st.integers(0, 4).flatmap(
        lambda places: st.tuples(st.just(places), st.decimals(0, 10**6, places=places))
    ),
    st.sampled_from(["万", "亿"]),
)
def test_multipliers_are_exact(case: tuple[int, Decimal], mult: str) -> None:
    places, written = case
    size = D(10) ** (4 if mult == "万" else 8)
    number = parse_number(f"{written:f}{mult}件")
    half = size / 10**places / 2
    assert number is not None
    assert (number.value, number.decimals, number.approx) == (written * size, places, mult)
    assert (number.low, number.high) == (written * size - half, written * size + half)


@PROPERTY
@given(
    st.integers(-(10**12), 10**12),
    st.sampled_from(["", "+"]),
    st.sampled_from(["", "元", "万元", "件"]),
)
def test_parse_cell_numbers(n: int, plus: str, unit: str) -> None:
    text = (plus if n >= 0 else "") + str(n) + unit
    cell = parse_cell(f" {text} ")
    assert (cell.kind, cell.value, cell.unit) == ("number", D(n), unit)
    assert cell.signed == (n < 0 or plus == "+")
