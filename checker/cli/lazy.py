"""The commands other than `check`, imported only when they run: click's lazily loading group.

`ogi-check check` is what pre-commit and every CI step run, cold; defining the options of
`baseline`, `extract`, `rules`, `schema`, `desk` and `annotate` cost each of those runs their
modules and decorators. Here each is a module and an attribute, imported by `get_command` when
its name is on the command line (click's documented pattern, "Lazily Loading Subcommands").
`ogi-check --help` lists them from their one-line summaries below, without importing them;
tests/test_linter_conventions.py holds each summary equal to its command's own docstring.
"""

from __future__ import annotations

import importlib
from gettext import gettext as _
from typing import NamedTuple

import click


class Lazy(NamedTuple):
    module: str
    attribute: str
    summary: str  # the first paragraph of the command's docstring, as `--help` shows it


LAZY_COMMANDS = {
    "annotate": Lazy(
        "checker.desk.cli",
        "annotate",
        "把检查发现写成 Word 批注（report.docx → report-批注.docx；原文件不变）。",
    ),
    "baseline": Lazy(
        "checker.cli.baseline",
        "baseline_command",
        "记录现有问题的指纹，此后 check --baseline 只报告新问题 (write a baseline).",
    ),
    "desk": Lazy(
        "checker.desk.cli",
        "desk",
        "审核台：各机关在线报送年报，政务公开办复核（the office's review desk）.",
    ),
    "extract": Lazy(
        "checker.cli.extract",
        "extract",
        "输出解析结果（章节、数字、表格、元数据）的 JSON (the parsed model as JSON).",
    ),
    "rules": Lazy(
        "checker.cli.rules",
        "rules_group",
        "查看、测试规则，生成规则参考 (list, show, test and document rules).",
    ),
    "schema": Lazy(
        "checker.cli.rules",
        "schema",
        "输出 JSON Schema，供编辑器校验 YAML "
        "(print the rule-pack, config or table-template JSON Schema).",
    ),
}


class LazyGroup(click.Group):
    """A group whose commands in LAZY_COMMANDS are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*self.commands, *LAZY_COMMANDS})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in LAZY_COMMANDS:
            lazy = LAZY_COMMANDS[cmd_name]
            command = getattr(importlib.import_module(lazy.module), lazy.attribute)
            self.add_command(command, cmd_name)
        return self.commands.get(cmd_name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """click's list of commands, a command not yet imported shown by its summary."""
        rows = [(name, self._listed(name)) for name in self.list_commands(ctx)]
        shown = [(name, command) for name, command in rows if not command.hidden]
        if not shown:
            return
        limit = formatter.width - 6 - max(len(name) for name, _ in shown)
        with formatter.section(_("Commands")):
            formatter.write_dl(
                [(name, command.get_short_help_str(limit)) for name, command in shown]
            )

    def _listed(self, name: str) -> click.Command:
        if name in self.commands:
            return self.commands[name]
        return click.Command(name, help=LAZY_COMMANDS[name].summary)
