"""What the checker must know about a report to judge it: say so when it cannot tell."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from checker.core.findings import Problem
from checker.core.model import Message, Report

NAME = "metadata_present"

# The JSON Schema of this kind's `params`: the rule loader validates them with it, and
# rules/schema/rule-pack.schema.json is built from it (`ogi-check schema rule-pack`).
PARAMS_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["fields"],
    "additionalProperties": False,
    "properties": {
        "fields": {
            "type": "array",
            "items": {"enum": ["title", "agency", "year", "published", "era", "agency_kind"]},
            "minItems": 1,
        }
    },
}

_FIELDS = {
    "title": ("报告标题", "the report title"),
    "agency": ("发布机关名称", "the agency name"),
    "year": ("报告年度", "the report year"),
    "published": ("发布日期", "the publication date"),
    "era": ("报告适用的格式版本（年度）", "the format era"),
    "agency_kind": ("机关类型（部门/政府/乡镇）", "the body type"),
}


@dataclass(frozen=True)
class Params:
    """The metadata fields a report must state."""

    fields: tuple[str, ...]


def build_params(raw: Mapping[str, Any]) -> Params:
    return Params(tuple(raw["fields"]))


def check(params: Params, report: Report) -> Iterator[Problem]:
    for field in params.fields:
        if getattr(report.metadata, field) is None:
            zh, en = _FIELDS[field]
            yield Problem(
                Message(f"未能从报告中识别{zh}", f"could not find {en} in the report"),
                report.metadata.title_location,
                where=zh,
            )
