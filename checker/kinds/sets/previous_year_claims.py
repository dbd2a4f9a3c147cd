"""Year-over-year claims against last year's report of the same body: "收到申请130件，同比增长
103%" when this text does not state last year's figure, but last year's report does.

Last year's figure is the count written in the very same words in last year's report (the
label, e.g. "全区共收到政府信息公开申请", and the unit), and only when those words name one
figure there; anything less certain is left alone.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from checker.core.model import Report
from checker.kinds import change_claims
from checker.kinds.sets.common import named
from checker.kinds.sets.contract import SetProblem

if TYPE_CHECKING:  # a set is built by a batch; a kind module is imported by every run
    from checker.kinds.sets.reportset import ReportSet

NAME = "previous_year_claims"
# Its rules take change_claims' parameters (one reading of a claim, one arithmetic).
PARAMS_SCHEMA = change_claims.PARAMS_SCHEMA
_NOT_COUNTS = frozenset(("%", "元", "万元", "亿元", "年", "月", "日", "天", "小时", "分钟", ""))

Params = change_claims.Params
build_params = change_claims.build_params


def extract(params: Params, report: Report) -> dict[str, Any]:
    """This year's open claims, and this report's figures by their words (for next year's)."""
    open_claims = [c for c in change_claims.claims(report) if c.last is None]
    counted = [c for c in report.counts if c.number.exact and c.unit not in _NOT_COUNTS]
    seen = Counter((c.label, c.unit) for c in counted)
    values = {
        f"{c.unit}\t{c.label}": str(c.number.value) for c in counted if seen[(c.label, c.unit)] == 1
    }
    return {"claims": open_claims, "values": values} if open_claims or values else {}


def check(params: Params, reports: ReportSet, rule: str) -> Iterator[SetProblem]:
    for summary, previous, mine, theirs in reports.year_pairs(rule):
        values: Mapping[str, str] = theirs.get("values") or {}
        for claim in mine.get("claims") or []:
            current = claim.current
            last = values.get(f"{current.unit}\t{current.label}")
            if last is None or not current.label:
                continue
            wrong = change_claims.judge(params, claim, Decimal(last))
            if wrong:
                expected, actual, formula = wrong
                source = f"上一年度报告{named(previous)}所载"
                problem = change_claims.problem(
                    claim, Decimal(last), expected, actual, formula, source
                )
                yield SetProblem(summary.index, problem, previous.index)
