"""Near-identical reports from different bodies: the narrative sections of two bodies' reports
are nearly the same once each body's own name is left out (a report copied and renamed).

Comparing every pair of ten thousand reports is fifty million comparisons; instead the sketches
are cut into bands and only reports sharing a whole band are compared (locality-sensitive
hashing): pairs at 90% similarity meet in some band with near certainty, unrelated ones rarely.
A finding goes on the later report in file order and names the earliest one it copies."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from checker.core.findings import Problem
from checker.core.hashing import blake2b
from checker.core.model import NOWHERE, Message, Report
from checker.kinds.sets.common import (
    SIMILARITY_FORMULA,
    TEXT_PARAMS_PROPERTIES,
    TextParams,
    named,
    named_en,
    percent,
    plain_joined,
    section_text,
    similarity,
    text_params,
)
from checker.kinds.sets.contract import SetProblem
from checker.kinds.sets.summary import ReportSummary

if TYPE_CHECKING:  # a set is built by a batch; a kind module is imported by every run
    from checker.kinds.sets.reportset import ReportSet

NAME = "similar_bodies"

# The JSON Schema of this kind's `params`: the rule loader validates them with it, and
# rules/schema/rule-pack.schema.json is built from it (`ogi-check schema rule-pack`).
PARAMS_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["sections"],
    "additionalProperties": False,
    "description": "Set kind: two bodies' reports nearly the same (the sections, each body's own "
    "name left out).",
    "properties": {
        **TEXT_PARAMS_PROPERTIES,
        "bands": {
            "type": "integer",
            "minimum": 1,
            "description": "Bands of the sketch for finding candidate pairs; must divide sketch.",
        },
    },
}

_CROWD = 2000  # a band shared by more reports than this is boilerplate, not a lead


@dataclass(frozen=True)
class Params:
    text: TextParams
    bands: int  # the sketch cut into this many bands (keys for finding candidate pairs)


def build_params(raw: Mapping[str, Any]) -> Params:
    text = text_params(raw, min_chars=300, size=256)
    # 16 bands of 16 bins: a pair at 90% similarity shares a band with probability 0.96, at 92%
    # 0.99; unrelated reports that share boilerplate (50–60%) rarely do (about 1 in 600 pairs)
    bands = int(raw.get("bands", 16))
    if bands < 1 or text.size % bands:
        raise ValueError("bands: must divide sketch")
    return Params(text, bands)


def extract(params: Params, report: Report) -> dict[str, Any] | None:
    parts, location = [], None
    for pattern in params.text.sections:
        section = section_text(report, pattern)
        if section is not None:
            parts.append(section[0])
            location = location or section[1]
    # Each section's words, as the rule comparing with last year sketches them: their hashes
    # are reused, when the sections' words run together are these words.
    pieces, words = plain_joined(parts, [report.metadata.agency])
    if len(words) < params.text.min_chars:
        return None
    joined = "".join(pieces) == words
    sig = params.text.sketch_joined(pieces) if joined else params.text.sketch(words)
    width = len(sig) // params.bands
    bands = b"".join(
        blake2b(sig[i * width : (i + 1) * width], digest_size=8).digest()
        for i in range(params.bands)
    )
    return {"sketch": sig, "bands": bands, "location": location or NOWHERE}


def check(params: Params, reports: ReportSet, rule: str) -> Iterator[SetProblem]:
    """Candidates from the band keys (grouped on disk by the report set), then candidate pairs'
    full sketches read back to measure their similarity; only the pairs found similar are kept
    in memory. Each later report keeps the earliest report it is similar to."""
    best: dict[int, tuple[int, float]] = {}  # later report -> (earliest similar report, share)
    cache: dict[int, bytes] = {}
    for members, body in _groups(params, reports, rule):
        steps = _other_body_steps(members, body)
        for position in range(1, len(members)):
            found = _earliest(members, position, body, steps, best.get(members[position]))
            for earlier in found:
                share = similarity(
                    _sketch(reports, earlier, rule, cache),
                    _sketch(reports, members[position], rule, cache),
                )
                if share >= params.text.threshold:
                    best[members[position]] = (earlier, share)
                    break
    for later in sorted(best):
        earlier, share = best[later]
        problem = _problem(params, reports.get(later), reports.get(earlier), share, rule)
        yield SetProblem(later, problem, earlier)


def _earliest(
    members: list[int],
    position: int,
    body: dict[int, str | None],
    steps: list[int],
    known: tuple[int, float] | None,
) -> Iterator[int]:
    """The band's members ahead of `members[position]` that may be the earliest report it is
    similar to, in order: another body's reports, earlier than the one already found. The
    caller stops at the first similar one (every one after it is later); a run of one body's
    reports is stepped over at once (a folder of copies of one report: no pair to compare)."""
    own = body.get(members[position])
    at = 0
    while at < position:
        earlier = members[at]
        if known is not None and known[0] <= earlier:
            return
        if own is not None and body.get(earlier) == own:
            at = steps[at]  # one body's reports are never a pair of this rule
            continue
        yield earlier
        at += 1


def _other_body_steps(members: list[int], body: dict[int, str | None]) -> list[int]:
    """For each position, the next position holding another body's report (or the end)."""
    steps = [len(members)] * len(members)
    for position in range(len(members) - 2, -1, -1):
        same = body.get(members[position]) == body.get(members[position + 1])
        steps[position] = steps[position + 1] if same else position + 1
    return steps


def _sketch(reports: ReportSet, index: int, rule: str, cache: dict[int, bytes]) -> bytes:
    """A report's sketch, the recent ones kept (candidates come sorted, so the same report is
    asked again soon; a bounded cache, since the set may be large)."""
    if index not in cache:
        if len(cache) >= 256:
            cache.clear()
        cache[index] = reports.get(index).data[rule]["sketch"]
    return cache[index]


def _groups(
    params: Params, reports: ReportSet, rule: str
) -> Iterator[tuple[list[int], dict[int, str | None]]]:
    """Reports sharing a whole band of their sketches (each band's key prefixed with its
    number, so that only the same band matches), in file order, with each one's body: the
    candidates. Two reports of one body are never a pair of this rule."""

    def keys() -> Iterator[tuple[bytes, int]]:
        for summary in reports:
            data = summary.data.get(rule)
            if data:
                for band in range(params.bands):
                    key = data["bands"][band * 8 : (band + 1) * 8]
                    yield band.to_bytes(2, "big") + key, summary.index

    for members in reports.groups(keys(), _CROWD):
        yield members, reports.bodies(members)


def _problem(
    params: Params, later: ReportSummary, earlier: ReportSummary, share: float, rule: str
) -> Problem:
    labels = "、".join(p.label for p in params.text.sections)
    return Problem(
        Message(
            f"报告（{labels}）与另一机关的报告{named(earlier)}内容几乎相同（相似度约{percent(share)}）",
            f"this report ({labels}) is nearly the same as another body's report {named_en(earlier)} (about {percent(share)} similar)",
        ),
        later.data[rule]["location"],
        where="全文",
        expected=f"< {percent(params.text.threshold)}",
        actual=percent(share),
        formula=SIMILARITY_FORMULA,
    )
