"""The result cache (checker.batch.resultcache): an unchanged file under unchanged rules and
options gives its cached result without being checked again; a changed file is checked."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import checker.engine
from checker.api import load_rules
from checker.batch.run import run_batch
from checker.batch.worker import Options
from checker.engine import Job, RunConfig
from tests import batch_hooks
from tests.conftest import FIXTURES, SEED, invoke

NARRATIVE = FIXTURES / "2008" / "valid_narrative.txt"


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("OGI_CHECK_NO_RESULT_CACHE")
    monkeypatch.setenv("OGI_CHECK_CACHE_DIR", str(tmp_path / "cache"))
    reports = tmp_path / "reports"
    reports.mkdir()
    shutil.copy(SEED, reports / "a.txt")
    shutil.copy(NARRATIVE, reports / "b.txt")
    return reports


def no_check(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    checked: list[str] = []
    original = checker.engine.check_path

    def counting(path: Path, *args: object, **kwargs: object) -> object:
        checked.append(Path(path).name)
        return original(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(checker.engine, "check_path", counting)
    return checked


def test_a_rerun_checks_nothing_and_says_the_same(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = invoke("check", "--format", "jsonl", folder)
    checked = no_check(monkeypatch)
    again = invoke("check", "--format", "jsonl", folder)
    assert (again.exit_code, again.stdout) == (first.exit_code, first.stdout)
    assert checked == []


def test_a_changed_file_is_checked_again(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    invoke("check", "--format", "jsonl", folder)
    changed = folder / "b.txt"
    changed.write_text(changed.read_text("utf-8").replace("2016年", "2016 年", 1), "utf-8")
    checked = no_check(monkeypatch)
    invoke("check", "--format", "jsonl", folder)
    assert checked == ["b.txt"]


def test_other_options_are_other_results(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    invoke("check", "--format", "jsonl", folder)
    checked = no_check(monkeypatch)
    invoke("check", "--format", "jsonl", "--era", "2019", folder)
    invoke("check", "--format", "jsonl", "--disable", "OGI-C005", folder)
    assert checked == ["a.txt", "b.txt", "a.txt", "b.txt"]


def test_no_cache_checks_every_file(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    invoke("check", "--format", "jsonl", folder)
    checked = no_check(monkeypatch)
    result = invoke("check", "--format", "jsonl", "--no-cache", folder)
    assert checked == ["a.txt", "b.txt"] and result.exit_code == 1


def test_worker_processes_share_the_cache(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    parallel = invoke("check", "--format", "jsonl", "--jobs", 2, "-q", folder)
    checked = no_check(monkeypatch)
    inline = invoke("check", "--format", "jsonl", folder)
    assert inline.stdout == parallel.stdout and checked == []


def test_workers_key_results_as_the_run_does(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The workers write under the keys of the process that started the run, whatever they
    would make of the checker's code themselves: a later run finds every result they wrote."""
    rules = load_rules()
    jobs = [Job(path, rules, RunConfig()) for path in sorted(folder.iterdir())]
    hook = Options(jobs=2, cache=True, initializer=batch_hooks.other_code_key)
    run_batch(jobs, hook).close()
    checked = no_check(monkeypatch)
    run_batch(jobs, Options(engine="inline", cache=True)).close()
    assert checked == []
