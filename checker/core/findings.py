"""What checks produce: bare Problems from kinds, Findings stamped by the engine, results.

Every formatter reads `Results`: a plain run's `RunResult` (in memory) and a batch's
`BatchResult` (on disk) both give the files in order (`iter_files`), the run's notes
(`counts`: suppressed, baseline) and what the files add up to (`tally`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from enum import IntEnum
from functools import cached_property
from typing import Any, Protocol

from checker.core.model import Location, Message, Metadata


class Severity(IntEnum):
    INFO = 1
    WARNING = 2
    ERROR = 3

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> Severity:
        return cls[text.upper()]


SEVERITY_ZH = {Severity.ERROR: "错误", Severity.WARNING: "警告", Severity.INFO: "提示"}

Value = int | float | str | None


@dataclass(frozen=True)
class Problem:
    """What a kind yields: the defect, where it is and the evidence — no rule identity."""

    message: Message
    location: Location
    where: str | None = None  # logical location: a section title or a cell address
    expected: Value = None
    actual: Value = None
    formula: str | None = None
    cannot_assess: bool = False  # the rule could not run (missing input): reported as info


@dataclass(frozen=True)
class RuleMeta:
    """The identity of a rule, as the engine stamps it on each finding."""

    id: str
    name: str
    title: Message
    severity: Severity
    category: str
    basis: str
    # Where the rule is documented, relative to the repository root ("docs/rules.md#ogi-n002"):
    # a bundled rule's section of the generated reference; None for a user's own pack.
    doc: str | None = None


RULE_REFERENCE = "docs/rules.md"  # the generated rule reference (`ogi-check rules doc`)


def rule_anchor(rule_id: str) -> str:
    """A rule's section in the reference: its code, which is never reused, so a link to it
    stays good when the rule is renamed or moved to another pack."""
    return rule_id.lower()


@dataclass(frozen=True)
class Finding:
    """One problem a rule found in a report, with the rule and the severity it is reported at."""

    rule: RuleMeta
    severity: Severity
    problem: Problem

    @property
    def key(self) -> tuple[str, str]:
        """Test-friendly identity: the rule and the logical location."""
        return self.rule.id, self.problem.where or ""

    def sort_key(self) -> tuple[int, int, int, str]:
        """By place, then rule; a stable sort keeps a kind's own order within one place."""
        loc = self.problem.location
        return (loc.page or 0, loc.line or 0, loc.column or 0, self.rule.id)


@dataclass(frozen=True)
class FileError:
    """Why a file could not be checked (unreadable, too large, not a report, …)."""

    code: str
    message: str


@dataclass(frozen=True)
class FileResult:
    """What checking one file gave: its metadata and findings, or the error that stopped it."""

    path: str
    metadata: Metadata | None = None
    findings: tuple[Finding, ...] = ()
    error: FileError | None = None
    # The ids of the rules that ran on the file: those of its era and body type (and, in a
    # set, the set rules). None where it was not recorded (a result made by hand).
    applied: tuple[str, ...] | None = None

    @property
    def status(self) -> str:
        return "error" if self.error else "checked"


@dataclass
class Tally:
    """What a run's files add up to, counted once as they go by (the exit code, the summary
    lines, --statistics and the office formats all read it)."""

    files: int = 0
    unreadable: int = 0
    clean: int = 0
    with_errors: int = 0  # readable files with at least one error-level finding
    severities: Counter[Severity] = field(default_factory=Counter)
    rules: Counter[str] = field(default_factory=Counter)  # findings per rule id
    rule_severities: Counter[tuple[str, Severity]] = field(default_factory=Counter)
    rule_files: Counter[str] = field(default_factory=Counter)  # files with a finding, per rule
    metas: dict[str, RuleMeta] = field(default_factory=dict)
    errors: Counter[str] = field(default_factory=Counter)  # unreadable files by error code

    @classmethod
    def of(cls, files: Iterable[FileResult]) -> Tally:
        tally = cls()
        for result in files:
            tally.add(result)
        return tally

    def add(self, result: FileResult) -> None:
        self.files += 1
        if result.error:
            self.unreadable += 1
            self.errors[result.error.code] += 1
            return
        for finding in result.findings:
            self.severities[finding.severity] += 1
            self.rules[finding.rule.id] += 1
            self.rule_severities[finding.rule.id, finding.severity] += 1
            self.metas.setdefault(finding.rule.id, finding.rule)
        for rule_id in {f.rule.id for f in result.findings}:
            self.rule_files[rule_id] += 1
        if not result.findings:
            self.clean += 1
        if any(f.severity == Severity.ERROR for f in result.findings):
            self.with_errors += 1

    def worst(self) -> Severity | None:
        present = [s for s, n in self.severities.items() if n]
        return max(present) if present else None


class Results(Protocol):
    """What a formatter and the exit code read, from a plain run or a batch alike."""

    @property
    def counts(self) -> Mapping[str, int]: ...

    @property
    def tally(self) -> Tally: ...

    def iter_files(self) -> Iterator[FileResult]: ...


@dataclass(frozen=True)
class RunResult:
    """The results of a run, file by file, with its counts."""

    files: tuple[FileResult, ...]
    counts: dict[str, int] = field(default_factory=dict)

    def iter_files(self) -> Iterator[FileResult]:
        return iter(self.files)

    @cached_property
    def tally(self) -> Tally:
        return Tally.of(self.files)

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.files for x in f.findings if x.severity == severity)

    def worst(self) -> Severity | None:
        severities = [x.severity for f in self.files for x in f.findings]
        return max(severities) if severities else None


def json_value(value: Any) -> Value:
    """Numbers in evidence become plain JSON numbers (int when integral)."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, bool) or value is None or isinstance(value, int | float | str):
        return value
    return str(value)
