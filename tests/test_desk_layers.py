"""The desk uses the checker only through its public API (checker.api), the JSON formatter's
per-file entry and the office vocabulary: the core can be moved around under it."""

from __future__ import annotations

from tests.conftest import ROOT
from tests.test_layers import imports_of

ALLOWED = (
    "checker.api",
    "checker.desk",
    "checker.formatters.json_format",
    "checker.formatters.office",
)


def test_the_desk_imports_only_the_public_api() -> None:
    bad = [
        (path.relative_to(ROOT).as_posix(), name)
        for path in sorted((ROOT / "checker" / "desk").rglob("*.py"))
        for name in imports_of(path)
        if name.startswith("checker") and not name.startswith(ALLOWED) and name != "checker"
    ]
    assert bad == []
