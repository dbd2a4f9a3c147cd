"""Every rule's PASS and FAIL examples, written in its pack, run as one parametrized test.

A PASS example must give no finding of that rule (cannot-assess notes aside); a FAIL example
must give at least one (or exactly `count`), one of them at `where` when stated.
"""

from __future__ import annotations

import pytest

from checker.engine import iter_findings
from checker.extract.report import Overrides, build_report
from checker.readers.document import Document
from checker.readers.textnorm import split_lines
from checker.rules import Example, Rule, load_rules
from tests.conftest import ROOT

RULES = load_rules().rules
CASES = [
    pytest.param(rule, example, outcome, id=f"{rule.meta.id}-{outcome}-{index}")
    for rule in RULES
    for outcome, examples in (("pass", rule.passes), ("fail", rule.fails))
    for index, example in enumerate(examples)
]


def example_text(example: Example) -> str:
    if example.text is not None:
        return example.text
    assert example.file is not None
    text = (ROOT / example.file).read_text(encoding="utf-8")
    for old, new in example.replace:
        assert old in text, f"replacement target not in {example.file}: {old!r}"
        text = text.replace(old, new)
    return text


def findings_for(rule: Rule, example: Example) -> list[tuple[str, str | None]]:
    era = example.era or (min(rule.eras) if rule.eras else None)
    overrides = Overrides(era=era if example.file is None else example.era, agency_kind=example.agency_kind)
    document = Document(lines=split_lines(example_text(example)))
    report = build_report(document, "<example>", "txt", overrides)
    return [
        (f.problem.message.zh, f.problem.where)
        for f in iter_findings(report, [rule])
        if not f.problem.cannot_assess
    ]


@pytest.mark.parametrize(("rule", "example", "outcome"), CASES)
def test_rule_example(rule: Rule, example: Example, outcome: str) -> None:
    found = findings_for(rule, example)
    if outcome == "pass":
        assert found == [], f"{rule.meta.id} should pass (example at line {example.line}): {found}"
        return
    assert found, f"{rule.meta.id} should fail (example at line {example.line})"
    if example.count is not None:
        assert len(found) == example.count, found
    if example.where is not None:
        assert example.where in [where for _, where in found], found
