"""The framework's admin for the office: every table, read and corrected by hand when needed.
The audit log is read-only there."""

from __future__ import annotations

from typing import Any

from django.contrib import admin

from checker.desk import models


@admin.register(models.Round)
class RoundAdmin(admin.ModelAdmin):
    list_display = ("year", "created")


@admin.register(models.Body)
class BodyAdmin(admin.ModelAdmin):
    list_display = ("name", "round", "kind", "parent_name", "aggregate", "status", "status_at")
    list_filter = ("round", "kind", "status", "aggregate")
    search_fields = ("name", "parent_name")


@admin.register(models.Account)
class AccountAdmin(admin.ModelAdmin):
    list_display = ("user", "role", "body_name")


@admin.register(models.Submission)
class SubmissionAdmin(admin.ModelAdmin):
    list_display = ("body", "version", "original_name", "errors", "uploaded_at", "filed_at")
    readonly_fields = ("file", "sha256", "size", "result")


@admin.register(models.ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ("prefix", "user", "created", "last_used", "revoked_at")
    readonly_fields = ("digest", "prefix", "created", "last_used")


@admin.register(models.AuditEntry)
class AuditAdmin(admin.ModelAdmin):
    list_display = ("at", "username", "action", "target")
    list_filter = ("action",)

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_add_permission(self, request: Any) -> bool:
        return False
