"""`ogi-check baseline`: record the fingerprints of today's findings."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from checker.cli.main import (
    DEFAULT_BASELINE,
    EXIT_FINDINGS,
    EXIT_OK,
    _build_project,
    _checked,
    _guarded,
    _project_options,
    require_paths,
    require_writable,
)

if TYPE_CHECKING:
    from checker.core.findings import RunResult
    from checker.engine import Job
    from checker.project.build import Project


@click.command(name="baseline")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--output",
    "-o",
    type=click.Path(path_type=Path),
    help=f"基线文件  [default: 配置的 baseline，否则仓库根目录的 {DEFAULT_BASELINE}]",
)
@_project_options
def baseline_command(paths: tuple[Path, ...], output: Path | None, **options: Any) -> None:
    """记录现有问题的指纹，此后 check --baseline 只报告新问题 (write a baseline).

    \b
    示例 examples:
      ogi-check baseline reports/
      ogi-check check reports/ --baseline .ogi-check-baseline.json
    """
    from checker.project.baseline import check_inside, write_baseline

    require_paths(paths)
    project, jobs = _build_project(paths, use_baseline=False, **options)
    target = output or project.config.baseline or project.config.root / DEFAULT_BASELINE
    require_writable(target)
    root = project.config.baseline_root
    _checked(lambda: check_inside(target, [job.path for job in jobs], root))
    result = _guarded(lambda: _run(project, jobs))
    count = _checked(lambda: write_baseline(result, target, root))
    unreadable = sum(1 for f in result.files if f.error)
    click.echo(
        f"基线已写入 baseline written: {target} ({count} findings, {len(result.files)} files"
        + (f", {unreadable} unreadable" if unreadable else "")
        + ")",
        err=True,
    )
    sys.exit(EXIT_FINDINGS if unreadable else EXIT_OK)


def _run(project: Project, jobs: Sequence[Job]) -> RunResult:
    """What `check` would find: two or more reports are checked as a set, so the baseline
    holds the cross-report findings too."""
    if len(jobs) < 2:
        return project.run(jobs)
    from checker.batch.run import run_batch
    from checker.batch.worker import Options
    from checker.core.findings import RunResult

    with run_batch(jobs, Options(engine="inline")) as batch:
        return RunResult(tuple(batch.iter_files()), dict(batch.counts))
