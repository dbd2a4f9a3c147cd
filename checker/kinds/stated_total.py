"""A stated total against its listed parts (spec §6).

Parts above the total is always a contradiction. Parts below it only where the list is known to
be exhaustive: every part belongs to one declared partition (the reply categories), or the parts'
shares add up to 100%. Approximate numbers are bounds: they can show parts exceed a total, never
that an exact sum is off. Parts that each equal the total (one count across several channels)
are not a partition at all.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from checker.core.findings import Problem, json_value
from checker.core.model import Count, Enumeration, Message, Report
from checker.core.numbers import Number
from checker.kinds.common import RulePattern, any_match, clause_before, compile_all

NAME = "stated_total"

# The JSON Schema of this kind's `params`: the rule loader validates them with it, and
# rules/schema/rule-pack.schema.json is built from it (`ogi-check schema rule-pack`).
PARAMS_SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "partitions": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["name", "parts"],
                "additionalProperties": False,
                "properties": {
                    "name": {"type": "string"},
                    "parts": {"$ref": "#/$defs/regexes"},
                    "total": {
                        "$ref": "#/$defs/regexes",
                        "description": "Words of the "
                        "total this "
                        "partition "
                        "applies to "
                        "(any total "
                        "when "
                        "absent).",
                    },
                    "complete": {
                        "enum": ["any", "all"],
                        "description": "any: a "
                        "list of "
                        "members "
                        "only is "
                        "exhaustive; "
                        "all: only "
                        "a list "
                        "naming "
                        "every "
                        "member "
                        "is.",
                    },
                    "min_parts": {"type": "integer", "minimum": 1},
                },
            },
        },
        "shares_make_exhaustive": {"type": "boolean"},
        "exhaustive_intros": {
            "type": "array",
            "items": {"type": "string"},
            "description": "Words that introduce a complete list (分别为).",
        },
        "rest_labels": {
            "$ref": "#/$defs/regexes",
            "description": "A list whose last part is the rest (其他…) is complete.",
        },
        "disjoint_intros": {
            "type": "array",
            "items": {"type": "string"},
            "description": "Intros of lists whose parts never overlap "
            "(主要类别), even when one equals the total.",
        },
    },
}


@dataclass(frozen=True)
class Partition:
    """A known partition of a total (rule data): the members, optionally the total's words.

    `complete: any` — a list whose every part is a member is exhaustive (the reply categories);
    `complete: all` — only a list that names every member is (制作/获取 = 主动 + 依申请 + 不予公开).
    """

    name: str
    parts: tuple[RulePattern, ...]
    total: tuple[RulePattern, ...] = ()
    every_member: bool = False
    min_parts: int = 1

    def member(self, label: str) -> int | None:
        return _member(self, label)

    def applies(self, total: Count) -> bool:
        return not self.total or _applies(self, total.label)

    def covers(self, enumeration: Enumeration) -> bool:
        if not self.applies(enumeration.total) or len(enumeration.parts) < self.min_parts:
            return False
        members = [self.member(part.label) for part in enumeration.parts]
        if any(m is None for m in members):
            return False
        return not self.every_member or set(members) == set(range(len(self.parts)))


def _member(partition: Partition, label: str) -> int | None:
    """Which member a part's words name. Remembered: the same labels come back in every list a
    count is part of (overlapping lists on a long line made this most of a report's time)."""
    known = _memo(partition)[0]
    if label not in known:
        if len(known) >= _MEMO_LABELS:
            known.clear()
        known[label] = next((i for i, p in enumerate(partition.parts) if p.search(label)), None)
    return known[label]


def _applies(partition: Partition, label: str) -> bool:
    """Whether a total's words are the partition's total (asked once per list and partition,
    by each of three questions: remembered like `_member`)."""
    known = _memo(partition)[1]
    if label not in known:
        if len(known) >= _MEMO_LABELS:
            known.clear()
        known[label] = any_match(partition.total, label)
    return known[label]


# Per partition (by identity, the partition kept with its entry so that a reused id is never
# mistaken for it): its labels' members and whether its total applies. By identity, because a
# frozen dataclass hashes all its fields on every lookup: that cost more than the search.
_MEMO: dict[int, tuple[Partition, dict[str, int | None], dict[str, bool]]] = {}
_MEMO_LABELS = 8192  # labels remembered per partition, then forgotten at once


def _memo(partition: Partition) -> tuple[dict[str, int | None], dict[str, bool]]:
    entry = _MEMO.get(id(partition))
    if entry is None or entry[0] is not partition:
        if len(_MEMO) >= 256:
            _MEMO.clear()
        entry = _MEMO[id(partition)] = (partition, {}, {})
    return entry[1], entry[2]


@dataclass(frozen=True)
class Params:
    """How totals and their parts are recognised (from the rule's pack)."""

    partitions: tuple[Partition, ...]
    shares_make_exhaustive: bool
    # A list is exhaustive when so introduced ("分别为") or when it ends in the rest ("其他…").
    exhaustive_intros: frozenset[str] = frozenset()
    rest_labels: tuple[RulePattern, ...] = ()
    # Lists of categories ("主要类别：…") never overlap, unlike channels that each carry it all.
    disjoint_intros: frozenset[str] = frozenset()


def build_params(raw: Mapping[str, Any]) -> Params:
    partitions = tuple(
        Partition(
            p["name"],
            compile_all(p["parts"]),
            compile_all(p.get("total", [])),
            p.get("complete", "any") == "all",
            int(p.get("min_parts", 1)),
        )
        for p in raw.get("partitions", [])
    )
    return Params(
        partitions,
        bool(raw.get("shares_make_exhaustive", True)),
        frozenset(raw.get("exhaustive_intros", [])),
        compile_all(raw.get("rest_labels", [])),
        frozenset(raw.get("disjoint_intros", [])),
    )


def check(params: Params, report: Report) -> Iterator[Problem]:
    for listed in _rejoined(params, report.enumerations):
        for enumeration in _by_partition(params, listed):
            problem = _check_one(params, enumeration, report.source.text)
            if problem:
                yield problem


def _rejoined(params: Params, enumerations: Sequence[Enumeration]) -> list[Enumeration]:
    """Pieces of one list split where the parts first reached the total ("two breakdowns") are
    one list again when every piece names members of the same partition: 予以公开60件、部分公开60件、
    不予公开5件、其他处理5件 is one (wrong) breakdown, not two."""
    out: list[Enumeration] = []
    for enumeration in enumerations:
        last = out[-1] if out else None
        if (
            last is not None
            and last.total is enumeration.total
            and _one_partition(params, last, enumeration)
        ):
            out[-1] = replace(
                last,
                parts=last.parts + enumeration.parts,
                shares=_joined_shares(last, enumeration),
                open_end=enumeration.open_end,
            )
        else:
            out.append(enumeration)
    return out


def _one_partition(params: Params, first: Enumeration, second: Enumeration) -> bool:
    return any(
        all(p.member(c.label) is not None for c in first.parts + second.parts)
        for p in params.partitions
        if p.applies(first.total)
    )


def _joined_shares(first: Enumeration, second: Enumeration) -> tuple[Number | None, ...]:
    if not first.shares and not second.shares:
        return ()
    return (first.shares or (None,) * len(first.parts)) + (
        second.shares or (None,) * len(second.parts)
    )


def _by_partition(params: Params, enumeration: Enumeration) -> list[Enumeration]:
    """One list naming members of two known partitions in turn (channels, then outcomes) is two
    breakdowns of the same total: check each on its own."""
    applicable = [p for p in params.partitions if p.applies(enumeration.total)]
    if any(p.covers(enumeration) for p in applicable):
        return [enumeration]
    owners = [
        next((i for i, p in enumerate(applicable) if p.member(c.label) is not None), None)
        for c in enumeration.parts
    ]
    if None in owners or len(set(owners)) < 2:
        return [enumeration]
    pieces: list[Enumeration] = []
    start = 0
    for index in range(1, len(owners) + 1):
        if index == len(owners) or owners[index] != owners[index - 1]:
            pieces.append(_slice(enumeration, start, index))
            start = index
    if len(pieces) != len(set(owners)):
        return [enumeration]  # interleaved: not two runs, read it as written
    return pieces


def _slice(enumeration: Enumeration, start: int, end: int) -> Enumeration:
    shares = enumeration.shares[start:end] if enumeration.shares else ()
    return replace(
        enumeration, parts=enumeration.parts[start:end], shares=shares if any(shares) else ()
    )


def _check_one(params: Params, enumeration: Enumeration, text: str) -> Problem | None:
    total, parts = enumeration.total, enumeration.parts
    exhaustive = _exhaustive(params, enumeration) and not _open_ended(enumeration, text)
    disjoint = enumeration.intro in params.disjoint_intros or any(
        p.covers(enumeration) for p in params.partitions
    )
    if not disjoint and len(parts) > 1 and any(_same(p, total) for p in parts):
        return None  # a part repeats the total: overlapping channels, not a partition
    low = sum((p.number.low or Decimal(0) for p in parts), Decimal(0))
    if total.number.high is not None and low > total.number.high:
        return _problem(enumeration, "exceed", text)
    if (
        exhaustive
        and not enumeration.open_end
        and _all_exact(total, parts)
        and low != total.number.value
    ):
        return _problem(enumeration, "differ", text)
    return None


def _same(part: Count, total: Count) -> bool:
    return part.number.exact and total.number.exact and part.number.value == total.number.value


def _all_exact(total: Count, parts: Sequence[Count]) -> bool:
    return total.number.exact and all(p.number.exact for p in parts)


def _open_ended(enumeration: Enumeration, text: str) -> bool:
    """ "…其他文件54条等": 等 after the last part says the list is not the whole."""
    return text[enumeration.parts[-1].end : enumeration.parts[-1].end + 2].lstrip().startswith("等")


def _exhaustive(params: Params, enumeration: Enumeration) -> bool:
    if params.shares_make_exhaustive and enumeration.shares and all(enumeration.shares):
        shares = sum((s.value for s in enumeration.shares if s), Decimal(0))
        if abs(shares - 100) <= _rounding(enumeration.shares):
            return True
    if enumeration.intro in params.exhaustive_intros and len(enumeration.parts) > 1:
        return True
    last = enumeration.parts[-1].label
    if len(enumeration.parts) > 1 and any_match(params.rest_labels, last):
        return True
    return any(partition.covers(enumeration) for partition in params.partitions)


def _rounding(shares: Sequence[Number | None]) -> Decimal:
    """How far shares rounded as written can add up away from 100%: half a unit of the last
    digit each (34.8% is 34.75–34.85). Shares to 0.1% adding up to 98.9% leave parts out."""
    return sum((Decimal(5).scaleb(-(s.decimals + 1)) for s in shares if s), Decimal(0))


def _problem(enumeration: Enumeration, how: str, text: str) -> Problem:
    total, parts = enumeration.total, enumeration.parts
    parts_sum = sum((p.number.value for p in parts), Decimal(0))
    formula = f"{_fmt(total)} = " + " + ".join(_fmt(p) for p in parts)
    stated = clause_before(text, total.start, total.end)
    alone = next((p for p in parts if _more_than(p, total)), None) if how == "exceed" else None
    if alone is not None and len(parts) > 1:
        # one part is already more than the total: say that, not the sum of parts that may
        # repeat it in other words ("推送35条，涉及国资监管信息35条")
        part = clause_before(text, alone.start, alone.end)
        message = Message(
            f"分项“{part}”（{alone.number.value:f}）已大于所述总数（{total.number.value:f}）：{stated}",
            f"the part '{part}' ({alone.number.value:f}) alone is more than the stated total "
            f"{total.number.value:f}: {stated}",
        )
    elif how == "exceed":
        message = Message(
            f"分项之和（{parts_sum:f}）大于所述总数（{total.number.value:f}）：{stated}",
            f"the parts add up to {parts_sum:f}, more than the stated total {total.number.value:f}: {stated}",
        )
    else:
        message = Message(
            f"分项之和（{parts_sum:f}）与所述总数（{total.number.value:f}）不符：{stated}",
            f"the parts add up to {parts_sum:f}, not the stated total {total.number.value:f}: {stated}",
        )
    return Problem(
        message,
        total.location,
        where=stated,
        expected=json_value(total.number.value),
        actual=json_value(parts_sum),
        formula=formula,
    )


def _more_than(part: Count, total: Count) -> bool:
    """Whatever the approximations mean (余 a floor, 约 a range), the part exceeds the total."""
    low, high = part.number.low, total.number.high
    return low is not None and high is not None and low > high


def _fmt(count: Count) -> str:
    marker = count.number.approx if count.number.approx not in (None, "万", "亿") else ""
    return f"{count.number.value.normalize():f}{marker}"
