"""The same body's report for the same year received twice: every copy after the first is named,
with the first (an office counts each body once; two versions may also disagree)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from checker.core.findings import Problem
from checker.core.model import NOWHERE, Message, Report
from checker.kinds.sets.common import named, named_en
from checker.kinds.sets.contract import SetProblem

if TYPE_CHECKING:  # a set is built by a batch; a kind module is imported by every run
    from checker.kinds.sets.reportset import ReportSet

NAME = "duplicate_reports"

# The JSON Schema of this kind's `params`: the rule loader validates them with it, and
# rules/schema/rule-pack.schema.json is built from it (`ogi-check schema rule-pack`).
PARAMS_SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "properties": {},
    "description": "Set kind: the same body and year twice.",
}


@dataclass(frozen=True)
class Params:
    pass


def build_params(raw: Mapping[str, Any]) -> Params:
    return Params()


def extract(params: Params, report: Report) -> dict[str, Any]:
    return {"title_location": report.metadata.title_location}


def check(params: Params, reports: ReportSet, rule: str) -> Iterator[SetProblem]:
    for summary, first in reports.later_copies():
        year = summary.identity.year
        data = summary.data.get(rule) or {}
        problem = Problem(
            Message(
                f"{summary.identity.agency}{year}年度报告重复：已有{named(first)}",
                f"a second {year} report of {summary.identity.agency}: the first is {named_en(first)}",
            ),
            data.get("title_location", NOWHERE),
            where="机关+年度",
            expected=first.path,
            actual=summary.path,
        )
        yield SetProblem(summary.index, problem, first.index)
