"""Claims that every application was answered ("答复率100%", "全部…答复") against the counts.

In a narrative report the claim and the counts share a section: the applications received,
then either the replies listed by category (an enumeration of the received total) or a stated
number answered; a stated number still pending contradicts the claim outright (spec §6, D-4).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from checker.core.findings import Problem, json_value
from checker.core.model import Count, Message, Report
from checker.kinds.common import RuleMatch, RulePattern, any_match, compile_all, top_section_span

NAME = "rate_claim"

# The JSON Schema of this kind's `params`: the rule loader validates them with it, and
# rules/schema/rule-pack.schema.json is built from it (`ogi-check schema rule-pack`).
PARAMS_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["claims", "received"],
    "additionalProperties": False,
    "properties": {
        "claims": {"$ref": "#/$defs/regexes"},
        "received": {"$ref": "#/$defs/regexes"},
        "handled": {"$ref": "#/$defs/regexes"},
        "pending": {"$ref": "#/$defs/regexes"},
        "reply_parts": {"$ref": "#/$defs/regexes"},
    },
}


@dataclass(frozen=True)
class Params:
    """The wording of the claims and of the counts they are checked against."""

    claims: tuple[RulePattern, ...]
    received: tuple[RulePattern, ...]
    handled: tuple[RulePattern, ...]
    pending: tuple[RulePattern, ...]
    reply_parts: tuple[RulePattern, ...]


def build_params(raw: Mapping[str, Any]) -> Params:
    return Params(
        claims=compile_all(raw["claims"]),
        received=compile_all(raw["received"]),
        handled=compile_all(raw.get("handled", [r"(答复|办结|办复|回复)"])),
        pending=compile_all(raw.get("pending", [r"(结转|正在办理|尚未办结|未办结|办理中)"])),
        reply_parts=compile_all(raw.get("reply_parts", [r"公开|不存在|非本|不属于|答复"])),
    )


def check(params: Params, report: Report) -> Iterator[Problem]:
    text = report.source.text
    for pattern in params.claims:
        for claim in pattern.finditer(text):
            start, end = top_section_span(report, claim.start())
            scope = [c for c in report.counts if start <= c.start < end and c.unit != "%"]
            yield from _judge(params, report, claim, scope)


def _judge(
    params: Params, report: Report, claim: RuleMatch, scope: Sequence[Count]
) -> Iterator[Problem]:
    received = _first(scope, params.received, before=claim.start())
    if received is None or not received.number.exact:
        return
    location = report.source.locate(claim.start())
    pending = [c for c in scope if any_match(params.pending, c.label) and c.number.value > 0]
    if pending:
        yield _contradiction(claim.group(0), received, pending[0], location)
        return
    handled = _handled(params, report, received, scope)
    if handled is None:
        yield Problem(
            Message(
                f"文中称“{claim.group(0)}”，但未写明答复件数，无法核对",
                f"'{claim.group(0)}' is claimed but no count of replies is given: cannot check",
            ),
            location,
            where=claim.group(0),
            expected=json_value(received.number.value),
            cannot_assess=True,
        )
    elif handled != received.number.value:
        yield Problem(
            Message(
                f"文中称“{claim.group(0)}”，但收到申请{received.number.value:f}件、答复{handled:f}件",
                f"'{claim.group(0)}' is claimed, but {received.number.value:f} received and {handled:f} answered",
            ),
            location,
            where=claim.group(0),
            expected=json_value(received.number.value),
            actual=json_value(handled),
            formula="答复件数 = 收到申请件数",
        )


def _first(counts: Sequence[Count], patterns: Sequence[RulePattern], before: int) -> Count | None:
    matching = [c for c in counts if any_match(patterns, c.label)]
    earlier = [c for c in matching if c.start < before]
    return earlier[-1] if earlier else (matching[0] if matching else None)


def _handled(
    params: Params, report: Report, received: Count, scope: Sequence[Count]
) -> Decimal | None:
    for enumeration in report.enumerations:
        if enumeration.total.start == received.start and all(
            any_match(params.reply_parts, p.label) for p in enumeration.parts
        ):
            return sum((p.number.value for p in enumeration.parts), Decimal(0))
    stated = [
        c
        for c in scope
        if c is not received
        and any_match(params.handled, c.label)
        and not any_match(params.received, c.label)
    ]
    return stated[0].number.value if stated and stated[0].number.exact else None


def _contradiction(claim: str, received: Count, pending: Count, location: Any) -> Problem:
    return Problem(
        Message(
            f"文中称“{claim}”，但又称{pending.label}{pending.number.value:f}{pending.unit}",
            f"'{claim}' is claimed, but {pending.number.value:f} are stated as pending ({pending.label})",
        ),
        location,
        where=claim,
        expected=0,
        actual=json_value(pending.number.value),
        formula="未办结件数 = 0",
    )
