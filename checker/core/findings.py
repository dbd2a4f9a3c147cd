"""What checks produce: bare Problems from kinds, Findings stamped by the engine, results."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import IntEnum
from typing import Any

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


@dataclass(frozen=True)
class Finding:
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
    code: str
    message: str


@dataclass(frozen=True)
class FileResult:
    path: str
    metadata: Metadata | None = None
    findings: tuple[Finding, ...] = ()
    error: FileError | None = None

    @property
    def status(self) -> str:
        return "error" if self.error else "checked"


@dataclass(frozen=True)
class RunResult:
    files: tuple[FileResult, ...]
    counts: dict[str, int] = field(default_factory=dict)

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
