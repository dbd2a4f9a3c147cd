"""The small public API: load rules once, check paths or text."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from checker.core.document import Document
from checker.core.findings import FileResult, RunResult
from checker.core.rules import RuleSet
from checker.core.textnorm import split_lines
from checker.engine import RunConfig, check_document, run
from checker.ruleset.load import load_rules as _load_rules


def load_rules(extra: Sequence[Path] = (), profiles: Sequence[str] = ()) -> RuleSet:
    return _load_rules(extra, profiles)


def check_path(
    paths: Iterable[Path], rules: RuleSet | None = None, config: RunConfig | None = None
) -> RunResult:
    return run(paths, rules or load_rules(), config or RunConfig())


def check_text(
    text: str, rules: RuleSet | None = None, config: RunConfig | None = None, name: str = "<text>"
) -> FileResult:
    document = Document(lines=split_lines(text))
    return check_document(document, name, "txt", rules or load_rules(), config or RunConfig())


def read_document(path: Path) -> Document:
    """The file as the checker reads it (text lines and their places); raises ReadError."""
    from checker.readers import read_path

    return read_path(path)[1]


def report_suffixes() -> frozenset[str]:
    """The file name endings the checker reads (".txt", ".docx", …)."""
    from checker.readers import READERS

    return frozenset(READERS)


def table_values(
    path: Path, rules: RuleSet | None = None
) -> dict[str, dict[str, dict[str, float]]]:
    """The numeric cells of a file's statistical tables by canonical address
    ({"T3": {"R1": {"NP": 38, …}}}), as `ogi-check extract` reads them; raises ReadError."""
    from checker.extract.report import build_report
    from checker.readers import read_path

    rules = rules or load_rules()
    config = RunConfig()
    fmt, document = read_path(path, config.limits)
    report = build_report(document, str(path), fmt, config.overrides, rules.table_templates)
    return {
        name: {
            row: {
                col: float(cell.value)
                for col, cell in cols.items()
                if cell.kind == "number" and cell.value is not None
            }
            for row, cols in table.cells.items()
        }
        for name, table in report.tables.items()
    }
