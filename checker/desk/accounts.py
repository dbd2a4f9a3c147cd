"""Accounts and API tokens, as the command line manages them (each action audited)."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from checker.desk.models import Account, ApiToken, Body
from checker.desk.services import audit


class AccountError(Exception):
    """A refused account action; the message says why, in Chinese."""


@transaction.atomic
def add_user(name: str, role: str, body_name: str, password: str) -> Account:
    users = get_user_model()
    if users.objects.filter(username=name).exists():
        raise AccountError(f"账户“{name}”已存在")
    if role == "body" and not Body.objects.filter(name=body_name).exists():
        raise AccountError(f"名单中没有机关“{body_name}”：先导入名单")
    if len(password) < 8:
        raise AccountError("密码至少 8 位")
    user = users(username=name)
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise AccountError("；".join(exc.messages)) from exc
    user.set_password(password)  # the framework's hasher (PBKDF2 by default)
    # The office administers the desk, the admin included.
    user.is_staff = user.is_superuser = role == "office"
    user.save()
    account = Account.objects.create(user=user, role=role, body_name=body_name)
    audit(None, "user_add", name, role=role, body=body_name)
    return account


def _user(name: str) -> object:
    found = get_user_model().objects.filter(username=name).first()
    if found is None:
        raise AccountError(f"没有账户“{name}”")
    return found


def issue_token(name: str) -> str:
    user = _user(name)
    token = ApiToken.issue(user)
    audit(None, "token_issue", name, prefix=token[:12])
    return token


def revoke_tokens(name: str) -> int:
    user = _user(name)
    count = ApiToken.objects.filter(user=user, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    audit(None, "token_revoke", name, count=count)
    return count
