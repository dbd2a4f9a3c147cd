"""The desk's template vocabulary: a finding's message and severity in the page's language."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import get_language, gettext

register = template.Library()


@register.simple_tag
def message(finding: Any) -> str:
    """The finding's message in the page's language: English where the checker gave one (a
    version checked before English was kept shows its Chinese message)."""
    english = getattr(finding, "message_en", "")
    if english and (get_language() or "").startswith("en"):
        return str(english)
    return str(finding.message)


@register.filter
def severity(level: str) -> str:
    labels = {"error": gettext("错误"), "warning": gettext("警告"), "info": gettext("提示")}
    return labels.get(level, level)
