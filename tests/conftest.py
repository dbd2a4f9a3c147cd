from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import pytest
from click.testing import CliRunner, Result

import checker.core.templates.loader
import checker.ruleset.load
from checker.cli import main
from checker.core.rules import RuleSet
from checker.ruleset.load import bundled_pack_dir, load_rules

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"
SEED = FIXTURES / "seed" / "000_5c31920eb9a2e321.txt"


@pytest.fixture(scope="session")
def rules() -> RuleSet:
    return load_rules()


# --- slow tests ---------------------------------------------------------------------------------
# The README's test command runs `pytest -m "not slow"`; .ci/run runs everything. Slow means: it
# starts processes (the console script, `python -m checker`, git, pre-commit, worker pools, a Dask
# cluster, a browser) or checks the 400-report generated corpus. One list, here, so that a test
# moved between files or a new slow test is marked in one place. An entry is a test file, or a
# file and a test name (every parametrisation of it).
SLOW = {
    "test_precommit.py",  # git, pre-commit and the console script in subprocesses
    "test_batch_dashboard.py",  # chromium
    "test_batch_progress.py",  # the CLI on a pseudo-terminal, in a subprocess
    "test_batch.py::test_corpus_defects_recovered_exactly",
    "test_batch.py::test_dask_output_identical_to_local",
    "test_batch.py::test_manifest_gives_the_same_result",
    "test_batch.py::test_a_hanging_file_times_out_alone",
    "test_batch.py::test_a_file_that_kills_its_worker_costs_that_file_only",
    "test_batch.py::test_dask_a_hanging_file_times_out_alone_and_frees_its_worker",
    "test_batch.py::test_dask_a_file_that_kills_its_workers_costs_that_file_only",
    "test_batch.py::test_workbook_holds_what_the_summary_says",
    "test_bad_input.py::test_directory_run_as_a_process_has_no_traceback",
    "test_cli.py::test_python_m_checker_gives_the_same_json_and_exit_code",
    "test_cli.py::test_python_m_checker_version_and_valid_report",
    "test_cli.py::test_console_script_runs",
    "test_desk_server.py",  # the desk's CLI and a waitress server in subprocesses
    "test_desk_browser.py",  # chromium against a desk server
    "test_desk_round.py::test_the_round_page_and_workbook",  # the batch run in a subprocess
}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    seen: set[str] = set()
    for item in items:
        name = item.path.name
        test = f"{name}::{item.originalname}" if isinstance(item, pytest.Function) else name
        for key in (name, test):
            if key in SLOW:
                item.add_marker(pytest.mark.slow)
                seen.add(key)
    # A renamed test would silently join the fast set: say so (only when the whole suite is
    # collected, since a single file's run cannot see the other files' names).
    if not config.args or config.args == ["tests"] or config.args == [str(ROOT / "tests")]:
        stale = SLOW - seen
        if stale:
            raise pytest.UsageError(f"tests/conftest.py SLOW names no test: {sorted(stale)}")


# --- one load of the bundled packs per test session -------------------------------------------
# Every CLI test builds its rule set as a user's run does (load_rules), and most of that time is
# parsing and validating the same bundled YAML again. The bundled packs and templates do not
# change during a session, so their parsed form is shared; user packs (written by tests to
# tmp_path) are still loaded every time, so rule-file error tests see their own files.
F = TypeVar("F", bound=Callable[..., Any])


def _memo_bundled(function: F, bundled: Callable[..., bool]) -> F:
    memo: dict[Any, Any] = {}

    @wraps(function)
    def shared(*args: Any) -> Any:
        if not bundled(*args):
            return function(*args)
        key = tuple(tuple(a) if isinstance(a, list) else a for a in args)
        if key not in memo:
            memo[key] = function(*args)
        return memo[key]

    return shared  # type: ignore[return-value]


def _in_bundled(*paths: Path) -> bool:
    root = bundled_pack_dir().resolve()
    return all(Path(p).resolve().is_relative_to(root) for p in paths)


@pytest.fixture(scope="session", autouse=True)
def shared_bundled_packs() -> Iterator[None]:
    def templates_bundled(paths: Sequence[Path]) -> bool:
        return _in_bundled(*paths)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(
            checker.ruleset.load,
            "load_pack",
            _memo_bundled(checker.ruleset.load.load_pack, _in_bundled),
        )
        patch.setattr(
            checker.core.templates.loader,
            "load_templates",
            _memo_bundled(checker.core.templates.loader.load_templates, templates_bundled),
        )
        yield


def needs_corpus() -> pytest.MarkDecorator:
    return pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not beside the repo")


# A user's own pack, as a city office would write one (tests of --rules and of rule files).
USER_PACK = """\
pack: my-office
title: {zh: 本市补充规则, en: City rules}
applies_to: {eras: ["2008"]}
extends: ["2008"]
rules:
  - id: OGI-L001
    name: no-weibo-handle
    title: {zh: "不得出现微博账号", en: "No Weibo handle"}
    severity: warning
    category: text
    basis: 市政务公开办通知
    kind: text_patterns
    params:
      patterns:
        - regex: "@平安辽宁"
          message: {zh: 文中出现微博账号, en: Weibo handle in the text}
    examples:
      pass: [{text: "清河县市场监督管理局2023年政府信息公开工作年度报告"}]
      fail: [{text: "官方微博@平安辽宁发布博文", count: 1}]
"""


def invoke(*args: object) -> Result:
    """Run the real CLI in-process, as a user would type it."""
    return CliRunner().invoke(main, [str(a) for a in args])
