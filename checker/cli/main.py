"""Command line: parse options, build the objects, run, format, exit code. Nothing else here.

Imports beyond click are made inside the commands: `ogi-check --version` runs on every commit in
a pre-commit hook and must start fast.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, NoReturn

import click

from checker import __version__
from checker.cli.lazy import LazyGroup
from checker.formatters import FORMATS, require_format, write_format
from checker.formatters.style import Style

if TYPE_CHECKING:
    from checker.batch.results import Manifest
    from checker.core.findings import Results, RuleMeta, Severity
    from checker.core.rules import RuleSet
    from checker.engine import Job, RunConfig
    from checker.project.build import Project

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3
DEFAULT_BASELINE = ".ogi-check-baseline.json"
FAIL_ON = ("error", "warning", "info", "never")
COLOR = ("auto", "always", "never")


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="ogi-check")
def main() -> None:
    """ogi-check：检查政府信息公开工作年度报告 (checks annual open-government-information reports).

    \b
    示例 examples:
      ogi-check check 2023/年报.docx
      ogi-check check reports/ --format concise --select OGI-N002
      ogi-check rules list
    """


_rule_paths_option = click.option(
    "--rules",
    "rule_paths",
    multiple=True,
    type=click.Path(path_type=Path),
    help="额外的规则包（YAML 文件或目录），可多次指定",
)


def _rules_options(func: Any) -> Any:
    func = _rule_paths_option(func)
    func = click.option(
        "--profile", "profiles", multiple=True, help="启用地方规则配置（如 hubei）"
    )(func)
    return func


def _project_options(func: Any) -> Any:
    """Options shared by `check` and `baseline`: what to check with, beyond the configuration."""
    for option in reversed(
        [
            click.option(
                "--config",
                "config_file",
                type=click.Path(path_type=Path),
                help="配置文件（.ogi-check.yaml 或 pyproject.toml），不自动查找",
            ),
            click.option(
                "--era",
                type=click.Choice(["2008", "2019", "2021"]),
                help="指定报告格式版本，不自动判断",
            ),
            click.option(
                "--agency-kind",
                type=click.Choice(["department", "government", "township"]),
                help="指定机关类型（部门/政府/乡镇），不从名称推断",
            ),
            click.option(
                "--severity",
                "severities",
                multiple=True,
                metavar="RULE=LEVEL",
                help="改变规则的级别（规则编号或名称，不分大小写）",
            ),
            click.option(
                "--select",
                "selected",
                multiple=True,
                metavar="RULE[,RULE…]",
                help="只运行这些规则（可多次指定或用逗号分隔，编号或名称，不分大小写）",
            ),
            click.option(
                "--disable",
                "disabled",
                multiple=True,
                metavar="RULE[,RULE…]",
                help="停用规则（可多次指定或用逗号分隔）",
            ),
        ]
    ):
        func = option(func)
    return _rules_options(func)


def _batch_options(func: Any) -> Any:
    """Options of a batch: many files in parallel, checked as a set (cross-report rules)."""
    for option in reversed(
        [
            click.option(
                "--jobs",
                "-j",
                type=click.IntRange(min=0),
                default=None,
                help="并行进程数（0 = CPU 核数）；批量检查，含跨报告规则",
            ),
            click.option(
                "--engine",
                type=click.Choice(["local", "dask"]),
                default=None,
                help="批量检查的执行方式：本机进程或 Dask 集群  [default: local]",
            ),
            click.option(
                "--scheduler", metavar="ADDRESS", help="Dask 调度器地址（tcp://host:8786）"
            ),
            click.option(
                "--timeout",
                type=click.FloatRange(min=0, min_open=True),
                default=60.0,
                show_default=True,
                help="批量检查时单个文件的时限（秒）",
            ),
            click.option(
                "--manifest",
                type=click.Path(path_type=Path),
                help="报送清单 CSV：path, agency, year, agency_kind",
            ),
            click.option("--statistics", is_flag=True, help="按规则统计问题数（输出到标准错误）"),
            click.option("--quiet", "-q", is_flag=True, help="不显示进度条和汇总"),
        ]
    ):
        func = option(func)
    return func


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(list(FORMATS), case_sensitive=False),
    default="text",
    show_default=True,
    help="输出格式 (output format); concise: 每个问题一行 path:line:col: RULE [level] message",
)
@click.option(
    "--color",
    type=click.Choice(COLOR, case_sensitive=False),
    default="auto",
    show_default=True,
    help="文本输出的颜色：auto 仅在终端上着色（遵循 NO_COLOR、FORCE_COLOR）",
)
@click.option(
    "--fail-on",
    type=click.Choice(FAIL_ON),
    default=None,
    help="达到该级别的问题时以退出码 1 结束  [default: 配置的 fail_on，否则 error]",
)
@click.option(
    "--baseline",
    "baseline_file",
    type=click.Path(path_type=Path),
    help="基线文件：只报告其中没有的新问题",
)
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True)
@click.option("--output", "-o", type=click.Path(path_type=Path), help="写入文件而不是标准输出")
@click.option(
    "--no-cache",
    is_flag=True,
    help="不使用结果缓存，每个文件都重新检查 (do not reuse cached results)",
)
@click.option(
    "--stdin-filename",
    type=click.Path(path_type=Path),
    help="路径为 - 时标准输入的文件名：决定格式（扩展名）和配置，并用于问题位置",
)
@_batch_options
@_project_options
def check(
    paths: tuple[Path, ...],
    fmt: str,
    color: str,
    fail_on: str | None,
    baseline_file: Path | None,
    lang: str,
    output: Path | None,
    jobs: int | None,
    engine: str | None,
    scheduler: str | None,
    timeout: float,
    manifest: Path | None,
    statistics: bool,
    quiet: bool,
    no_cache: bool,
    stdin_filename: Path | None,
    **options: Any,
) -> None:
    """检查报告文件或目录；- 读标准输入 (check report files and directories; - reads stdin).

    \b
    示例 examples:
      ogi-check check 2023/年报.docx
      cat 年报.docx | ogi-check check --stdin-filename reports/年报.docx -
      ogi-check check reports/ --format concise --disable OGI-C004
      ogi-check check reports/ --select ogi-n002,OGI-N001 --fail-on warning
      ogi-check check reports/ --format sarif -o ogi-check.sarif
      ogi-check check 2023/ 2022/ --jobs 0 --format html -o 检查.html
    """
    spec = FORMATS[fmt]
    if spec.binary and output is None:
        _fail(
            f"--format {fmt} 是二进制文件，需要用 --output 指定文件 "
            f"({fmt} is binary: name the file with --output, e.g. -o 汇总.{fmt})",
            EXIT_USAGE,
        )
    if scheduler and engine != "dask":
        raise click.BadParameter("--scheduler needs --engine dask", param_hint="--scheduler")
    stdin = _stdin_name(
        paths, stdin_filename, jobs is not None or engine is not None, manifest, fmt
    )
    require_paths([path for path in paths if stdin is None])
    if output is not None:
        require_writable(output)
    if engine in (None, "local") and (jobs is not None or manifest is not None or spec.batch_only):
        from checker.batch.processes import start_early

        start_early()  # worker processes: their forkserver imports the checker meanwhile
    project, job_list = _build_project(
        paths, baseline_file=baseline_file, lang=lang, stdin_name=stdin, **options
    )
    _note_skipped(project.skipped, quiet)
    if not job_list:
        _nothing_checked(paths, quiet)
    fail = fail_on or project.config.fail_on or "error"
    _checked(lambda: require_format(fmt))
    asked = jobs is not None or engine is not None or manifest is not None or spec.batch_only
    as_set = asked or len(job_list) >= 2
    # Two or more reports are checked as a set (the cross-report rules run) whatever the engine:
    # without --jobs they are checked in this process, and stderr stays as quiet as a run of
    # one file.
    style = Style(color=_use_color(color, output), quiet=quiet)
    quiet = quiet or not asked
    if as_set:
        settings = replace(
            _batch_settings(jobs, engine if asked else "inline", scheduler, timeout),
            cache=not no_cache,
        )
        folders = [path for path in paths if path.is_dir()]
        results: Any = _run_batch(project, job_list, settings, manifest, folders, quiet)
    else:
        results = _guarded(lambda: project.run(job_list))
    try:
        _write(fmt, results, project.catalog(), lang, output, fail, style)
    finally:
        if as_set:
            results.close()
    if not style.quiet:
        _note_counts(results.counts)
    if as_set and not quiet:
        click.echo(_batch_summary(results), err=True)
    if statistics:
        tally = results.tally
        _print_statistics(tally.rule_severities, project.catalog(), tally.files)
    sys.exit(exit_code(results, fail))


def _stdin_name(
    paths: Sequence[Path], name: Path | None, parallel: bool, manifest: Path | None, fmt: str
) -> Path | None:
    """With `-` the one report is read from standard input and called `--stdin-filename`
    (its suffix picks the format, its place the configuration, as in ruff and ESLint) or `-`
    (then the content decides the format, text by default). None: no standard input."""
    if "-" not in [str(path) for path in paths]:
        if name is not None:
            raise click.BadParameter(
                "只在路径为 - 时使用 (only with the path -, standard input)",
                param_hint="--stdin-filename",
            )
        return None
    if len(paths) > 1:
        raise click.BadParameter(
            "- 读标准输入，不能与其他路径同时使用 (- reads standard input: name no other path)",
            param_hint="PATHS",
        )
    if parallel or manifest is not None or FORMATS[fmt].batch_only:
        raise click.BadParameter(
            "标准输入只有一份报告，不能批量检查 (one report on standard input: no --jobs, "
            "--engine, --manifest, nor a format that needs a set such as xlsx or html)",
            param_hint="-",
        )
    return name or Path("-")


def _stdin() -> BinaryIO:
    """Standard input as bytes (a report may be a Word file); none at all is a usage error."""
    stdin: Any = sys.stdin  # None when the process was started with its standard input closed
    if stdin is None:
        _fail("没有标准输入 (no standard input to read)", EXIT_USAGE)
    stream: BinaryIO = stdin.buffer if hasattr(stdin, "buffer") else stdin
    return stream


def require_paths(paths: Sequence[Path]) -> None:
    """A path named on the command line that does not exist is a usage error (a typo, or the
    wrong working directory), not a report that could not be read: exit 2 before any work.
    A dangling symbolic link does exist; reading it says what is wrong."""
    import os

    missing = [path for path in paths if not os.path.lexists(path)]
    for path in missing:
        click.echo(f"路径不存在: {path} (no such file or directory)", err=True)
    if missing:
        sys.exit(EXIT_USAGE)


def require_writable(output: Path) -> None:
    """--output must be writable before the work starts, not after a 40 s batch: its folder
    exists, it is not a folder, and it can be opened for writing (a new file is removed again;
    a FIFO or a device is only checked for permission, since opening one has effects)."""
    import os

    def fail(reason: str, english: str) -> NoReturn:
        message = f"无法写入输出文件 {output}：{reason} (cannot write --output {output}: {english})"
        _fail(message, EXIT_USAGE)

    if output.is_dir():
        fail("这是一个目录", "it is a directory")
    if output.exists() and not output.is_file():
        if not os.access(output, os.W_OK):
            fail("没有写入权限", "permission denied")
        return
    folder = output.parent
    if not folder.is_dir():
        fail(f"目录 {folder} 不存在", f"no such directory {folder}")
    existed = output.exists()
    try:
        with open(output, "ab"):
            pass
    except OSError as exc:
        fail(f"{exc.strerror or exc}", f"{exc.strerror or exc}")
    if not existed:
        output.unlink(missing_ok=True)


def _nothing_checked(paths: Sequence[Path], quiet: bool) -> None:
    """A run that checks nothing never passes a gate silently. A folder that holds no report
    (empty, or everything excluded) is exit 2: the gate points at the wrong place. Files named
    one by one that are all excluded or not reports are what pre-commit passes when only such
    files changed: a note, and the run goes on (exit 0) so that the commit is not blocked."""
    if any(path.is_dir() for path in paths):
        _fail(
            "没有找到可检查的报告文件（文件夹为空，或全部被 exclude 排除）；"
            "未检查任何文件，不能当作通过 (no report files to check: the folder is empty or "
            "everything is excluded)",
            EXIT_USAGE,
        )
    if not quiet:
        click.echo(
            "未检查任何文件：所列文件均被 exclude 排除或不是年度报告 "
            "(nothing checked: every file named is excluded or not a report)",
            err=True,
        )


def _batch_settings(
    jobs: int | None, engine: str | None, scheduler: str | None, timeout: float
) -> Any:
    import os

    from checker.batch.worker import Options

    count = jobs if jobs else (os.cpu_count() or 1) if jobs == 0 else 1
    return Options(jobs=count, engine=engine or "local", scheduler=scheduler, timeout=timeout)


def _run_batch(
    project: Project,
    jobs: Sequence[Job],
    options: Any,
    manifest_path: Path | None,
    folders: Sequence[Path],
    quiet: bool,
) -> Any:
    """Check the files as a set, in parallel (set rules too); the results wait on disk."""
    from checker.batch.results import read_manifest
    from checker.batch.run import run_batch

    manifest = _checked(lambda: read_manifest(manifest_path)) if manifest_path else None
    if manifest is not None and manifest.missing:
        jobs = _with_missing(project, jobs, manifest, folders, quiet)
    if options.engine == "dask":
        from checker.batch.cluster import require_dask

        _checked(require_dask)
    with _progress(len(jobs), quiet) as advance:
        return _guarded(
            lambda: run_batch(
                jobs,
                options,
                manifest,
                project.baseline,
                stated_kind=project.cli.agency_kind is not None,
                progress=advance,
            )
        )


def _with_missing(
    project: Project, jobs: Sequence[Job], manifest: Manifest, folders: Sequence[Path], quiet: bool
) -> Sequence[Job]:
    """Each manifest row whose file does not exist is reported on stderr, by row number and
    path; one under a folder named on the command line is also a file of the run that could
    not be read (`not_found`: the workbook and the dashboard list it, and the run exits 1)."""
    import os

    from checker.project.build import JobList

    roots = [Path(os.path.abspath(folder)) for folder in folders]
    extra: list[Path] = []
    for number, path in manifest.missing:
        if not quiet:
            click.echo(
                f"报送清单 {manifest.path} 第{number}行：文件不存在 {path} "
                f"(manifest row {number}: no such file {path})",
                err=True,
            )
        if any(Path(os.path.abspath(path)).is_relative_to(root) for root in roots):
            extra.append(path)
    assert isinstance(jobs, JobList)  # a batch's files come from the project's walk
    for job in project.jobs(extra):  # less what the configuration excludes
        jobs.append(job.path, job.rules, job.config)
    return jobs


def _write(
    fmt: str,
    results: Results,
    catalog: Sequence[RuleMeta],
    lang: str,
    output: Path | None,
    fail_on: str,
    style: Style,
) -> None:
    """The format's output to stdout or to --output, a file at a time."""

    def write(out: Any) -> None:
        write_format(fmt, results, catalog, lang, out, fail_on=fail_on, style=style)

    try:
        if output is None:
            _guarded(lambda: write(sys.stdout))
        elif FORMATS[fmt].binary:
            with open(output, "wb") as binary:
                _guarded(lambda: write(binary))
        else:
            with open(output, "w", encoding="utf-8") as text:
                _guarded(lambda: write(text))
    except BrokenPipeError:
        raise  # stdout closed early (`| head -1`): not a file we failed to write
    except OSError as exc:
        _fail(f"cannot write {output}: {exc.strerror or exc}", EXIT_USAGE)


def _use_color(choice: str, output: Path | None) -> bool:
    """--color always/never decide; auto colours a terminal only, and NO_COLOR (no-color.org)
    and FORCE_COLOR, when set and not empty, turn it off or on; a file given to --output is
    never coloured unless asked."""
    import os

    if choice != "auto":
        return choice == "always"
    if os.environ.get("NO_COLOR"):
        return False
    if output is not None or os.environ.get("TERM") == "dumb":
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    isatty = getattr(sys.stdout, "isatty", None)
    return bool(isatty and isatty())


@contextmanager
def _progress(total: int, quiet: bool) -> Iterator[Callable[[Any], None]]:
    """A progress bar on a terminal (stderr); nothing when quiet or not a terminal."""
    if quiet or not sys.stderr.isatty():
        yield lambda _: None
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    columns = (TextColumn("检查中"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("check", total=total)
        yield lambda _: bar.advance(task)


def _batch_summary(batch: Any) -> str:
    return (
        f"共 {batch.files} 个文件：无问题 {batch.clean}，有错误 {batch.with_errors}，"
        f"无法读取 {batch.unreadable}，用时 {batch.elapsed:.1f} 秒 "
        f"({batch.files} files: {batch.clean} clean, {batch.with_errors} with errors, "
        f"{batch.unreadable} unreadable, {batch.elapsed:.1f} s)"
    )


def _print_statistics(
    counts: Mapping[tuple[str, Severity], int], catalog: Sequence[Any], files: int
) -> None:
    """Findings per rule, most frequent first, split by the severity they were reported at (a
    rule's "cannot assess" notes are info) — on stderr, so the output stays machine-readable."""
    from checker.core.findings import SEVERITY_ZH
    from checker.formatters.style import cells, pad

    titles = {m.id: m for m in catalog}
    per_rule: dict[str, dict[Severity, int]] = {}
    for (rule_id, severity), count in counts.items():
        per_rule.setdefault(rule_id, {})[severity] = count
    rows: list[tuple[int, str, str, str, str]] = []
    for rule_id, split in sorted(
        per_rule.items(), key=lambda item: (-sum(item[1].values()), item[0])
    ):
        meta = titles.get(rule_id)
        parts = "，".join(f"{SEVERITY_ZH[s]} {n}" for s, n in sorted(split.items(), reverse=True))
        name = meta.name if meta else ""
        rows.append(
            (sum(split.values()), rule_id, f"（{parts}）", name, meta.title.zh if meta else "")
        )
    # Columns in terminal cells: a rule split over two severities has a wider （…） column.
    widths = [max((cells(str(row[i])) for row in rows), default=0) for i in (1, 2, 3)]
    lines = ["规则统计 statistics:"]
    for total, rule_id, parts, name, title in rows:
        cols = (pad(rule_id, widths[0]), pad(parts, widths[1]), pad(name, widths[2]), title)
        lines.append(f"{total:>7}  {'  '.join(cols)}".rstrip())
    total = sum(counts.values())
    lines.append(f"{total:>7}  问题，{files} 个文件 (findings in {files} files)")
    click.echo("\n".join(lines), err=True)


def _build_rules(
    paths: Sequence[Path],
    profiles: Sequence[str],
    severities: dict[str, str],
    disabled: Sequence[str],
) -> RuleSet:
    from checker.core.errors import RuleFileError
    from checker.ruleset.load import load_rules

    try:
        return load_rules(paths, profiles, severities, disabled)
    except RuleFileError as exc:
        _fail(f"规则文件错误 rule file error: {exc}", EXIT_USAGE)


def _build_config(era: str | None, agency_kind: str | None) -> RunConfig:
    from checker.engine import RunConfig
    from checker.extract.report import Overrides

    return RunConfig(overrides=Overrides(era=era, agency_kind=agency_kind))


def _parse_severities(pairs: Sequence[str]) -> dict[str, str]:
    parsed = {}
    for pair in pairs:
        rule, _, level = pair.partition("=")
        if level not in ("error", "warning", "info"):
            raise click.BadParameter(
                f"'{pair}': expected RULE=error|warning|info", param_hint="--severity"
            )
        parsed[rule] = level
    return parsed


def _build_project(
    paths: Sequence[Path],
    config_file: Path | None,
    era: str | None,
    agency_kind: str | None,
    severities: tuple[str, ...],
    selected: tuple[str, ...],
    disabled: tuple[str, ...],
    rule_paths: tuple[Path, ...],
    profiles: tuple[str, ...],
    baseline_file: Path | None = None,
    use_baseline: bool = True,
    lang: str = "zh",
    stdin_name: Path | None = None,
) -> tuple[Project, Sequence[Job]]:
    """Configuration, rules, baseline and the list of files: all checked before any report."""
    from checker.core.errors import UnknownRuleError, unknown_rule_message
    from checker.project.build import build_project
    from checker.project.config import Settings

    cli = Settings(
        era=era,
        agency_kind=agency_kind,
        profiles=profiles,
        disabled=frozenset(_rule_list(disabled)),
        severities=tuple(_parse_severities(severities).items()),
        selected=frozenset(_rule_list(selected)) if selected else None,
    )

    def build() -> tuple[Project, Sequence[Job]]:
        named = [stdin_name] if stdin_name is not None else paths  # the configuration's lookup
        project = build_project(named, config_file, cli, rule_paths, baseline_file, use_baseline)
        if stdin_name is None:
            return project, project.jobs(paths)
        job = project.stdin_job(stdin_name, _stdin())
        return project, [job] if job is not None else []

    try:
        result: tuple[Project, Sequence[Job]] = _checked(build)
    except UnknownRuleError as exc:
        label = "usage error: " if lang == "en" else "用法错误："
        _fail(
            f"{label}{unknown_rule_message(exc.option, exc.ident, exc.suggestion, lang)}",
            EXIT_USAGE,
        )
    return result


def _rule_list(values: Sequence[str]) -> list[str]:
    """--select and --disable, repeated or comma-separated as ruff takes them: `-s A,B -s C`."""
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def _note_skipped(skipped: Sequence[Path], quiet: bool) -> None:
    """Files named on the command line that are not reports (as pre-commit passes every changed
    file): passed over with a note on stderr, not read as broken reports."""
    if skipped and not quiet:
        names = "、".join(str(path) for path in skipped[:5])
        more = f" 等 {len(skipped)} 个" if len(skipped) > 5 else ""
        click.echo(f"已跳过不是年度报告的文件 (skipped, not reports): {names}{more}", err=True)


def _checked(action: Any) -> Any:
    """Run a step that may meet bad configuration or rules: say where, exit 2."""
    from checker.core.errors import ConfigError, RuleFileError, UnknownRuleError

    try:
        return action()
    except UnknownRuleError:
        raise  # worded in the run's language by the caller
    except RuleFileError as exc:
        _fail(f"规则文件错误 rule file error: {exc}", EXIT_USAGE)
    except ConfigError as exc:
        _fail(f"配置错误 configuration error: {exc}", EXIT_USAGE)


def _note_counts(counts: Mapping[str, int]) -> None:
    notes = []
    if counts.get("suppressed"):
        notes.append(
            f"行内注释抑制 {counts['suppressed']} 个问题 ({counts['suppressed']} suppressed inline)"
        )
    if "baseline_suppressed" in counts:
        held, stale = counts["baseline_suppressed"], counts["baseline_stale"]
        notes.append(
            f"基线略去 {held} 个已知问题，{stale} 条基线记录已过时 "
            f"(baseline: {held} known findings not reported, {stale} stale entries)"
        )
    if notes:
        click.echo("；".join(notes), err=True)


def exit_code(results: Results, fail_on: str) -> int:
    """The one exit code of `check`, from a plain run or a batch: 1 when a file could not be
    read or a finding reaches --fail-on, else 0."""
    from checker.core.findings import Severity

    tally = results.tally
    if tally.unreadable:
        return EXIT_FINDINGS
    worst = tally.worst()
    if fail_on == "never" or worst is None:
        return EXIT_OK
    return EXIT_FINDINGS if worst >= Severity.parse(fail_on) else EXIT_OK


def _emit(text: str, output: Path | None) -> None:
    if output is None:
        click.echo(text, nl=False)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        _fail(f"cannot write {output}: {exc.strerror or exc}", EXIT_USAGE)


def _guarded(action: Any) -> Any:
    """Run the work; an unexpected exception is a bug: say so briefly, exit 3."""
    import os

    try:
        return action()
    except BrokenPipeError:
        raise  # the reader went away (`| head`): click ends quietly, as a pipeline expects
    except Exception as exc:
        if os.environ.get("OGI_CHECK_DEBUG"):
            raise
        _fail(
            f"内部错误 internal error: {type(exc).__name__}: {exc} (set OGI_CHECK_DEBUG=1 for details)",
            EXIT_INTERNAL,
        )


def _fail(message: str, code: int) -> NoReturn:
    click.echo(message, err=True)
    sys.exit(code)
