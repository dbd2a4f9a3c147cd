"""Shared by the desk tests: Django configured once for this process on a temporary SQLite
file, accounts and rosters made with unique names, and a real desk server in a subprocess."""

from __future__ import annotations

import itertools
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.conftest import FIXTURES, ROOT

PASSWORD = "correct-horse-42"
DEFECTS = FIXTURES / "parity" / "defects_2021.txt"  # a 2021 report with known defects
PG_ENV = "OGI_DESK_TEST_POSTGRES"  # a postgresql:// URL of an empty database (set by .ci/run)
_counter = itertools.count(1)
_ready = False


def django_ready() -> None:
    """Configure Django once for the test process (an in-process desk on SQLite)."""
    global _ready
    if _ready:
        return
    from checker.desk.settings import configure

    folder = Path(tempfile.mkdtemp(prefix="ogi-desk-test-"))
    configure(str(folder / "desk.sqlite3"), folder / "data")
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    _ready = True


def unique(prefix: str) -> str:
    return f"{prefix}{os.getpid()}x{next(_counter)}"


@dataclass
class Round:
    year: int
    bodies: list[str]
    users: dict[str, Any]  # user name -> User
    office: Any


def make_round(bodies: int = 2, year: int = 2023) -> Round:
    """A round with `bodies` bodies (one user each) and an office user, all fresh names."""
    from checker.desk.accounts import add_user
    from checker.desk.models import Body
    from checker.desk.services import ensure_round

    round_ = ensure_round(year)
    names = [unique("测试机关") for _ in range(bodies)]
    users = {}
    for name in names:
        Body.objects.create(round=round_, name=name, kind="department", parent_name="")
        users[name] = add_user(unique("clerk"), "body", name, PASSWORD).user
    office = add_user(unique("office"), "office", "", PASSWORD).user
    return Round(year, names, users, office)


def client_for(user: Any, *, csrf: bool = False) -> Any:
    """Django's test client, logged in as `user`."""
    from django.test import Client

    client = Client(enforce_csrf_checks=csrf)
    client.force_login(user)
    return client


def upload(client: Any, path: Path, name: str | None = None, year: int = 2023) -> Any:
    """A body clerk's upload of `path` (named `name`) for `year`."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    handle = SimpleUploadedFile(name or path.name, path.read_bytes())
    return client.post("/body/upload/", {"file": handle, "year": str(year)})


def latest(body: str) -> Any:
    """The body's newest submission."""
    from checker.desk.models import Submission

    return Submission.objects.filter(body__name=body).order_by("-version").first()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def desk_cli(db: str, data: Path, *args: str, stdin: str | None = None) -> str:
    """Run `ogi-check desk …` in a subprocess; its standard output."""
    done = subprocess.run(
        [sys.executable, "-m", "checker", "desk", *args, "--db", db, "--data", str(data)],
        input=stdin, capture_output=True, text=True, timeout=120, cwd=ROOT,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


@contextmanager
def running_server(
    db: str, data: Path, port: int | None = None, extra: tuple[str, ...] = ()
) -> Iterator[str]:
    """`ogi-check desk serve` on 127.0.0.1 and a free port; its base URL. Killed at the end."""
    port = port or free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "checker", "desk", "serve", "--db", db, "--data", str(data),
         "--host", "127.0.0.1", "--port", str(port), *extra],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base, process)
        yield base
    finally:
        stop(process)


def wait_until_up(base: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(process.stderr.read().decode() if process.stderr else "died")
        try:
            with urllib.request.urlopen(base + "/login/", timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    raise AssertionError("the desk server did not start")


def stop(process: subprocess.Popen[bytes], sig: int = signal.SIGTERM) -> None:
    if process.poll() is None:
        os.killpg(process.pid, sig)
        process.wait(timeout=30)
    if process.stderr is not None:
        process.stderr.close()


def reset_postgres(url: str) -> None:
    """Drop every table of the test database (a fresh desk for each test module)."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("DROP SCHEMA public CASCADE")
        conn.execute("CREATE SCHEMA public")


def new_desk(kind: str, folder: Path) -> str:
    """A fresh database URL of this kind ("sqlite" or "postgres"), initialised."""
    if kind == "postgres":
        url = os.environ[PG_ENV]
        reset_postgres(url)
    else:
        url = str(folder / "desk.sqlite3")
    shutil.rmtree(folder / "data", ignore_errors=True)
    desk_cli(url, folder / "data", "init")
    return url


def backends() -> list[Any]:
    import pytest

    return [
        "sqlite",
        pytest.param(
            "postgres",
            marks=pytest.mark.skipif(
                not os.environ.get(PG_ENV), reason=f"{PG_ENV} is not set (.ci/run sets it)"
            ),
        ),
    ]
