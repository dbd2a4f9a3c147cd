"""Properties of the prose readings: a list that balances never gives a finding, and changing
any one figure of a list known to be whole does; the same for shares and year-over-year claims."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from checker.api import check_text
from checker.core.rules import RuleSet
from checker.ruleset.load import load_rules

RULES: RuleSet = load_rules()
HEAD = "清河县人民政府2016年政府信息公开工作年度报告\n"
OUTCOMES = ["予以公开", "部分公开", "不予公开", "无法提供", "不予处理", "其他处理"]
MADE = ["主动公开", "依申请公开", "不予公开"]
counts = st.integers(min_value=1, max_value=900)
fast = settings(max_examples=40, deadline=None)


def rule_hits(text: str, rule: str) -> int:
    return sum(1 for f in check_text(HEAD + text, RULES).findings if f.rule.id == rule)


def listing(labels: list[str], values: list[int], unit: str = "件") -> str:
    return "，".join(f"{label}{value}{unit}" for label, value in zip(labels, values, strict=True))


@st.composite
def outcome_lists(draw: st.DrawFn) -> tuple[list[str], list[int]]:
    labels = draw(st.lists(st.sampled_from(OUTCOMES), min_size=2, max_size=6, unique=True))
    labels.sort(key=OUTCOMES.index)
    return labels, [draw(counts) for _ in labels]


@fast
@given(outcome_lists(), st.data())
def test_reply_categories_balance_or_are_caught(
    listed: tuple[list[str], list[int]], data: st.DataObject
) -> None:
    labels, values = listed
    total = sum(values)
    assert rule_hits(f"全年共办结申请{total}件，其中{listing(labels, values)}。", "OGI-N002") == 0
    index = data.draw(st.integers(0, len(values) - 1))
    delta = data.draw(st.integers(-values[index], 50).filter(lambda d: d != 0))
    changed = [v + delta if i == index else v for i, v in enumerate(values)]
    text = f"全年共办结申请{total}件，其中{listing(labels, changed)}。"
    assert rule_hits(text, "OGI-N002") == 1, text


@fast
@given(st.lists(counts, min_size=3, max_size=3), st.integers(0, 2), st.integers(-30, 30))
def test_made_or_obtained_named_in_full(values: list[int], index: int, delta: int) -> None:
    total = sum(values)
    text = f"全年共制作、获取政府信息{total}条，其中{listing(MADE, values, '条')}。"
    assert rule_hits(text, "OGI-N002") == 0
    changed = [v + delta if i == index else v for i, v in enumerate(values)]
    text = f"全年共制作、获取政府信息{total}条，其中{listing(MADE, changed, '条')}。"
    assert rule_hits(text, "OGI-N002") == (1 if delta else 0), text


@fast
@given(st.lists(counts, min_size=2, max_size=5), st.data())
def test_a_list_ending_in_the_rest_is_whole(values: list[int], data: st.DataObject) -> None:
    labels = [f"第{i + 1}类" for i in range(len(values) - 1)] + ["其他类"]
    labels = [label.replace("第", "类别") for label in labels]
    total = sum(values)
    intro = f"(一)主动公开政府信息数量共{total}条。(二)主要类别："
    assert rule_hits(intro + listing(labels, values, "条") + "。", "OGI-N002") == 0
    index = data.draw(st.integers(0, len(values) - 1))
    delta = data.draw(st.integers(-values[index], 40).filter(lambda d: d != 0))
    changed = [v + delta if i == index else v for i, v in enumerate(values)]
    assert rule_hits(intro + listing(labels, changed, "条") + "。", "OGI-N002") == 1


@fast
@given(counts, counts, counts, st.data())
def test_two_breakdowns_of_one_total(
    online: int, letters: int, granted: int, data: st.DataObject
) -> None:
    total = online + letters
    granted = min(granted, total)
    refused = total - granted
    text = (
        f"全年共收到申请{total}件，其中网上申请{online}件、信函申请{letters}件；"
        f"予以公开{granted}件、不予公开{refused}件。"
    )
    assert rule_hits(text, "OGI-N002") == 0, text
    delta = data.draw(st.integers(-granted, 30).filter(lambda d: d != 0))
    text = text.replace(f"予以公开{granted}件", f"予以公开{granted + delta}件")
    assert rule_hits(text, "OGI-N002") == 1, text


def share_of(part: int, total: int) -> Decimal:
    return (Decimal(part) * 100 / total).quantize(Decimal("0.1"), ROUND_HALF_UP)


@fast
@given(st.lists(counts, min_size=2, max_size=5), st.data())
def test_shares_match_or_are_caught(values: list[int], data: st.DataObject) -> None:
    total = sum(values)
    shares = [share_of(v, total) for v in values]
    body = "；".join(
        f"类别{i}信息{v}条，占{s}%" for i, (v, s) in enumerate(zip(values, shares, strict=True))
    )
    text = f"全年主动公开政府信息{total}条。在主动公开的信息中，{body}。"
    assert rule_hits(text, "OGI-N003") == 0, text
    index = data.draw(st.integers(0, len(values) - 1))
    bump = Decimal(data.draw(st.integers(1, 50))) / 10
    shares[index] += bump
    body = "；".join(
        f"类别{i}信息{v}条，占{s}%" for i, (v, s) in enumerate(zip(values, shares, strict=True))
    )
    text = f"全年主动公开政府信息{total}条。在主动公开的信息中，{body}。"
    assert rule_hits(text, "OGI-N003") == 1, text


@fast
@given(counts, counts, st.integers(1, 50))
def test_change_on_last_year(now: int, last: int, bump: int) -> None:
    change = (Decimal(now - last) * 100 / last).quantize(Decimal("0.1"), ROUND_HALF_UP)
    word = "增长" if change >= 0 else "下降"
    text = f"全年受理申请{now}件，同比上年的{last}件{word}{abs(change)}%。"
    assert rule_hits(text, "OGI-C010") == 0, text
    wrong = abs(change) + Decimal(bump) / 10
    text = f"全年受理申请{now}件，同比上年的{last}件{word}{wrong}%。"
    assert rule_hits(text, "OGI-C010") == 1, text
    text = f"全年受理申请{now}件，上年为{last}件，比上年{'增加' if now >= last else '减少'}{abs(now - last) + bump}件。"
    assert rule_hits(text, "OGI-C010") == 1, text
