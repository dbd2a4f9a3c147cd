"""`ogi-check extract`: the parsed model of one report as JSON."""

from __future__ import annotations

from pathlib import Path

import click

from checker.cli.main import (
    EXIT_FINDINGS,
    _build_config,
    _build_rules,
    _emit,
    _fail,
    _guarded,
    _rules_options,
)


@click.command()
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
    """输出解析结果（章节、数字、表格、元数据）的 JSON (the parsed model as JSON).

    \b
    示例 examples:
      ogi-check extract 2023/年报.docx
      ogi-check extract report.pdf --era 2021 -o report.json
    """
    import json

    from checker.cli.dump import report_to_dict
    from checker.core.errors import ReadError
    from checker.extract.report import build_report
    from checker.readers import read_path

    rules = _build_rules(rule_paths, profiles, {}, ())
    config = _build_config(era, agency_kind)
    try:
        fmt, document = read_path(path, config.limits)
    except ReadError as exc:
        _fail(f"{path}: {exc} [{exc.code}]", EXIT_FINDINGS)
    report = _guarded(
        lambda: build_report(document, str(path), fmt, config.overrides, rules.table_templates)
    )
    _emit(json.dumps(report_to_dict(report), ensure_ascii=False, indent=2) + "\n", output)
