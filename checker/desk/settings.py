"""Django settings built from a database URL and a data folder, not from a settings module.

The desk is started by `ogi-check desk …` with `--db URL`; settings are configured in code
(`configure`) so there is no DJANGO_SETTINGS_MODULE to set. The data folder holds the secret
key and the uploaded files (outside any web root, under generated names).
"""

from __future__ import annotations

import os
import secrets
from datetime import timedelta
from pathlib import Path
from typing import Any

PACKAGE = Path(__file__).resolve().parent
# Uploads larger than this are refused before they are read (the readers' own cap is larger:
# a report is a few hundred kilobytes, appendices included).
MAX_UPLOAD = 20 * 1024 * 1024


def database(url: str) -> dict[str, Any]:
    """A Django DATABASES entry from a URL; a bare path is a SQLite file."""
    import dj_database_url

    if "://" not in url:
        url = "sqlite:///" + str(Path(url).resolve())
    config: dict[str, Any] = dict(dj_database_url.parse(url, conn_max_age=60))
    if config["ENGINE"].endswith("sqlite3"):
        # Concurrent uploads on one file: wait for the write lock instead of failing at once;
        # WAL lets readers run beside the writer.
        config["OPTIONS"] = {
            "timeout": 30,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
        config["CONN_MAX_AGE"] = 0
    return config


def default_data(url: str) -> Path:
    """Beside a SQLite file (`desk.sqlite3` → `desk.sqlite3-data/`), else `./ogi-desk-data`."""
    if "://" not in url:
        return Path(url).resolve().parent / (Path(url).name + "-data")
    if url.startswith("sqlite:///") and len(url) > len("sqlite:///"):
        path = Path(url[len("sqlite:///") :])
        return path.resolve().parent / (path.name + "-data")
    return Path("ogi-desk-data").resolve()


def secret_key(data: Path) -> str:
    """Generated once per desk, kept in the data folder (mode 600), shared by its servers."""
    path = data / "secret.key"
    if not path.exists():
        data.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_urlsafe(48))
    return path.read_text().strip()


# `--lang` (the checker's zh/en) -> Django's language code.
LANGUAGES = {"zh": "zh-hans", "en": "en"}


def build(url: str, data: Path, *, debug: bool = False, lang: str = "zh") -> dict[str, Any]:
    data.mkdir(parents=True, exist_ok=True)
    return {
        "DEBUG": debug,
        "SECRET_KEY": secret_key(data),
        "ALLOWED_HOSTS": ["*"],  # served on the office's own network; the host is the operator's
        "DATABASES": {"default": database(url)},
        "DEFAULT_AUTO_FIELD": "django.db.models.BigAutoField",
        "INSTALLED_APPS": [
            "django.contrib.admin",
            "django.contrib.auth",
            "django.contrib.contenttypes",
            "django.contrib.sessions",
            "django.contrib.messages",
            "django.contrib.staticfiles",
            "axes",
            "checker.desk.apps.DeskConfig",
        ],
        "MIDDLEWARE": [
            "django.middleware.security.SecurityMiddleware",
            "whitenoise.middleware.WhiteNoiseMiddleware",
            "django.contrib.sessions.middleware.SessionMiddleware",
            "checker.desk.middleware.Language",
            "django.middleware.common.CommonMiddleware",
            "django.middleware.csrf.CsrfViewMiddleware",
            "django.contrib.auth.middleware.AuthenticationMiddleware",
            "django.contrib.messages.middleware.MessageMiddleware",
            "django.middleware.clickjacking.XFrameOptionsMiddleware",
            "checker.desk.middleware.ContentSecurityPolicy",
            "axes.middleware.AxesMiddleware",
        ],
        "AUTHENTICATION_BACKENDS": [
            "axes.backends.AxesStandaloneBackend",
            "django.contrib.auth.backends.ModelBackend",
        ],
        "ROOT_URLCONF": "checker.desk.urls",
        "TEMPLATES": [
            {
                "BACKEND": "django.template.backends.django.DjangoTemplates",
                "APP_DIRS": True,
                "OPTIONS": {
                    "context_processors": [
                        "django.template.context_processors.request",
                        "django.contrib.auth.context_processors.auth",
                        "django.contrib.messages.context_processors.messages",
                        "checker.desk.views.common.desk_context",
                    ]
                },
            }
        ],
        # Chinese first; English from the catalog in checker/desk/locale/ (see docs/desk.md).
        "LANGUAGE_CODE": LANGUAGES[lang],
        "LANGUAGES": [("zh-hans", "中文"), ("en", "English")],
        "TIME_ZONE": "Asia/Shanghai",
        "USE_TZ": True,
        "USE_I18N": True,
        "STATIC_URL": "/static/",
        "WHITENOISE_USE_FINDERS": True,  # served from the package: no collectstatic step
        "LOGIN_URL": "/login/",
        "LOGIN_REDIRECT_URL": "/",
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "CSRF_COOKIE_SAMESITE": "Lax",
        "SECURE_CONTENT_TYPE_NOSNIFF": True,
        "X_FRAME_OPTIONS": "DENY",
        "DATA_UPLOAD_MAX_MEMORY_SIZE": 2 * 1024 * 1024,
        "FILE_UPLOAD_MAX_MEMORY_SIZE": 2 * 1024 * 1024,
        "FILE_UPLOAD_TEMP_DIR": str(_folder(data / "tmp")),
        "FILE_UPLOAD_PERMISSIONS": 0o600,
        "STORAGES": {
            "default": {
                "BACKEND": "django.core.files.storage.FileSystemStorage",
                "OPTIONS": {"location": str(_folder(data / "files")), "base_url": None},
            },
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        },
        "DESK_MAX_UPLOAD": MAX_UPLOAD,
        "DESK_DATA": str(data),
        # Login throttling: five failures for a user name from one address lock it for 15 min.
        "AXES_FAILURE_LIMIT": 5,
        "AXES_COOLOFF_TIME": timedelta(minutes=15),
        "AXES_LOCKOUT_PARAMETERS": [["username", "ip_address"]],
        "AXES_RESET_ON_SUCCESS": True,
        "AXES_LOCKOUT_TEMPLATE": "desk/locked.html",
        "AXES_VERBOSE": False,
        "LOGGING": {
            "version": 1,
            "disable_existing_loggers": False,
            "loggers": {"axes": {"level": "WARNING"}},
        },
    }


def _folder(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    return path


def configure(url: str, data: Path | None = None, *, debug: bool = False, lang: str = "zh") -> None:
    """Configure Django for this process (once) and set it up."""
    import django
    from django.conf import settings

    if not settings.configured:
        settings.configure(**build(url, data or default_data(url), debug=debug, lang=lang))
    django.setup()
