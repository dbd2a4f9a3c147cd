"""Year-over-year claims ("受理申请120件，同比上年的100件增长20%", "比上年增加15件") against the
two values, when the text states both.

The current value is the count right before the claim in its sentence; last year's value is
written in the claim ("同比上年的100件") or in the same sentence ("上年为100件"). A claim whose
other value is not in the text is not assessed (a batch compares it with last year's report).
A percentage change is (current − last) / last, rounded or truncated to the written decimals;
an amount is current − last. "个百分点" and "倍" are not checked: their base is ambiguous.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from typing import Any

from checker.core.findings import Problem
from checker.core.model import Count, Message, Report
from checker.core.numbers import parse_number

NAME = "change_claims"

# The JSON Schema of this kind's `params`: the rule loader validates them with it, and
# rules/schema/rule-pack.schema.json is built from it (`ogi-check schema rule-pack`).
PARAMS_SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "properties": {"allow_truncation": {"type": "boolean"}},
}


_UNIT = r"件次|人次|件|条|个|项|次|份|篇|场|人"
_CLAIM = re.compile(
    r"(?P<cmp>同比|较上年|比上年|较去年|比去年|与上年相比|与去年相比|较上一年度?|比上一年度?)(?:同期)?"
    rf"(?:[^,。;\d]{{0,4}}?(?P<prev>\d+)\s*(?:{_UNIT}))?\s*,?\s*"
    r"(?P<dir>增长|增加|上升|提高|多|下降|减少|降低|少)了?\s*"
    rf"(?P<amt>\d+(?:\.\d+)?)\s*(?P<unit>%|个百分点|倍|{_UNIT})"
)
_LAST_YEAR = re.compile(rf"(?:上年|去年|上一年度?)(?:同期)?[^,。;\d]{{0,4}}?(\d+)\s*(?:{_UNIT})")
_LAST_YEAR_CUE = re.compile(r"(上年|去年|上一年度?)(同期)?[^,。;\d]{0,4}$")
_LAST_YEAR_LABEL = re.compile(r"^(上年|去年|上一年度?)(同期)?(共|全年)?")
_DOWN = frozenset(("下降", "减少", "降低", "少"))


@dataclass(frozen=True)
class Params:
    """The rule's parameters (from its pack)."""

    allow_truncation: bool


def build_params(raw: Mapping[str, Any]) -> Params:
    return Params(bool(raw.get("allow_truncation", True)))


@dataclass(frozen=True)
class Claim:
    """One year-over-year claim: the count it is about and what it says changed."""

    current: Count
    direction: int  # +1 增长/增加, -1 下降/减少
    amount: str  # as written: "20", "12.5"
    unit: str  # "%" or the count's unit
    said: str  # the words, for messages
    last: Decimal | None  # last year's figure when the text states it


def check(params: Params, report: Report) -> Iterator[Problem]:
    for claim in claims(report):
        if claim.last is None:
            continue  # a batch compares it with last year's report (OGI-X007)
        wrong = judge(params, claim, claim.last)
        if wrong:
            expected, actual, formula = wrong
            yield problem(claim, claim.last, expected, actual, formula, "上年")


def claims(report: Report) -> Iterator[Claim]:
    """Every claim this kind can check, with last year's figure where the text states it."""
    text = report.source.text
    for match in _CLAIM.finditer(text):
        if match["unit"] in ("个百分点", "倍"):
            continue
        current = _current(report, match.start())
        if current is None:
            continue
        last = _last_year(text, current, match)
        if last is None:
            last = _stated_elsewhere(report, current)
        sign = -1 if match["dir"] in _DOWN else 1
        said = text[current.start : match.end()]
        yield Claim(current, sign, match["amt"], match["unit"], said, last)


def _current(report: Report, claim_start: int) -> Count | None:
    """The count the claim is about: the last one before it in its clause that is not last
    year's ("…120件，上年为100件，比上年增加20件" → 120)."""
    text = report.source.text
    start = max(text.rfind(mark, 0, claim_start) for mark in "。;\n") + 1
    this_year = [
        c
        for c in report.counts
        if start <= c.start
        and c.end <= claim_start
        and c.unit != "%"
        and not _LAST_YEAR_CUE.search(text, max(start, c.start - 8), c.start)
    ]
    if not this_year or claim_start - this_year[-1].end > 24:
        return None
    count = this_year[-1]
    return count if count.number.exact else None


def _last_year(text: str, current: Count, match: re.Match[str]) -> Decimal | None:
    if match["prev"]:
        return Decimal(match["prev"])
    own = _LAST_YEAR.search(text, current.end, match.start())
    return Decimal(own.group(1)) if own else None


def _stated_elsewhere(report: Report, current: Count) -> Decimal | None:
    """Last year's figure in another sentence of the paragraph, of the very same words
    ("受理申请120件，比上年增加15件。上年受理申请100件。")."""
    text = report.source.text
    start = text.rfind("\n", 0, current.start) + 1
    end = text.find("\n", current.end)
    end = len(text) if end < 0 else end
    found = {
        c.number.value
        for c in report.counts
        if start <= c.start < end
        and c is not current
        and c.unit == current.unit
        and c.number.exact
        and _LAST_YEAR_LABEL.sub("", c.label) == current.label
        and _LAST_YEAR_LABEL.match(c.label)
    }
    return found.pop() if len(found) == 1 else None


def judge(params: Params, claim: Claim, last: Decimal) -> tuple[str, str, str] | None:
    """(expected, actual, formula) when the claim does not fit the two figures, else None."""
    now = claim.current.number.value
    stated = parse_number(claim.amount)
    if stated is None:
        return None
    said = claim.direction * stated.value
    if claim.unit == "%":
        if not last:
            return None
        exact = (now - last) * 100 / last
        quantum = Decimal(1).scaleb(-stated.decimals)
        wanted = {exact.quantize(quantum, ROUND_HALF_UP)}
        if params.allow_truncation:
            wanted.add(exact.quantize(quantum, ROUND_DOWN))
        if said in wanted:
            return None
        shown = exact.quantize(Decimal(1).scaleb(-max(stated.decimals, 1)), ROUND_HALF_UP)
        return f"{shown}%", f"{said}%", f"({now} − {last}) / {last} × 100"
    if said == now - last:
        return None
    return f"{now - last}", f"{said}", f"{now} − {last}"


def problem(
    claim: Claim, last: Decimal, expected: str, actual: str, formula: str, source: str
) -> Problem:
    """`source` says where last year's figure came from: "上年" (this text) or last year's report."""
    unit = "" if claim.unit == "%" else claim.unit
    now = claim.current.number.value
    return Problem(
        Message(
            f"“{claim.said}”：本年{now}、{source}{last}，变化应为{expected}{unit}，"
            f"文中为{actual}{unit}",
            f"'{claim.said}': this year {now}, last year {last}: the change is "
            f"{expected}{unit}, the text says {actual}{unit}",
        ),
        claim.current.location,
        where=claim.said,
        expected=expected,
        actual=actual,
        formula=formula,
    )
