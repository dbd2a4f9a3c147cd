"""Every rule's PASS and FAIL examples, written in its pack, run as one parametrized test.

The runner is `checker.ruleset.ruletest`, the same one `ogi-check rules test` uses on users' packs: a
PASS example must give no finding of that rule (cannot-assess notes aside); a FAIL example must
give at least one (or exactly `count`), one of them at `where` when stated. Every pack's rules
run, profiles included, each as its own pack defines it.
"""

from __future__ import annotations

import pytest

from checker.ruleset.ruletest import PASS, Case, iter_cases, load_all_packs, pack_rules, run_case

RULE_SET = load_all_packs()
CASES = [pytest.param(case, id=case.name) for case in iter_cases(pack_rules(RULE_SET))]


@pytest.mark.parametrize("case", CASES)
def test_rule_example(case: Case) -> None:
    outcome = run_case(case, RULE_SET)
    assert outcome.status == PASS, f"{case.name} at {case.place}: {outcome.detail}"
