"""Pages both roles open: a submission beside its findings, the original file, the annotated
copy. Who may see a submission is decided here, once: its own body, or the office."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language

from checker import api
from checker.desk import docview
from checker.desk.models import Submission
from checker.desk.services import account_of, audit
from checker.desk.views.common import DOCX, attachment


def visible_submission(request: HttpRequest, pk: int) -> Submission:
    """The submission if this user may see it; otherwise 404, as if it did not exist."""
    account = account_of(request.user)
    found = Submission.objects.select_related("body__round").filter(pk=pk).first()
    if found is None or account is None:
        raise Http404("没有这个报送")
    if account.role == "body" and found.body.name != account.body_name:
        raise Http404("没有这个报送")
    return found


def submission_context(submission: Submission) -> dict[str, Any]:
    findings = list(submission.findings.all())
    entries = submission.result.get("findings", [])
    try:
        document = api.read_document(Path(submission.file.path))
        blocks = docview.blocks(document, entries)
    except Exception:
        blocks = []
    return {
        "submission": submission,
        "body": submission.body,
        "findings": findings,
        "blocks": blocks,
        "versions": submission.body.submissions.all(),
        "notices": submission.notices.all(),
        "is_docx": submission.original_name.lower().endswith(".docx"),
    }


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    submission = visible_submission(request, pk)
    context = submission_context(submission)
    account = account_of(request.user)
    if account is not None and account.is_office:
        context["cross"] = cross_of(submission)
    return render(request, "desk/submission.html", context)


def cross_of(submission: Submission) -> list[tuple[Any, Submission | None]]:
    """The round's cross-report findings about this version, or naming it, each with the other
    version involved (for the office: they name other bodies' reports)."""
    from checker.desk import crossround

    body = submission.body
    return [
        (f, f.related if f.submission_id == submission.pk else f.submission)
        for f in crossround.of_body(body.round, body.pk)
        if submission.pk in (f.submission_id, f.related_id)
    ]


@login_required
def original(request: HttpRequest, pk: int) -> HttpResponse:
    submission = visible_submission(request, pk)
    audit(request.user, "download", str(submission), file=submission.original_name)
    with submission.file.open("rb") as handle:
        data = handle.read()
    return attachment(data, submission.original_name, "application/octet-stream")


@login_required
def annotated(request: HttpRequest, pk: int) -> HttpResponse:
    from checker.desk.annotate import annotate_file

    submission = visible_submission(request, pk)
    if not submission.original_name.lower().endswith(".docx"):
        raise Http404("批注版仅适用于 Word（.docx）文件")
    entries = submission.result.get("findings", [])
    lang = "en" if (get_language() or "").startswith("en") else "zh"
    if lang == "en":  # the page's language: the English messages kept beside the Chinese
        english = dict(submission.findings.values_list("index", "message_en"))
        entries = [{**f, "message": english.get(i) or f["message"]} for i, f in enumerate(entries)]
    data = annotate_file(Path(submission.file.path), entries, lang)
    audit(request.user, "download_annotated", str(submission))
    stem = submission.original_name.rsplit(".", 1)[0]
    return attachment(data, f"{stem}-批注.docx", DOCX)
