"""What every page shares: the account of the request, role guards, file downloads."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any
from urllib.parse import quote

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseForbidden
from django.utils.translation import gettext as _

from checker.desk.models import Account
from checker.desk.services import account_of

View = Callable[..., HttpResponse]


def desk_context(request: HttpRequest) -> dict[str, Any]:
    return {"account": account_of(getattr(request, "user", None))}


def role_required(role: str) -> Callable[[View], View]:
    """Logged in, with an account of this role; otherwise 403 (never a hint of what exists)."""

    def decorate(view: View) -> View:
        @login_required
        @wraps(view)
        def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            account = account_of(request.user)
            if account is None or account.role != role:
                return HttpResponseForbidden(_("无权访问"))
            return view(request, account, *args, **kwargs)

        return guarded

    return decorate


def attachment(data: bytes, name: str, content_type: str) -> HttpResponse:
    """A download, never shown inline: an upload may be a web page or a script."""
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
__all__ = ["DOCX", "Account", "attachment", "desk_context", "role_required"]
