"""Topics a report of some bodies must cover, found anywhere in the text: a 人民政府 reports on
工作考核、社会评议和责任追究 (2019 条例 第五十条)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from checker.core.findings import Problem
from checker.core.model import Message, Report
from checker.kinds.common import RulePattern, compile_all

NAME = "keywords_present"

# The JSON Schema of this kind's `params`: the rule loader validates them with it, and
# rules/schema/rule-pack.schema.json is built from it (`ogi-check schema rule-pack`).
PARAMS_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["topics"],
    "additionalProperties": False,
    "properties": {
        "topics": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "required": ["label", "patterns"],
                "additionalProperties": False,
                "properties": {
                    "label": {"type": "string"},
                    "patterns": {"$ref": "#/$defs/regexes"},
                },
            },
        },
        "agency_kinds": {
            "type": "array",
            "items": {"enum": ["department", "government", "township"]},
        },
    },
}


@dataclass(frozen=True)
class Topic:
    label: str
    patterns: tuple[RulePattern, ...]  # any one of them


@dataclass(frozen=True)
class Params:
    topics: tuple[Topic, ...]
    agency_kinds: frozenset[str]  # empty: every body


def build_params(raw: Mapping[str, Any]) -> Params:
    topics = tuple(Topic(t["label"], compile_all(t["patterns"])) for t in raw["topics"])
    return Params(topics, frozenset(raw.get("agency_kinds", [])))


def applies(params: Params, report: Report) -> bool:
    """Only to the body types the rule names (F002: governments); to every body by default."""
    return not params.agency_kinds or report.metadata.agency_kind in params.agency_kinds


def check(params: Params, report: Report) -> Iterator[Problem]:
    if not applies(params, report):
        return
    text = report.source.text
    # a topic may be covered in the part of the report a copy lacks
    partial = report.truncated or report.headless
    zh, en = ("中断", "cut off") if report.truncated else ("从中途开始", "only part of the report")
    for topic in params.topics:
        if not any(p.search(text) for p in topic.patterns):
            label = topic.label
            yield Problem(
                Message(
                    f"文本{zh}，无法判断是否写明“{label}”",
                    f"the text is {en}: cannot tell whether '{label}' is covered",
                )
                if partial
                else Message(f"未见“{label}”方面的内容", f"nothing on '{label}'"),
                report.metadata.title_location,
                where=label,
                expected=label,
                cannot_assess=partial,
            )
