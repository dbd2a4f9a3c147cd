"""Text that should not be in a published report: template leftovers, garbled dates and numbers."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from checker.core.findings import Problem
from checker.core.model import Message, Report
from checker.kinds.common import RulePattern, compile_all

NAME = "text_patterns"

# The JSON Schema of this kind's `params`: the rule loader validates them with it, and
# rules/schema/rule-pack.schema.json is built from it (`ogi-check schema rule-pack`).
PARAMS_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["patterns"],
    "additionalProperties": False,
    "properties": {
        "patterns": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "required": ["regex", "message"],
                "additionalProperties": False,
                "properties": {
                    "regex": {"$ref": "#/$defs/regex"},
                    "message": {"$ref": "#/$defs/message"},
                    "where": {"type": "string"},
                },
            },
        }
    },
}


@dataclass(frozen=True)
class Pattern:
    """A pattern that should not match, and the message when it does."""

    regex: RulePattern
    message: Message


@dataclass(frozen=True)
class Params:
    """The patterns of the rule."""

    patterns: tuple[Pattern, ...]


def build_params(raw: Mapping[str, Any]) -> Params:
    return Params(
        tuple(
            Pattern(compile_all([p["regex"]])[0], Message.of(p["message"])) for p in raw["patterns"]
        )
    )


def check(params: Params, report: Report) -> Iterator[Problem]:
    text = report.source.text
    for pattern in params.patterns:
        for match in pattern.regex.finditer(text):
            found = match.group(0).strip()
            yield Problem(
                Message(f"{pattern.message.zh}：“{found}”", f"{pattern.message.en}: '{found}'"),
                report.source.locate(match.start() + match.group(0).find(found)),
                where=found,
                actual=found,
            )
