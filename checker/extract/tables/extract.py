"""Tables 二, 三 and 四 (spec §4) read from the report text, in every shape real copies take.

    templates = load_templates(paths)          # checker.core.templates.loader
    tables = extract_tables(source, templates)  # {"T2": Table, "T3": Table, "T4": Table}

The pipeline, one module each: find each table's region (`table_regions`), cut it into label
text and number groups (`table_tokens`), name the rows (`table_match`), place every group on
its row (`table_rows`), map slots to columns and split run-together digits (`table_cells`,
`table_split`). Each format of a table (2019 trial / 2021) is tried and the one that reads best
— its markers found, most rows read — is kept; `Table.variant` says which, so the caller can
tell a wrong-era template. What cannot be read for certain is a `TableNote`, never a guess.
"""

from __future__ import annotations

from checker.core.model import SourceText, Table
from checker.core.templates.model import Templates
from checker.extract.tables.regions import find_regions

__all__ = ["extract_tables"]


def extract_tables(source: SourceText, templates: Templates) -> dict[str, Table]:
    """Every table found in the text, keyed "T2" / "T3" / "T4"; absent tables are absent."""
    regions = find_regions(source, templates)
    if not regions:
        return {}
    # imported here: the reading machinery (tokens, rows, cells) is most of the table code, and
    # a report without a table region (most 2008-era narratives) never needs it
    from checker.extract.tables.reading import read_tables

    return read_tables(source, templates, regions)
