from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

# --- caches ------------------------------------------------------------------------------------
# The suite's runs (in this process and in the subprocesses it starts) keep their caches in a
# folder of their own, never in the user's cache directory. Loading the rule packs is cached in
# this process too (checker.core.diskcache), so the CLI tests share one load of the packs.
_CACHE = tempfile.mkdtemp(prefix="ogi-check-test-cache-")
os.environ["OGI_CHECK_CACHE_DIR"] = _CACHE
# Results are not reused across tests (many check the same fixtures with parts of the checker
# replaced); tests/test_resultcache.py switches the result cache on.
os.environ["OGI_CHECK_NO_RESULT_CACHE"] = "1"
# Removed at exit, after the caches that save at exit (code, patterns) have saved: registered
# before them, so run after them.
atexit.register(shutil.rmtree, _CACHE, ignore_errors=True)
# (All chosen before checker.cli is imported: importing it opens the code cache.)

from checker.cli import main  # noqa: E402
from checker.core.rules import RuleSet  # noqa: E402
from checker.ruleset.load import load_rules  # noqa: E402

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
    "test_resultcache.py::test_workers_key_results_as_the_run_does",  # a worker pool
    "test_bad_input.py::test_directory_run_as_a_process_has_no_traceback",
    "test_cli.py::test_python_m_checker_gives_the_same_json_and_exit_code",
    "test_cli.py::test_python_m_checker_version_and_valid_report",
    "test_cli.py::test_console_script_runs",
    "test_hostile_suite.py",  # benchmarks/hostile.py --quick in a subprocess
    "test_linear_time.py",  # a subprocess per pathological input, timed by its CPU use
    "test_hostile_regressions.py::test_broken_pipe_ends_quietly",
    "test_hostile_regressions.py::test_hostile_configuration_is_a_usage_error",
    "test_hostile_regressions.py::test_catastrophic_glob_in_exclude_is_fast",
    "test_hostile_regressions.py::test_fifo_as_baseline_does_not_hang",
    "test_hostile_regressions.py::test_hostile_rule_pack_yaml",
    "test_hostile_regressions.py::test_fifo_in_a_rules_folder_does_not_hang",
    "test_hostile_regressions.py::test_catastrophic_user_regex_runs_out_of_time_not_forever",
    "test_desk_server.py",  # the desk's CLI and a waitress server in subprocesses
    "test_desk_browser.py",  # chromium against a desk server
    "test_desk_round.py::test_the_round_page_and_workbook",  # the batch run in a subprocess
    "test_linter_conventions.py::test_rich_is_not_imported_by_an_uncoloured_run",  # fresh processes
    # LibreOffice (soffice) in subprocesses, where it is installed (.ci/run installs it)
    "test_desk_annotate.py::test_libreoffice_keeps_the_comments",
    "test_desk_web.py::test_a_word_97_upload_reads_through_libreoffice",
    "test_parity.py::test_legacy_doc_is_converted_and_checked_alike",
    "test_desk_i18n.py::test_the_catalog_has_every_message_of_the_code_and_templates",  # xgettext
    "test_startup.py::test_a_plain_text_check_imports_nothing_heavy",  # two checks in subprocesses
    "test_patterncache.py::test_the_command_line_stores_its_patterns_and_finds_the_same",
    "test_codecache.py::test_the_command_line_makes_every_dataclass_through_the_cache",
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


def needs_corpus() -> pytest.MarkDecorator:
    return pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not beside the repo")


# A user's own pack, as a city office would write one (tests of --rules and of rule files).
USER_PACK = (FIXTURES / "packs" / "city.yaml").read_text(encoding="utf-8")


def invoke(*args: object) -> Result:
    """Run the real CLI in-process, as a user would type it."""
    return CliRunner().invoke(main, [str(a) for a in args])
