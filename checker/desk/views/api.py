"""The JSON API for OA systems, version 1 (the contract is issue 14's; integrations rely on it):

- POST /api/v1/submissions (multipart `file`, optional `year`; a body's token) → 201
  {"id", "body", "year", "status", "result"}, `result` one entry of the CLI JSON `files` list;
- GET /api/v1/submissions/<id> → 200 the same; another body's submission → 404;
- GET /api/v1/roster?year=Y (an office token) → 200 [{"body", "kind", "parent", "status",
  "submission"}]; a body's token → 403;
- no token or a bad one → 401.

Token requests carry no session cookie, so CSRF does not apply (csrf_exempt); a browser
session is never accepted here. Messages are Chinese whatever the pages' language, as `result`
is (the CLI's JSON, whose default language is Chinese): integrations read one language.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone, translation
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from checker.desk.models import Account, ApiToken, Body, Submission, token_digest
from checker.desk.services import DeskError, upload

Handler = Callable[..., HttpResponse]
_JSON = {"ensure_ascii": False}


def _error(status: int, code: str, message: str, **extra: Any) -> JsonResponse:
    body = {"error": {"code": code, "message": message}, **extra}
    response = JsonResponse(body, status=status, json_dumps_params=_JSON)
    if status == 401:
        response["WWW-Authenticate"] = 'Bearer realm="ogi-desk"'
    return response


def token_account(request: HttpRequest) -> Account | None:
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    found = (
        ApiToken.objects.select_related("user")
        .filter(digest=token_digest(token.strip()), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if found is None:
        return None
    ApiToken.objects.filter(pk=found.pk).update(last_used=timezone.now())
    return Account.objects.filter(user=found.user).first()


def token_required(handler: Handler) -> Handler:
    @csrf_exempt
    @wraps(handler)
    def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        account = token_account(request)
        if account is None:
            return _error(401, "unauthorized", "缺少或无效的接口令牌（Authorization: Bearer …）")
        with translation.override("zh-hans"):
            return handler(request, account, *args, **kwargs)

    return guarded


def submission_json(submission: Submission) -> dict[str, Any]:
    return {
        "id": submission.pk,
        "body": submission.body.name,
        "year": submission.body.round.year,
        "status": submission.body.status,
        "result": submission.result,
    }


@csrf_exempt
@require_POST
@token_required
def submissions(request: HttpRequest, account: Account) -> HttpResponse:
    uploaded = request.FILES.get("file")
    if uploaded is None:
        return _error(400, "no_file", "缺少文件字段 file")
    year_text = request.POST.get("year", "").strip()
    if year_text and not (year_text.isdigit() and 1990 < int(year_text) < 2200):
        return _error(400, "bad_year", f"year 应为四位年份，实为“{year_text}”")
    try:
        submission = upload(account.user, uploaded, int(year_text) if year_text else None)
    except DeskError as exc:
        extra = {"result": exc.result} if exc.result is not None else {}
        return _error(exc.status, exc.code, exc.message, **extra)
    return JsonResponse(submission_json(submission), status=201, json_dumps_params=_JSON)


@require_GET
@token_required
def submission(request: HttpRequest, account: Account, pk: int) -> HttpResponse:
    found = Submission.objects.select_related("body__round").filter(pk=pk).first()
    visible = found is not None and (
        account.is_office or (account.role == "body" and found.body.name == account.body_name)
    )
    if found is None or not visible:
        return _error(404, "not_found", "没有这个报送")  # the same answer as for a missing one
    return JsonResponse(submission_json(found), json_dumps_params=_JSON)


@require_GET
@token_required
def roster(request: HttpRequest, account: Account) -> HttpResponse:
    if not account.is_office:
        return _error(403, "forbidden", "只有政务公开办的令牌可以查看名单")
    year_text = request.GET.get("year", "")
    if not year_text.isdigit():
        return _error(400, "bad_year", "须给出 year（四位年份）")
    bodies = Body.objects.filter(round__year=int(year_text)).prefetch_related("submissions")
    rows = []
    for body in bodies:
        latest = max(body.submissions.all(), key=lambda s: s.version, default=None)
        rows.append({
            "body": body.name,
            "kind": body.kind,
            "parent": body.parent_name or None,
            "status": body.status,
            "submission": latest.pk if latest else None,
        })  # fmt: skip
    return JsonResponse(rows, safe=False, json_dumps_params=_JSON)
