"""Copied from last year: a section (总体情况, 存在的主要问题及改进情况) whose text is nearly the
same as in the same body's report for the year before (spec §5: the 2021 format names 内容雷同
as an accountability ground; evaluators found reports ~90% identical to the previous year's).

Similarity is the Jaccard index of the sections' character shingles, estimated from sketches
made in the worker (digits, punctuation and the body's own name left out)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from checker.core.findings import Problem
from checker.core.model import Message, Report
from checker.kinds.sets.common import (
    SIMILARITY_FORMULA,
    TEXT_PARAMS_PROPERTIES,
    TextParams,
    named,
    named_en,
    percent,
    plain,
    section_text,
    similarity,
    text_params,
)
from checker.kinds.sets.contract import SetProblem

if TYPE_CHECKING:  # a set is built by a batch; a kind module is imported by every run
    from checker.kinds.sets.reportset import ReportSet

NAME = "previous_year_text"

# The JSON Schema of this kind's `params`: the rule loader validates them with it, and
# rules/schema/rule-pack.schema.json is built from it (`ogi-check schema rule-pack`).
PARAMS_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["sections"],
    "additionalProperties": False,
    "description": "Set kind: a section nearly the same as in the same body's report for N-1.",
    "properties": {
        **TEXT_PARAMS_PROPERTIES,
    },
}

Params = TextParams


def build_params(raw: Mapping[str, Any]) -> Params:
    return text_params(raw, min_chars=100, size=128)


def extract(params: Params, report: Report) -> dict[str, Any]:
    found = {}
    for pattern in params.sections:
        section = section_text(report, pattern)
        if section is None:
            continue
        words = plain(section[0], [report.metadata.agency])
        if len(words) >= params.min_chars:
            found[pattern.label] = (params.sketch(words), section[1])
    return found


def check(params: Params, reports: ReportSet, rule: str) -> Iterator[SetProblem]:
    for summary, previous, mine, theirs in reports.year_pairs(rule):
        for label, (sig, location) in mine.items():
            if label not in theirs:
                continue
            share = similarity(sig, theirs[label][0])
            if share < params.threshold:
                continue
            problem = Problem(
                Message(
                    f"“{label}”与上一年度报告{named(previous)}的同一部分内容雷同（相似度约{percent(share)}）",
                    f"section '{label}' is nearly the same as in the previous year's report {named_en(previous)} (about {percent(share)} similar)",
                ),
                location,
                where=label,
                expected=f"< {percent(params.threshold)}",
                actual=percent(share),
                formula=SIMILARITY_FORMULA,
            )
            yield SetProblem(summary.index, problem, previous.index)
