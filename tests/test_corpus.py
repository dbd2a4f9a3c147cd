"""Acceptance on the shared corpus: real reports nobody on the team wrote, checked against the
hand-made ground truth in each folder's labels.yaml (../shared/corpus/README.md).

What the labels call a defect must be found; what they call clean must get no error; what is
only cut off in the copy must never be called missing or wrong.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from checker.core.findings import FileResult, Severity
from checker.core.rules import RuleSet
from checker.engine import RunConfig, check_file
from tests.conftest import CORPUS, needs_corpus

pytestmark = needs_corpus()

PAGES = CORPUS / "real" / "pages"
GH = CORPUS / "real" / "gh"
MISSING_RULES = {"OGI-N001", "OGI-F001"}
# Defects the labels describe in prose (other_defects) rather than in a structured field.
LABELLED_ELSEWHERE = {"033": {"OGI-C009"}}  # 2016 report year with the 2021 tables


def labels(folder: Path) -> dict[str, Any]:
    if not (folder / "labels.yaml").is_file():
        return {}
    return dict(yaml.safe_load((folder / "labels.yaml").read_text(encoding="utf-8")))


PAGE_LABELS = labels(PAGES).get("reports", {})
GH_LABELS = labels(GH)


def result(path: Path, rules: RuleSet) -> FileResult:
    checked = check_file(path, rules, RunConfig())
    assert checked.error is None, checked.error
    return checked


def errors(checked: FileResult) -> list[tuple[str, str | None]]:
    return [(f.rule.id, f.problem.where) for f in checked.findings if f.severity == Severity.ERROR]


def missing_reported(checked: FileResult) -> set[str]:
    return {
        str(f.problem.expected)
        for f in checked.findings
        if f.rule.id in MISSING_RULES and f.severity == Severity.ERROR
    }


def same_section(label: str, reported: set[str]) -> bool:
    core = label.split(" ")[0].replace("的", "")
    return any(core in r.replace("的", "") or r.replace("的", "").endswith(core) for r in reported)


@pytest.mark.parametrize("report_id", sorted(PAGE_LABELS))
def test_page_copies(report_id: str, rules: RuleSet) -> None:
    truth = PAGE_LABELS[report_id]
    checked = result(PAGES / f"{report_id}.txt", rules)
    reported = missing_reported(checked)
    missing = truth["missing_required_sections"]
    for section in missing.get("confirmed", []):
        assert same_section(section, reported), f"{report_id}: {section} not reported ({reported})"
    for section in missing.get("cut_off_in_copy", []):
        assert not same_section(section, reported), f"{report_id}: cut-off {section} called missing"
    late = truth["dates"].get("late")
    source = str(truth["dates"].get("source", ""))
    if late is True and "URL" not in source:
        assert any(rule in ("OGI-N005", "OGI-F040") for rule, _ in errors(checked)), (
            "lateness not found"
        )
    expected = {r for r, _ in errors(checked) if r in MISSING_RULES} | {"OGI-N005", "OGI-F040"}
    expected |= LABELLED_ELSEWHERE.get(report_id, set())
    unexpected = [e for e in errors(checked) if e[0] not in expected]
    assert unexpected == [], f"{report_id}: errors the labels do not support: {unexpected}"


@pytest.mark.parametrize("report_id", sorted(GH_LABELS))
def test_complete_reports(report_id: str, rules: RuleSet) -> None:
    truth = GH_LABELS[report_id]
    checked = result(GH / truth["file"], rules)
    for failure in truth.get("arithmetic_failures", []):
        if failure.get("uncertain"):
            continue
        stated, computed = failure["stated"], failure["computed"]
        assert any(
            f.problem.expected == stated and f.problem.actual == computed for f in checked.findings
        ), f"{report_id}: {failure['row']} not found"
    known_missing = truth.get("missing_required_sections")
    if known_missing is not None:
        reported = missing_reported(checked)
        for section in known_missing:
            assert same_section(section, reported), (
                f"{report_id}: {section} not reported ({reported})"
            )
        clean = not known_missing and not truth.get("arithmetic_failures")
        if clean:
            assert errors(checked) == [], f"{report_id} is clean per the labels"


# --- real/more: other places, years and shapes (headings glued to tables, section 六 run into
# its first sentence, a 2019 table 三 in a 2024 report, blank tables, page excerpts) ---------

MORE = CORPUS / "real" / "more"
MORE_LABELS = labels(MORE)
MORE_FILES = (
    {
        entry["id"]: f"{entry['id']}.{entry['format']}"
        for entry in (yaml.safe_load((MORE / "index.yaml").read_text(encoding="utf-8")) or [])
        if isinstance(entry, dict) and "id" in entry
    }
    if (MORE / "index.yaml").is_file()
    else {}
)
ERAS = {"format2021": "2021", "trial2019": "2019", "narrative2008": "2008"}
# The rule that must report each kind of certain defect the labels list under other_defects.
DEFECT_RULES = {
    "unbalanced bracket": {"OGI-C005"},
    "statistics period not stated": {"OGI-F003"},
    "template rows": {"OGI-C009"},
    "altered label": {"OGI-F016"},
    "government accountability topics": {"OGI-F002"},
    "required cells blank": {"OGI-F025"},
    "preamble outline omits 其他需要报告的事项": {"OGI-F005"},
}
# Categories in which a complete, clean report may get no error (the acceptance).
TRUSTED = {"structure", "arithmetic", "consistency"}


def labelled_rules(truth: dict[str, Any]) -> set[str]:
    return {
        rule
        for defect in truth.get("other_defects", [])
        if defect.get("certain")
        for rule in DEFECT_RULES[defect["kind"]]
    }


@pytest.mark.parametrize("report_id", sorted(MORE_LABELS))
def test_more_reports(report_id: str, rules: RuleSet) -> None:
    truth = MORE_LABELS[report_id]
    checked = result(MORE / MORE_FILES[report_id], rules)
    assert checked.metadata is not None
    assert checked.metadata.year == truth["report_year"], "year"
    assert checked.metadata.era == ERAS[truth["era"]], "era"
    found = {f.rule.id for f in checked.findings if f.severity != Severity.INFO}
    for rule in labelled_rules(truth):
        assert rule in found, f"{report_id}: labelled defect for {rule} not found"
    for failure in truth.get("arithmetic_failures", []):
        if not failure.get("uncertain"):
            assert any(
                f.problem.expected == failure["computed"] and f.problem.actual == failure["stated"]
                for f in checked.findings
            ), f"{report_id}: {failure['where']} not found"
    errors_found = [f for f in checked.findings if f.severity == Severity.ERROR]
    if truth["missing_required_sections"] != []:  # a page excerpt: what follows the cut is unknown
        structure = [
            (f.rule.id, f.problem.where) for f in errors_found if f.rule.category == "structure"
        ]
        assert structure == [], f"{report_id}: structure errors on a cut-off copy: {structure}"
    if not [f for f in truth.get("arithmetic_failures", []) if not f.get("uncertain")]:
        unexpected = [
            (f.rule.id, f.problem.where)
            for f in errors_found
            if f.rule.category in TRUSTED and f.rule.id not in labelled_rules(truth)
        ]
        assert unexpected == [], f"{report_id}: errors the labels do not support: {unexpected}"


def index_entries(folder: Path) -> list[dict[str, Any]]:
    path = folder / "index.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8")) if path.is_file() else []
    return [e for e in data or [] if isinstance(e, dict) and "id" in e]


ERAS_ALL = {**ERAS, "pre2019": "2008"}
INDEXED = [(PAGES, e) for e in index_entries(PAGES)] + [(GH, e) for e in index_entries(GH)]


@pytest.mark.parametrize(
    ("folder", "entry"), INDEXED, ids=[e["id"] for _, e in INDEXED] if INDEXED else None
)
def test_year_and_era_of_every_copy(folder: Path, entry: dict[str, Any], rules: RuleSet) -> None:
    """The index's report year, and its era — which for a report printed in another year's
    template (033: a 2016 report in the 2021 tables) is the template's, said by OGI-C009."""
    name = next(p.name for p in sorted(folder.glob(f"{entry['id']}.*")) if p.suffix != ".pdf")
    checked = result(folder / name, rules)
    assert checked.metadata is not None
    assert checked.metadata.year == entry["report_year"]
    era = ERAS_ALL[entry["era"]]
    if any(f.rule.id == "OGI-C009" for f in checked.findings):
        assert checked.metadata.template_era == era
    else:
        assert checked.metadata.era == era
