"""What a batch run keeps and gives back: the manifest of stated identities, the spool of
per-file results on disk, and the `BatchResult` the formatters read one file at a time."""

from __future__ import annotations

import os
import pickle
import re
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from checker.core.errors import ConfigError
from checker.core.findings import FileResult, Finding, RuleMeta, RunResult, Severity, Tally
from checker.core.suppressions import apply_deferred
from checker.kinds.sets.summary import Identity, ReportSummary
from checker.project.baseline import Baseline, apply_baseline

if TYPE_CHECKING:
    from checker.kinds.sets.store import SummaryStore

KINDS = ("department", "government", "township")
_KIND_WORDS = {
    "department": "department", "部门": "department", "政府部门": "department",
    "government": "government", "政府": "government", "人民政府": "government",
    "township": "township", "乡镇": "township", "街道": "township", "乡镇（街道）": "township",
}  # fmt: skip
_HEADERS = {
    "path": ("path", "file", "文件", "路径"),
    "agency": ("agency", "body", "机关", "单位", "机关名称"),
    "year": ("year", "年度", "年份"),
    "agency_kind": ("agency_kind", "body type", "body_type", "type", "机关类型", "类型"),
}


# --- manifest ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Manifest:
    """Identities stated by the office (path -> body, year, body type), for files it lists."""

    path: Path
    entries: Mapping[str, Identity]
    # The rows whose file does not exist: (row number, the file as the manifest names it,
    # joined to the manifest's folder). A body that has not submitted, or a typo.
    missing: tuple[tuple[int, Path], ...] = ()

    def get(self, file: Path) -> Identity | None:
        return self.entries.get(_key(file))


def read_manifest(path: Path) -> Manifest:
    """A CSV with a header row: path, agency, year, agency_kind (or 文件, 机关, 年度, 机关类型).

    Paths are relative to the manifest's folder (or absolute). A bad row stops the run before
    any report is read, naming the line and the column (exit code 2).
    """
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read the manifest: {exc}") from exc
    import csv  # a manifest is rare: not imported by every batch

    rows = list(csv.reader(text.splitlines()))
    if not rows:
        raise ConfigError(f"{path}: the manifest is empty")
    columns = _columns(path, rows[0])
    entries: dict[str, Identity] = {}
    missing: list[tuple[int, Path]] = []
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        target, identity = _entry(path, number, row, columns)
        file = _key(target)
        if file in entries:
            raise ConfigError(f"{path}:{number}: path: listed twice")
        entries[file] = identity
        if not os.path.lexists(target):
            missing.append((number, target))
    return Manifest(path, entries, tuple(missing))


def _columns(path: Path, header: Sequence[str]) -> dict[str, int]:
    names = [h.strip().lower() for h in header]
    columns = {}
    for key, aliases in _HEADERS.items():
        found = next((i for i, name in enumerate(names) if name in aliases), None)
        if found is not None:
            columns[key] = found
    if "path" not in columns:
        raise ConfigError(
            f"{path}:1: the header has no 'path' column (path, agency, year, agency_kind)"
        )
    return columns


def _entry(
    path: Path, number: int, row: Sequence[str], columns: Mapping[str, int]
) -> tuple[Path, Identity]:
    def cell(key: str) -> str:
        index = columns.get(key)
        return row[index].strip() if index is not None and index < len(row) else ""

    file = cell("path")
    if not file:
        raise ConfigError(f"{path}:{number}: path: empty")
    year_text, kind_text = cell("year"), cell("agency_kind")
    if year_text and not re.fullmatch(r"(19|20)\d{2}", year_text):
        raise ConfigError(f"{path}:{number}: year: {year_text!r} is not a year")
    kind = _KIND_WORDS.get(kind_text.lower()) if kind_text else None
    if kind_text and kind is None:
        known = ", ".join(KINDS)
        raise ConfigError(f"{path}:{number}: agency_kind: {kind_text!r} is not one of {known}")
    target = Path(file) if Path(file).is_absolute() else path.parent / file
    identity = Identity(
        cell("agency") or None, int(year_text) if year_text else None, kind, "manifest"
    )
    return target, identity


def _key(file: Path) -> str:
    return os.path.normcase(os.path.abspath(file))


# --- a checked set -------------------------------------------------------------------------


class Spool:
    """Results kept as they arrive and read back one at a time, in order: the first `HELD` as
    they are, the rest written to a temporary file. Pickling a result costs about as much as
    checking a short report's tables, and the results are read twice (the counts, then the
    format), so a folder of a few hundred reports is never pickled; a national run's memory
    still stops growing after the first `HELD`."""

    HELD = 1000  # results kept in memory (a few kilobytes each)

    def __init__(self) -> None:
        self.held: list[Any] = []
        self.file: IO[bytes] | None = None  # made when the first result past HELD comes
        self.count = 0

    def add(self, item: Any) -> None:
        if len(self.held) < self.HELD:
            self.held.append(item)
        else:
            if self.file is None:
                # open for the life of the batch, closed by close(): no `with` block spans that
                import tempfile  # past the first HELD results only (shutil, random, bz2…)

                self.file = tempfile.TemporaryFile(prefix="ogi-check-")  # noqa: SIM115
            pickle.dump(item, self.file, protocol=pickle.HIGHEST_PROTOCOL)
        self.count += 1

    def __iter__(self) -> Iterator[Any]:
        yield from self.held
        if self.file is None:
            return
        self.file.flush()
        self.file.seek(0)
        for _ in range(self.count - len(self.held)):
            yield pickle.load(self.file)
        self.file.seek(0, os.SEEK_END)

    def close(self) -> None:
        self.held = []
        if self.file is not None:
            self.file.close()


@dataclass(frozen=True)
class _Final:
    result: FileResult  # the file's final result
    silenced: int  # set findings its suppression comments silenced
    held: int = 0  # findings the baseline held back
    stale: int = 0  # baseline entries for the file that match nothing


@dataclass
class BatchResult:
    """A checked set. `iter_files` gives each file's final result (its own findings, the set
    rules' findings about it, less the baseline) in file order, from disk, as often as a
    formatter needs; the counts are final."""

    store: SummaryStore  # the summaries and the set rules' findings
    spool: Spool  # each file's own result
    baseline: Baseline | None
    elapsed: float = 0.0
    counts: dict[str, int] = field(default_factory=dict)
    tally: Tally = field(default_factory=Tally)

    @property
    def files(self) -> int:
        return self.store.count

    @property
    def summaries(self) -> Iterator[ReportSummary]:
        """Each file's summary (without the set rules' data), in file order, from disk."""
        return self.store.summaries(with_data=False)

    def iter_files(self) -> Iterator[FileResult]:
        """Each file's final result, in file order (`Results`, as every formatter reads it)."""
        return (result for _, result in self.iter_reports())

    def iter_reports(self) -> Iterator[tuple[ReportSummary, FileResult]]:
        """Each file's summary with its final result (the office formats show both)."""
        for summary, result in zip(self.summaries, self.spool, strict=True):
            yield summary, self._final(summary, result).result

    def _final(self, summary: ReportSummary, result: FileResult) -> _Final:
        """The file's result with the set findings about it (less what its suppression comments
        cover), less the baseline."""
        added, silenced = self.store.findings(summary.index), 0
        if summary.deferred is not None:
            added, silenced = apply_deferred(added, summary.deferred)
        if added:
            findings = sorted((*result.findings, *added), key=Finding.sort_key)
            result = replace(result, findings=tuple(findings))
        if self.baseline is None:
            return _Final(result, silenced)
        run = apply_baseline(RunResult((result,)), self.baseline)
        counts = run.counts
        return _Final(
            run.files[0], silenced, counts["baseline_suppressed"], counts["baseline_stale"]
        )

    def finish(self, suppressed: int) -> None:
        """Count what the final results hold (one pass over the spool); `suppressed`: the
        findings the files' own suppression comments silenced in the workers."""
        held = stale = 0
        for summary, result in zip(self.summaries, self.spool, strict=True):
            final = self._final(summary, result)
            suppressed += final.silenced
            held, stale = held + final.held, stale + final.stale
            self.tally.add(final.result)
        self.counts = {"suppressed": suppressed}
        if self.baseline is not None:
            self.counts.update(baseline_suppressed=held, baseline_stale=stale)

    # what the office formats read of the tally, by its old names
    @property
    def unreadable(self) -> int:
        return self.tally.unreadable

    @property
    def clean(self) -> int:
        return self.tally.clean

    @property
    def with_errors(self) -> int:
        return self.tally.with_errors

    @property
    def severities(self) -> Counter[Severity]:
        return self.tally.severities

    @property
    def rules(self) -> Counter[str]:
        return self.tally.rules

    @property
    def rule_severities(self) -> Counter[tuple[str, Severity]]:
        return self.tally.rule_severities

    @property
    def rule_files(self) -> Counter[str]:
        return self.tally.rule_files

    @property
    def metas(self) -> dict[str, RuleMeta]:
        return self.tally.metas

    @property
    def errors(self) -> Counter[str]:
        return self.tally.errors

    def worst(self) -> Severity | None:
        return self.tally.worst()

    def close(self) -> None:
        self.spool.close()
        self.store.close()

    def __enter__(self) -> BatchResult:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
