"""`ogi-check desk demo`: a SQLite desk with a sample roster, accounts and reports."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from checker.desk.accounts import add_user
from checker.desk.roster import import_roster
from checker.desk.services import upload

HERE = Path(__file__).resolve().parent / "demo"
YEAR = 2023
PASSWORD = "demo-pass-2024"  # printed for the demo only; real accounts get their own
ACCOUNTS = [
    ("office", "office", ""),
    ("scjg", "body", "清河县市场监督管理局"),
    ("jyj", "body", "清河县教育局"),
    ("czj", "body", "清河县财政局"),
]
UPLOADS = [("scjg", "defects_2023.docx"), ("jyj", "valid_2023.txt")]


def build() -> Iterator[str]:
    call_command("migrate", interactive=False, verbosity=0)
    users = get_user_model()
    if not users.objects.filter(username="office").exists():
        import_roster(HERE / "roster.csv", YEAR)
        for name, role, body in ACCOUNTS:
            add_user(name, role, body, PASSWORD)
        for name, report in UPLOADS:
            data = (HERE / report).read_bytes()
            upload(users.objects.get(username=name), SimpleUploadedFile(report, data), YEAR)
    yield f"演示审核台（{YEAR}年度，5 个机关，2 份已上传）。账户（密码均为 {PASSWORD}）："
    for name, role, body in ACCOUNTS:
        yield f"  {name:8} {'政务公开办' if role == 'office' else body}"
