"""The opening's outline of the report ("本年报包括总体情况、…以及存在的主要问题和改进措施") names
every part the body has.

A report that says what it is made of and then has a part more (a 六、其他需要报告的事项 the outline
forgot) misleads a reader who trusts the outline. Only an outline naming at least `min_listed`
of the parts counts as one (a sentence naming two topics is not an outline); only parts found
as top-level headings of the body are compared, so a cut-off copy is never blamed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from checker.core.findings import Problem
from checker.core.model import Message, Report
from checker.kinds.common import RulePattern, any_match, compile_all, squeeze

NAME = "outline_parts"

# The JSON Schema of this kind's `params`: the rule loader validates them with it, and
# rules/schema/rule-pack.schema.json is built from it (`ogi-check schema rule-pack`).
PARAMS_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["parts"],
    "additionalProperties": False,
    "properties": {
        "parts": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "required": ["title", "names", "headings"],
                "additionalProperties": False,
                "properties": {
                    "title": {"type": "string", "minLength": 1},
                    "names": {"$ref": "#/$defs/regexes"},
                    "headings": {"$ref": "#/$defs/regexes"},
                },
            },
        },
        "min_listed": {"type": "integer", "minimum": 2},
    },
}

_OPENING = 3000  # the outline is in the opening paragraph
_OUTLINE = re.compile(
    r"(由|包括|分为|分成)(?P<list>[^。]{8,240}?)"
    r"(组成|构成|等?[一二三四五六七八九十\d]{0,2}个?部分|。|[,，]\s*并)"
)


@dataclass(frozen=True)
class Part:
    title: str
    names: tuple[RulePattern, ...]  # how the outline names the part
    headings: tuple[RulePattern, ...]  # how a body heading names it


@dataclass(frozen=True)
class Params:
    parts: tuple[Part, ...]
    min_listed: int


def build_params(raw: Mapping[str, Any]) -> Params:
    return Params(
        tuple(
            Part(p["title"], compile_all(p["names"]), compile_all(p["headings"]))
            for p in raw["parts"]
        ),
        int(raw.get("min_listed", 3)),
    )


def check(params: Params, report: Report) -> Iterator[Problem]:
    text = report.source.text
    for match in _OUTLINE.finditer(text, 0, min(len(text), _OPENING)):
        listed = squeeze(match.group("list"))
        named = [p for p in params.parts if any_match(p.names, listed)]
        if len(named) < params.min_listed:
            continue
        titles = [squeeze(s.title) for s in report.sections if s.level == 1]
        for part in params.parts:
            if part in named or not any(any_match(part.headings, t) for t in titles):
                continue
            yield Problem(
                Message(
                    f"开头列出的报告组成部分未包括正文中的“{part.title}”",
                    f"the opening's outline of the report leaves out '{part.title}', "
                    "which the body has",
                ),
                report.source.locate(match.start()),
                where=part.title,
                expected=part.title,
                actual=match.group("list").strip()[:60],
            )
        return
