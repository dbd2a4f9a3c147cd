"""Build the Report model from a read Document: the one place the extractors are wired."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace

from checker.core.document import Document
from checker.core.model import Metadata, Report, SourceText, Table
from checker.core.templates.model import Templates
from checker.core.textnorm import build_source
from checker.extract.facts import extract_counts, extract_enumerations
from checker.extract.metadata import extract_metadata, metadata_from_data
from checker.extract.sections import extract_sections
from checker.extract.tables.data import tables_from_data
from checker.extract.tables.extract import extract_tables

# A copy cut off mid-sentence ends on a character that cannot end a report: an ideograph (but
# not the 日 of a date, the 项 of 事项, 无, or a signature), an opening bracket, a comma, a
# list marker. Digits, full stops and closing brackets end real reports (tables, dates).
_CUT_END = re.compile(r"([\u4e00-\u9fff]|[(\[《“‘,、:]|(^|[^\d])\d{1,2}[.、])$")
_COMPLETE_END = re.compile(
    r"(日|事项|无|附件.*|下载|.{2,30}(局|厅|委|办|室|府|会|处|中心|街道|镇|乡))$"
)
_PAGE_NUMBER = re.compile(r"^[-—–\s]*\d{1,3}[-—–\s]*$|^第\s*\d+\s*页")


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
        tables = tables_from_data(document.cells, source)
    else:
        tables = extract_tables(source, templates) if templates is not None else {}
    metadata = replace(metadata, template_era=_template_era(tables))
    return Report(
        path=path,
        format=fmt,
        source=source,
        metadata=metadata,
        sections=sections,
        counts=counts,
        enumerations=extract_enumerations(source, counts),
        tables=tables,
        truncated=looks_truncated(source),
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


def looks_truncated(source: SourceText) -> bool:
    """A copy that stops mid-sentence or mid-table was cut off: what is absent may exist."""
    for line in reversed(source.lines):
        text = line.strip(" |")
        if text and not _PAGE_NUMBER.match(text):
            return bool(_CUT_END.search(text)) and not _COMPLETE_END.search(text)
    return True
