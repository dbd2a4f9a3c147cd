"""The desk's pages in process (Django's test client): the body clerk's upload, the filing gate,
the office's review, notice and sign-off, and the denials (another body, no CSRF token, a path
in a file name, an oversized upload, a zip bomb, an unknown type, repeated wrong passwords)."""

from __future__ import annotations

import io
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import FIXTURES
from tests.desk_support import (
    DEFECTS,
    PASSWORD,
    Round,
    client_for,
    django_ready,
    latest,
    make_round,
    upload,
)

VALID = FIXTURES / "2021" / "valid_department.txt"


@pytest.fixture(autouse=True)
def _django() -> None:
    django_ready()


@pytest.fixture
def desk() -> Round:
    return make_round(bodies=2)


@pytest.fixture
def uploaded(desk: Round) -> Iterator[tuple[Round, Any, Any]]:
    body = desk.bodies[0]
    client = client_for(desk.users[body])
    response = upload(client, DEFECTS)
    submission = latest(body)
    assert response.status_code == 302 and response["Location"] == f"/submissions/{submission.pk}/"
    yield desk, client, submission


def test_upload_shows_findings_at_their_places(uploaded: tuple[Round, Any, Any]) -> None:
    _desk, client, submission = uploaded
    page = client.get(f"/submissions/{submission.pk}/").content.decode()
    assert submission.errors > 0 and submission.filed_at is None
    assert submission.body.status == "has_errors"
    # Every finding with a line is marked in the document text, tables shown as tables.
    marks = re.findall(r'class="mark" href="#f(\d+)"', page)
    placed = [i for i, f in enumerate(submission.result["findings"], 1) if f["line"]]
    assert sorted(set(map(int, marks))) == placed
    assert '<table class="grid">' in page and '<td class="hit">' in page
    assert "<mark>XX局</mark>" in page and "报送此版本" in page  # the quoted words themselves


def test_the_filing_gate_needs_an_explanation_per_error(uploaded: tuple[Round, Any, Any]) -> None:
    _desk, client, submission = uploaded
    errors = list(submission.findings.filter(severity="error"))
    response = client.post(f"/submissions/{submission.pk}/file/", {}, follow=True)
    assert "没有填写说明，不能报送" in response.content.decode()
    submission.refresh_from_db()
    assert submission.filed_at is None
    partial = {f"explain-{errors[0].pk}": "已核实"}
    client.post(f"/submissions/{submission.pk}/file/", partial)
    submission.refresh_from_db()
    assert submission.filed_at is None
    every = {f"explain-{f.pk}": f"说明{f.pk}" for f in errors}
    client.post(f"/submissions/{submission.pk}/file/", every)
    submission.refresh_from_db()
    submission.body.refresh_from_db()
    assert submission.filed_at is not None and submission.body.status == "pending_review"
    assert [c.status for c in submission.body.changes.all()] == ["has_errors", "pending_review"]


def test_another_body_cannot_open_a_submission(uploaded: tuple[Round, Any, Any]) -> None:
    desk, _, submission = uploaded
    other = client_for(desk.users[desk.bodies[1]])
    for url in ("", "original", "annotated.docx"):
        assert other.get(f"/submissions/{submission.pk}/{url}").status_code == 404
    assert other.post(f"/submissions/{submission.pk}/file/", {}).status_code == 404
    assert other.get("/office/").status_code == 403
    finding = submission.findings.first()
    assert (
        other.post(f"/findings/{finding.pk}/review/", {"decision": "dismissed"}).status_code == 403
    )
    assert client_for(desk.office).get(f"/submissions/{submission.pk}/").status_code == 200


def test_the_office_reviews_sends_a_notice_and_signs_off(uploaded: tuple[Round, Any, Any]) -> None:
    import docx

    from checker.desk.models import AuditEntry

    desk, clerk, submission = uploaded
    office = client_for(desk.office)
    first, second = submission.findings.all()[:2]
    office.post(f"/findings/{first.pk}/review/", {"decision": "confirmed"})
    office.post(f"/findings/{second.pk}/review/", {"decision": "dismissed"})  # no reason: refused
    second.refresh_from_db()
    assert second.review == "open"
    office.post(f"/findings/{second.pk}/review/", {"decision": "dismissed", "reason": "表述无误"})
    first.refresh_from_db(), second.refresh_from_db()
    assert (first.review, second.review, second.reason) == ("confirmed", "dismissed", "表述无误")
    office.post(f"/submissions/{submission.pk}/notice/", {"due": "2024-03-15"})
    submission.body.refresh_from_db()
    assert submission.body.status == "returned"
    notice = office.get(f"/submissions/{submission.pk}/notice.docx")
    assert notice["Content-Disposition"].startswith("attachment")
    text = "\n".join(
        c.text
        for t in docx.Document(io.BytesIO(notice.content)).tables
        for r in t.rows
        for c in r.cells
    )
    assert first.message in text and second.message not in text
    # Accepting needs a filed latest version: the corrected one, filed at once (no errors).
    assert office.post(f"/submissions/{submission.pk}/accept/").status_code == 302
    submission.body.refresh_from_db()
    assert submission.body.status == "returned"
    upload(clerk, VALID)
    corrected = latest(submission.body.name)
    assert corrected.version == 2 and corrected.errors == 0 and corrected.filed_at is not None
    office.post(f"/submissions/{corrected.pk}/accept/")
    corrected.body.refresh_from_db()
    assert corrected.body.status == "accepted"
    actions = set(
        AuditEntry.objects.filter(target__startswith=submission.body.name).values_list(
            "action", flat=True
        )
    )
    assert {"upload", "review", "notice", "download_notice", "accept"} <= actions


def test_roster_page_counts_and_filters(uploaded: tuple[Round, Any, Any]) -> None:
    desk, _, _ = uploaded
    office = client_for(desk.office)
    page = office.get("/office/", {"year": 2023, "status": "has_errors"}).content.decode()
    assert desk.bodies[0] in page and desk.bodies[1] not in page
    page = office.get("/office/", {"year": 2023, "q": desk.bodies[1]}).content.decode()
    assert desk.bodies[1] in page and "未提交" in page


def test_forms_need_the_csrf_token(desk: Round) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    body = desk.bodies[0]
    client = client_for(desk.users[body], csrf=True)
    response = client.post(
        "/body/upload/", {"file": SimpleUploadedFile("r.txt", DEFECTS.read_bytes())}
    )
    assert response.status_code == 403 and latest(body) is None
    client.get("/body/")  # the page sets the token cookie; with it the form is accepted
    token = client.cookies["csrftoken"].value
    response = client.post(
        "/body/upload/",
        {"file": SimpleUploadedFile("r.txt", DEFECTS.read_bytes()), "csrfmiddlewaretoken": token},
    )
    assert response.status_code == 302 and latest(body) is not None


def test_a_path_in_the_file_name_is_dropped(desk: Round) -> None:
    from django.conf import settings

    body = desk.bodies[0]
    upload(client_for(desk.users[body]), DEFECTS, name="../../../etc/cron.d/evil.txt")
    submission = latest(body)
    stored = Path(submission.file.path)
    assert submission.original_name == "evil.txt"
    assert stored.parent == Path(settings.DESK_DATA) / "files"
    assert re.fullmatch(r"[0-9a-f]{32}\.txt", stored.name)


def test_oversized_unknown_and_bomb_uploads_are_refused(desk: Round, tmp_path: Path) -> None:
    from django.conf import settings
    from django.test import override_settings

    files = Path(settings.DESK_DATA) / "files"
    before = set(files.iterdir())
    body = desk.bodies[0]
    client = client_for(desk.users[body])
    with override_settings(DESK_MAX_UPLOAD=4096):
        upload(client, DEFECTS, name="big.txt")
    script = tmp_path / "run.exe"
    script.write_bytes(b"MZ\x90\x00")
    upload(client, script)
    upload(client, FIXTURES / "bad" / "bomb.docx")
    assert latest(body) is None
    messages = client.get("/body/").content.decode()
    assert "文件过大" in messages and "不支持的文件类型" in messages and "压缩炸弹" in messages
    assert set(files.iterdir()) == before  # a refused upload leaves no file behind


def test_downloads_are_attachments_never_inline(desk: Round, tmp_path: Path) -> None:
    body = desk.bodies[0]
    client = client_for(desk.users[body])
    page = FIXTURES / "parity" / "defects_2021.html"  # a GB18030 page with a script in it
    assert b"<script" in page.read_bytes()
    upload(client, page)
    submission = latest(body)
    response = client.get(f"/submissions/{submission.pk}/original")
    assert response["Content-Disposition"].startswith("attachment")
    assert response["Content-Type"] == "application/octet-stream"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert response.content == page.read_bytes()
    shown = client.get(f"/submissions/{submission.pk}/").content.decode()
    assert "document.write" not in shown and shown.count("<script") == 1  # the desk's own


def test_login_is_throttled(desk: Round) -> None:
    from django.test import Client

    user = desk.users[desk.bodies[0]]
    client = Client()
    good = {"username": user.username, "password": PASSWORD}
    assert client.post("/login/", good).status_code == 302
    client.logout()
    for _ in range(5):
        assert client.post("/login/", {**good, "password": "wrong"}).status_code in (200, 429)
    response = client.post("/login/", good)
    assert response.status_code == 429 and "锁定" in response.content.decode()


def test_passwords_are_hashed_by_the_framework(desk: Round) -> None:
    user = desk.users[desk.bodies[0]]
    assert (
        user.password.startswith(("pbkdf2_sha256$", "argon2", "bcrypt"))
        and PASSWORD not in user.password
    )


@pytest.mark.skipif(
    shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed"
)
def test_a_word_97_upload_reads_through_libreoffice(desk: Round, tmp_path: Path) -> None:
    """A .doc (made from the Word fixture by LibreOffice) is checked as the .docx is: the same
    findings, marked in the same text."""
    import subprocess

    source = tmp_path / "defects_2021.docx"
    shutil.copyfile(FIXTURES / "parity" / "defects_2021.docx", source)
    subprocess.run(
        ["soffice", "--headless", f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
         "--convert-to", "doc", "--outdir", str(tmp_path), str(source)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    legacy = tmp_path / "defects_2021.doc"
    assert legacy.read_bytes().startswith(bytes.fromhex("d0cf11e0"))  # an OLE (Word 97) file
    first, second = (client_for(desk.users[body]) for body in desk.bodies)
    upload(first, source)
    upload(second, legacy)
    docx_version, doc_version = (latest(body) for body in desk.bodies)
    assert doc_version is not None and doc_version.original_name == "defects_2021.doc"

    def found(submission: Any) -> list[tuple[str, str]]:
        return [(f["rule"], f["message"]) for f in submission.result["findings"]]

    assert found(doc_version) == found(docx_version) and doc_version.errors > 0
    page = second.get(f"/submissions/{doc_version.pk}/").content.decode()
    assert '<table class="grid">' in page and "<mark>XX局</mark>" in page


def test_the_models_and_their_migrations_agree() -> None:
    from django.core.management import call_command

    call_command("makemigrations", "desk", "--check", "--dry-run", verbosity=0)
