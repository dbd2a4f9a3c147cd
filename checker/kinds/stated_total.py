"""A stated total against its listed parts (spec §6).

Parts above the total is always a contradiction. Parts below it only where the list is known to
be exhaustive: every part belongs to one declared partition (the reply categories), or the parts'
shares add up to 100%. Approximate numbers are bounds: they can show parts exceed a total, never
that an exact sum is off. Parts that each equal the total (one count across several channels)
are not a partition at all.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from checker.core.findings import Problem, json_value
from checker.core.model import Count, Enumeration, Message, Report
from checker.kinds.common import clause_before, compile_all

NAME = "stated_total"

# The JSON Schema of this kind's `params`: the rule loader validates them with it, and
# rules/schema/rule-pack.schema.json is built from it (`ogi-check schema rule-pack`).
PARAMS_SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "partitions": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["name", "parts"],
                "additionalProperties": False,
                "properties": {"name": {"type": "string"}, "parts": {"$ref": "#/$defs/regexes"}},
            },
        },
        "shares_make_exhaustive": {"type": "boolean"},
    },
}


@dataclass(frozen=True)
class Partition:
    name: str
    parts: tuple[re.Pattern[str], ...]


@dataclass(frozen=True)
class Params:
    partitions: tuple[Partition, ...]
    shares_make_exhaustive: bool


def build_params(raw: Mapping[str, Any]) -> Params:
    partitions = tuple(
        Partition(p["name"], compile_all(p["parts"])) for p in raw.get("partitions", [])
    )
    return Params(partitions, bool(raw.get("shares_make_exhaustive", True)))


def check(params: Params, report: Report) -> Iterator[Problem]:
    for enumeration in report.enumerations:
        problem = _check_one(params, enumeration, report.source.text)
        if problem:
            yield problem


def _check_one(params: Params, enumeration: Enumeration, text: str) -> Problem | None:
    total, parts = enumeration.total, enumeration.parts
    if len(parts) > 1 and any(_same(p, total) for p in parts):
        return None  # each part repeats the total: overlapping channels, not a partition
    low = sum((p.number.low or Decimal(0) for p in parts), Decimal(0))
    if total.number.high is not None and low > total.number.high:
        return _problem(enumeration, "exceed", text)
    if _exhaustive(params, enumeration) and _all_exact(total, parts) and low != total.number.value:
        return _problem(enumeration, "differ", text)
    return None


def _same(part: Count, total: Count) -> bool:
    return part.number.exact and total.number.exact and part.number.value == total.number.value


def _all_exact(total: Count, parts: Sequence[Count]) -> bool:
    return total.number.exact and all(p.number.exact for p in parts)


def _exhaustive(params: Params, enumeration: Enumeration) -> bool:
    if params.shares_make_exhaustive and enumeration.shares and all(enumeration.shares):
        shares = sum((s.value for s in enumeration.shares if s), Decimal(0))
        if abs(shares - 100) <= Decimal("0.5") * len(enumeration.shares):
            return True
    return any(
        all(any(p.search(part.label) for p in partition.parts) for part in enumeration.parts)
        for partition in params.partitions
    )


def _problem(enumeration: Enumeration, how: str, text: str) -> Problem:
    total, parts = enumeration.total, enumeration.parts
    parts_sum = sum((p.number.value for p in parts), Decimal(0))
    formula = f"{_fmt(total)} = " + " + ".join(_fmt(p) for p in parts)
    stated = clause_before(text, total.start, total.end)
    if how == "exceed":
        message = Message(
            f"分项之和（{parts_sum:f}）大于所述总数（{total.number.value:f}）：{stated}",
            f"the parts add up to {parts_sum:f}, more than the stated total {total.number.value:f}: {stated}",
        )
    else:
        message = Message(
            f"分项之和（{parts_sum:f}）与所述总数（{total.number.value:f}）不符：{stated}",
            f"the parts add up to {parts_sum:f}, not the stated total {total.number.value:f}: {stated}",
        )
    return Problem(
        message,
        total.location,
        where=stated,
        expected=json_value(total.number.value),
        actual=json_value(parts_sum),
        formula=formula,
    )


def _fmt(count: Count) -> str:
    marker = count.number.approx if count.number.approx not in (None, "万", "亿") else ""
    return f"{count.number.value.normalize():f}{marker}"
