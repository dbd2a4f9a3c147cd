"""What the table reader noticed (missing or extra rows, unmappable or ambiguous tables,
duplicates, cut-off tables), reported as findings of the rule that selects those notes."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from checker.core.findings import Problem
from checker.core.model import Report

NAME = "table_notes"

# The JSON Schema of this kind's `params`: the rule loader validates them with it, and
# rules/schema/rule-pack.schema.json is built from it (`ogi-check schema rule-pack`).
PARAMS_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["codes"],
    "additionalProperties": False,
    "properties": {
        "codes": {
            "type": "array",
            "items": {
                "enum": [
                    "missing_row",
                    "missing_column",
                    "extra_row",
                    "altered_label",
                    "unmapped",
                    "unplaced",
                    "ambiguous",
                    "duplicate",
                    "truncated",
                    "inferred",
                ]
            },
            "minItems": 1,
        },
        "cannot_assess": {"type": "boolean"},
    },
}

CODES = (
    "missing_row",
    "missing_column",
    "extra_row",
    "altered_label",  # a row's label misprinted: its values were read as that row
    "unmapped",
    "unplaced",  # numbers the reader could give to no row: not read, not the report's defect
    "ambiguous",
    "duplicate",
    "truncated",
    "inferred",  # read by elimination: the table's own sums cannot confirm those cells
)


@dataclass(frozen=True)
class Params:
    codes: frozenset[str]
    cannot_assess: bool  # these notes mean "could not read", not a defect of the report


def build_params(raw: Mapping[str, Any]) -> Params:
    unknown = set(raw["codes"]) - set(CODES)
    if unknown:
        raise ValueError(f"unknown note codes: {', '.join(sorted(unknown))}")
    return Params(frozenset(raw["codes"]), bool(raw.get("cannot_assess", False)))


def check(params: Params, report: Report) -> Iterator[Problem]:
    for key in sorted(report.tables):
        for note in report.tables[key].notes:
            if note.code in params.codes:
                yield Problem(
                    note.message,
                    note.location,
                    where=note.where,
                    cannot_assess=params.cannot_assess,
                )
