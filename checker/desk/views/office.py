"""The office's pages: the roster with status and counts, per-finding review, the correction
notice, sign-off, the audit log and the round's workbook."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from checker.desk.models import KINDS, STATUSES, Account, AuditEntry, Body, Finding, Round
from checker.desk.services import DeskError, accept, audit, review, send_notice
from checker.desk.views.common import DOCX, attachment, role_required
from checker.desk.views.shared import visible_submission


def _round(request: HttpRequest) -> Round | None:
    year = request.GET.get("year", "")
    rounds = Round.objects.all()
    if year.isdigit():
        return rounds.filter(year=int(year)).first()
    return rounds.first()


@role_required("office")
def roster(request: HttpRequest, account: Account) -> HttpResponse:
    round_ = _round(request)
    bodies = Body.objects.filter(round=round_).prefetch_related("submissions")
    counts = Counter(bodies.values_list("status", flat=True))
    status, kind, query = (request.GET.get(k, "") for k in ("status", "kind", "q"))
    if status:
        bodies = bodies.filter(status=status)
    if kind:
        bodies = bodies.filter(kind=kind)
    if query:
        bodies = bodies.filter(Q(name__contains=query) | Q(parent_name__contains=query))
    rows = [(body, body.latest()) for body in bodies]
    return render(request, "desk/office_roster.html", {
        "round": round_, "rounds": Round.objects.all(), "rows": rows,
        "counts": [(key, label, counts.get(key, 0)) for key, label in STATUSES],
        "total": sum(counts.values()), "kinds": KINDS, "statuses": STATUSES,
        "filters": {"status": status, "kind": kind, "q": query},
    })  # fmt: skip


@require_POST
@role_required("office")
def review_view(request: HttpRequest, account: Account, pk: int) -> HttpResponse:
    finding = get_object_or_404(Finding.objects.select_related("submission"), pk=pk)
    try:
        review(
            request.user, finding, request.POST.get("decision", ""), request.POST.get("reason", "")
        )
    except DeskError as exc:
        messages.error(request, exc.message)
    return redirect(f"/submissions/{finding.submission_id}/#finding-{finding.pk}")


@require_POST
@role_required("office")
def notice_view(request: HttpRequest, account: Account, pk: int) -> HttpResponse:
    submission = visible_submission(request, pk)
    try:
        due = date.fromisoformat(request.POST.get("due", ""))
    except ValueError:
        due = date.today() + timedelta(days=15)
    try:
        send_notice(request.user, submission, due)
    except DeskError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("已退回整改，期限 %(due)s") % {"due": due.isoformat()})
    return redirect("desk:submission", pk=submission.pk)


@role_required("office")
def notice_docx(request: HttpRequest, account: Account, pk: int) -> HttpResponse:
    from checker.desk.notice import notice_bytes

    submission = visible_submission(request, pk)
    notice = submission.notices.first()
    if notice is None:
        raise Http404("尚未发出整改通知")
    audit(request.user, "download_notice", str(submission))
    data = notice_bytes(submission, notice)
    return attachment(data, f"{submission.body.name}-整改通知.docx", DOCX)


@require_POST
@role_required("office")
def accept_view(request: HttpRequest, account: Account, pk: int) -> HttpResponse:
    submission = visible_submission(request, pk)
    try:
        accept(request.user, submission)
    except DeskError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("已签收 %(version)s") % {"version": submission})
    return redirect("desk:submission", pk=submission.pk)


@role_required("office")
def audit_log(request: HttpRequest, account: Account) -> HttpResponse:
    page = Paginator(AuditEntry.objects.all(), 100).get_page(request.GET.get("page"))
    return render(request, "desk/audit.html", {"page": page})


@role_required("office")
def round_view(request: HttpRequest, account: Account) -> HttpResponse:
    from checker.desk.rounds import aggregates

    round_ = _round(request)
    found = aggregates(round_) if round_ else []
    return render(request, "desk/round.html", {"round": round_, "aggregates": found})


@role_required("office")
def export_view(request: HttpRequest, account: Account) -> HttpResponse:
    import tempfile
    from pathlib import Path

    from checker.desk.rounds import export_workbook

    round_ = _round(request)
    if round_ is None:
        raise Http404("没有这个年度")
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "round.xlsx"
        try:
            export_workbook(round_, target)
        except ValueError as exc:
            messages.error(request, str(exc))
            return redirect(f"/office/round/?year={round_.year}")
        data = target.read_bytes()
    audit(request.user, "export", f"{round_.year}年度")
    kind = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return attachment(data, f"{round_.year}年度政府信息公开年报检查.xlsx", kind)


@role_required("office")
def cross_view(request: HttpRequest, account: Account) -> HttpResponse:
    """The cross-report rules over the round: each finding with the bodies it involves."""
    from checker.desk import crossround

    round_ = _round(request)
    found = list(crossround.findings(round_)) if round_ else []
    counts = Counter(f.rule for f in found)
    return render(request, "desk/cross.html", {
        "round": round_, "rounds": Round.objects.all(), "found": found,
        "counts": sorted(counts.items()),
    })  # fmt: skip


@role_required("office")
def body_view(request: HttpRequest, account: Account, pk: int) -> HttpResponse:
    """One body in its round: status with the date of each change, versions, and the
    cross-report findings that involve it."""
    from checker.desk import crossround

    body = get_object_or_404(Body.objects.select_related("round"), pk=pk)
    return render(request, "desk/body.html", {
        "body": body,
        "changes": body.changes.select_related("by"),
        "versions": body.submissions.all(),
        "cross": [
            (f, f.related if f.submission.body_id == body.pk else f.submission)
            for f in crossround.of_body(body.round, body.pk)
        ],
    })  # fmt: skip
