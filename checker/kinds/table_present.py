"""The statistical tables the format requires: present, or the copy was cut off before them (or
starts after them)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from checker.core.findings import Problem
from checker.core.model import Message, Report
from checker.kinds.common import stops_early

NAME = "table_present"

# The JSON Schema of this kind's `params`: the rule loader validates them with it, and
# rules/schema/rule-pack.schema.json is built from it (`ogi-check schema rule-pack`).
PARAMS_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["tables"],
    "additionalProperties": False,
    "properties": {
        "tables": {"type": "array", "items": {"$ref": "#/$defs/table_key"}, "minItems": 1}
    },
}

_NAMES = {
    "T2": "表二（主动公开政府信息情况）",
    "T3": "表三（收到和处理政府信息公开申请情况）",
    "T4": "表四（政府信息公开行政复议、行政诉讼情况）",
}


@dataclass(frozen=True)
class Params:
    tables: tuple[str, ...]


def build_params(raw: Mapping[str, Any]) -> Params:
    unknown = set(raw["tables"]) - set(_NAMES)
    if unknown:
        raise ValueError(f"unknown tables: {', '.join(sorted(unknown))}")
    return Params(tuple(raw["tables"]))


def check(params: Params, report: Report) -> Iterator[Problem]:
    for key in params.tables:
        if key in report.tables:
            continue
        name = _NAMES[key]
        if report.truncated or report.headless or stops_early(report):
            where_cut = (
                ("从中途开始", "starts mid-report") if report.headless else ("中断", "cut off")
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
