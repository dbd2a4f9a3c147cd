"""What a plain check of one text report loads (issue 12: `ogi-check check one-report.txt` is what
pre-commit and every CI step run, cold, so its start-up is most of its time). The heavy libraries
are imported only by the runs that use them; a guard here, so that a new top-level import of one
shows as a failure rather than as a slower hook nobody measures."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from tests.child_process import child_json
from tests.conftest import SEED

# Each is imported only where it is used: PyYAML when a pack, template or configuration is
# parsed (not when the compiled-pack cache holds them), jsonschema for a user's pack or a
# configuration, lxml and zipfile for HTML and Word files, rich for a batch's progress bar,
# sqlite3 for the set rules' store, openpyxl and dask for their formats and engine.
# (The tables' reading machinery is left out of this list: whether it runs depends on the
# report, not on the imports.)
NOT_ON_A_PLAIN_CHECK = (
    "yaml",
    "jsonschema",
    "lxml",
    "zipfile",
    "rich",
    "sqlite3",
    "openpyxl",
    "dask",
    "django",
    # the time-budgeted engine runs risky patterns of a user's pack; the bundled ones are
    # written with fenced repeats and run on `re` (tests/test_rule_patterns.py)
    "regex",
    # the cache folder is worked out without platformdirs (whose Unix module imports tempfile
    # and shutil, which a run that only reads its caches does not need)
    *(("platformdirs",) if sys.platform == "linux" else ()),
    "tempfile",
    "shutil",
    # traceback when a rule fails, tomllib for a pyproject.toml that can define
    # [tool.ogi-check] (json is left out: this test's child reports in JSON)
    "traceback",
    "tomllib",
    "checker.kinds.sets.store",
    "checker.batch",
    "checker.project.baseline",
    # the other commands are imported when they run (checker/cli/lazy.py), the desk's too
    "checker.cli.baseline",
    "checker.cli.extract",
    "checker.cli.rules",
    "checker.desk",
    # kinds are imported by the rules that run: the seed is a 2008 report, so none of the
    # 2019/2021 table kinds, and no set kind (a single file runs no set rule)
    "checker.kinds.table_identity",
    "checker.kinds.table_notes",
    "checker.kinds.sets.duplicate_reports",
    "checker.kinds.sets.similar_bodies",
)

CHILD = """
import json, sys
sys.argv = ["ogi-check", "check", sys.argv[1]]
try:
    from checker.cli import main
    main()
except SystemExit as exc:
    print(json.dumps({"code": exc.code, "modules": sorted(sys.modules)}), file=sys.stderr)
"""


def _modules_of_a_check(report: Path, cache: Path, cwd: Path) -> tuple[int, set[str]]:
    env = dict(os.environ)
    if sys.platform == "linux":  # the user cache folder, as a user's run finds it
        env.pop("OGI_CHECK_CACHE_DIR", None)
        env["XDG_CACHE_HOME"] = str(cache)
    else:
        env["OGI_CHECK_CACHE_DIR"] = str(cache)
    payload = child_json(CHILD, str(report), env=env, cwd=cwd)
    return payload["code"], set(payload["modules"])


def _loaded(modules: set[str], name: str) -> bool:
    return name in modules or any(m.startswith(name + ".") for m in modules)


def test_a_plain_text_check_imports_nothing_heavy(tmp_path: Path) -> None:
    report = tmp_path / "report.txt"
    report.write_bytes(SEED.read_bytes())  # outside the checkout: no pyproject.toml above it
    cache = tmp_path / "cache"
    first_code, first = _modules_of_a_check(report, cache, tmp_path)  # builds the pack cache
    code, modules = _modules_of_a_check(report, cache, tmp_path)
    assert first_code == code == 1  # the seed has real defects
    assert _loaded(first, "yaml")  # the packs were parsed once, so the guard sees a real build
    assert [name for name in NOT_ON_A_PLAIN_CHECK if _loaded(modules, name)] == []


@pytest.mark.parametrize("name", ["yaml", "sqlite3", "zipfile"])
def test_the_guard_sees_a_loaded_module(name: str) -> None:
    assert _loaded({name, "os"}, name)
    assert _loaded({f"{name}.sub"}, name)
    assert not _loaded({f"{name}x"}, name)
