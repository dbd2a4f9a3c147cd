"""Set kinds: checks that see more than one report (cross-year, cross-body), listed in SETKINDS.

Same module shape as `checker.kinds`, split in two because the reports of a batch are read in
separate processes (or machines): `extract(params, report)` runs in the worker, next to the
parsed Report, and returns the small picklable piece of it the check needs (a row of cells, a
text sketch); `check(params, reports)` runs once in the parent over every report's summary and
yields `SetProblem`s — a bare Problem for one report, naming the other report it involves.

Like KINDS, SETKINDS imports a set kind's module when the kind is first asked for: a check of
one file (which runs no set rule) asks only whether a rule's kind is a set kind.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from checker.kinds import Registry
from checker.kinds.sets.contract import SetKind

NAMES = (
    "carry_over",
    "duplicate_reports",
    "previous_year_claims",
    "previous_year_tables",
    "previous_year_text",
    "similar_bodies",
    "stock_continuity",
)
SETKINDS: Registry[SetKind] = Registry("checker.kinds.sets", NAMES)

if TYPE_CHECKING:  # mypy checks every module against the SetKind protocol (see checker.kinds)
    from checker.kinds.sets import (
        carry_over,
        duplicate_reports,
        previous_year_claims,
        previous_year_tables,
        previous_year_text,
        similar_bodies,
        stock_continuity,
    )

    TYPED: list[SetKind] = [
        carry_over,
        duplicate_reports,
        previous_year_claims,
        previous_year_tables,
        previous_year_text,
        similar_bodies,
        stock_continuity,
    ]
