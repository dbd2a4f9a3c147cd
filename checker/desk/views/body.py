"""The body clerk's pages: upload a version, see its findings, explain errors and file it."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from checker.desk.models import Account, Body
from checker.desk.services import DeskError, file_version, upload
from checker.desk.views.common import role_required
from checker.desk.views.shared import visible_submission


@role_required("body")
def home(request: HttpRequest, account: Account) -> HttpResponse:
    bodies = (
        Body.objects.filter(name=account.body_name)
        .select_related("round")
        .prefetch_related("submissions")
    )
    return render(request, "desk/body_home.html", {"bodies": bodies})


@require_POST
@role_required("body")
def upload_view(request: HttpRequest, account: Account) -> HttpResponse:
    uploaded = request.FILES.get("file")
    year_text = request.POST.get("year", "").strip()
    if uploaded is None:
        messages.error(request, _("请选择要上传的报告文件"))
        return redirect("desk:body_home")
    try:
        year = int(year_text) if year_text.isdigit() else None
        submission = upload(request.user, uploaded, year)
    except DeskError as exc:
        messages.error(request, _("上传失败：%(reason)s") % {"reason": exc.message})
        return redirect("desk:body_home")
    messages.success(
        request,
        _("已上传第%(version)d版，发现 %(errors)d 个错误")
        % {"version": submission.version, "errors": submission.errors},
    )
    return redirect("desk:submission", pk=submission.pk)


@require_POST
@role_required("body")
def file_view(request: HttpRequest, account: Account, pk: int) -> HttpResponse:
    submission = visible_submission(request, pk)
    explanations = {
        int(key.removeprefix("explain-")): value
        for key, value in request.POST.items()
        if key.startswith("explain-") and key.removeprefix("explain-").isdigit()
    }
    try:
        file_version(request.user, submission, explanations)
    except DeskError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("已报送，等待政务公开办审核"))
    return redirect("desk:submission", pk=submission.pk)
