"""A test-only check kind, written by the recipe in docs/architecture.md ("Add a check kind"):
this module, one registry line (tests/test_kind_schemas.py adds it to KINDS) and one pack rule
with examples. It flags a run of more exclamation marks than `limit` (！！！ in an official
report is a slip of the keyboard)."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from checker.core.findings import Problem
from checker.core.model import Message, Report

NAME = "exclamation_runs"

PARAMS_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["limit"],
    "additionalProperties": False,
    "properties": {"limit": {"type": "integer", "minimum": 1}},
}


@dataclass(frozen=True)
class Params:
    run: re.Pattern[str]
    limit: int


def build_params(raw: Mapping[str, Any]) -> Params:
    limit = int(raw["limit"])
    return Params(re.compile(f"!{{{limit + 1},}}"), limit)  # the text is normalised: ！ is !


def check(params: Params, report: Report) -> Iterator[Problem]:
    for match in params.run.finditer(report.source.text):
        yield Problem(
            Message(
                f"连续 {len(match.group())} 个感叹号（至多 {params.limit} 个）",
                f"{len(match.group())} exclamation marks in a row (at most {params.limit})",
            ),
            report.source.locate(match.start()),
            where=match.group(),
            expected=params.limit,
            actual=len(match.group()),
        )
