"""The desk's data: rounds, the roster, accounts, submissions (every version), findings under
review, status changes, notices, the audit log and API tokens.

One vocabulary for statuses and body types (the keys are the API's, the labels the pages').
"""

from __future__ import annotations

import hashlib
import secrets
import uuid
from pathlib import PurePath
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

# The office vocabulary's body types (checker.formatters.office.KIND_ZH, the workbook's and
# dashboard's labels), written out so that the English catalog has them; a test keeps them equal.
KINDS = [
    ("department", _("政府部门")),
    ("government", _("人民政府")),
    ("township", _("乡镇（街道）")),
]
STATUSES = [
    ("not_submitted", _("未提交")),
    ("has_errors", _("有错误")),
    ("pending_review", _("待复核")),
    ("returned", _("已退回")),
    ("accepted", _("已通过")),
]
ROLES = [("office", _("政务公开办")), ("body", _("报送机关"))]
# The office's decision on a finding, as a state (the buttons that set it say "确认", "不成立").
REVIEWS = [
    ("open", pgettext_lazy("review", "待审")),
    ("confirmed", pgettext_lazy("review", "确认")),
    ("dismissed", pgettext_lazy("review", "不成立")),
    ("fixed", pgettext_lazy("review", "已整改")),
]


class Round(models.Model):
    """A round of submissions: one report year."""

    year = models.PositiveIntegerField("年度", unique=True)
    created = models.DateTimeField(auto_now_add=True)
    # The cross-report findings (CrossFinding) were found over these inputs: the latest version
    # of each body this round and last, and the rules (checker.desk.crossround.inputs_key).
    cross_key = models.CharField(max_length=64, blank=True)
    cross_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-year"]
        verbose_name = verbose_name_plural = "年度"

    def __str__(self) -> str:
        return f"{self.year}年度"


class Body(models.Model):
    """One line of a round's roster, with its current status."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="bodies")
    name = models.CharField("机关名称", max_length=200)
    kind = models.CharField("机关类型", max_length=20, choices=KINDS)
    parent_name = models.CharField("上级机关", max_length=200, blank=True)
    # Declared the aggregate of its children (a 人民政府 report covering its departments).
    aggregate = models.BooleanField("汇总报告", default=False)
    status = models.CharField("状态", max_length=20, choices=STATUSES, default="not_submitted")
    status_at = models.DateTimeField("状态日期", auto_now_add=True)

    class Meta:
        ordering = ["round", "name"]
        constraints = [models.UniqueConstraint(fields=["round", "name"], name="body_once_a_round")]
        verbose_name = verbose_name_plural = "报送机关"

    def __str__(self) -> str:
        return f"{self.name}（{self.round.year}）"

    def latest(self) -> Submission | None:
        return self.submissions.order_by("-version").first()


class Account(models.Model):
    """A user's role: the office, or the clerk of one body (matched by name in every round)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    role = models.CharField("角色", max_length=10, choices=ROLES)
    body_name = models.CharField("机关名称", max_length=200, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "账户"

    def __str__(self) -> str:
        return f"{self.user.get_username()}（{self.get_role_display()}）"

    @property
    def is_office(self) -> bool:
        return self.role == "office"


def stored_name(instance: Submission, filename: str) -> str:
    """A generated name: the upload's own name never reaches the file system."""
    return f"{uuid.uuid4().hex}{PurePath(filename).suffix.lower()}"


class Submission(models.Model):
    """One uploaded version of a body's report, with the checker's result for it."""

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="submissions")
    version = models.PositiveIntegerField("版本")
    file = models.FileField(upload_to=stored_name, max_length=200)
    original_name = models.CharField("文件名", max_length=255)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField("上传时间", auto_now_add=True)
    result: Any = models.JSONField("检查结果")  # one entry of the CLI JSON `files` list
    errors = models.PositiveIntegerField("错误数", default=0)
    filed_at = models.DateTimeField("报送时间", null=True, blank=True)  # the filing gate passed
    # The numeric cells of the additive tables ("T3[R1][NP]" -> 52), for the aggregate check.
    tables: Any = models.JSONField("表格数据", default=dict)
    # What the set rules need of the report (api.examine's set_data), so that the round's
    # cross-report rules run without reading the files again.
    set_data = models.BinaryField(default=b"", editable=False)

    class Meta:
        ordering = ["body", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["body", "version"], name="version_once_a_body")
        ]
        verbose_name = verbose_name_plural = "报送版本"

    def __str__(self) -> str:
        return f"{self.body.name} 第{self.version}版"


class Finding(models.Model):
    """A finding of one version, with the clerk's explanation and the office's decision."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="findings")
    index = models.PositiveIntegerField()  # position in result["findings"]
    rule = models.CharField(max_length=20)
    severity = models.CharField(max_length=10)
    message = models.TextField()
    message_en = models.TextField(blank=True)  # the English rendering (empty: made before it)
    line = models.PositiveIntegerField(null=True)
    column = models.PositiveIntegerField(null=True)
    part = models.CharField(max_length=200, blank=True)
    where = models.CharField(max_length=300, blank=True)
    explanation = models.TextField("说明", blank=True)
    review = models.CharField("审核", max_length=10, choices=REVIEWS, default="open")
    reason = models.TextField("不成立理由", blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True)

    class Meta:
        ordering = ["submission", "index"]
        verbose_name = verbose_name_plural = "问题"

    def __str__(self) -> str:
        return f"{self.rule} {self.message[:40]}"


class CrossFinding(models.Model):
    """A finding of the cross-report rules (OGI-X…) over a round: it belongs to one version
    and may name another (a duplicate's first copy, last year's report, a near-identical one)."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="cross_findings")
    submission = models.ForeignKey(
        Submission, on_delete=models.CASCADE, related_name="cross_findings"
    )
    related = models.ForeignKey(
        Submission, on_delete=models.CASCADE, null=True, related_name="cross_related"
    )
    index = models.PositiveIntegerField()
    rule = models.CharField(max_length=20)
    severity = models.CharField(max_length=10)
    message = models.TextField()
    message_en = models.TextField(blank=True)
    where = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["round", "index"]
        verbose_name = verbose_name_plural = "跨报告问题"

    def __str__(self) -> str:
        return f"{self.rule} {self.message[:40]}"


class StatusChange(models.Model):
    """The date of each status change of a body."""

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="changes")
    status = models.CharField(max_length=20, choices=STATUSES)
    at = models.DateTimeField(auto_now_add=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["body", "at"]
        verbose_name = verbose_name_plural = "状态变更"


class Notice(models.Model):
    """A correction notice (整改通知) sent to a body for one version."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="notices")
    due = models.DateField("整改期限")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = verbose_name_plural = "整改通知"


class AuditEntry(models.Model):
    """Who did what, when: every action of the desk is one row, never edited."""

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    username = models.CharField(max_length=150, blank=True)  # kept if the user is deleted
    action = models.CharField(max_length=40)
    target = models.CharField(max_length=300, blank=True)
    detail: Any = models.JSONField(default=dict)

    class Meta:
        ordering = ["-at"]
        verbose_name = verbose_name_plural = "操作记录"


def token_digest(token: str) -> str:
    # A token is 256 random bits: a plain SHA-256 is enough (no dictionary to guess from).
    return hashlib.sha256(token.encode()).hexdigest()


class ApiToken(models.Model):
    """An API token, stored only as its digest; revoked tokens stay for the record."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    digest = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(max_length=12)  # shown to tell tokens apart
    created = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "接口令牌"

    def __str__(self) -> str:
        return f"{self.prefix}…（{self.user.get_username()}）"

    @classmethod
    def issue(cls, user: Any) -> str:
        token = "ogi_" + secrets.token_urlsafe(32)
        cls.objects.create(user=user, digest=token_digest(token), prefix=token[:12])
        return token
