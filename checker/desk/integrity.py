"""`ogi-check desk check-db`: is the database whole after a crash or a restore?

Every version's file is there with its digest, every version has its findings, versions of a
body run 1..n, and (SQLite) the file passes its own integrity check. Files nobody refers to
(an upload cut off by a crash before its transaction) are counted apart: harmless, removable.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.db.models import Count

from checker.desk.models import Body, Submission


def problems() -> tuple[list[str], int, int]:
    """(problems found, versions checked, unreferenced files)."""
    found: list[str] = []
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA integrity_check")
            verdict = cursor.fetchone()[0]
        if verdict != "ok":
            found.append(f"SQLite 完整性检查：{verdict}")
    versions = Submission.objects.annotate(n=Count("findings")).select_related("body")
    referenced: set[str] = set()
    for submission in versions:
        path = Path(submission.file.path)
        referenced.add(path.name)
        if not path.is_file():
            found.append(f"{submission}：文件缺失（{path.name}）")
        elif hashlib.sha256(path.read_bytes()).hexdigest() != submission.sha256:
            found.append(f"{submission}：文件内容与登记的摘要不符")
        if submission.n != len(submission.result.get("findings", [])):
            found.append(
                f"{submission}：问题记录 {submission.n} 条，检查结果 {len(submission.result['findings'])} 条"
            )
    for body in Body.objects.annotate(n=Count("submissions")).filter(n__gt=0):
        numbers = sorted(body.submissions.values_list("version", flat=True))
        if numbers != list(range(1, len(numbers) + 1)):
            found.append(f"{body}：版本号不连续 {numbers}")
    files = Path(settings.STORAGES["default"]["OPTIONS"]["location"])
    unreferenced = sum(1 for f in files.iterdir() if f.is_file() and f.name not in referenced)
    return found, len(versions), unreferenced
