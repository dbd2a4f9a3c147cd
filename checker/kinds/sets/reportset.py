"""Report sets: the summaries of a run, found by body and year, and which report is last year's.

They live on disk (`checker.kinds.sets.store`), so memory does not grow with the number of
reports.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from checker.kinds.sets.store import SummaryStore
from checker.kinds.sets.summary import ReportSummary


class ReportSet:
    """The summaries of a run, in file order, found by body and year. They live in a
    `SummaryStore` (on disk) and are read back as the set rules ask."""

    def __init__(self, source: SummaryStore | Iterable[ReportSummary]):
        self.store = source if isinstance(source, SummaryStore) else SummaryStore.of(source)

    def __iter__(self) -> Iterator[ReportSummary]:
        return self.store.summaries()

    def __len__(self) -> int:
        return self.store.count

    def representatives(self) -> list[int]:
        """The first report of each rule set and era, in file order."""
        return self.store.representatives()

    def first_index(self) -> int:
        return next(iter(self.store.summaries(with_data=False))).index

    def get(self, index: int) -> ReportSummary:
        return self.store.get(index)

    def same(self, body: str, year: int) -> list[ReportSummary]:
        """Every report of this body and year, in file order (more than one: duplicates)."""
        return self.store.same(body, year)

    def first(self, body: str, year: int) -> ReportSummary | None:
        """The report that stands for this body and year (the first of duplicates): one indexed
        look-up, never the whole group (1,000 copies of one report made `same` quadratic)."""
        index = self.store.first_of(body, year)
        return None if index is None else self.store.get(index)

    def previous(self, summary: ReportSummary) -> ReportSummary | None:
        """The same body's report for the year before (the first one, if it came twice)."""
        body, year = summary.identity.body, summary.identity.year
        if not (summary.readable and body and year):
            return None
        return self.first(body, year - 1)

    def first_of_year(self, summary: ReportSummary) -> bool:
        """True for the report that stands for its body and year (the first of duplicates)."""
        body, year = summary.identity.body, summary.identity.year
        if not (body and year):
            return True
        first = self.store.first_of(body, year)
        return first is None or first == summary.index

    def year_pairs(self, rule: str) -> Iterator[tuple[ReportSummary, ReportSummary, Any, Any]]:
        """Each report that stands for its body and year with the same body's report of the
        year before, and what `rule` extracted from both (empty when it extracted nothing).
        The pairs are found by one query; only their summaries are read."""
        for index, before in self.store.year_pairs():
            summary, previous = self.store.get(index), self.store.get(before)
            yield summary, previous, summary.data.get(rule) or {}, previous.data.get(rule) or {}

    def later_copies(self) -> Iterator[tuple[ReportSummary, ReportSummary]]:
        """Each report of a body and year that is not the one standing for them, with that one
        (the first readable report of the body and year), in file order."""
        for index, first in self.store.later_copies():
            yield self.store.get(index), self.store.get(first)

    def groups(self, keys: Iterable[tuple[bytes, int]], most: int) -> Iterator[list[int]]:
        """Indices of reports sharing a key (2 to `most` of them), grouped on disk."""
        return self.store.groups(keys, most)

    def bodies(self, indices: list[int]) -> dict[int, str | None]:
        """The body of each of these reports (a cheap look-up: no summary is loaded)."""
        return self.store.bodies(indices)

    def close(self) -> None:
        self.store.close()
