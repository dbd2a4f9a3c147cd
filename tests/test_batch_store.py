"""What a batch keeps between checking and writing: the spool of results and the summary store
give the same answers whether an item is held in memory or was written to disk, and the set
rules' pair queries find what a walk over every summary would."""

from __future__ import annotations

import random
import struct
import zlib
from collections.abc import Iterator

import pytest

from checker.batch.results import Spool
from checker.kinds.sets.common import _NOT_TEXT, _densify, plain_joined, sketch, sketch_joined
from checker.kinds.sets.reportset import ReportSet
from checker.kinds.sets.store import SummaryStore
from checker.kinds.sets.summary import Identity, ReportSummary


@pytest.mark.parametrize("held", [0, 2, 10])
def test_spool_gives_results_back_in_order_held_or_written(
    monkeypatch: pytest.MonkeyPatch, held: int
) -> None:
    monkeypatch.setattr(Spool, "HELD", held)
    spool = Spool()
    items = [{"n": n, "path": f"{n}.txt"} for n in range(5)]
    for item in items:
        spool.add(item)
    assert list(spool) == items
    assert list(spool) == items  # read twice: the counts, then the format
    assert (spool.file is None) == (held >= len(items))
    spool.close()


def _summaries(seed: int, count: int) -> list[ReportSummary]:
    """Reports of a few bodies and years, some unreadable, some without a body or year."""
    rng = random.Random(seed)
    out = []
    for index in range(count):
        agency = rng.choice(["甲局", "乙局", "丙 局", " ", None])
        year = rng.choice([2021, 2022, 2023, 0, None])
        readable = rng.random() > 0.15
        data = {"X": {"n": index}} if readable else {}
        identity = Identity(agency, year, None)
        out.append(ReportSummary(index, f"{index}.txt", identity, data=data, readable=readable))
    return out


def _walked_pairs(reports: ReportSet) -> Iterator[tuple[int, int]]:
    """The pairs as the set rules found them before: a walk over every summary."""
    for summary in reports:
        previous = reports.previous(summary)
        if previous is not None and reports.first_of_year(summary):
            yield summary.index, previous.index


def _walked_copies(reports: ReportSet) -> Iterator[tuple[int, int]]:
    for summary in reports:
        body, year = summary.identity.body, summary.identity.year
        if not body or not year or reports.first_of_year(summary):
            continue
        first = reports.first(body, year)
        if first is not None:
            yield summary.index, first.index


@pytest.mark.parametrize("seed", range(8))
@pytest.mark.parametrize("held", [0, 1000])
def test_pair_queries_find_what_a_walk_finds(
    monkeypatch: pytest.MonkeyPatch, seed: int, held: int
) -> None:
    monkeypatch.setattr(SummaryStore, "HELD", held)
    reports = ReportSet(_summaries(seed, 60))
    pairs = [(s.index, p.index) for s, p, _, _ in reports.year_pairs("X")]
    assert pairs == list(_walked_pairs(reports))
    copies = [(s.index, f.index) for s, f in reports.later_copies()]
    assert copies == list(_walked_copies(reports))
    reports.close()


@pytest.mark.parametrize("held", [0, 3, 1000])
def test_summaries_read_back_the_same_held_or_stored(
    monkeypatch: pytest.MonkeyPatch, held: int
) -> None:
    monkeypatch.setattr(SummaryStore, "HELD", held)
    summaries = _summaries(1, 12)
    store = SummaryStore.of(summaries)
    assert list(store.summaries()) == summaries
    assert [s.index for s in store.summaries(with_data=False)] == list(range(12))
    assert all(store.get(s.index) == s for s in summaries)
    store.close()


def test_findings_of_a_report_without_set_findings_are_empty() -> None:
    store = SummaryStore.of(_summaries(2, 3))
    assert store.findings(1) == []
    store.close()


def _plain(text: str, drop: list[str | None]) -> str:
    for word in drop:
        if word:
            text = text.replace(word, "")
    return _NOT_TEXT.sub("", text)


def test_plain_joined_is_plain_of_the_parts_run_together() -> None:
    """Joined from the parts' words, except where the body's name straddles two parts."""
    rng = random.Random(4)
    alphabet = "清河县局，。 12ab"
    for _ in range(3000):
        parts = [
            "".join(rng.choices(alphabet, k=rng.randint(0, 8))) for _ in range(rng.randint(0, 4))
        ]
        drop = rng.choice([[None], ["清河"], ["清河县"], ["县"], ["清河", "局"], []])
        pieces, words = plain_joined(parts, drop)
        assert words == _plain("".join(parts), drop)
        assert pieces == [_plain(part, drop) for part in parts]


def _densified(bins: list[int]) -> list[int]:
    """The densification as first written: each empty bin walks to the next filled one."""
    empty, size = 1 << 40, len(bins)
    if all(b == empty for b in bins):
        return bins
    out = []
    for i in range(size):
        step = 0
        while bins[(i + step) % size] == empty:
            step += 1
        out.append(bins[(i + step) % size] + step * empty)
    return out


def test_sketch_densify_keeps_its_values() -> None:
    """Sketches are compared across runs (the result cache, the desk): the faster
    densification must give the same bins."""
    rng = random.Random(5)
    for _ in range(2000):
        size = rng.choice([1, 2, 8, 128, 256])
        share = rng.random()
        bins = [rng.getrandbits(32) if rng.random() < share else 1 << 40 for _ in range(size)]
        assert _densify(list(bins)) == _densified(bins)


def _sketched(text: str, shingle: int, size: int) -> bytes:
    """A sketch as first written: every shingle's CRC-32 into `size` bins, densified."""
    shingles = (
        [text]
        if len(text) < shingle
        else [text[i : i + shingle] for i in range(len(text) - shingle + 1)]
    )
    bins = [1 << 40] * size
    for value in (zlib.crc32(s.encode()) for s in shingles):
        bins[value % size] = min(bins[value % size], value)
    return struct.pack(f"<{size}Q", *_densified(bins))


@pytest.mark.parametrize("size", [1, 8, 100, 128, 256, 1024])
def test_sketches_keep_their_values(size: int) -> None:
    """A sketch worked out at the finer size and folded, or joined from its parts' bins, is the
    sketch of the whole text."""
    rng = random.Random(size)
    alphabet = "政府信息公开申请办理情况总体存在问题改进"
    for _ in range(60):
        parts = [
            "".join(rng.choices(alphabet, k=rng.choice([2, 5, 40, 400, 2000])))
            for _ in range(rng.randint(1, 3))
        ]
        for shingle in (1, 4):
            for part in parts:
                assert sketch(part, shingle, size) == _sketched(part, shingle, size)
            joined = sketch_joined(parts, shingle, size)
            assert joined == _sketched("".join(parts), shingle, size)
