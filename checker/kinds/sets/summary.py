"""What a batch keeps of one report: who wrote it, for which year, and what the set rules
extracted from it in the worker — never the parsed Report. The identity comes from the report's
content, or from a manifest (CSV: path, agency, year, body type) when one is given."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from checker.core.suppressions import Deferred

_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Identity:
    agency: str | None
    year: int | None
    agency_kind: str | None
    source: str = "content"  # "content" | "manifest"

    @property
    def body(self) -> str | None:
        """The body as a key: the name without white space (reports wrap and space titles)."""
        return _SPACE.sub("", self.agency) if self.agency else None


@dataclass(frozen=True)
class ReportSummary:
    """What a batch keeps of one report: small, picklable, shipped from the worker."""

    index: int
    path: str
    identity: Identity
    era: str | None = None
    published: date | None = None
    late_days: int | None = None  # publication date minus deadline (negative: early)
    data: Mapping[str, Any] = field(default_factory=dict)  # rule id -> what it extracted
    readable: bool = True
    deferred: Deferred | None = None  # its suppressions of set rules, for their findings
