"""Our own complete, correct reports of every era give no error and no warning, in every format
they are rendered in: a rule that fires on a correct report is a false alarm."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.core.findings import Severity
from checker.core.rules import RuleSet
from checker.engine import RunConfig, check_file
from tests.conftest import FIXTURES

CLEAN = sorted(
    [
        *FIXTURES.glob("20*/valid_*.txt"),
        *FIXTURES.glob("parity/department_2021.*"),
        *FIXTURES.glob("parity/narrative_2008.*"),
    ]
)


@pytest.mark.parametrize("path", [p for p in CLEAN if p.suffix != ".py"], ids=lambda p: p.name)
def test_valid_report_has_no_error_or_warning(path: Path, rules: RuleSet) -> None:
    checked = check_file(path, rules, RunConfig())
    assert checked.error is None
    loud = [
        (f.rule.id, f.problem.where, f.problem.message.zh)
        for f in checked.findings
        if f.severity >= Severity.WARNING
    ]
    assert loud == []
