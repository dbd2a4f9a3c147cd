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


def two_rounds() -> tuple[dict[str, Any], Any]:
    """Two departments in 2061 and 2062; each uploads the same report both years: carry-over
    from last year's report broken, its text copied, and the two bodies' reports identical."""
    from checker.desk.accounts import add_user
    from checker.desk.models import Body
    from checker.desk.services import ensure_round

    names = [unique("县局"), unique("县局")]
    for year in (2061, 2062):
        for name in names:
            Body.objects.create(round=ensure_round(year), name=name, kind="department")
    users = {name: add_user(unique("dept"), "body", name, PASSWORD).user for name in names}
    for year in (2061, 2062):
        for name in names:
            put(users[name], year)
    return users, add_user(unique("office"), "office", "", PASSWORD).user


def test_cross_report_findings_on_the_round_and_the_bodies_pages() -> None:
    from pathlib import Path

    from django.test import Client

    from checker.desk.models import Body, CrossFinding, Round

    users, office = two_rounds()
    first, second = list(users)
    for body in Body.objects.filter(name__in=users):  # found from what each upload kept
        Path(body.latest().file.path).unlink()
    client = Client()
    client.force_login(office)
    page = client.get("/office/cross/", {"year": 2062}).content.decode()
    round_ = Round.objects.get(year=2062)
    found = list(CrossFinding.objects.filter(round=round_).select_related("submission__body"))
    rules = {f.rule for f in found}
    assert {"OGI-X002", "OGI-X004", "OGI-X006"} <= rules, rules
    this_year = {b.name: b for b in Body.objects.filter(round=round_)}
    for name in (first, second):
        assert f'href="/office/bodies/{this_year[name].pk}/"' in page
    carry = next(f for f in found if f.rule == "OGI-X002")
    assert carry.related is not None and carry.related.body.round.year == 2061
    assert carry.related.body.name == carry.submission.body.name  # its own last year
    assert carry.message in page and carry.message_en and carry.message_en != carry.message
    similar = next(f for f in found if f.rule == "OGI-X006")
    assert {similar.submission.body.name, similar.related.body.name} == {first, second}
    # Each body's page lists what involves it, linked to the other body.
    other_body = similar.related.body
    body_page = client.get(f"/office/bodies/{other_body.pk}/").content.decode()
    assert similar.message in body_page and "OGI-X002" in body_page  # its own carry-over too
    assert f'href="/office/bodies/{similar.submission.body.pk}/"' in body_page
    latest = similar.submission.body.latest()
    shown = client.get(f"/submissions/{latest.pk}/").content.decode()
    assert 'id="cross-findings"' in shown and similar.message in shown
    # Kept until an input changes: a new version finds them again.
    at = Round.objects.get(year=2062).cross_at
    client.get("/office/cross/", {"year": 2062})
    assert Round.objects.get(year=2062).cross_at == at
    put(users[first], 2062)
    client.get("/office/cross/", {"year": 2062})
    assert Round.objects.get(year=2062).cross_at != at
    # The clerk sees no other body's report, nor these pages.
    clerk = Client()
    clerk.force_login(users[first])
    assert clerk.get("/office/cross/", {"year": 2062}).status_code == 403
    assert clerk.get(f"/office/bodies/{other_body.pk}/").status_code == 403
    own = clerk.get(f"/submissions/{this_year[first].latest().pk}/").content.decode()
    assert 'id="cross-findings"' not in own
