"""Shares stated for the parts of a total ("1397条，占73%") against part / total (spec §5 D-3).

A share matches when it equals part / total × 100 rounded to the written decimals; writers who
truncate instead of rounding (45.38% written 45.3%) are tolerated when allow_truncation is set.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from typing import Any

from checker.core.findings import Problem, json_value
from checker.core.model import Count, Message, Report
from checker.core.numbers import Number

NAME = "share_claims"

# The JSON Schema of this kind's `params`: the rule loader validates them with it, and
# rules/schema/rule-pack.schema.json is built from it (`ogi-check schema rule-pack`).
PARAMS_SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "properties": {"allow_truncation": {"type": "boolean"}},
}


@dataclass(frozen=True)
class Params:
    allow_truncation: bool


def build_params(raw: Mapping[str, Any]) -> Params:
    return Params(bool(raw.get("allow_truncation", True)))


def check(params: Params, report: Report) -> Iterator[Problem]:
    for enumeration in report.enumerations:
        total = enumeration.total
        if not total.number.exact or not total.number.value or not enumeration.shares:
            continue
        for part, share in zip(enumeration.parts, enumeration.shares, strict=True):
            if (
                share is not None
                and part.number.exact
                and not share_matches(
                    part.number.value, total.number.value, share, params.allow_truncation
                )
            ):
                yield _problem(part, total, share)


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
            f"“{part.label}{part.number.value:f}{part.unit}”所占比例应为{shown}%，文中为{share.value}%",
            f"'{part.label}' {part.number.value:f} of {total.number.value:f} is {shown}%, the text says {share.value}%",
        ),
        part.location,
        where=f"{part.label}{part.number.value:f}{part.unit}",
        expected=json_value(shown),
        actual=json_value(share.value),
        formula=f"{part.number.value:f} / {total.number.value:f} × 100",
    )
