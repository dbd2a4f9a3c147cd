"""The check kinds: one module per kind, listed in KINDS (the only registry)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, Protocol

from checker.findings import Problem
from checker.model import Report


class Kind(Protocol):
    NAME: str

    def build_params(self, raw: Mapping[str, Any]) -> Any: ...

    def check(self, params: Any, report: Report) -> Iterator[Problem]: ...


def _registry() -> dict[str, Kind]:
    from checker.kinds import (
        balanced_pairs,
        deadline,
        metadata_present,
        rate_claim,
        required_sections,
        share_claims,
        stated_total,
        statistics_period,
        text_patterns,
    )

    modules: list[Kind] = [
        balanced_pairs,
        deadline,
        metadata_present,
        rate_claim,
        required_sections,
        share_claims,
        statistics_period,
        stated_total,
        text_patterns,
    ]
    return {module.NAME: module for module in modules}


KINDS: dict[str, Kind] = _registry()
