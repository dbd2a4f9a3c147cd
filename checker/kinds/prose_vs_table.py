"""Numbers stated in prose against the tables (spec §5, D-2, D-4, D-5, D-6).

Each claim is a pattern over the text: with a number group `n`, the number must equal the sum
of `cells` (or of one of the `also` alternatives, e.g. received counted with the carry-over);
without one (`zero`), the claim says "none", so those cells must sum to 0 ("未收到政府信息公开申请",
"答复率100%" needs nothing carried over).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from checker.core.findings import Problem, json_value
from checker.core.model import Message, Report
from checker.core.numbers import parse_number
from checker.kinds.cells import Address, cells_name, parse_address, sum_cells
from checker.kinds.common import RuleMatch, RulePattern, compile_all

NAME = "prose_vs_table"

# The JSON Schema of this kind's `params`: the rule loader validates them with it, and
# rules/schema/rule-pack.schema.json is built from it (`ogi-check schema rule-pack`).
PARAMS_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["claims"],
    "additionalProperties": False,
    "properties": {
        "claims": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "required": ["name", "regex"],
                "additionalProperties": False,
                "properties": {
                    "name": {"type": "string"},
                    "regex": {"$ref": "#/$defs/regex"},
                    "cells": {"$ref": "#/$defs/addresses"},
                    "also": {"type": "array", "items": {"$ref": "#/$defs/addresses"}},
                    "zero": {"$ref": "#/$defs/addresses"},
                },
                "oneOf": [{"required": ["cells"]}, {"required": ["zero"]}],
            },
        }
    },
}


@dataclass(frozen=True)
class Claim:
    name: str
    regex: RulePattern
    cells: tuple[tuple[Address, ...], ...]  # the reading first, then accepted alternatives
    zero: bool


@dataclass(frozen=True)
class Params:
    claims: tuple[Claim, ...]


def build_params(raw: Mapping[str, Any]) -> Params:
    claims = []
    for item in raw["claims"]:
        regex = compile_all([item["regex"]])[0]
        zero = "zero" in item
        if not zero and "n" not in regex.groupindex:
            raise ValueError(
                f"claim {item['name']!r}: the regex needs a group (?P<n>…) or use zero:"
            )
        readings = [item["zero"]] if zero else [item["cells"], *item.get("also", [])]
        cells = tuple(tuple(parse_address(a) for a in reading) for reading in readings)
        claims.append(Claim(item["name"], regex, cells, zero))
    return Params(tuple(claims))


def check(params: Params, report: Report) -> Iterator[Problem]:
    text = report.source.text
    for claim in params.claims:
        for match in claim.regex.finditer(text):
            problem = _judge(claim, report, match)
            if problem:
                yield problem


def _judge(claim: Claim, report: Report, match: RuleMatch) -> Problem | None:
    """Consistent when any reading the table has matches; reported against the first one it has.

    Readings may name cells of either era's template (T2[RULES][ISSUED] or [NEW_MADE]): only
    those present in the report count. No reading present: the table rules report the absence.
    """
    present = [(r, s) for r in claim.cells if (s := sum_cells(report, r)) is not None]
    if not present:
        return None
    stated = Decimal(0) if claim.zero else _stated(match)
    if stated is None or any(s == stated for _, s in present):
        return None
    reading, value = present[0]
    first = " + ".join(map(str, reading))
    said = match.group(0).strip()
    return Problem(
        Message(
            f"正文“{said}”与表格不一致：{cells_name(report, reading)}为 {value}",
            f"the text '{said}' disagrees with the table: {first} is {value}",
        ),
        report.source.locate(match.start()),
        where=first,
        expected=json_value(value),
        actual=json_value(stated),
        formula=f"{claim.name}: {first}",
    )


def _stated(match: RuleMatch) -> Decimal | None:
    number = parse_number(match.group("n"))
    return number.value if number and number.exact else None
