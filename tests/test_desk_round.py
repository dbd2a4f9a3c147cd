"""The round as a whole: an aggregate report against the sum of its children (with coverage),
and the round's workbook from the checker's own batch run (cross-report rules included)."""

from __future__ import annotations

import io
from typing import Any

import pytest

from tests.conftest import FIXTURES
from tests.desk_support import PASSWORD, django_ready, unique

VALID = FIXTURES / "2021" / "valid_department.txt"


@pytest.fixture(autouse=True)
def _django() -> None:
    django_ready()


def county(year: int) -> tuple[Any, dict[str, Any], Any]:
    """A 人民政府 declared the aggregate of two departments, a clerk each, and an office user."""
    from checker.desk.accounts import add_user
    from checker.desk.models import Body
    from checker.desk.services import ensure_round

    round_ = ensure_round(year)
    government = unique("县人民政府")
    Body.objects.create(round=round_, name=government, kind="government", aggregate=True)
    users = {government: add_user(unique("gov"), "body", government, PASSWORD).user}
    for _ in range(2):
        name = unique("县局")
        Body.objects.create(round=round_, name=name, kind="department", parent_name=government)
        users[name] = add_user(unique("dept"), "body", name, PASSWORD).user
    return round_, users, add_user(unique("office"), "office", "", PASSWORD).user


def put(user: Any, year: int) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from checker.desk.services import upload

    upload(user, SimpleUploadedFile(VALID.name, VALID.read_bytes()), year)


def test_an_aggregate_against_its_children() -> None:
    from checker.desk.rounds import aggregates

    round_, users, _ = county(2031)
    government, first, second = list(users)
    assert aggregates(round_)[0].note == "汇总报告尚未报送"
    put(users[government], 2031)
    assert aggregates(round_)[0].note == "下级机关均未报送，无法评估"
    put(users[first], 2031)  # one child with the same tables: equal cell by cell
    found = aggregates(round_)[0]
    assert (found.coverage, found.compared > 20, found.differences) == ("1/2", True, [])
    put(users[second], 2031)  # two children: the aggregate now reports less than their sum
    found = aggregates(round_)[0]
    assert found.coverage == "2/2" and found.differences
    assert all(d.below and d.children == 2 * d.own for d in found.differences)
    assert any(
        d.cell == "T3[R1][TOT]" and (d.own, d.children) == (52, 104) for d in found.differences
    )


def test_the_round_page_and_workbook() -> None:
    import openpyxl
    from django.test import Client

    _, users, office = county(2032)
    for user in users.values():
        put(user, 2032)
    client = Client()
    client.force_login(office)
    page = client.get("/office/round/", {"year": 2032}).content.decode()
    assert "覆盖下级 2/2" in page and "错误：小于下级合计" in page
    response = client.get("/office/export.xlsx", {"year": 2032})
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment")
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    reports = book["报告"]
    bodies = {str(cell.value) for row in reports.iter_rows() for cell in row}
    assert set(users) <= bodies
    rules = {str(cell.value) for row in book["问题"].iter_rows() for cell in row}
    assert any(r.startswith("OGI-X") for r in rules)  # identical reports: a cross-report rule
    body_client = Client()
    body_client.force_login(next(iter(users.values())))
    assert body_client.get("/office/export.xlsx", {"year": 2032}).status_code == 403
