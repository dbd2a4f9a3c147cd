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
    # The run's settings its `write` takes as keyword arguments, beyond the four every format
    # takes: `fail_on` (the level that fails the run, for a format that marks failures),
    # `style` (colour and -q, checker.formatters.style.Style).
    options: tuple[str, ...] = ()


FORMATS: dict[str, Format] = {
    # the line formats for people take the run's `style` (colour, -q)
    "text": Format("checker.formatters.text", options=("style",)),
    "concise": Format("checker.formatters.concise", options=("style",)),
    "json": Format("checker.formatters.json_format"),
    "sarif": Format("checker.formatters.sarif"),
    "junit": Format("checker.formatters.junit", options=("fail_on",)),
    "github": Format("checker.formatters.github"),
    "gitlab": Format("checker.formatters.gitlab"),  # Code Quality report
    "jsonl": Format("checker.formatters.jsonl"),
    "csv": Format("checker.formatters.csv_format"),
    # what an office reads: the workbook and the dashboard
    "xlsx": Format(
        "checker.formatters.xlsx", binary=True, extra=("openpyxl", "xlsx"), batch_only=True
    ),
    "html": Format("checker.formatters.dashboard", batch_only=True),
}

Writer = Callable[..., None]  # write(results, catalog, lang, out, **options)


def writer(name: str) -> Writer:
    """The format's `write(results, catalog, lang, out)`."""
    write: Writer = import_module(FORMATS[name].module).write
    return write


def write_format(
    name: str,
    results: Results,
    catalog: Sequence[RuleMeta],
    lang: str,
    out: Any,
    **settings: Any,
) -> None:
    """Write the format to `out`, passing it those of the run's `settings` (fail_on, …) that it
    declares in `options`: a format takes only what it uses."""
    wanted = {key: value for key, value in settings.items() if key in FORMATS[name].options}
    writer(name)(results, catalog, lang, out, **wanted)


def render(
    name: str, results: Results, catalog: Sequence[RuleMeta], lang: str, **settings: Any
) -> str:
    """A text format's output as one string (tests, and callers that want a value)."""
    out = io.StringIO()
    write_format(name, results, catalog, lang, out, **settings)
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
