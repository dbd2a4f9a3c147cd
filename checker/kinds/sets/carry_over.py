"""Carried over = carried forward: this year's 上年结转 row equals last year's 结转下年度 row
(spec §5 D-1, T3[R2][c](N) = T3[R4][c](N−1)), per column where both reports have the cell."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from checker.core.findings import Problem
from checker.core.model import NOWHERE, Message, Report
from checker.kinds.sets.common import named, named_en, row_values
from checker.kinds.sets.contract import SetProblem

if TYPE_CHECKING:  # a set is built by a batch; a kind module is imported by every run
    from checker.kinds.sets.reportset import ReportSet

NAME = "carry_over"

# The JSON Schema of this kind's `params`: the rule loader validates them with it, and
# rules/schema/rule-pack.schema.json is built from it (`ogi-check schema rule-pack`).
PARAMS_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["now", "before"],
    "additionalProperties": False,
    "description": "Set kind: row `now` of year N equals row `before` of the same body's report "
    "for N-1, per column both have.",
    "properties": {"now": {"$ref": "#/$defs/table_row"}, "before": {"$ref": "#/$defs/table_row"}},
}

_ROW = re.compile(r"^(T[234])\[([^\]\[*]+)\]$")


@dataclass(frozen=True)
class Params:
    table: str
    now: str  # the row of year N (T3 R2, 上年结转)
    before: str  # the row of year N−1 it must equal (T3 R4, 结转下年度)


def build_params(raw: Mapping[str, Any]) -> Params:
    now, before = _ROW.match(str(raw["now"])), _ROW.match(str(raw["before"]))
    if now is None or before is None:
        raise ValueError("now/before: expected a table row such as T3[R2]")
    if now.group(1) != before.group(1):
        raise ValueError("now and before must be rows of the same table")
    return Params(now.group(1), now.group(2), before.group(2))


def extract(params: Params, report: Report) -> dict[str, Any]:
    now, where = row_values(report, params.table, params.now)
    before, _ = row_values(report, params.table, params.before)
    return {"now": now, "before": before, "location": where or NOWHERE}


def check(params: Params, reports: ReportSet, rule: str) -> Iterator[SetProblem]:
    for summary, previous, mine, theirs in reports.year_pairs(rule):
        if not mine or not theirs:
            continue
        for col, value in mine["now"].items():
            expected = theirs["before"].get(col)
            if expected is None or expected == value:
                continue
            now = f"{params.table}[{params.now}][{col}]"
            before = f"{params.table}[{params.before}][{col}]"
            year = summary.identity.year
            problem = Problem(
                Message(
                    f"上年结转数{now}为{value}，与上一年度报告{named(previous)}的结转下年度数{before}={expected}不一致",
                    f"carried over {now} = {value}, but the previous year's report {named_en(previous)} carried forward {before} = {expected}",
                ),
                mine["location"],
                where=now,
                expected=expected,
                actual=value,
                formula=f"{now}({year}) = {before}({(year or 1) - 1})",
            )
            yield SetProblem(summary.index, problem, previous.index)
