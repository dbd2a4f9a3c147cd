"""The desk as deployed: set up with the `ogi-check desk` commands, served by waitress on
127.0.0.1 in a subprocess, and spoken to over HTTP — the API contract of issue 14, exactly, on
SQLite and (where .ci/run provides one) PostgreSQL; and a server killed during uploads."""

from __future__ import annotations

import json
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import FIXTURES, ROOT
from tests.desk_support import (
    PASSWORD,
    backends,
    desk_cli,
    free_port,
    new_desk,
    running_server,
    stop,
    wait_until_up,
)

DEFECTS = FIXTURES / "parity" / "defects_2021.txt"
ROSTER = "机关名称,机关类型,上级机关\n清河县人民政府,government,\n清河县市场监督管理局,department,清河县人民政府\n清河县教育局,department,清河县人民政府\n"


@dataclass
class Desk:
    url: str
    data: Path
    base: str
    tokens: dict[str, str]


@pytest.fixture(scope="module", params=backends())
def desk(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Desk]:
    folder = tmp_path_factory.mktemp("desk")
    url = new_desk(request.param, folder)
    data = folder / "data"
    roster = folder / "roster.csv"
    roster.write_text(ROSTER, encoding="utf-8")
    assert "新增 3 个机关" in desk_cli(url, data, "roster", "import", str(roster), "--year", "2023")
    for name, role, body in (("office", "office", ""), ("scjg", "body", "清河县市场监督管理局"),
                             ("jyj", "body", "清河县教育局")):  # fmt: skip
        extra = ["--body", body] if body else []
        desk_cli(url, data, "user", "add", name, "--role", role, *extra, stdin=PASSWORD + "\n")
    tokens = {name: desk_cli(url, data, "token", name) for name in ("office", "scjg", "jyj")}
    with running_server(url, data) as base:
        yield Desk(url, data, base, tokens)


def call(
    desk: Desk,
    method: str,
    path: str,
    token: str | None = None,
    files: dict[str, Any] | None = None,
) -> tuple[int, Any]:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    body = None
    if files is not None:
        body, content_type = multipart(files)
        headers["Content-Type"] = content_type
    request = urllib.request.Request(desk.base + path, data=body, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"null")


def multipart(fields: dict[str, Any]) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    parts = []
    for name, value in fields.items():
        if isinstance(value, tuple):
            filename, data = value
            head = f'Content-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
            parts.append(
                f"--{boundary}\r\n{head}Content-Type: application/octet-stream\r\n\r\n".encode()
                + data
                + b"\r\n"
            )
        else:
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
            )
    return b"".join(
        parts
    ) + f"--{boundary}--\r\n".encode(), f"multipart/form-data; boundary={boundary}"


def cli_entry(path: Path) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, "-m", "checker", "check", str(path), "--format", "json"],
        capture_output=True, text=True, cwd=ROOT, timeout=120,
    )  # fmt: skip
    return json.loads(done.stdout)["files"][0]


def test_post_a_submission(desk: Desk) -> None:
    status, body = call(desk, "POST", "/api/v1/submissions", desk.tokens["scjg"],
                        {"file": ("defects_2021.txt", DEFECTS.read_bytes())})  # fmt: skip
    assert status == 201
    assert set(body) == {"id", "body", "year", "status", "result"}
    assert (body["body"], body["year"], body["status"]) == (
        "清河县市场监督管理局",
        2023,
        "has_errors",
    )
    expected = cli_entry(DEFECTS)
    assert body["result"] == {**expected, "path": "defects_2021.txt"}
    status, again = call(desk, "GET", f"/api/v1/submissions/{body['id']}", desk.tokens["scjg"])
    assert (status, again) == (200, body)
    status, office = call(desk, "GET", f"/api/v1/submissions/{body['id']}", desk.tokens["office"])
    assert status == 200 and office["id"] == body["id"]


def test_the_year_field_and_the_roster(desk: Desk) -> None:
    status, body = call(desk, "POST", "/api/v1/submissions", desk.tokens["jyj"],
                        {"file": ("r.txt", DEFECTS.read_bytes()), "year": "2023"})  # fmt: skip
    assert status == 201 and body["year"] == 2023 and body["body"] == "清河县教育局"
    status, wrong = call(desk, "POST", "/api/v1/submissions", desk.tokens["jyj"],
                         {"file": ("r.txt", DEFECTS.read_bytes()), "year": "2019"})  # fmt: skip
    assert status == 422 and wrong["error"]["code"] == "not_on_roster"
    status, rows = call(desk, "GET", "/api/v1/roster?year=2023", desk.tokens["office"])
    assert status == 200
    by_body = {row["body"]: row for row in rows}
    assert set(rows[0]) == {"body", "kind", "parent", "status", "submission"}
    assert by_body["清河县人民政府"] == {"body": "清河县人民政府", "kind": "government", "parent": None,
                                  "status": "not_submitted", "submission": None}  # fmt: skip
    assert by_body["清河县教育局"]["submission"] == body["id"]
    assert {row["status"] for row in rows} <= {
        "not_submitted",
        "has_errors",
        "pending_review",
        "returned",
        "accepted",
    }


def test_denials(desk: Desk) -> None:
    status, body = call(desk, "POST", "/api/v1/submissions", desk.tokens["scjg"],
                        {"file": ("a.txt", DEFECTS.read_bytes())})  # fmt: skip
    assert status == 201
    assert call(desk, "GET", f"/api/v1/submissions/{body['id']}", desk.tokens["jyj"])[0] == 404
    assert call(desk, "GET", "/api/v1/submissions/999999", desk.tokens["jyj"])[0] == 404
    assert call(desk, "GET", "/api/v1/roster?year=2023", desk.tokens["scjg"])[0] == 403
    assert call(desk, "GET", "/api/v1/roster?year=2023")[0] == 401
    assert call(desk, "GET", "/api/v1/roster?year=2023", "ogi_not-a-token")[0] == 401
    assert call(desk, "GET", f"/api/v1/submissions/{body['id']}")[0] == 401
    assert call(desk, "POST", "/api/v1/submissions", None, {"file": ("a.txt", b"x")})[0] == 401
    status, refused = call(desk, "POST", "/api/v1/submissions", desk.tokens["scjg"],
                           {"file": ("bomb.docx", (FIXTURES / "bad" / "bomb.docx").read_bytes())})  # fmt: skip
    assert status == 422 and refused["error"]["code"] == "zip_bomb"


def test_a_revoked_token_is_refused(desk: Desk) -> None:
    token = desk_cli(desk.url, desk.data, "token", "jyj")
    assert call(desk, "GET", "/api/v1/submissions/1", token)[0] in (200, 404)
    assert "已吊销" in desk_cli(desk.url, desk.data, "token", "jyj", "--revoke")
    assert call(desk, "GET", "/api/v1/submissions/1", token)[0] == 401
    desk.tokens["jyj"] = desk_cli(desk.url, desk.data, "token", "jyj")


def test_an_oversized_upload_is_refused_by_the_server(desk: Desk) -> None:
    big = b"0" * (21 * 1024 * 1024)
    status, _ = call_raw(desk, big)
    assert status == 413


def call_raw(desk: Desk, payload: bytes) -> tuple[int, bytes]:
    body, content_type = multipart({"file": ("big.txt", payload)})
    request = urllib.request.Request(desk.base + "/api/v1/submissions", data=body, method="POST",
        headers={"Authorization": f"Bearer {desk.tokens['scjg']}", "Content-Type": content_type})  # fmt: skip
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()
    except (ConnectionError, urllib.error.URLError):
        return 413, b""  # the server answered 413 and closed before reading the rest


def test_a_server_killed_during_uploads_leaves_the_database_consistent(desk: Desk) -> None:
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "checker", "desk", "serve", "--db", desk.url, "--data", str(desk.data),
         "--host", "127.0.0.1", "--port", str(port)],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    wait_until_up(base, process)
    other = Desk(desk.url, desk.data, base, desk.tokens)
    # One upload stalled half-way through its body, and a stream of whole ones, then SIGKILL.
    half = socket.create_connection(("127.0.0.1", port))
    body, content_type = multipart({"file": ("half.txt", DEFECTS.read_bytes())})
    half.sendall(
        f"POST /api/v1/submissions HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {desk.tokens['scjg']}\r\n"
        f"Content-Type: {content_type}\r\nContent-Length: {len(body)}\r\n\r\n".encode()
        + body[: len(body) // 2]
    )
    results: list[int] = []
    created: list[Any] = []  # each answered 201 before the kill: a restart must not lose it

    def keep_uploading() -> None:
        for _ in range(20):
            try:
                status, answer = call(other, "POST", "/api/v1/submissions", desk.tokens["scjg"],
                                      {"file": ("k.txt", DEFECTS.read_bytes())})  # fmt: skip
            except Exception:  # the server killed mid-answer: reset, incomplete read, …
                return
            results.append(status)
            if status == 201:
                created.append(answer)

    threads = [threading.Thread(target=keep_uploading) for _ in range(3)]
    for thread in threads:
        thread.start()
    deadline = time.monotonic() + 60
    while not results and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.3)  # killed in the middle of the stream, checks and commits under way
    stop(process, signal.SIGKILL)
    for thread in threads:
        thread.join(timeout=60)
    half.close()
    assert 201 in results  # some went through before the kill
    consistency = desk_cli(desk.url, desk.data, "check-db")
    assert consistency.startswith("一致"), consistency
    with running_server(desk.url, desk.data) as again:
        restarted = Desk(desk.url, desk.data, again, desk.tokens)
        for answer in created:  # nothing answered 201 before the kill is lost
            status, kept = call(restarted, "GET", f"/api/v1/submissions/{answer['id']}",
                                desk.tokens["scjg"])  # fmt: skip
            assert (status, kept["result"]) == (200, answer["result"])
        status, _ = call(restarted, "POST", "/api/v1/submissions",
                         desk.tokens["scjg"], {"file": ("after.txt", DEFECTS.read_bytes())})  # fmt: skip
        assert status == 201


def test_serve_in_english(desk: Desk) -> None:
    """`desk serve --lang en`: the pages in English; the API still answers in Chinese."""
    with running_server(desk.url, desk.data, extra=("--lang", "en")) as base:
        with urllib.request.urlopen(base + "/login/", timeout=30) as response:
            page = response.read().decode()
            assert response.headers["Content-Language"] == "en"
        assert '<html lang="en">' in page and ">Log in</button>" in page and "登录" not in page
        status, answer = call(Desk(desk.url, desk.data, base, desk.tokens), "GET", "/api/v1/roster")
        assert status == 401 and answer["error"]["message"].startswith("缺少或无效的接口令牌")


def test_the_demo_in_one_command(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "checker", "desk", "demo", "--no-serve", "--dir", str(tmp_path)],
        capture_output=True, text=True, cwd=ROOT, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "office" in done.stdout and "清河县市场监督管理局" in done.stdout
    check = desk_cli(str(tmp_path / "desk.sqlite3"), tmp_path / "data", "check-db")
    assert check.startswith("一致：2 个报送版本")
