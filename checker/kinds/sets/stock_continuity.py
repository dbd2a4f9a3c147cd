"""Stock continuity of table 二: in force this year ≈ in force last year + issued − repealed
(spec §5, `T2[*][IN_FORCE](N) ≈ IN_FORCE(N−1) + ISSUED(N) − REPEALED(N)`). Amendments and
re-counts break it legitimately, so the pack reports it as info."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from checker.core.findings import Problem
from checker.core.model import NOWHERE, Message, Report
from checker.kinds.sets.common import named, named_en, row_values
from checker.kinds.sets.contract import SetProblem

if TYPE_CHECKING:  # a set is built by a batch; a kind module is imported by every run
    from checker.kinds.sets.reportset import ReportSet

NAME = "stock_continuity"

# The JSON Schema of this kind's `params`: the rule loader validates them with it, and
# rules/schema/rule-pack.schema.json is built from it (`ogi-check schema rule-pack`).
PARAMS_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["rows", "stock"],
    "additionalProperties": False,
    "description": "Set kind: stock(N) = stock(N-1) + sum(added)(N) - sum(removed)(N), per row.",
    "properties": {
        "table": {"$ref": "#/$defs/table_key"},
        "rows": {"type": "array", "items": {"type": "string"}, "minItems": 1},
        "stock": {"type": "string"},
        "added": {"type": "array", "items": {"type": "string"}},
        "removed": {"type": "array", "items": {"type": "string"}},
    },
}


@dataclass(frozen=True)
class Params:
    table: str
    rows: tuple[str, ...]
    stock: str
    added: tuple[str, ...]
    removed: tuple[str, ...]


def build_params(raw: Mapping[str, Any]) -> Params:
    return Params(
        str(raw.get("table", "T2")),
        tuple(raw["rows"]),
        str(raw["stock"]),
        tuple(raw.get("added", ())),
        tuple(raw.get("removed", ())),
    )


def extract(params: Params, report: Report) -> dict[str, Any]:
    """Per row: the stock, what was added and removed this year (only when every cell is read)."""
    rows = {}
    for row in params.rows:
        values, where = row_values(report, params.table, row)
        needed = (params.stock, *params.added, *params.removed)
        if all(col in values for col in needed):
            rows[row] = {
                "stock": values[params.stock],
                "added": sum(Decimal(str(values[c])) for c in params.added),
                "removed": sum(Decimal(str(values[c])) for c in params.removed),
                "location": where or NOWHERE,
            }
    return rows


def check(params: Params, reports: ReportSet, rule: str) -> Iterator[SetProblem]:
    for summary, previous, mine, theirs in reports.year_pairs(rule):
        for row, now in mine.items():
            if row not in theirs:
                continue
            before = Decimal(str(theirs[row]["stock"]))
            expected = before + now["added"] - now["removed"]
            if Decimal(str(now["stock"])) == expected:
                continue
            yield SetProblem(
                summary.index,
                _problem(params, row, now, before, expected, previous),
                previous.index,
            )


def _problem(
    params: Params,
    row: str,
    now: Mapping[str, Any],
    before: Decimal,
    expected: Decimal,
    previous: Any,
) -> Problem:
    cell = f"{params.table}[{row}][{params.stock}]"
    added = "+".join(f"{params.table}[{row}][{c}]" for c in params.added) or "0"
    removed = "+".join(f"{params.table}[{row}][{c}]" for c in params.removed) or "0"
    return Problem(
        Message(
            f"{cell}为{now['stock']}，按上一年度报告{named(previous)}的{before}加本年增加{now['added']}、减去本年减少{now['removed']}应为{expected}（有修订等情形时可不一致）",
            f"{cell} = {now['stock']}, but the previous year's {before} (report {named_en(previous)}) + {now['added']} − {now['removed']} = {expected} (amendments may explain it)",
        ),
        now["location"],
        where=cell,
        expected=int(expected) if expected == expected.to_integral_value() else float(expected),
        actual=now["stock"],
        formula=f"{cell}(N) = {cell}(N-1) + {added} - {removed}",
    )
