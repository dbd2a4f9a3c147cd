"""Roster import: the CSV header exactly `机关名称,机关类型,上级机关`, or an xlsx with those columns;
a wrong header, an unknown body type or a repeated name stops the import (all rows or none)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.desk_support import django_ready, unique


@pytest.fixture(autouse=True)
def _django() -> None:
    django_ready()


def test_an_xlsx_roster_and_an_update(tmp_path: Path) -> None:
    import openpyxl

    from checker.desk.models import Body
    from checker.desk.roster import import_roster

    government, department = unique("县人民政府"), unique("县教育局")
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in (
        ("机关名称", "机关类型", "上级机关"),
        (government, "人民政府", None),
        (department, "department", government),
    ):
        sheet.append(row)
    path = tmp_path / "名单.xlsx"
    book.save(path)
    assert import_roster(path, 2041) == (2, 0)
    bodies = {b.name: b for b in Body.objects.filter(round__year=2041)}
    assert bodies[government].kind == "government" and bodies[government].aggregate
    assert bodies[department].parent_name == government and not bodies[department].aggregate
    assert import_roster(path, 2041) == (0, 2)  # importing again updates the round


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("名称,类型,上级\n甲局,department,\n", "表头应为"),
        ("机关名称,机关类型,上级机关\n甲局,bureau,\n", "第2行"),
        ("机关名称,机关类型,上级机关\n甲局,department,\n甲局,department,\n", "重复"),
    ],
)
def test_a_bad_roster_is_refused_whole(tmp_path: Path, text: str, message: str) -> None:
    from checker.desk.models import Body
    from checker.desk.roster import RosterError, import_roster

    path = tmp_path / "名单.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RosterError, match=message):
        import_roster(path, 2042)
    assert not Body.objects.filter(round__year=2042).exists()
