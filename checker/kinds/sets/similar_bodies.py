"""Near-identical reports from different bodies: the narrative sections of two bodies' reports
are nearly the same once each body's own name is left out (a report copied and renamed).

Comparing every pair of ten thousand reports is fifty million comparisons; instead the sketches
are cut into bands and only reports sharing a whole band are compared (locality-sensitive
hashing): pairs at 90% similarity meet in some band with near certainty, unrelated ones rarely.
A finding goes on the later report in file order and names the earliest one it copies."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from checker.core.findings import Problem
from checker.core.model import NOWHERE, Message, Report
from checker.kinds.sets.common import (
    SIMILARITY_FORMULA,
    TEXT_PARAMS_PROPERTIES,
    TextParams,
    named,
    named_en,
    percent,
    plain,
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
    words = plain("".join(parts), [report.metadata.agency])
    if len(words) < params.text.min_chars:
        return None
    sig = params.text.sketch(words)
    width = len(sig) // params.bands
    bands = b"".join(
        hashlib.blake2b(sig[i * width : (i + 1) * width], digest_size=8).digest()
        for i in range(params.bands)
    )
    return {"sketch": sig, "bands": bands, "location": location or NOWHERE}


def check(params: Params, reports: ReportSet, rule: str) -> Iterator[SetProblem]:
    """Candidates from the band keys (grouped on disk by the report set), then each candidate
    pair's full sketches read back to measure its similarity; only the pairs found similar are
    kept in memory."""
    best: dict[int, tuple[int, float]] = {}  # later report -> (earliest similar report, share)
    cache: dict[int, tuple[str | None, bytes]] = {}
    for a, b in _candidates(params, reports, rule):
        if b in best and best[b][0] <= a:  # an earlier report already matched (or this one)
            continue
        body_a, sketch_a = _sketch(reports, a, rule, cache)
        body_b, sketch_b = _sketch(reports, b, rule, cache)
        if body_a == body_b and body_a is not None:  # the same body's reports: not this rule
            continue
        share = similarity(sketch_a, sketch_b)
        if share >= params.text.threshold:
            best[b] = (a, share)
    for later in sorted(best):
        earlier, share = best[later]
        problem = _problem(params, reports.get(later), reports.get(earlier), share, rule)
        yield SetProblem(later, problem, earlier)


def _sketch(
    reports: ReportSet, index: int, rule: str, cache: dict[int, tuple[str | None, bytes]]
) -> tuple[str | None, bytes]:
    """A report's body and sketch, the recent ones kept (candidates come sorted, so the same
    report is asked again soon; a bounded cache, since the set may be large)."""
    if index not in cache:
        if len(cache) >= 256:
            cache.clear()
        summary = reports.get(index)
        cache[index] = summary.identity.body, summary.data[rule]["sketch"]
    return cache[index]


def _candidates(params: Params, reports: ReportSet, rule: str) -> Iterator[tuple[int, int]]:
    """Pairs (earlier, later) of reports sharing a whole band of their sketches (each band's key
    prefixed with its number, so that only the same band matches); a pair sharing several bands
    comes once per band. Two reports of one body are never a pair of this rule: left out here,
    a folder of many copies of one body's report made every pair of copies load its sketches."""

    def keys() -> Iterator[tuple[bytes, int]]:
        for summary in reports:
            data = summary.data.get(rule)
            if data:
                for band in range(params.bands):
                    key = data["bands"][band * 8 : (band + 1) * 8]
                    yield band.to_bytes(2, "big") + key, summary.index

    for members in reports.groups(keys(), _CROWD):
        body = reports.bodies(members)
        for i, x in enumerate(members):
            for y in members[i + 1 :]:
                if body.get(x) is None or body.get(x) != body.get(y):
                    yield x, y


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
