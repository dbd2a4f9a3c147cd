"""What the desk does, apart from HTTP: upload, file, review, notice, accept — each audited.

Views (web pages and the JSON API) call these; every state change writes an AuditEntry in the
same transaction, so the log cannot miss an action that happened.
"""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path, PurePath
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from checker import api
from checker.desk import checking
from checker.desk.models import (
    Account,
    AuditEntry,
    Body,
    Finding,
    Notice,
    Round,
    StatusChange,
    Submission,
)


class DeskError(Exception):
    """An action refused, with the HTTP status to answer and a message for the user."""

    def __init__(self, status: int, code: str, message: str, result: Any = None) -> None:
        super().__init__(message)
        self.status, self.code, self.message, self.result = status, code, message, result


def audit(user: Any, action: str, target: str = "", **detail: Any) -> None:
    AuditEntry.objects.create(
        user=user if user is not None and user.is_authenticated else None,
        username=user.get_username() if user is not None else "",
        action=action,
        target=target,
        detail=detail,
    )


def set_status(body: Body, status: str, user: Any) -> None:
    if body.status == status:
        return
    body.status, body.status_at = status, timezone.now()
    body.save(update_fields=["status", "status_at"])
    StatusChange.objects.create(body=body, status=status, by=user)


def account_of(user: Any) -> Account | None:
    if user is None or not user.is_authenticated:
        return None
    return Account.objects.filter(user=user).first()


def safe_name(name: str) -> str:
    """The upload's base name only (a browser or a script may send a path); never a path."""
    base = PurePath(name.replace("\\", "/")).name.strip().lstrip(".")
    return base[:200] or "report.txt"


def upload(user: Any, uploaded: UploadedFile, year: int | None) -> Submission:
    """Check an upload and keep it as the next version of the user's body's report."""
    account = account_of(user)
    if account is None or account.role != "body":
        raise DeskError(403, "not_a_body", _("只有报送机关的账户可以上传报告"))
    name = safe_name(uploaded.name or "")
    suffix = PurePath(name).suffix.lower()
    if suffix not in api.report_suffixes():
        allowed = " ".join(sorted(api.report_suffixes()))
        raise DeskError(
            415,
            "unsupported_type",
            _("不支持的文件类型“%(suffix)s”，可上传：%(allowed)s")
            % {"suffix": suffix, "allowed": allowed},
        )
    limit = settings.DESK_MAX_UPLOAD
    if uploaded.size is None or uploaded.size > limit:
        raise DeskError(
            413, "too_large", _("文件过大（上限 %(mb)d MB）") % {"mb": limit // (1024 * 1024)}
        )
    if year is not None:
        _body_in(account, year)  # refuse before storing when the year is given and wrong
    submission = Submission(original_name=name, size=uploaded.size)
    digest = hashlib.sha256()
    for chunk in uploaded.chunks():
        digest.update(chunk)
    uploaded.seek(0)
    submission.sha256 = digest.hexdigest()
    # The file is written under a generated name before the transaction; a failed transaction
    # removes it, and a killed server leaves at most an unreferenced file, never a row without one.
    submission.file.save(name, uploaded, save=False)
    try:
        checked = checking.check_file(Path(submission.file.path), name)
        entry = checked.entry
        if entry["status"] != "checked":
            error = entry["error"] or {}
            raise DeskError(422, error.get("code", "unreadable"), error.get("message", ""), entry)
        report_year = (entry["report"] or {}).get("year")
        year = year or report_year
        if year is None:
            raise DeskError(422, "no_year", _("无法从报告中识别年度，请注明年度（year）"), entry)
        submission.tables, submission.set_data = checked.tables, checked.set_data
        return _store(user, account, int(year), submission, checked)
    except BaseException:
        submission.file.delete(save=False)
        raise


def _body_in(account: Account, year: int) -> Body:
    body = Body.objects.filter(round__year=year, name=account.body_name).first()
    if body is None:
        raise DeskError(
            422,
            "not_on_roster",
            _("“%(body)s”不在%(year)d年度的报送名单中") % {"body": account.body_name, "year": year},
        )
    return body


@transaction.atomic
def _store(
    user: Any, account: Account, year: int, submission: Submission, checked: checking.Checked
) -> Submission:
    body = Body.objects.select_for_update().get(pk=_body_in(account, year).pk)
    last = body.submissions.aggregate(v=Max("version"))["v"] or 0
    submission.body, submission.version, submission.uploaded_by = body, last + 1, user
    entry = checked.entry
    submission.result, submission.errors = entry, checking.error_count(entry)
    if submission.errors == 0:
        submission.filed_at = timezone.now()  # nothing to explain: filed at once
    submission.save()
    Finding.objects.bulk_create(
        Finding(
            submission=submission,
            index=i,
            rule=f["rule"],
            severity=f["severity"],
            message=f["message"],
            message_en=english,
            line=f["line"],
            column=f["column"],
            part=f["part"] or "",
            where=(f["where"] or "")[:300],
        )
        for i, (f, english) in enumerate(zip(entry["findings"], checked.messages_en, strict=True))
    )
    set_status(body, "has_errors" if submission.errors else "pending_review", user)
    audit(user, "upload", str(submission), version=submission.version, errors=submission.errors,
          file=submission.original_name, sha256=submission.sha256)  # fmt: skip
    return submission


@transaction.atomic
def file_version(user: Any, submission: Submission, explanations: dict[int, str]) -> None:
    """The filing gate: every error-level finding must carry the clerk's explanation (说明)."""
    if submission.filed_at is not None:
        raise DeskError(409, "already_filed", _("该版本已报送"))
    if submission.body.latest() != submission:
        raise DeskError(409, "not_latest", _("只能报送最新版本"))
    findings = list(submission.findings.all())
    for finding in findings:
        text = explanations.get(finding.pk, "").strip()
        if text != finding.explanation:
            finding.explanation = text[:2000]
            finding.save(update_fields=["explanation"])
    missing = [f for f in findings if f.severity == "error" and not f.explanation]
    if missing:
        raise DeskError(
            400,
            "explanation_required",
            _("还有 %(n)d 个错误没有填写说明，不能报送") % {"n": len(missing)},
        )
    submission.filed_at = timezone.now()
    submission.save(update_fields=["filed_at"])
    set_status(submission.body, "pending_review", user)
    audit(user, "file", str(submission), explained=sum(1 for f in findings if f.explanation))


@transaction.atomic
def review(user: Any, finding: Finding, decision: str, reason: str = "") -> None:
    if decision not in ("confirmed", "dismissed", "fixed", "open"):
        raise DeskError(400, "bad_decision", _("未知的审核结论"))
    if decision == "dismissed" and not reason.strip():
        raise DeskError(400, "reason_required", _("认定问题不成立时须填写理由"))
    finding.review, finding.reason = decision, reason.strip()[:2000]
    finding.reviewed_by, finding.reviewed_at = user, timezone.now()
    finding.save(update_fields=["review", "reason", "reviewed_by", "reviewed_at"])
    audit(user, "review", str(finding.submission), finding=finding.pk, rule=finding.rule,
          decision=decision, reason=finding.reason)  # fmt: skip


@transaction.atomic
def send_notice(user: Any, submission: Submission, due: date) -> Notice:
    confirmed = submission.findings.filter(review="confirmed").count()
    if not confirmed:
        raise DeskError(400, "nothing_confirmed", _("没有已确认的问题，无需发整改通知"))
    notice = Notice.objects.create(submission=submission, due=due, created_by=user)
    set_status(submission.body, "returned", user)
    audit(user, "notice", str(submission), due=due.isoformat(), confirmed=confirmed)
    return notice


@transaction.atomic
def accept(user: Any, submission: Submission) -> None:
    """Sign-off of a filed latest version."""
    if submission.filed_at is None:
        raise DeskError(409, "not_filed", _("该版本尚未报送，不能签收"))
    if submission.body.latest() != submission:
        raise DeskError(409, "not_latest", _("只能签收最新版本"))
    set_status(submission.body, "accepted", user)
    audit(user, "accept", str(submission))


def ensure_round(year: int) -> Round:
    return Round.objects.get_or_create(year=year)[0]
