"""Output formats, one module each, listed in FORMATS (the only registry). A format is one
function, `write(results, catalog, lang, out)`: it reads the finished results (`Results`: the
files in order, the run's counts and tally, the same from a plain run or a batch) and the rule
catalog, nothing else, and writes to `out` (text, or bytes for a binary format).

May import `checker.core`, the report summaries of `checker.kinds.sets` and the batch's result
(`checker.batch.results`); never the engine, the batch's workers or the cli. Nothing is imported
here at start-up beyond the standard library: the command line builds `--format` from FORMATS.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from importlib import import_module
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from checker.core.findings import Results, RuleMeta, RunResult


class Format(NamedTuple):
    module: str  # imported on use, so that a run loads only the format it writes
    binary: bool = False  # writes bytes: needs --output
    extra: tuple[str, str] | None = None  # (the library it needs, the extra that installs it)
    batch_only: bool = False  # reads a batch's report summaries: `check` runs the files as a set
    styled: bool = False  # a line format for people: `write` takes a `style` (colour, quiet)


FORMATS: dict[str, Format] = {
    "text": Format("checker.formatters.text", styled=True),
    "concise": Format("checker.formatters.concise", styled=True),
    "json": Format("checker.formatters.json_format"),
    "sarif": Format("checker.formatters.sarif"),
    "junit": Format("checker.formatters.junit"),
    "github": Format("checker.formatters.github"),
    "jsonl": Format("checker.formatters.jsonl"),
    "csv": Format("checker.formatters.csv_format"),
    # what an office reads: the workbook and the dashboard
    "xlsx": Format(
        "checker.formatters.xlsx", binary=True, extra=("openpyxl", "xlsx"), batch_only=True
    ),
    "html": Format("checker.formatters.dashboard", batch_only=True),
}

Writer = Callable[[Any, Sequence["RuleMeta"], str, Any], None]


def writer(name: str) -> Writer:
    """The format's `write(results, catalog, lang, out)`."""
    write: Writer = import_module(FORMATS[name].module).write
    return write


def render(name: str, results: Results, catalog: Sequence[RuleMeta], lang: str) -> str:
    """A text format's output as one string (tests, and callers that want a value)."""
    out = io.StringIO()
    writer(name)(results, catalog, lang, out)
    return out.getvalue()


def require_format(name: str) -> None:
    """Stop before any file is read when a format's optional library is not installed."""
    from importlib.util import find_spec

    extra = FORMATS[name].extra
    if extra is not None and find_spec(extra[0]) is None:
        from checker.core.errors import ConfigError

        module, pip_extra = extra
        raise ConfigError(
            f"--format {name} 需要 {module}：pip install 'ogi-checker[{pip_extra}]' "
            f"(--format {name} needs {module}: install the [{pip_extra}] extra)"
        )


def rule_list(catalog: Sequence[RuleMeta], result: RunResult) -> list[RuleMeta]:
    """The catalog once per rule id, plus any rule a finding names that the catalog lacks."""
    rules: dict[str, RuleMeta] = {}
    for meta in [*catalog, *(x.rule for f in result.files for x in f.findings)]:
        rules.setdefault(meta.id, meta)
    return list(rules.values())
