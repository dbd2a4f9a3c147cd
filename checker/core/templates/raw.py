"""Tables given as data (structured input): cells by canonical address, and which template's
variant they fit. Shared by the structured reader (which prints them) and extract (which builds
the Table model from them)."""

from __future__ import annotations

from collections.abc import Mapping

from checker.core.templates.loader import national_templates
from checker.core.templates.model import TableTemplate

RawCell = tuple[str, int | None]  # raw text, line in the source file
RawTable = Mapping[str, Mapping[str, RawCell]]


def choose_variant(key: str, rows: RawTable) -> TableTemplate | None:
    """The template whose rows and columns the data's keys fit best; the later format on a tie."""
    best: tuple[int, int, TableTemplate] | None = None
    for order, template in enumerate(national_templates().variants(key)):
        known_rows = {e.key for e in template.rows}
        known_columns = {c.key for c in template.columns}
        score = sum(1 for r in rows if r in known_rows)
        score += sum(1 for cells in rows.values() for c in cells if c in known_columns)
        if best is None or (score, order) > best[:2]:
            best = (score, order, template)
    return best[2] if best else None
