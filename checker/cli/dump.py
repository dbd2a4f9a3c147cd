"""The parsed model as JSON, for `ogi-check extract`: what the checker read, to debug a rule."""

from __future__ import annotations

from typing import Any

from checker.core.findings import json_value
from checker.core.model import Cell, Count, Enumeration, Location, Report, Table
from checker.formatters.json_format import report_dict


def report_to_dict(report: Report) -> dict[str, Any]:
    meta = report.metadata
    return {
        "path": report.path,
        "format": report.format,
        "metadata": {
            **report_dict(meta),
            "era_source": meta.era_source,
            "agency_kind_source": meta.agency_kind_source,
            "published_source": meta.published_source,
            "template_era": meta.template_era,
            "statistics_period": _period(report),
        },
        "truncated": report.truncated,
        "headless": report.headless,
        "closed_end": report.closed_end,
        "sections": [
            {
                "marker": s.marker,
                "title": s.title,
                "level": s.level,
                "line": s.location.line,
                "inline": s.inline,
            }
            for s in report.sections
        ],
        "counts": [_count(c) for c in report.counts],
        "enumerations": [_enumeration(e) for e in report.enumerations],
        "tables": {key: _cells(table) for key, table in report.tables.items()},
        "table_info": {key: _table_info(table) for key, table in report.tables.items()},
    }


def _period(report: Report) -> dict[str, Any] | None:
    period = report.metadata.period
    if period is None:
        return None
    return {
        "raw": period.raw,
        "year": period.year,
        "malformed": period.malformed,
        "start": period.start.isoformat() if period.start else None,
        "end": period.end.isoformat() if period.end else None,
        "line": period.location.line,
    }


def _count(count: Count) -> dict[str, Any]:
    number = count.number
    return {
        "value": json_value(number.value),
        "unit": count.unit,
        "label": count.label,
        "approx": number.approx,
        "low": json_value(number.low),
        "high": json_value(number.high),
        "line": count.location.line,
        "column": count.location.column,
    }


def _enumeration(enumeration: Enumeration) -> dict[str, Any]:
    return {
        "total": _count(enumeration.total),
        "parts": [_count(p) for p in enumeration.parts],
        "intro": enumeration.intro,
        "nested": enumeration.nested,
        "formula": f"{json_value(enumeration.total.number.value)} = "
        + " + ".join(str(json_value(p.number.value)) for p in enumeration.parts),
    }


def _cells(table: Table) -> dict[str, Any]:
    """Keyed by canonical address only (T3 -> R3.3.4 -> COM): other tools read this shape."""
    return {
        row: {col: _cell(cell) for col, cell in cols.items()} for row, cols in table.cells.items()
    }


def _table_info(table: Table) -> dict[str, Any]:
    return {
        "variant": table.variant,
        "line": table.location.line,
        "notes": [
            {"code": n.code, "message": n.message.zh, "where": n.where, "line": n.location.line}
            for n in table.notes
        ],
    }


def _cell(cell: Cell) -> dict[str, Any]:
    return {
        "value": json_value(cell.value),
        "raw": cell.raw,
        "kind": cell.kind,
        **_loc(cell.location),
    }


def _loc(location: Location) -> dict[str, Any]:
    out: dict[str, Any] = {"line": location.line}
    if location.page is not None:
        out["page"] = location.page
    return out
