"""Shares stated for the parts of a total ("1397条，占73%") against part / total.

A share matches when it equals part / total × 100 rounded to the written decimals; writers who
truncate instead of rounding (45.38% written 45.3%) are tolerated when allow_truncation is set.
A reader tries the bases the writer may have meant — the total the list breaks down (the scope:
"在主动公开的信息中，…"), the applications received or answered stated earlier, the table's
totals — so a share is flagged only when none of them fits.

This rule owns every share written after a part of a listed total; `share_vs_table` owns the
shares that have no total in the text (one defect, one finding).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from typing import Any

from checker.core.findings import Problem, json_value
from checker.core.model import Count, Enumeration, Message, Report
from checker.core.numbers import Number
from checker.kinds.cells import Address, parse_address, sum_cells
from checker.kinds.common import RulePattern, compile_all

NAME = "share_claims"

# The JSON Schema of this kind's `params`: the rule loader validates them with it, and
# rules/schema/rule-pack.schema.json is built from it (`ogi-check schema rule-pack`).
PARAMS_SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "allow_truncation": {"type": "boolean"},
        "bases": {
            "$ref": "#/$defs/regexes",
            "description": "Words of counts stated earlier that a share may be "
            "of (received, answered).",
        },
        "table_bases": {
            "type": "array",
            "items": {"type": "array", "items": {"type": "string"}},
            "description": "Table cells (summed) that a share may be of, "
            "tried when the text's total does not fit.",
        },
    },
}


@dataclass(frozen=True)
class Params:
    """The rule's parameters (from its pack)."""

    allow_truncation: bool
    bases: tuple[RulePattern, ...] = ()  # words of other counts a share may be of
    table_bases: tuple[tuple[Address, ...], ...] = ()


def build_params(raw: Mapping[str, Any]) -> Params:
    return Params(
        bool(raw.get("allow_truncation", True)),
        compile_all(raw.get("bases", [])),
        tuple(tuple(parse_address(a) for a in d) for d in raw.get("table_bases", [])),
    )


def check(params: Params, report: Report) -> Iterator[Problem]:
    tables = [t for t in (sum_cells(report, d) for d in params.table_bases) if t]
    for enumeration in report.enumerations:
        total = enumeration.total
        if not total.number.exact or not total.number.value or not enumeration.shares:
            continue
        found = False
        for part, share in zip(enumeration.parts, enumeration.shares, strict=True):
            if share is None or not part.number.exact:
                continue
            bases = [total.number.value, *_prose_bases(params, report, enumeration, part), *tables]
            if not any(
                share_matches(part.number.value, b, share, params.allow_truncation) for b in bases
            ):
                found = True
                yield _problem(part, total, share)
        if not found:
            over = _over_whole(enumeration)
            if over:
                yield over


def _over_whole(enumeration: Enumeration) -> Problem | None:
    """The shares of parts that make up the whole exactly cannot add up to more than 100%
    (beyond rounding), whatever base each was taken of."""
    total, parts, shares = enumeration.total, enumeration.parts, enumeration.shares
    if len(parts) < 2 or any(s is None for s in shares) or not all(p.number.exact for p in parts):
        return None
    if sum((p.number.value for p in parts), Decimal(0)) != total.number.value:
        return None
    stated = [s for s in shares if s is not None]
    slack = sum((Decimal(5).scaleb(-s.decimals - 1) for s in stated), Decimal(0))  # half-up
    added = sum((s.value for s in stated), Decimal(0))
    if added <= 100 + slack:
        return None
    listed = " + ".join(f"{s.value}%" for s in stated)
    return Problem(
        Message(
            f"“{total.label}{total.number.value:f}{total.unit}”的各分项合计即为总数，"
            f"但所述占比合计{added}%，超过100%",
            f"the parts make up the total {total.number.value:f}, yet their shares add up to {added}%",
        ),
        total.location,
        where=f"{total.label}{total.number.value:f}{total.unit}",
        expected=100,
        actual=json_value(added),
        formula=f"{listed} = {added}%",
    )


def owned_shares(report: Report) -> list[tuple[int, int]]:
    """Spans of the parts whose share this rule checks (for the table rule to leave alone)."""
    return [
        (part.start, part.end)
        for e in report.enumerations
        if e.shares and e.total.number.exact and e.total.number.value
        for part, share in zip(e.parts, e.shares, strict=True)
        if share is not None
    ]


def _prose_bases(
    params: Params, report: Report, enumeration: Enumeration, part: Count
) -> list[Decimal]:
    """Counts stated before the part whose words say they may be its base (收到/办结…申请)."""
    if not params.bases:
        return []
    return [
        c.number.value
        for c in report.counts
        if c.start < part.start
        and c.number.exact
        and c.number.value
        and c.unit == enumeration.total.unit
        and any(p.search(c.label) for p in params.bases)
    ]


def share_matches(part: Decimal, total: Decimal, share: Number, allow_truncation: bool) -> bool:
    exact = part * 100 / total
    quantum = Decimal(1).scaleb(-share.decimals)
    if exact.quantize(quantum, ROUND_HALF_UP) == share.value:
        return True
    return allow_truncation and exact.quantize(quantum, ROUND_DOWN) == share.value


def _problem(part: Count, total: Count, share: Number) -> Problem:
    exact = part.number.value * 100 / total.number.value
    shown = exact.quantize(Decimal(1).scaleb(-max(share.decimals, 1)), ROUND_HALF_UP)
    return Problem(
        Message(
            f"“{part.label}{part.number.value:f}{part.unit}”所占比例应为{shown}%"
            f"（{part.number.value:f}÷{total.number.value:f}），文中为{share.value}%",
            f"'{part.label}' {part.number.value:f} of {total.number.value:f} is {shown}%, the text says {share.value}%",
        ),
        part.location,
        where=f"{part.label}{part.number.value:f}{part.unit}",
        expected=json_value(shown),
        actual=json_value(share.value),
        formula=f"{part.number.value:f} / {total.number.value:f} × 100",
    )
