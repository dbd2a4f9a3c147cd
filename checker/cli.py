"""Command line: parse options, build the objects, run, format, exit code. Nothing else here.

Imports beyond click are made inside the commands: `ogi-check --version` runs on every commit in
a pre-commit hook and must start fast.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click

from checker import __version__

if TYPE_CHECKING:
    from checker.engine import RunConfig
    from checker.findings import RunResult
    from checker.rules import RuleSet

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3
FAIL_ON = ("error", "warning", "info", "never")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="ogi-check")
def main() -> None:
    """ogi-check：检查政府信息公开工作年度报告 (checks annual open-government-information reports)."""


def _rules_options(func: Any) -> Any:
    func = click.option(
        "--rules",
        "rule_paths",
        multiple=True,
        type=click.Path(path_type=Path),
        help="额外的规则包（YAML 文件或目录），可多次指定",
    )(func)
    func = click.option(
        "--profile", "profiles", multiple=True, help="启用地方规则配置（如 hubei）"
    )(func)
    return func


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--format", "fmt", default="text", show_default=True, help="输出格式：text | json")
@click.option(
    "--fail-on",
    type=click.Choice(FAIL_ON),
    default="error",
    show_default=True,
    help="达到该级别的问题时以退出码 1 结束",
)
@click.option(
    "--era", type=click.Choice(["2008", "2019", "2021"]), help="指定报告格式版本，不自动判断"
)
@click.option(
    "--agency-kind",
    type=click.Choice(["department", "government", "township"]),
    help="指定机关类型（部门/政府/乡镇），不从名称推断",
)
@click.option(
    "--severity", "severities", multiple=True, metavar="RULE=LEVEL", help="改变规则的级别"
)
@click.option("--disable", "disabled", multiple=True, metavar="RULE", help="停用规则")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True)
@click.option("--output", "-o", type=click.Path(path_type=Path), help="写入文件而不是标准输出")
@_rules_options
def check(
    paths: tuple[Path, ...],
    fmt: str,
    fail_on: str,
    era: str | None,
    agency_kind: str | None,
    severities: tuple[str, ...],
    disabled: tuple[str, ...],
    lang: str,
    output: Path | None,
    rule_paths: tuple[Path, ...],
    profiles: tuple[str, ...],
) -> None:
    """检查报告文件或目录 (check report files and directories)."""
    from checker.formatters import FORMATTERS, get_formatter

    if fmt not in FORMATTERS:
        raise click.BadParameter(
            f"unknown format '{fmt}' (known: {', '.join(FORMATTERS)})", param_hint="--format"
        )
    rules = _build_rules(rule_paths, profiles, _parse_severities(severities), disabled)
    result = _guarded(lambda: _run(paths, rules, _build_config(era, agency_kind)))
    text = get_formatter(fmt)(result, [r.meta for r in rules.rules], lang)
    _emit(text, output)
    sys.exit(exit_code(result, fail_on))


@main.command()
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--era", type=click.Choice(["2008", "2019", "2021"]))
@click.option("--agency-kind", type=click.Choice(["department", "government", "township"]))
@click.option("--output", "-o", type=click.Path(path_type=Path))
@_rules_options
def extract(
    path: Path,
    era: str | None,
    agency_kind: str | None,
    output: Path | None,
    rule_paths: tuple[Path, ...],
    profiles: tuple[str, ...],
) -> None:
    """输出解析结果（章节、数字、表格、元数据）的 JSON (the parsed model as JSON)."""
    import json

    from checker.dump import report_to_dict
    from checker.errors import ReadError
    from checker.extract.report import build_report
    from checker.readers import read_path

    _build_rules(rule_paths, profiles, {}, ())
    config = _build_config(era, agency_kind)
    try:
        fmt, document = read_path(path, config.limits)
    except ReadError as exc:
        _fail(f"{path}: {exc} [{exc.code}]", EXIT_FINDINGS)
    report = _guarded(lambda: build_report(document, str(path), fmt, config.overrides))
    _emit(json.dumps(report_to_dict(report), ensure_ascii=False, indent=2) + "\n", output)


@main.group(name="rules")
def rules_group() -> None:
    """查看规则 (list and show rules)."""


@rules_group.command(name="list")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True)
@_rules_options
def rules_list(lang: str, rule_paths: tuple[Path, ...], profiles: tuple[str, ...]) -> None:
    """列出所有规则 (list all rules)."""
    rules = _build_rules(rule_paths, profiles, {}, ())
    for rule in rules.rules:
        eras = ",".join(sorted(rule.eras)) or "all"
        click.echo(
            f"{rule.meta.id}  {rule.meta.severity.label:<7} {rule.meta.category:<11} "
            f"[{eras}] {rule.meta.name}  {rule.meta.title.render(lang)}"
        )


@rules_group.command(name="show")
@click.argument("rule_id")
@_rules_options
def rules_show(rule_id: str, rule_paths: tuple[Path, ...], profiles: tuple[str, ...]) -> None:
    """显示一条规则的全部内容 (show one rule)."""
    rules = _build_rules(rule_paths, profiles, {}, ())
    rule = rules.get(rule_id)
    if rule is None:
        _fail(f"unknown rule: {rule_id}", EXIT_USAGE)
    meta = rule.meta
    lines = [
        f"{meta.id}  {meta.name}",
        f"  标题 title: {meta.title.zh} / {meta.title.en}",
        f"  级别 severity: {meta.severity.label}",
        f"  类别 category: {meta.category}",
        f"  依据 basis: {meta.basis}",
        f"  检查类型 kind: {rule.kind}",
        f"  适用版本 eras: {', '.join(sorted(rule.eras)) or 'all'}",
        f"  定义于 source: {rule.source}",
    ]
    if rule.description:
        lines.append(f"  说明: {rule.description.zh}")
    lines.append(f"  示例 examples: {len(rule.passes)} pass, {len(rule.fails)} fail")
    click.echo("\n".join(lines))


def _build_rules(
    paths: Sequence[Path],
    profiles: Sequence[str],
    severities: dict[str, str],
    disabled: Sequence[str],
) -> RuleSet:
    from checker.errors import RuleFileError
    from checker.rules import load_rules

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


def _run(paths: Sequence[Path], rules: RuleSet, config: RunConfig) -> RunResult:
    from checker.engine import run

    return run(paths, rules, config)


def exit_code(result: RunResult, fail_on: str) -> int:
    from checker.findings import Severity

    if any(f.error for f in result.files):
        return EXIT_FINDINGS
    worst = result.worst()
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
