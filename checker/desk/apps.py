from __future__ import annotations

from django.apps import AppConfig


class DeskConfig(AppConfig):
    name = "checker.desk"
    label = "desk"
    verbose_name = "审核台"
    default_auto_field = "django.db.models.BigAutoField"
