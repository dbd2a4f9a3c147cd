"""What a set kind module provides (`SetKind`) and what its check yields (`SetProblem`)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from checker.core.findings import Problem
from checker.core.model import Report

if TYPE_CHECKING:  # a set is built by a batch; a kind module is imported by every run
    from checker.kinds.sets.reportset import ReportSet


@dataclass(frozen=True)
class SetProblem:
    report: int  # index of the report the finding belongs to (in the run's file order)
    problem: Problem
    related: int | None = None  # index of the other report it was compared with


class SetKind(Protocol):
    NAME: str
    PARAMS_SCHEMA: dict[str, Any]  # JSON Schema of `params` (the rule-pack schema's part)

    def build_params(self, raw: Mapping[str, Any]) -> Any: ...

    def extract(self, params: Any, report: Report) -> Any: ...

    def check(self, params: Any, reports: ReportSet, rule: str) -> Iterator[SetProblem]: ...
