"""Property: starting from a balanced T3/T4, changing any single cell is caught by the identity
that covers it, and every finding names that cell's row or column."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from checker.core.model import Cell, Location, Metadata, Report, Table
from checker.core.rules import RuleSet
from checker.core.textnorm import build_source
from checker.engine import iter_findings
from checker.ruleset.load import load_rules

COLS = ["NP", "COM", "SCI", "NGO", "LAW", "OTH"]
LEAVES = [
    "R3.1",
    "R3.2",
    *[f"R3.3.{i}" for i in range(1, 9)],
    *[f"R3.4.{i}" for i in range(1, 4)],
    *[f"R3.5.{i}" for i in range(1, 6)],
    *[f"R3.6.{i}" for i in range(1, 4)],
]
T4_ROWS = ["REVIEW", "SUIT_DIRECT", "SUIT_AFTER_REVIEW"]
T4_COLS = ["UPHELD", "CORRECTED", "OTHER", "PENDING"]
IDENTITY_RULES = ("OGI-F020", "OGI-F021", "OGI-F022", "OGI-F023")
RULES: RuleSet = load_rules()

counts = st.integers(min_value=0, max_value=500)


@st.composite
def balanced_tables(draw: st.DrawFn) -> dict[str, dict[str, dict[str, int]]]:
    t3: dict[str, dict[str, int]] = {row: {c: draw(counts) for c in COLS} for row in LEAVES}
    t3["R3.7"] = {c: sum(t3[r][c] for r in LEAVES) for c in COLS}
    t3["R4"] = {c: draw(counts) for c in COLS}
    t3["R2"] = {c: draw(st.integers(0, t3["R3.7"][c] + t3["R4"][c])) for c in COLS}
    t3["R1"] = {c: t3["R3.7"][c] + t3["R4"][c] - t3["R2"][c] for c in COLS}
    for row in t3.values():
        row["TOT"] = sum(row[c] for c in COLS)
    t4 = {row: {c: draw(counts) for c in T4_COLS} for row in T4_ROWS}
    for row in t4.values():
        row["TOTAL"] = sum(row[c] for c in T4_COLS)
    return {"T3": t3, "T4": t4}


def report_of(values: dict[str, dict[str, dict[str, int]]]) -> Report:
    tables = {
        key: Table(
            key=key,
            variant="2021",
            location=Location(1, 1),
            cells={
                row: {
                    col: Cell(Decimal(v), str(v), "number", Location(1, 1))
                    for col, v in cols.items()
                }
                for row, cols in rows.items()
            },
        )
        for key, rows in values.items()
    }
    return Report(
        path="<generated>",
        format="txt",
        source=build_source([""]),
        metadata=Metadata(),
        tables=tables,
    )


def identity_findings(report: Report) -> list[str]:
    rules = [r for r in RULES.rules if r.meta.id in IDENTITY_RULES]
    return [
        f.problem.where or "" for f in iter_findings(report, rules) if not f.problem.cannot_assess
    ]


@settings(max_examples=60, deadline=None, database=None)
@given(balanced_tables())
def test_balanced_tables_raise_nothing(values: dict[str, dict[str, dict[str, int]]]) -> None:
    assert identity_findings(report_of(values)) == []


@settings(max_examples=200, deadline=None, database=None)
@given(balanced_tables(), st.data(), st.integers(min_value=1, max_value=50))
def test_any_single_change_is_caught_and_located(
    values: dict[str, dict[str, dict[str, int]]], data: st.DataObject, delta: int
) -> None:
    table = data.draw(st.sampled_from(["T3", "T4"]))
    row = data.draw(st.sampled_from(sorted(values[table])))
    col = data.draw(st.sampled_from(sorted(values[table][row])))
    values[table][row][col] += delta
    found = identity_findings(report_of(values))
    assert found, f"changing {table}[{row}][{col}] went unnoticed"
    for where in found:
        assert f"[{row}]" in where or f"[{col}]" in where, (where, row, col)
