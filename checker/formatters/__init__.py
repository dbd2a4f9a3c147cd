"""Output formats, one module each, picked by name. A formatter sees the finished result and the
rule catalog, nothing else.

May import `checker.core`, the report summaries of `checker.kinds.sets` and the batch's result
(`checker.batch.results`); never the engine, the batch's workers or the cli.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from importlib import import_module
from typing import Any

from checker.core.findings import RuleMeta, RunResult

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


# Formats an office reads, written from a batch (`checker.batch.results.BatchResult`) rather than
# rendered from a run: the workbook (binary: needs --output) and the dashboard.
BATCH_FORMATS: dict[str, str] = {
    "xlsx": "checker.formatters.xlsx",
    "html": "checker.formatters.dashboard",
}
BINARY_FORMATS = ("xlsx",)
_NEEDS = {"xlsx": ("openpyxl", "xlsx")}  # format -> (module, the extra that installs it)
BatchWriter = Callable[[Any, Sequence[RuleMeta], str, Any], None]


def require_format(name: str) -> None:
    """Stop before any file is read when a format's optional library is not installed."""
    from importlib.util import find_spec

    if name in _NEEDS and find_spec(_NEEDS[name][0]) is None:
        from checker.core.errors import ConfigError

        module, extra = _NEEDS[name]
        raise ConfigError(
            f"--format {name} 需要 {module}：pip install 'ogi-checker[{extra}]' "
            f"(--format {name} needs {module}: install the [{extra}] extra)"
        )


def get_batch_writer(name: str) -> BatchWriter:
    """A batch format's `write(batch, catalog, lang, out)`, or the streamed ordinary format."""
    if name in BATCH_FORMATS:
        writer: BatchWriter = import_module(BATCH_FORMATS[name]).write
        return writer
    from checker.formatters import streaming

    render = get_formatter(name)
    return lambda batch, catalog, lang, out: streaming.write(
        name, batch, catalog, lang, out, render
    )


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
