"""The small public API (checker.api) that other Python tools call."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from checker.api import check_path, check_text, load_rules
from tests.conftest import SEED


def test_check_text_finds_what_the_cli_finds() -> None:
    result = check_text(SEED.read_text(encoding="utf-8"), load_rules(), name="seed.txt")
    assert result.path == "seed.txt"
    assert result.metadata is not None and result.metadata.year == 2018
    assert ("OGI-N002", 66) in {(f.rule.id, f.problem.actual) for f in result.findings}


def test_check_path_walks_files() -> None:
    run = check_path([SEED])
    assert [f.path for f in run.files] == [str(SEED)]
    assert run.worst() is not None


def test_check_path_honours_inline_suppressions(tmp_path: Path) -> None:
    """The API runs the same per-file path as the command line: comments silence findings."""
    lines = SEED.read_text(encoding="utf-8").split("\n")
    plain = tmp_path / "plain.md"
    plain.write_text("\n".join(lines), encoding="utf-8")
    lines.insert(38, "<!-- ogi-check: disable=OGI-N002 reason=分项含上年结转 -->")
    lines.insert(0, "<!-- ogi-check: disable-file=OGI-C004 reason=原文格式，不改 -->")
    silenced = tmp_path / "silenced.md"
    silenced.write_text("\n".join(lines), encoding="utf-8")
    rules = load_rules()
    before = [f.rule.id for f in check_path([plain], rules).files[0].findings]
    run = check_path([silenced], rules)
    after = [f.rule.id for f in run.files[0].findings]
    assert "OGI-N002" in before and before.count("OGI-C004") == 2
    assert "OGI-N002" not in after and "OGI-C004" not in after
    assert not [r for r in after if r.startswith("OGI-S")]
    assert run.counts["suppressed"] == 3


def test_a_file_is_read_once_per_check(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Suppressions come from the first read (no second read or decode of the source)."""
    path = tmp_path / "seed.md"
    path.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    opened: list[str] = []
    for method in ("open", "read_bytes", "read_text"):
        original = getattr(Path, method)

        def counted(self: Path, *args: Any, _original: Any = original, **kwargs: Any) -> Any:
            if self == path:
                opened.append(str(self))
            return _original(self, *args, **kwargs)

        monkeypatch.setattr(Path, method, counted)
    result = check_path([path], load_rules()).files[0]
    assert result.findings and not result.error
    assert opened == [str(path)]
