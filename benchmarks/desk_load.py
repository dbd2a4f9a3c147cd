"""Load on the review desk: N concurrent uploads of a text report over loopback.

    python benchmarks/desk_load.py                       # SQLite in a temporary folder
    python benchmarks/desk_load.py --db postgresql://…   # an EMPTY PostgreSQL database (dropped!)
    python benchmarks/desk_load.py --uploads 50 --json out.json

A fresh desk is set up (one round, N bodies, one token each), `ogi-check desk serve` (waitress,
8 threads) is started on 127.0.0.1, and N clients wait at a barrier, then each POSTs
fixtures/parity/defects_2021.txt to /api/v1/submissions at once. Reported: every status (all
must be 201), the median, p95 and max latency of one upload, the wall time of the burst, and
`desk check-db` afterwards. Standard library only, plus the project.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
REPORT = ROOT / "fixtures" / "parity" / "defects_2021.txt"
sys.path.insert(0, str(ROOT))


def set_up(db: str, data: Path, bodies: int) -> list[str]:
    """A fresh desk with `bodies` bodies and a body account + token each; the tokens."""
    from checker.desk.settings import configure

    if db.startswith("postgres"):
        import psycopg

        with psycopg.connect(db, autocommit=True) as conn:
            conn.execute("DROP SCHEMA public CASCADE")
            conn.execute("CREATE SCHEMA public")
    configure(db, data)
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from checker.desk.models import Account, ApiToken, Body
    from checker.desk.services import ensure_round

    call_command("migrate", interactive=False, verbosity=0)
    round_ = ensure_round(2023)
    tokens = []
    for i in range(bodies):
        name = f"负载测试机关{i:03d}"
        Body.objects.create(round=round_, name=name, kind="department")
        user = get_user_model().objects.create(username=f"load{i:03d}")
        user.set_unusable_password()  # token only: no password hashing in the set-up
        user.save()
        Account.objects.create(user=user, role="body", body_name=name)
        tokens.append(ApiToken.issue(user))
    return tokens


def multipart(data: bytes) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    head = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="report.txt"\r\n'
        "Content-Type: text/plain\r\n\r\n"
    )
    return head.encode() + data + f"\r\n--{boundary}--\r\n".encode(), (
        f"multipart/form-data; boundary={boundary}"
    )


def burst(base: str, tokens: list[str]) -> tuple[list[float], list[int], float]:
    body, content_type = multipart(REPORT.read_bytes())
    barrier = threading.Barrier(len(tokens) + 1)
    latencies: list[float] = [0.0] * len(tokens)
    statuses: list[int] = [0] * len(tokens)

    def client(i: int) -> None:
        request = urllib.request.Request(
            base + "/api/v1/submissions", data=body, method="POST",
            headers={"Authorization": f"Bearer {tokens[i]}", "Content-Type": content_type},
        )  # fmt: skip
        barrier.wait()
        start = time.perf_counter()
        try:
            with urllib.request.urlopen(request, timeout=300) as response:
                response.read()
                statuses[i] = response.status
        except urllib.error.HTTPError as error:
            statuses[i] = error.code
        except OSError:
            statuses[i] = -1
        latencies[i] = time.perf_counter() - start

    threads = [threading.Thread(target=client, args=(i,)) for i in range(len(tokens))]
    for thread in threads:
        thread.start()
    barrier.wait()
    start = time.perf_counter()
    for thread in threads:
        thread.join()
    return latencies, statuses, time.perf_counter() - start


def wait_up(base: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit("the desk server exited")
        try:
            with urllib.request.urlopen(base + "/login/", timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("the desk server did not start")


def run(db: str | None, uploads: int, port: int) -> dict[str, Any]:
    folder = Path(tempfile.mkdtemp(prefix="ogi-desk-load-"))
    url = db or str(folder / "desk.sqlite3")
    data = folder / "data"
    tokens = set_up(url, data, uploads)
    command = [sys.executable, "-m", "checker", "desk", "serve", "--db", url, "--data", str(data),
               "--host", "127.0.0.1", "--port", str(port)]  # fmt: skip
    process = subprocess.Popen(command, cwd=ROOT, stderr=subprocess.DEVNULL, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_up(base, process)
        # One upload first, so the figures are not the first request's rule loading.
        burst(base, tokens[:1])
        latencies, statuses, wall = burst(base, tokens)
    finally:
        os.killpg(process.pid, 15)
        process.wait()
    check = subprocess.run(
        [sys.executable, "-m", "checker", "desk", "check-db", "--db", url, "--data", str(data)],
        cwd=ROOT, capture_output=True, text=True,
    )  # fmt: skip
    ordered = sorted(latencies)
    return {
        "database": "postgresql" if url.startswith("postgres") else "sqlite",
        "uploads": uploads,
        "created": statuses.count(201),
        "other_statuses": sorted(s for s in statuses if s != 201),
        "median_s": round(statistics.median(ordered), 3),
        "p95_s": round(ordered[max(0, round(0.95 * len(ordered)) - 1)], 3),
        "max_s": round(ordered[-1], 3),
        "wall_s": round(wall, 3),
        "uploads_per_s": round(uploads / wall, 1),
        "check_db": check.stdout.strip() or check.stderr.strip(),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="postgresql://… of an empty database (its tables are dropped)")
    parser.add_argument("--uploads", type=int, default=50)
    parser.add_argument("--port", type=int, default=8931)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    figures = run(args.db, args.uploads, args.port)
    for key, value in figures.items():
        print(f"{key:15} {value}")
    if args.json:
        args.json.write_text(json.dumps(figures, ensure_ascii=False, indent=2) + "\n")
    return 0 if figures["created"] == args.uploads and figures["check_db"].startswith("一致") else 1


if __name__ == "__main__":
    sys.exit(main())
