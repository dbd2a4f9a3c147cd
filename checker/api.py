"""The small public API: load rules once, check paths or text; for a service that keeps
reports (the review desk), check a file once for everything it needs and run the set rules
later over what it kept."""

from __future__ import annotations

import pickle
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from checker.core.document import Document
from checker.core.findings import FileResult, Finding, RunResult
from checker.core.model import Report
from checker.core.rules import RuleSet
from checker.core.textnorm import split_lines
from checker.engine import RunConfig, check_document, run
from checker.engine import check_path as _check_path
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
    return _values(build_report(document, str(path), fmt, config.overrides, rules.table_templates))


def _values(report: Report) -> dict[str, dict[str, dict[str, float]]]:
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


# --- a file checked once, the set rules run later over what was kept --------------------------


@dataclass(frozen=True)
class Examined:
    """One file read once: its result (as `check_path` gives it), the numbers of its tables (as
    `table_values`) and what the set rules need of it (`set_data`, opaque: give it back to
    `check_set`; b"" when the file could not be read)."""

    result: FileResult
    tables: dict[str, dict[str, dict[str, float]]]
    set_data: bytes


def examine(path: Path, rules: RuleSet | None = None, shown: str | None = None) -> Examined:
    """Check the file at `path` (named `shown` in the result), reading it once."""
    from checker.batch.worker import Task, summarise

    rules = rules or load_rules()
    config = RunConfig()
    checked = _check_path(path, rules, config, shown)
    if checked.report is None:
        return Examined(checked.result, {}, b"")
    task = Task(0, shown or str(path), 0, config)
    summary = summarise(task, checked.report, rules, checked.outcome.deferred)
    data = pickle.dumps((set_data_key(rules), summary), pickle.HIGHEST_PROTOCOL)
    return Examined(checked.result, _values(checked.report), data)


def set_data_key(rules: RuleSet) -> str:
    """What `set_data` depends on: the checker's code and version and the rules' fingerprint."""
    from checker.batch.resultcache import rules_key
    from checker.core.diskcache import code_key

    return f"{code_key()}:{rules_key(rules)}"


def set_data_fresh(data: bytes, key: str) -> bool:
    """Whether `set_data` was made by this checker under the rules of `key` (`set_data_key`);
    if not (an upgrade, other rules), examine the file again."""
    try:
        made, _ = pickle.loads(data)
    except Exception:  # empty, truncated or written by other code: not fresh
        return False
    return bool(made == key)


@dataclass(frozen=True)
class SetMember:
    """A report of a set: its `set_data`, the name the findings give it, and who wrote it for
    which year (stated, as a batch manifest states them: they win over the report's own)."""

    set_data: bytes
    name: str
    agency: str
    year: int
    agency_kind: str | None = None


@dataclass(frozen=True)
class SetFinding:
    member: int  # the report the finding belongs to (its index in the members)
    related: int | None  # the other report it was compared with, if any
    finding: Finding


def check_set(members: Sequence[SetMember], rules: RuleSet | None = None) -> list[SetFinding]:
    """The set rules (rules/batch.yaml: duplicates, carry-over, copying, near-identical
    reports…) over these reports, as a batch of their files would find them; no file is read.
    A member whose `set_data` is not fresh takes no part (examine its file again first)."""
    from checker import engine
    from checker.core.rules import Rule
    from checker.kinds.sets.reportset import ReportSet

    rules = rules or load_rules()
    summaries = _summaries(members, set_data_key(rules))
    eras: dict[str | None, dict[str, Rule]] = {}

    def rules_of(index: int) -> dict[str, Rule]:
        era = summaries[index].era
        if era not in eras:
            eras[era] = {r.meta.id: r for r in engine.set_rules(rules, era)}
        return eras[era]

    reports = ReportSet(summaries.values())
    found: dict[int, list[tuple[Finding, int | None]]] = {}
    try:
        for index, finding, related in engine.iter_set_results(reports, rules_of):
            found.setdefault(index, []).append((finding, related))
    finally:
        reports.close()
    return [
        item
        for index, summary in summaries.items()
        for item in _suppressed(index, found.get(index, []), summary.deferred)
    ]


def _summaries(members: Sequence[SetMember], key: str) -> dict[int, Any]:
    """The fresh members' summaries by index, named and identified as the members say."""
    from checker.kinds.sets.summary import Identity

    out = {}
    for index, member in enumerate(members):
        if set_data_fresh(member.set_data, key):
            summary = pickle.loads(member.set_data)[1]
            kind = member.agency_kind or summary.identity.agency_kind
            identity = Identity(member.agency, member.year, kind, "manifest")
            out[index] = replace(summary, index=index, path=member.name, identity=identity)
    return out


def _suppressed(
    index: int, found: list[tuple[Finding, int | None]], deferred: Any
) -> list[SetFinding]:
    """The findings less what the report's own suppression comments of set rules cover."""
    from checker.core.suppressions import apply_deferred

    related = {id(finding): other for finding, other in found}
    kept = [finding for finding, _ in found]
    if deferred is not None:
        kept, _ = apply_deferred(kept, deferred)
    return [SetFinding(index, related.get(id(f)), f) for f in kept]
