"""Output formats, one module each, picked by name. A formatter sees the finished result and the
rule catalog, nothing else."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from importlib import import_module

from checker.findings import RuleMeta, RunResult

Formatter = Callable[[RunResult, Sequence[RuleMeta], str], str]

# name -> module; imported on use so that a run only loads the format it prints.
FORMATTERS: dict[str, str] = {
    "text": "checker.formatters.text",
    "json": "checker.formatters.json_format",
    "sarif": "checker.formatters.sarif",
    "junit": "checker.formatters.junit",
    "github": "checker.formatters.github",
    "jsonl": "checker.formatters.jsonl",
    "csv": "checker.formatters.csv_format",
}


def get_formatter(name: str) -> Formatter:
    module = import_module(FORMATTERS[name])
    formatter: Formatter = module.render
    return formatter


def rule_list(catalog: Sequence[RuleMeta], result: RunResult) -> list[RuleMeta]:
    """The catalog once per rule id, plus any rule a finding names that the catalog lacks."""
    rules: dict[str, RuleMeta] = {}
    for meta in [*catalog, *(x.rule for f in result.files for x in f.findings)]:
        rules.setdefault(meta.id, meta)
    return list(rules.values())
