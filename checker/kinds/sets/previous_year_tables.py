"""Tables copied from last year: a statistical table with exactly the same numbers as in the same
body's report for the year before (spec §8.2). Tables of nearly all zeros are left alone — a
body with no requests has the same empty table every year."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from checker.core.findings import Problem
from checker.core.hashing import blake2b
from checker.core.model import Message, Report
from checker.kinds.sets.common import named, named_en
from checker.kinds.sets.contract import SetProblem

if TYPE_CHECKING:  # a set is built by a batch; a kind module is imported by every run
    from checker.kinds.sets.reportset import ReportSet

NAME = "previous_year_tables"

# The JSON Schema of this kind's `params`: the rule loader validates them with it, and
# rules/schema/rule-pack.schema.json is built from it (`ogi-check schema rule-pack`).
PARAMS_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["tables"],
    "additionalProperties": False,
    "description": "Set kind: a table with exactly the numbers of the same body's report for N-1.",
    "properties": {
        "tables": {"type": "array", "items": {"$ref": "#/$defs/table_key"}, "minItems": 1},
        "min_nonzero": {
            "type": "integer",
            "minimum": 0,
            "description": "Tables with fewer non-zero cells are not compared.",
        },
    },
}


@dataclass(frozen=True)
class Params:
    tables: tuple[str, ...]
    min_nonzero: int


def build_params(raw: Mapping[str, Any]) -> Params:
    return Params(tuple(raw["tables"]), int(raw.get("min_nonzero", 3)))


def extract(params: Params, report: Report) -> dict[str, Any]:
    """Per table: a digest of every cell (address and value) and how many are not zero."""
    found = {}
    for key in params.tables:
        table = report.tables.get(key)
        if table is None:
            continue
        # in (row, column) order: sorting the rows, then each row's columns, is the order of
        # sorting every (row, column, value) (no two cells share a row and column)
        cells = [
            (row, col, str(cell.value) if cell.value is not None else cell.raw)
            for row, cols in sorted(table.cells.items())
            for col, cell in sorted(cols.items())
        ]
        nonzero = len(cells) - sum(value in ("0", "") for _, _, value in cells)
        digest = blake2b(repr(cells).encode("utf-8"), digest_size=16).hexdigest()
        found[key] = (digest, nonzero, table.location)
    return found


def check(params: Params, reports: ReportSet, rule: str) -> Iterator[SetProblem]:
    for summary, previous, mine, theirs in reports.year_pairs(rule):
        for key, (digest, nonzero, location) in mine.items():
            if key not in theirs or theirs[key][0] != digest or nonzero < params.min_nonzero:
                continue
            problem = Problem(
                Message(
                    f"表{key}的全部数字与上一年度报告{named(previous)}完全相同",
                    f"table {key} has exactly the same numbers as in the previous year's report {named_en(previous)}",
                ),
                location,
                where=key,
                actual=f"{nonzero}个非零单元格相同",
            )
            yield SetProblem(summary.index, problem, previous.index)
