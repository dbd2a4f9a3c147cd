"""Import a round's roster: a CSV whose header is exactly `机关名称,机关类型,上级机关`, or an xlsx
with those columns. 机关类型 is department, government or township (or their Chinese labels)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

from django.db import transaction

from checker.desk.models import Body
from checker.desk.services import audit, ensure_round
from checker.formatters.office import KIND_ZH

HEADER = ("机关名称", "机关类型", "上级机关")
_KIND = (
    {key: key for key in KIND_ZH}
    | {label: key for key, label in KIND_ZH.items()}
    | {
        "部门": "department",
        "乡镇": "township",
        "街道": "township",
    }
)


class RosterError(Exception):
    """A roster file that cannot be imported; the message names the file and the row."""


def rows(path: Path) -> Iterator[tuple[int, list[str]]]:
    """(row number as printed, cells) after the header, from a CSV or an xlsx."""
    if path.suffix.lower() == ".xlsx":
        yield from _xlsx_rows(path)
        return
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        text = path.read_bytes().decode("gb18030", errors="strict")
    reader = csv.reader(io.StringIO(text))
    header = next(reader, None)
    _check_header(path, header)
    for number, cells in enumerate(reader, start=2):
        if any(c.strip() for c in cells):
            yield number, cells


def _xlsx_rows(path: Path) -> Iterator[tuple[int, list[str]]]:
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True, data_only=True)
    sheet = book.worksheets[0]
    found = sheet.iter_rows(values_only=True)
    header = next(found, None)
    _check_header(path, [str(c or "") for c in header or ()])
    for number, values in enumerate(found, start=2):
        cells = ["" if v is None else str(v) for v in values]
        if any(c.strip() for c in cells):
            yield number, cells


def _check_header(path: Path, header: list[str] | None) -> None:
    got = tuple(c.strip() for c in header or ())[:3]
    if got != HEADER:
        raise RosterError(f"{path}：表头应为“{','.join(HEADER)}”，实为“{','.join(got)}”")


@transaction.atomic
def import_roster(path: Path, year: int, user: object = None) -> tuple[int, int]:
    """Add or update the round's bodies; (added, updated). All rows or none."""
    found: dict[str, tuple[str, str]] = {}
    for number, cells in rows(path):
        cells = [c.strip() for c in cells] + ["", "", ""]
        name, kind_text, parent = cells[:3]
        kind = _KIND.get(kind_text)
        if not name or kind is None:
            raise RosterError(
                f"{path} 第{number}行：机关名称不能为空，机关类型应为 department、government 或 township（实为“{kind_text}”）"
            )
        if name in found:
            raise RosterError(f"{path} 第{number}行：机关“{name}”重复")
        found[name] = (kind, parent)
    round_ = ensure_round(year)
    added = updated = 0
    for name, (kind, parent) in found.items():
        _, created = Body.objects.update_or_create(
            round=round_, name=name, defaults={"kind": kind, "parent_name": parent}
        )
        added, updated = added + created, updated + (not created)
    parents = {parent for _, parent in found.values() if parent}
    # A 人民政府 with bodies under it on the roster reports for them: declared an aggregate.
    Body.objects.filter(round=round_, name__in=parents, kind="government").update(aggregate=True)
    audit(user, "roster_import", f"{year}年度", file=path.name, added=added, updated=updated)
    return added, updated
