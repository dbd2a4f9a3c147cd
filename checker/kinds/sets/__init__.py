"""Set kinds: checks that see more than one report (cross-year, cross-body), listed in SETKINDS.

Same module shape as `checker.kinds`, split in two because the reports of a batch are read in
separate processes (or machines): `extract(params, report)` runs in the worker, next to the
parsed Report, and returns the small picklable piece of it the check needs (a row of cells, a
text sketch); `check(params, reports)` runs once in the parent over every report's summary and
yields `SetProblem`s — a bare Problem for one report, naming the other report it involves.
"""

from __future__ import annotations

from checker.kinds.sets.contract import SetKind


def _registry() -> dict[str, SetKind]:
    from checker.kinds.sets import (
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
