"""`ogi-check rules list|show|test|doc` and `ogi-check schema`: the rule packs themselves."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from checker.cli.main import (
    EXIT_FINDINGS,
    EXIT_OK,
    EXIT_USAGE,
    _build_rules,
    _checked,
    _emit,
    _fail,
    _rule_paths_option,
    _rules_options,
)


@click.group(name="rules")
def rules_group() -> None:
    """查看、测试规则，生成规则参考 (list, show, test and document rules).

    \b
    示例 examples:
      ogi-check rules list
      ogi-check rules show OGI-N002
    """


@rules_group.command(name="list")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True)
@_rules_options
def rules_list(lang: str, rule_paths: tuple[Path, ...], profiles: tuple[str, ...]) -> None:
    """列出所有规则 (list all rules).

    \b
    示例 examples:
      ogi-check rules list
      ogi-check rules list --profile hubei-2020 --lang en
    """
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
    """显示一条规则的全部内容 (show one rule: its id or name, in any case).

    \b
    示例 examples:
      ogi-check rules show OGI-N002
      ogi-check rules show stated-total-parts
    """
    rules = _build_rules(rule_paths, profiles, {}, ())
    rule = rules.get(rule_id)
    if rule is None:
        from checker.core.errors import unknown_rule_message
        from checker.core.rules import RuleNames

        near = RuleNames(r.meta for r in rules.rules).suggest(rule_id)
        zh, en = (unknown_rule_message("rules show", rule_id, near, lang) for lang in ("zh", "en"))
        _fail(f"用法错误：{zh} (usage error: {en})", EXIT_USAGE)
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


@rules_group.command(name="test")
@click.argument("packs", nargs=-1)
@_rule_paths_option
def rules_test(packs: tuple[str, ...], rule_paths: tuple[Path, ...]) -> None:
    """运行规则包中的 PASS/FAIL 示例 (run the examples of packs: ids, files or folders; all by default).

    \b
    示例 examples:
      ogi-check rules test
      ogi-check rules test --rules my-rules/ my-rules/city.yaml
    """
    from checker.ruleset.ruletest import (
        iter_cases,
        load_all_packs,
        pack_rules,
        run_case,
        select_packs,
    )

    files = [Path(p) for p in packs if Path(p).exists()]
    rules = _checked(lambda: load_all_packs([*rule_paths, *files]))
    chosen = _checked(lambda: select_packs(rules, packs)) if packs else None
    results = [run_case(case, rules) for case in iter_cases(pack_rules(rules, chosen))]
    for outcome in results:
        detail = f"  {outcome.detail}" if outcome.detail else ""
        click.echo(
            f"{outcome.status.upper():<4}  {outcome.case.name}  {outcome.case.place}{detail}"
        )
    tally = {s: sum(1 for r in results if r.status == s) for s in ("pass", "fail", "skip")}
    click.echo(
        f"{len(results)} cases: {tally['pass']} passed, {tally['fail']} failed, {tally['skip']} skipped"
    )
    sys.exit(EXIT_FINDINGS if tally["fail"] else EXIT_OK)


@rules_group.command(name="doc")
@click.option(
    "--output", "-o", type=click.Path(path_type=Path), help="写入文件（如 docs/rules.md）"
)
@_rule_paths_option
def rules_doc(output: Path | None, rule_paths: tuple[Path, ...]) -> None:
    """生成 Markdown 规则参考 (the Markdown rule reference, from the packs).

    \b
    示例 examples:
      ogi-check rules doc -o docs/rules.md
    """
    from checker.ruleset.ruledoc import render_doc
    from checker.ruleset.ruletest import load_all_packs

    rules = _checked(lambda: load_all_packs(rule_paths))
    _emit(render_doc(rules), output)


@click.command(name="schema")
@click.argument("name", type=click.Choice(["rule-pack", "config", "table-template"]))
@click.option("--output", "-o", type=click.Path(path_type=Path), help="写入文件而不是标准输出")
def schema(name: str, output: Path | None) -> None:
    """输出 JSON Schema，供编辑器校验 YAML (print the rule-pack, config or table-template JSON Schema).

    \b
    示例 examples:
      ogi-check schema config -o .ogi-check.schema.json
      ogi-check schema rule-pack -o rules/schema/rule-pack.schema.json
    """
    from checker.ruleset.load import bundled_pack_dir
    from checker.ruleset.schema import dump, rule_pack_schema

    if name == "rule-pack":  # built from the kinds' own parameter schemas
        _emit(dump(rule_pack_schema()), output)
        return
    _emit((bundled_pack_dir() / "schema" / f"{name}.schema.json").read_text("utf-8"), output)
