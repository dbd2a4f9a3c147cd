"""Publication deadline by era and body type (spec §7); the delay is reported in days."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from checker.core.findings import Problem
from checker.core.model import Message, Metadata, Report

NAME = "deadline"

# The JSON Schema of this kind's `params`: the rule loader validates them with it, and
# rules/schema/rule-pack.schema.json is built from it (`ogi-check schema rule-pack`).
PARAMS_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["deadlines"],
    "additionalProperties": False,
    "properties": {
        "deadlines": {
            "type": "object",
            "additionalProperties": False,
            "properties": {
                "department": {"$ref": "#/$defs/month_day"},
                "government": {"$ref": "#/$defs/month_day"},
                "township": {"$ref": "#/$defs/month_day"},
            },
        },
        "default_kind": {"enum": ["department", "government", "township"]},
    },
}

KIND_ZH = {"department": "政府部门", "government": "人民政府", "township": "乡镇（街道）"}


@dataclass(frozen=True)
class Params:
    """The publication deadline of each body type."""

    deadlines: Mapping[str, tuple[int, int]]  # body type -> (month, day) of year N+1
    default_kind: str | None


def build_params(raw: Mapping[str, Any]) -> Params:
    deadlines = {}
    for kind, month_day in raw["deadlines"].items():
        month, day = (int(x) for x in month_day.split("-"))
        date(2001, month, day)  # raises ValueError for 02-30 and the like
        deadlines[kind] = (month, day)
    return Params(deadlines, raw.get("default_kind"))


def check(params: Params, report: Report) -> Iterator[Problem]:
    meta = report.metadata
    if meta.year is None or meta.published is None:
        missing = "报告年度" if meta.year is None else "发布日期"
        yield Problem(
            Message(
                f"未能确定{missing}，无法判断是否按时发布",
                f"cannot tell the {'report year' if meta.year is None else 'publication date'}: timeliness not assessed",
            ),
            meta.title_location,
            where="发布日期",
            cannot_assess=True,
        )
        return
    kind = meta.agency_kind or params.default_kind
    month_day = _deadline_for(params, kind)
    if month_day is None:
        yield Problem(
            Message(
                "无法从机关名称判断机关类型（部门/政府），请用 --agency-kind 指定",
                "cannot tell the body type from the agency name; state it with --agency-kind",
            ),
            meta.title_location,
            where="发布日期",
            cannot_assess=True,
        )
        return
    deadline = date(meta.year + 1, *month_day)
    if meta.published > deadline:
        yield _late(report, kind, deadline)


def due_date(params: Params, meta: Metadata) -> date | None:
    """The publication deadline of this report; None when its year or body type is unknown.
    (A batch reports each report's lateness in days with it.)"""
    month_day = _deadline_for(params, meta.agency_kind or params.default_kind)
    return date(meta.year + 1, *month_day) if meta.year is not None and month_day else None


def _deadline_for(params: Params, kind: str | None) -> tuple[int, int] | None:
    if kind is not None and kind in params.deadlines:
        return params.deadlines[kind]
    distinct = set(params.deadlines.values())
    return distinct.pop() if len(distinct) == 1 else None  # the same date for every body type


def _late(report: Report, kind: str | None, deadline: date) -> Problem:
    meta = report.metadata
    assert meta.published is not None
    days = (meta.published - deadline).days
    who = KIND_ZH.get(kind or "", "该机关")
    return Problem(
        Message(
            f"发布日期{meta.published.isoformat()}晚于{who}的法定期限{deadline.isoformat()}，逾期{days}天",
            f"published {meta.published.isoformat()}, after the deadline {deadline.isoformat()}: {days} days late",
        ),
        meta.published_location,
        where="发布日期",
        expected=f"<= {deadline.isoformat()}",
        actual=meta.published.isoformat(),
        formula=f"逾期天数 = {days}",
    )
