"""Near-identical reports from different bodies: the narrative sections of two bodies' reports
are nearly the same once each body's own name is left out (a report copied and renamed).

Comparing every pair of ten thousand reports is fifty million comparisons; instead the sketches
are cut into bands and only reports sharing a whole band are compared (locality-sensitive
hashing): pairs at 90% similarity meet in some band with near certainty, unrelated ones rarely.
A finding goes on the later report in file order and names the earliest one it copies."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from checker.findings import Problem
from checker.model import NOWHERE, Message, Report
from checker.reportset import ReportSet, ReportSummary
from checker.setkinds import SetProblem
from checker.setkinds.common import (
    SectionPattern,
    build_sections,
    named,
    named_en,
    percent,
    plain,
    section_text,
    similarity,
    sketch,
    threshold_of,
)

NAME = "similar_bodies"
_CROWD = 2000  # a band shared by more reports than this is boilerplate, not a lead


@dataclass(frozen=True)
class Params:
    sections: tuple[SectionPattern, ...]
    threshold: float
    min_chars: int
    shingle: int
    size: int
    bands: int


def build_params(raw: Mapping[str, Any]) -> Params:
    threshold = threshold_of(raw)
    # 16 bands of 16 bins: a pair at 90% similarity shares a band with probability 0.96, at 92%
    # 0.99; unrelated reports that share boilerplate (50–60%) rarely do (about 1 in 600 pairs)
    size, bands = int(raw.get("sketch", 256)), int(raw.get("bands", 16))
    if bands < 1 or size % bands:
        raise ValueError("bands: must divide sketch")
    return Params(
        build_sections(raw["sections"]),
        threshold,
        int(raw.get("min_chars", 300)),
        int(raw.get("shingle", 4)),
        size,
        bands,
    )


def extract(params: Params, report: Report) -> dict[str, Any] | None:
    parts, location = [], None
    for pattern in params.sections:
        section = section_text(report, pattern)
        if section is not None:
            parts.append(section[0])
            location = location or section[1]
    words = plain("".join(parts), [report.metadata.agency])
    if len(words) < params.min_chars:
        return None
    sig = sketch(words, params.shingle, params.size)
    width = len(sig) // params.bands
    bands = b"".join(
        hashlib.blake2b(sig[i * width : (i + 1) * width], digest_size=8).digest()
        for i in range(params.bands)
    )
    return {"sketch": sig, "bands": bands, "location": location or NOWHERE}


def check(params: Params, reports: ReportSet, rule: str) -> Iterator[SetProblem]:
    """Candidates from the band keys (8 bytes a band, all in memory), then each candidate pair's
    full sketches read back to measure its similarity."""
    by_index = {s.index: s for s in reports}
    keys: dict[int, bytes] = {}
    for summary in reports:
        data = summary.data.get(rule)
        if data:
            keys[summary.index] = data["bands"]
    best: dict[int, tuple[int, float]] = {}  # later report -> (earliest similar report, share)
    cache: dict[int, bytes] = {}
    for a, b in sorted(_candidates(params, keys)):
        if b in best or not _different(by_index[a], by_index[b]):
            continue
        share = similarity(_sketch(by_index[a], rule, cache), _sketch(by_index[b], rule, cache))
        if share >= params.threshold:
            best[b] = (a, share)
    for later in sorted(best):
        earlier, share = best[later]
        problem = _problem(params, by_index[later], by_index[earlier], share, rule)
        yield SetProblem(later, problem, earlier)


def _sketch(summary: ReportSummary, rule: str, cache: dict[int, bytes]) -> bytes:
    if summary.index not in cache:
        if len(cache) > 4096:  # candidates come sorted: recent reports are asked again soon
            cache.clear()
        cache[summary.index] = summary.data[rule]["sketch"]
    return cache[summary.index]


def _candidates(params: Params, keys: Mapping[int, bytes]) -> set[tuple[int, int]]:
    pairs: set[tuple[int, int]] = set()
    for band in range(params.bands):
        buckets: dict[bytes, list[int]] = defaultdict(list)
        for index, key in keys.items():
            buckets[key[band * 8 : (band + 1) * 8]].append(index)
        for members in buckets.values():
            if 1 < len(members) <= _CROWD:
                members.sort()
                pairs.update((x, y) for i, x in enumerate(members) for y in members[i + 1 :])
    return pairs


def _different(a: ReportSummary, b: ReportSummary) -> bool:
    return a.identity.body != b.identity.body or a.identity.body is None


def _problem(
    params: Params, later: ReportSummary, earlier: ReportSummary, share: float, rule: str
) -> Problem:
    labels = "、".join(p.label for p in params.sections)
    return Problem(
        Message(
            f"报告（{labels}）与另一机关的报告{named(earlier)}内容几乎相同（相似度约{percent(share)}）",
            f"this report ({labels}) is nearly the same as another body's report {named_en(earlier)} (about {percent(share)} similar)",
        ),
        later.data[rule]["location"],
        where="全文",
        expected=f"< {percent(params.threshold)}",
        actual=percent(share),
        formula="相似度 = 相同字片段 / 全部字片段（Jaccard）",
    )
