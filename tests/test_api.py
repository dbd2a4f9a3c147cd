"""The small public API (checker.api) that other Python tools call."""

from __future__ import annotations

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
