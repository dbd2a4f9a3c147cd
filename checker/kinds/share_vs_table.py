"""Percentages in prose ("予以公开59件，占45.3%") against the table totals.

A share of a total the text states itself belongs to `share_claims` (which also tries these
table bases); this rule takes the rest, so one wrong percentage is reported once.

The share must match count / denominator for one of the denominators the spec lists (办理结果
总计, 本年新收, 本年新收 + 上年结转), rounded — or truncated, which writers often do — to the
written decimals.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from checker.core.findings import Problem, json_value
from checker.core.model import Message, Report
from checker.core.numbers import parse_number
from checker.kinds.cells import Address, parse_address, sum_cells
from checker.kinds.common import RuleMatch, RulePattern, compile_all
from checker.kinds.share_claims import owned_shares, share_matches

NAME = "share_vs_table"

# The JSON Schema of this kind's `params`: the rule loader validates them with it, and
# rules/schema/rule-pack.schema.json is built from it (`ogi-check schema rule-pack`).
PARAMS_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["regex", "denominators"],
    "additionalProperties": False,
    "properties": {
        "regex": {"$ref": "#/$defs/regex"},
        "denominators": {"type": "array", "items": {"$ref": "#/$defs/addresses"}, "minItems": 1},
        "allow_truncation": {"type": "boolean"},
    },
}


@dataclass(frozen=True)
class Params:
    regex: RulePattern
    denominators: tuple[tuple[Address, ...], ...]
    allow_truncation: bool


def build_params(raw: Mapping[str, Any]) -> Params:
    regex = compile_all([raw["regex"]])[0]
    if not {"n", "p"} <= set(regex.groupindex):
        raise ValueError(
            "the regex needs the groups (?P<n>…) for the count and (?P<p>…) for the percentage"
        )
    denominators = tuple(tuple(parse_address(a) for a in d) for d in raw["denominators"])
    return Params(regex, denominators, bool(raw.get("allow_truncation", True)))


def check(params: Params, report: Report) -> Iterator[Problem]:
    totals = [t for t in (sum_cells(report, d) for d in params.denominators) if t]
    if not totals:
        return
    owned = owned_shares(report)
    for match in params.regex.finditer(report.source.text):
        if any(start <= match.start("n") < end for start, end in owned):
            continue  # a share of a total stated in the text: share_claims checks it
        count, share = parse_number(match.group("n")), parse_number(match.group("p") + "%")
        if count is None or share is None or not count.exact:
            continue
        if not any(share_matches(count.value, t, share, params.allow_truncation) for t in totals):
            yield _problem(report, match, count.value, share.value, totals[0])


def _problem(
    report: Report, match: RuleMatch, count: Decimal, share: Decimal, total: Decimal
) -> Problem:
    computed = (count * 100 / total).quantize(Decimal("0.01"))
    said = match.group(0).strip()
    return Problem(
        Message(
            f"“{said}”：{count}÷{total} = {computed}%，与所述{share}%不符（也不符合其他可能的基数）",
            f"'{said}': {count}/{total} = {computed}%, not {share}% (nor with the other denominators)",
        ),
        report.source.locate(match.start()),
        where=said,
        expected=json_value(computed),
        actual=json_value(share),
        formula=f"{count} / {total} × 100",
    )
