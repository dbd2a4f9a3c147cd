"""The check kinds: one module per kind, listed in KINDS (the only registry). The kinds that see
more than one report are in `kinds.sets` (registry SETKINDS).

May import only `checker.core` (and other kinds): a check never depends on the input format
(readers), on how the model was built (extract) or on how it is run (engine, batch).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, Protocol

from checker.core.findings import Problem
from checker.core.model import Report


class Kind(Protocol):
    NAME: str
    PARAMS_SCHEMA: dict[str, Any]  # JSON Schema of `params` (the rule-pack schema's part)

    def build_params(self, raw: Mapping[str, Any]) -> Any: ...

    def check(self, params: Any, report: Report) -> Iterator[Problem]: ...


def _registry() -> dict[str, Kind]:
    from checker.kinds import (
        balanced_pairs,
        cell_values,
        change_claims,
        deadline,
        keywords_present,
        metadata_present,
        outline_parts,
        prose_vs_table,
        rate_claim,
        required_sections,
        share_claims,
        share_vs_table,
        stated_total,
        statistics_period,
        table_identity,
        table_notes,
        table_present,
        template_era,
        text_patterns,
    )

    modules: list[Kind] = [
        balanced_pairs,
        cell_values,
        change_claims,
        deadline,
        keywords_present,
        metadata_present,
        outline_parts,
        prose_vs_table,
        rate_claim,
        required_sections,
        share_claims,
        share_vs_table,
        stated_total,
        statistics_period,
        table_identity,
        table_notes,
        table_present,
        template_era,
        text_patterns,
    ]
    return {module.NAME: module for module in modules}


KINDS: dict[str, Kind] = _registry()
