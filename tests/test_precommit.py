"""The pre-commit hook and the whole CI story, end to end, through the real tools.

A temporary repository of reports holds a configuration, a baseline and a Markdown report with a
suppression; the real `ogi-check` console script and the real `pre-commit` (`try-repo`, and a
commit with the hook installed) must behave as docs/ci.md says.

The hook is `language: python`: pre-commit builds a virtual environment and pip-installs this
project into it, which needs the package index (reachable here and in CI). The one thing that
cannot work offline is that install; the same hook definition is also run as a `language:
system` local hook on the installed `ogi-check`, which needs no network. If pip cannot reach an
index, the tests that need it skip and say so.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
import yaml

from checker.readers import READERS
from tests.conftest import FIXTURES, ROOT, SEED

BIN = Path(sys.executable).parent
PRE_COMMIT = BIN / "pre-commit"
OGI_CHECK = BIN / "ogi-check"
NARRATIVE = FIXTURES / "2008" / "valid_narrative.txt"
HOOK = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))[0]
NO_INDEX = re.compile(
    r"No matching distribution found|Could not find a version that satisfies|"
    r"Failed to establish a new connection|Network is unreachable|Temporary failure in name resolution"
)
needs_pre_commit = pytest.mark.skipif(
    not PRE_COMMIT.exists(), reason="pre-commit is not installed (pip install -e '.[dev]')"
)


def environment(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT"))}
    env.update(
        PATH=f"{BIN}{os.pathsep}{env.get('PATH', '')}",
        PRE_COMMIT_HOME=str(home),
        GIT_AUTHOR_NAME="t",
        GIT_AUTHOR_EMAIL="t@example.invalid",
        GIT_COMMITTER_NAME="t",
        GIT_COMMITTER_EMAIL="t@example.invalid",
        GIT_CONFIG_NOSYSTEM="1",
    )
    return env


def run(
    args: list[str | Path], cwd: Path, env: Mapping[str, str], check: bool = False
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(a) for a in args], cwd=cwd, env=dict(env), capture_output=True, text=True,
        timeout=600, check=check,
    )  # fmt: skip


def git(cwd: Path, env: Mapping[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return run(["git", *args], cwd, env, check=True)


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One pre-commit cache for the module: the hook's environment is built once."""
    return tmp_path_factory.mktemp("pre-commit-home")


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory: pytest.TempPathFactory, home: Path) -> tuple[Path, str]:
    """This project as pre-commit sees a hook repository: committed, with its hooks file."""
    repo = tmp_path_factory.mktemp("ogi-checker")
    for name in ("checker", "rules"):
        shutil.copytree(ROOT / name, repo / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "README.md", ".pre-commit-hooks.yaml"):
        shutil.copy(ROOT / name, repo / name)
    env = environment(home)
    git(repo, env, "init", "-q")
    git(repo, env, "add", "-A")
    git(repo, env, "commit", "-q", "-m", "ogi-checker")
    return repo, git(repo, env, "rev-parse", "HEAD").stdout.strip()


CONFIG = """\
# yaml-language-server: $schema=.ogi-check/config.schema.json
exclude: [drafts]
baseline: .ogi-check-baseline.json
paths:
  - match: reports/departments/**
    agency_kind: department
"""


@pytest.fixture
def reports(tmp_path: Path, home: Path) -> Path:
    """A repository of reports: a configuration, a backlog report recorded in the baseline, a
    clean report, a Markdown report whose one defect is suppressed, and a draft left out."""
    env = environment(home)
    (tmp_path / "reports" / "departments").mkdir(parents=True)
    (tmp_path / "drafts").mkdir()
    (tmp_path / ".ogi-check.yaml").write_text(CONFIG, encoding="utf-8")
    shutil.copy(SEED, tmp_path / "reports" / "departments" / "legacy.txt")
    shutil.copy(NARRATIVE, tmp_path / "reports" / "good.txt")
    shutil.copy(SEED, tmp_path / "drafts" / "draft.txt")
    baseline = run([OGI_CHECK, "baseline", "reports"], tmp_path, env)
    assert baseline.returncode == 0, baseline.stderr
    (tmp_path / "reports" / "suppressed.md").write_text(suppressed_markdown(), encoding="utf-8")
    git(tmp_path, env, "init", "-q")
    return tmp_path


def suppressed_markdown() -> str:
    """The clean report with one garbled number, silenced by a comment above it. It is the
    web copy of good.txt: the same body and year, which the cross-report rules (run whenever
    two or more reports are checked) call a duplicate, silenced for the file."""
    lines = NARRATIVE.read_text(encoding="utf-8").split("\n")
    index = next(i for i, line in enumerate(lines) if "件" in line and i > 5)
    lines[index] = lines[index] + "受理30/件"
    lines.insert(index, "<!-- ogi-check: disable=OGI-C004 reason=原文如此，已核实 -->")
    lines.insert(0, "<!-- ogi-check: disable-file=OGI-X001 reason=网页版，与good.txt为同一报告 -->")
    return "\n".join(lines)


def bad_report() -> str:
    return SEED.read_text(encoding="utf-8")


# --- the hooks file -------------------------------------------------------------------------


def test_hook_definition_matches_every_report_format() -> None:
    assert HOOK["id"] == "ogi-check"
    assert HOOK["entry"] == "ogi-check check"
    assert HOOK["language"] == "python"
    for suffix in READERS:
        assert re.search(HOOK["files"], f"reports/年报{suffix}"), suffix
        assert re.search(HOOK["files"], f"reports/X{suffix.upper()}"), suffix
    for name in ("README", "a.py", "pyproject.toml", "a.txt.bak"):
        assert not re.search(HOOK["files"], name), name
    for hidden in (".pre-commit-config.yaml", ".github/workflows/ci.yml", "a/.ogi-check.yaml"):
        assert re.search(HOOK["exclude"], hidden), hidden
    assert not re.search(HOOK["exclude"], "reports/departments/年报.md")


# --- the real CLI, end to end ---------------------------------------------------------------


def cli(reports: Path, home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run([OGI_CHECK, *args], reports, environment(home))


def test_repository_with_config_baseline_and_suppression(reports: Path, home: Path) -> None:
    result = cli(reports, home, "check", "--format", "jsonl", ".")
    assert result.returncode == 0, result.stdout + result.stderr
    records = [__import__("json").loads(line) for line in result.stdout.splitlines()]
    summary = records[-1]
    assert (summary["files"], summary["error"], summary["warning"]) == (3, 0, 0)
    # two: the garbled number, and the duplicate (the set rules run on any two reports)
    assert summary["suppressed"] == 2 and summary["baseline_suppressed"] > 0
    assert summary["baseline_stale"] == 0
    assert "2 suppressed inline" in result.stderr and "stale" in result.stderr


def test_repository_reports_a_new_defect_and_a_stale_entry(reports: Path, home: Path) -> None:
    legacy = reports / "reports" / "departments" / "legacy.txt"
    legacy.write_text(
        legacy.read_text(encoding="utf-8").replace("20183月", "2018年3月"), encoding="utf-8"
    )
    (reports / "reports" / "new.txt").write_text(bad_report(), encoding="utf-8")
    result = cli(reports, home, "check", "--format", "github", "reports")
    assert result.returncode == 1
    paths = {m.group(1) for m in re.finditer(r"file=([^,]+)", result.stdout)}
    assert paths == {"reports/new.txt"}, "only the new report; the backlog stays quiet"
    assert "1 stale entries" in result.stderr


def test_repository_reports_an_unused_and_a_reasonless_suppression(
    reports: Path, home: Path
) -> None:
    page = reports / "reports" / "suppressed.md"
    text = page.read_text(encoding="utf-8").replace("受理30/件", "")
    page.write_text(text + "\n<!-- ogi-check: disable=OGI-N002 -->\n", encoding="utf-8")
    result = cli(reports, home, "check", "--format", "csv", "reports/suppressed.md")
    assert result.returncode == 1
    assert "OGI-S001" in result.stdout and "OGI-S002" in result.stdout


def test_repository_with_a_broken_config_checks_nothing(reports: Path, home: Path) -> None:
    (reports / ".ogi-check.yaml").write_text(
        CONFIG + "  - match: x\n    era: 1999\n", encoding="utf-8"
    )
    result = cli(reports, home, "check", "--format", "sarif", "reports")
    assert result.returncode == 2 and result.stdout == ""
    assert ".ogi-check.yaml:8: paths[1].era:" in result.stderr


# --- pre-commit: a local system hook (no network) ---------------------------------------------


def local_config() -> str:
    hook: dict[str, Any] = {
        **{k: HOOK[k] for k in ("id", "name", "entry", "files", "exclude")},
        "language": "system",
    }
    return yaml.safe_dump({"repos": [{"repo": "local", "hooks": [hook]}]}, allow_unicode=True)


def commit(reports: Path, env: Mapping[str, str], *files: str) -> subprocess.CompletedProcess[str]:
    git(reports, env, "add", *files)
    return run(["git", "commit", "-q", "-m", "reports"], reports, env)


@needs_pre_commit
def test_local_hook_stops_a_bad_commit_and_lets_a_good_one_through(
    reports: Path, home: Path
) -> None:
    env = environment(home)
    (reports / ".pre-commit-config.yaml").write_text(local_config(), encoding="utf-8")
    run([PRE_COMMIT, "install"], reports, env, check=True)
    good = commit(reports, env, ".")
    assert good.returncode == 0, good.stdout + good.stderr
    (reports / "reports" / "bad.txt").write_text(bad_report(), encoding="utf-8")
    bad = commit(reports, env, "reports/bad.txt")
    shown = bad.stdout + bad.stderr  # git shows the hook's output on stderr
    assert bad.returncode != 0
    assert "reports/bad.txt" in shown and "OGI-N002" in shown
    assert "bad.txt" not in git(reports, env, "log", "--name-only").stdout, "not committed"


# --- pre-commit: the real hook (language: python) ----------------------------------------------


def pre_commit(
    args: list[str | Path], cwd: Path, env: Mapping[str, str]
) -> subprocess.CompletedProcess[str]:
    result = run([PRE_COMMIT, *args], cwd, env)
    output = result.stdout + result.stderr
    log = Path(env["PRE_COMMIT_HOME"]) / "pre-commit.log"
    if result.returncode == 3 and NO_INDEX.search(
        output + (log.read_text() if log.exists() else "")
    ):
        pytest.skip("pre-commit could not install the hook: pip cannot reach a package index here")
    return result


@needs_pre_commit
def test_try_repo_fails_on_the_bad_report_and_passes_the_good_ones(
    reports: Path, home: Path, hook_repo: tuple[Path, str]
) -> None:
    env = environment(home)
    repo, _ = hook_repo
    (reports / "reports" / "bad.txt").write_text(bad_report(), encoding="utf-8")
    git(reports, env, "add", "-A")
    good = pre_commit(
        ["try-repo", repo, "ogi-check", "--files", "reports/good.txt", "reports/suppressed.md",
         "reports/departments/legacy.txt", ".ogi-check.yaml", "drafts/draft.txt"],
        reports, env,
    )  # fmt: skip
    assert good.returncode == 0, good.stdout
    assert "Passed" in good.stdout
    bad = pre_commit(["try-repo", repo, "ogi-check", "--files", "reports/bad.txt"], reports, env)
    assert bad.returncode == 1, bad.stdout
    assert "Failed" in bad.stdout and "OGI-N002" in bad.stdout


@needs_pre_commit
def test_installed_hook_stops_a_bad_commit(
    reports: Path, home: Path, hook_repo: tuple[Path, str]
) -> None:
    env = environment(home)
    repo, rev = hook_repo
    config = {"repos": [{"repo": str(repo), "rev": rev, "hooks": [{"id": "ogi-check"}]}]}
    (reports / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    pre_commit(["install-hooks"], reports, env)
    run([PRE_COMMIT, "install"], reports, env, check=True)
    good = commit(reports, env, ".")
    assert good.returncode == 0, good.stdout + good.stderr
    (reports / "reports" / "departments" / "bad.md").write_text(bad_report(), encoding="utf-8")
    bad = commit(reports, env, "reports/departments/bad.md")
    shown = bad.stdout + bad.stderr  # git shows the hook's output on stderr
    assert bad.returncode != 0
    assert "ogi-check" in shown and "Failed" in shown
    assert "reports/departments/bad.md" in shown
    assert "bad.md" not in git(reports, env, "log", "--name-only").stdout, "not committed"


@needs_pre_commit
def test_local_hook_commits_project_files_beside_reports_and_blocks_a_bad_report(
    reports: Path, home: Path
) -> None:
    """pre-commit passes every changed file its pattern admits: mkdocs.yml, package.json,
    requirements.txt and a README are not reports, are skipped with a note, and the commit goes
    through; a report with an error in the same kind of commit still blocks it (issue 13)."""
    env = environment(home)
    (reports / ".pre-commit-config.yaml").write_text(local_config(), encoding="utf-8")
    (reports / "mkdocs.yml").write_text("site_name: 年度报告\nnav: [index.md]\n", encoding="utf-8")
    (reports / "package.json").write_text('{"name": "reports", "private": true}\n')
    (reports / "requirements.txt").write_text("ogi-checker\n")
    (reports / "README.md").write_text("# 年度报告仓库\n\n本仓库保存各部门的年度报告。\n")
    run([PRE_COMMIT, "install"], reports, env, check=True)
    good = commit(reports, env, ".")
    assert good.returncode == 0, good.stdout + good.stderr
    assert "无法读取: " not in good.stdout + good.stderr
    committed = git(reports, env, "log", "--name-only").stdout
    assert all(name in committed for name in ("mkdocs.yml", "package.json", "README.md"))
    (reports / "docs").mkdir()
    (reports / "docs" / "index.md").write_text("# 说明\n")
    (reports / "reports" / "bad.txt").write_text(bad_report(), encoding="utf-8")
    bad = commit(reports, env, "docs/index.md", "reports/bad.txt")
    assert bad.returncode != 0
    assert "OGI-N002" in bad.stdout + bad.stderr
    assert "bad.txt" not in git(reports, env, "log", "--name-only").stdout, "not committed"
