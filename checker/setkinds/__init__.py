"""Set kinds: checks that see more than one report (cross-year, cross-body), listed in SETKINDS.

Same module shape as `checker.kinds`, split in two because the reports of a batch are read in
separate processes (or machines): `extract(params, report)` runs in the worker, next to the
parsed Report, and returns the small picklable piece of it the check needs (a row of cells, a
text sketch); `check(params, reports)` runs once in the parent over every report's summary and
yields `SetProblem`s — a bare Problem for one report, naming the other report it involves.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from checker.findings import Problem
from checker.model import Report
from checker.reportset import ReportSet


@dataclass(frozen=True)
class SetProblem:
    report: int  # index of the report the finding belongs to (in the run's file order)
    problem: Problem
    related: int | None = None  # index of the other report it was compared with


class SetKind(Protocol):
    NAME: str

    def build_params(self, raw: Mapping[str, Any]) -> Any: ...

    def extract(self, params: Any, report: Report) -> Any: ...

    def check(self, params: Any, reports: ReportSet, rule: str) -> Iterator[SetProblem]: ...


def _registry() -> dict[str, SetKind]:
    from checker.setkinds import (
        carry_over,
        duplicate_reports,
        previous_year_claims,
        previous_year_tables,
        previous_year_text,
        similar_bodies,
        stock_continuity,
    )

    modules: list[SetKind] = [
        carry_over,
        duplicate_reports,
        previous_year_claims,
        previous_year_tables,
        previous_year_text,
        similar_bodies,
        stock_continuity,
    ]
    return {module.NAME: module for module in modules}


SETKINDS: dict[str, SetKind] = _registry()
