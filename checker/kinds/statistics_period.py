"""The statistics period: stated, well-formed, and of the report's year (spec §8.9)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from checker.core.findings import Problem
from checker.core.model import Message, Metadata, Period, Report

NAME = "statistics_period"

# The JSON Schema of this kind's `params`: the rule loader validates them with it, and
# rules/schema/rule-pack.schema.json is built from it (`ogi-check schema rule-pack`).
PARAMS_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["check"],
    "additionalProperties": False,
    "properties": {"check": {"enum": ["present", "consistent"]}},
}


@dataclass(frozen=True)
class Params:
    """Which check: the period is stated, or it is consistent with the report's year."""

    check: str  # "present" | "consistent"


def build_params(raw: Mapping[str, Any]) -> Params:
    return Params(str(raw["check"]))


def check(params: Params, report: Report) -> Iterator[Problem]:
    if params.check == "present":
        yield from _present(report.metadata, report.truncated, report.headless)
    elif report.metadata.period is not None:
        yield from _consistent(report.metadata, report.metadata.period)


def _present(meta: Metadata, truncated: bool, headless: bool) -> Iterator[Problem]:
    if meta.period is not None:
        return
    if truncated and meta.title is not None:  # it may be stated after the cut (at the end)
        yield Problem(
            Message(
                "副本在报告结束前中断，未见统计期限，无法判断报告是否说明了统计期限",
                "the copy stops before the report ends: cannot tell whether the period is stated",
            ),
            meta.title_location,
            where="统计期限",
            cannot_assess=True,
        )
        return
    # the copy lacks its head, where the period is stated (a page of it may still carry the
    # title in its running header)
    if meta.title is None or headless:
        yield Problem(
            Message(
                "未见报告标题和开头部分，无法判断是否说明了统计期限",
                "the copy has no title or opening: cannot tell whether the period is stated",
            )
            if meta.title is None
            else Message(
                "文本从中途开始，未见报告开头部分，无法判断是否说明了统计期限",
                "the copy starts mid-report: cannot tell whether the period is stated",
            ),
            meta.title_location,
            where="统计期限",
            cannot_assess=True,
        )
        return
    yield Problem(
        Message(
            "未说明统计期限（如“统计期限自X年1月1日起至X年12月31日止”）",
            "no statistics period stated",
        ),
        meta.title_location,
        where="统计期限",
        expected=f"{meta.year}年1月1日至{meta.year}年12月31日" if meta.year else None,
    )


def _consistent(meta: Metadata, period: Period) -> Iterator[Problem]:
    if period.malformed:
        yield Problem(
            Message(
                f"统计期限的日期书写有误：“{period.raw}”",
                f"malformed statistics period: '{period.raw}'",
            ),
            period.location,
            where="统计期限",
            actual=period.raw,
        )
    if meta.year is not None and period.year is not None and period.year != meta.year:
        yield Problem(
            Message(
                f"统计期限年度（{period.year}）与报告年度（{meta.year}）不一致",
                f"the statistics period is of {period.year}, the report of {meta.year}",
            ),
            period.location,
            where="统计期限",
            expected=meta.year,
            actual=period.year,
        )
