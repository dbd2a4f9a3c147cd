"""The statistical tables the format requires: present, or the copy was cut off before them (or
starts after them), or lost under their part's heading (nothing at all under it: the table was an
image, an attachment, or a page's table the crawler dropped) — the last two cannot be assessed."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from checker.core.findings import Problem
from checker.core.model import Message, Report, Section
from checker.kinds.common import (
    RulePattern,
    any_match,
    compile_all,
    nothing_under,
    squeeze,
    starts_after,
    stops_early,
)

NAME = "table_present"

# The JSON Schema of this kind's `params`: the rule loader validates them with it, and
# rules/schema/rule-pack.schema.json is built from it (`ogi-check schema rule-pack`).
PARAMS_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["tables"],
    "additionalProperties": False,
    "properties": {
        "tables": {"type": "array", "items": {"$ref": "#/$defs/table_key"}, "minItems": 1},
        "parts": {
            "type": "object",
            "description": "Per table, the heading patterns of the top-level part that holds "
            "it: nothing at all under that heading means the copy lost the table (cannot assess).",
            "propertyNames": {"$ref": "#/$defs/table_key"},
            "additionalProperties": {"type": "array", "items": {"type": "string"}, "minItems": 1},
        },
    },
}

_NAMES = {
    "T2": "表二（主动公开政府信息情况）",
    "T3": "表三（收到和处理政府信息公开申请情况）",
    "T4": "表四（政府信息公开行政复议、行政诉讼情况）",
}


_PARTS = {"T2": 2, "T3": 3, "T4": 4}  # the format's part that holds each table


@dataclass(frozen=True)
class Params:
    tables: tuple[str, ...]
    parts: Mapping[str, tuple[RulePattern, ...]]  # table -> headings of the part holding it


def build_params(raw: Mapping[str, Any]) -> Params:
    parts = raw.get("parts", {})
    unknown = (set(raw["tables"]) | set(parts)) - set(_NAMES)
    if unknown:
        raise ValueError(f"unknown tables: {', '.join(sorted(unknown))}")
    return Params(tuple(raw["tables"]), {k: compile_all(v) for k, v in parts.items()})


def check(params: Params, report: Report) -> Iterator[Problem]:
    for key in params.tables:
        if key in report.tables:
            continue
        name = _NAMES[key]
        before_the_copy = starts_after(report, _PARTS[key])
        if report.truncated or before_the_copy or stops_early(report):
            where_cut = (
                ("从中途开始", "starts mid-report") if before_the_copy else ("中断", "cut off")
            )
            yield Problem(
                Message(
                    f"文本{where_cut[0]}，未见{name}，无法核对",
                    f"the text {where_cut[1]}: {key} not found, not checked",
                ),
                report.metadata.title_location,
                where=key,
                cannot_assess=True,
            )
        elif (part := _blank_part(params.parts.get(key), report)) is not None:
            yield Problem(
                Message(
                    f"“{part.title}”标题下没有任何文字：{name}可能是图片或未被复制，无法核对",
                    f"nothing under the heading '{part.title}': {key} is probably an image or"
                    " was not copied, so it cannot be checked",
                ),
                part.location,
                where=key,
                cannot_assess=True,
            )
        else:
            yield Problem(
                Message(
                    f"未找到{name}，或其格式无法识别",
                    f"{key} not found, or its layout could not be read",
                ),
                report.metadata.title_location,
                where=key,
                expected=name,
            )


def _blank_part(headings: tuple[RulePattern, ...] | None, report: Report) -> Section | None:
    """The top-level part meant to hold the table, when nothing stands under its heading (the
    required-sections rule judges its table parts the same way)."""
    if not headings:
        return None
    for section in report.sections:
        if section.level == 1 and any_match(headings, squeeze(section.title)):
            return section if nothing_under(report, section) else None
    return None
