"""Build the Report model from a read Document: the one place the extractors are wired."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

from checker.core.document import Document
from checker.core.model import Metadata, Report, Table
from checker.core.templates.model import Templates
from checker.core.textnorm import build_source
from checker.extract.completeness import closed_end, cut_tables, looks_headless, looks_truncated
from checker.extract.facts import extract_counts, extract_enumerations
from checker.extract.metadata import extract_metadata, metadata_from_data
from checker.extract.sections import extract_sections
from checker.extract.tables.extract import extract_tables


@dataclass(frozen=True)
class Overrides:
    """What the user states instead of letting the checker infer it (CLI or config)."""

    era: str | None = None
    agency_kind: str | None = None


def build_report(
    document: Document,
    path: str,
    fmt: str,
    overrides: Overrides,
    templates: Templates | None = None,
) -> Report:
    """The report model; without templates (rule examples about prose) no table is read."""
    source = build_source(document.lines, document.pages, document.parts)
    sections = extract_sections(source)
    metadata = extract_metadata(source, sections)
    if document.metadata:  # structured data states what text would only suggest
        metadata = metadata_from_data(metadata, document.metadata)
    metadata = _apply(metadata, overrides)
    counts = extract_counts(source)
    if document.cells is not None:
        # structured data (YAML/JSON): its own module, which a text report never needs
        from checker.extract.tables.data import tables_from_data

        tables = tables_from_data(document.cells, source)
    else:
        tables = extract_tables(source, templates) if templates is not None else {}
    metadata = replace(metadata, template_era=_template_era(tables))
    truncated = looks_truncated(source, sections, tables)
    if truncated:
        tables = cut_tables(tables)
    return Report(
        path=path,
        format=fmt,
        source=source,
        metadata=metadata,
        sections=sections,
        counts=counts,
        enumerations=extract_enumerations(source, counts),
        tables=tables,
        truncated=truncated,
        headless=looks_headless(sections, metadata.title is not None),
        closed_end=closed_end(source),
    )


def _template_era(tables: Mapping[str, Table]) -> str | None:
    """The era the tables' layout says (T2 tells 2019 from 2021 best, then T3)."""
    for key in ("T2", "T3"):
        if key in tables and tables[key].variant in ("2019", "2021"):
            return tables[key].variant
    return None


def _apply(metadata: Metadata, overrides: Overrides) -> Metadata:
    if overrides.era:
        metadata = replace(metadata, era=overrides.era, era_source="option")
    if overrides.agency_kind:
        metadata = replace(metadata, agency_kind=overrides.agency_kind, agency_kind_source="option")
    return metadata
