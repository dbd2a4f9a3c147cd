"""The CI output formats: SARIF 2.1.0 (validated against the official schema), JUnit XML, GitHub
annotations, JSON Lines and CSV; stable fingerprints; exit codes the same in every format."""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft7Validator, FormatChecker

from checker.core.findings import FileResult, Finding, Problem, RuleMeta, RunResult, Severity
from checker.core.fingerprints import fingerprint, iter_fingerprints, normalize_path
from checker.core.model import Location, Message
from checker.formatters import FORMATS, sarif
from checker.formatters import render as render_format
from checker.formatters.sarif import artifact_uri
from tests.conftest import FIXTURES, ROOT, SEED, USER_PACK, invoke

NARRATIVE = FIXTURES / "2008" / "valid_narrative.txt"
SARIF_SCHEMA = Path(__file__).parent / "data" / "ci" / "sarif-schema-2.1.0.json"
CI_FORMATS = ("sarif", "junit", "github", "gitlab", "jsonl", "csv")
# the formats of a plain run (the office formats need a batch: tests/test_batch*.py)
FORMATTERS = sorted(name for name, spec in FORMATS.items() if not spec.batch_only)


def unreadable(folder: Path) -> Path:
    """A file that cannot be read, whoever runs the tests (a 0-permission file is readable by
    root): a picture saved under a report's name."""
    path = folder / "scan.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64))
    return path


def render(fmt: str, *paths: Path, extra: tuple[str, ...] = ()) -> tuple[int, str]:
    result = invoke("check", "--format", fmt, *extra, *paths)
    return result.exit_code, result.stdout


# The schema's "uri" and "uri-reference" formats, checked as GitHub's upload checks them (the
# jsonschema package checks them only with rfc3987 installed): a uri has a scheme.
URI_FORMATS = FormatChecker()
URI_FORMATS.checks("uri")(lambda value: bool(re.fullmatch(r"[A-Za-z][\w+.-]*:\S*", value)))
URI_FORMATS.checks("uri-reference")(lambda value: not re.search(r"\s", value))
for _name in Draft7Validator.FORMAT_CHECKER.checkers:
    if _name not in URI_FORMATS.checkers:
        URI_FORMATS.checkers[_name] = Draft7Validator.FORMAT_CHECKER.checkers[_name]


@pytest.fixture(scope="module")
def sarif_validator() -> Draft7Validator:
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    Draft7Validator.check_schema(schema)
    return Draft7Validator(schema, format_checker=URI_FORMATS)


@pytest.fixture(scope="module")
def seed_sarif() -> dict[str, Any]:
    code, text = render("sarif", SEED)
    assert code == 1
    return dict(json.loads(text))


def sarif_errors(validator: Draft7Validator, doc: Any) -> list[str]:
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(doc)]


# --- the registry -------------------------------------------------------------------------


def test_every_ci_format_is_registered_and_renders_the_seed() -> None:
    assert set(CI_FORMATS) <= set(FORMATTERS)
    for fmt in CI_FORMATS:
        code, text = render(fmt, SEED)
        assert code == 1, fmt
        assert "OGI-N002" in text, fmt


def test_unknown_format_is_a_usage_error() -> None:
    result = invoke("check", "--format", "sarifx", SEED)
    assert result.exit_code == 2
    assert "sarif" in result.stderr


# --- SARIF --------------------------------------------------------------------------------


def test_vendored_schema_is_the_sarif_2_1_0_schema() -> None:
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    assert schema["title"] == "Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema"
    assert schema["properties"]["version"]["enum"] == ["2.1.0"]


def test_sarif_of_the_seed_validates(
    sarif_validator: Draft7Validator, seed_sarif: dict[str, Any]
) -> None:
    assert sarif_errors(sarif_validator, seed_sarif) == []
    assert seed_sarif["version"] == "2.1.0"


def test_sarif_validation_catches_a_broken_log(
    sarif_validator: Draft7Validator, seed_sarif: dict[str, Any]
) -> None:
    broken = json.loads(json.dumps(seed_sarif))
    broken["runs"][0]["results"][0]["level"] = "fatal"
    assert sarif_errors(sarif_validator, broken)


def test_sarif_validation_checks_uris(
    sarif_validator: Draft7Validator, seed_sarif: dict[str, Any]
) -> None:
    """GitHub's upload refuses a helpUri without a scheme: so does the test's validator."""
    broken = json.loads(json.dumps(seed_sarif))
    broken["runs"][0]["tool"]["driver"]["rules"][0]["helpUri"] = "docs/rules.md#ogi-c001"
    assert sarif_errors(sarif_validator, broken)


def test_sarif_of_a_clean_run_and_of_unreadable_files_validates(
    sarif_validator: Draft7Validator, tmp_path: Path
) -> None:
    empty = tmp_path / "空.txt"
    empty.write_bytes(b"")
    scan = unreadable(tmp_path)
    code, text = render("sarif", NARRATIVE, empty, scan)
    assert code == 1
    doc = json.loads(text)
    assert sarif_errors(sarif_validator, doc) == []
    run = doc["runs"][0]
    assert run["results"] == []
    notes = run["invocations"][0]["toolExecutionNotifications"]
    assert [n["descriptor"]["id"] for n in notes] == ["empty", "binary"]
    assert [n["level"] for n in notes] == ["error", "error"]
    uris = [n["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for n in notes]
    assert uris == [artifact_uri(str(empty)), artifact_uri(str(scan))]
    properties = run["properties"]
    assert (properties["files"], properties["unreadable"]) == (3, 2)
    assert (properties["error"], properties["warning"], properties["note"]) == (0, 0, 0)


def test_sarif_help_uri_points_at_the_rule_reference_when_the_repository_is_known(
    sarif_validator: Draft7Validator, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    base = "https://git.example.org/office/ogi-checker"
    monkeypatch.setattr(sarif, "repository_url", lambda: base)
    pack = tmp_path / "city.yaml"
    pack.write_text(USER_PACK, encoding="utf-8")
    doc = json.loads(render("sarif", SEED, extra=("--rules", pack))[1])
    assert sarif_errors(sarif_validator, doc) == []
    rules = {r["id"]: r for r in doc["runs"][0]["tool"]["driver"]["rules"]}
    reference = f"{base}/blob/HEAD/docs/rules.md"
    assert rules["OGI-N002"]["helpUri"] == f"{reference}#ogi-n002"
    assert (
        f"[docs/rules.md#ogi-n002]({reference}#ogi-n002)" in rules["OGI-N002"]["help"]["markdown"]
    )
    assert rules["OGI-S001"]["helpUri"] == f"{base}/blob/HEAD/docs/ci.md#inline-suppressions"
    assert "helpUri" not in rules["OGI-L001"], "a user's own pack is not in docs/rules.md"
    bundled = [r for r in rules.values() if r["id"] not in ("OGI-L001", "OGI-S001", "OGI-S002")]
    assert all(r["helpUri"].startswith(f"{reference}#") for r in bundled)


def test_sarif_help_uri_without_a_repository_url_is_the_checkout_reference(
    sarif_validator: Draft7Validator, monkeypatch: pytest.MonkeyPatch
) -> None:
    """pyproject names no repository: from a checkout, each rule links to its section of the
    checkout's docs/rules.md as an absolute file: URI (a relative one fails GitHub's upload)."""
    monkeypatch.setattr(sarif, "repository_url", lambda: None)
    doc = json.loads(render("sarif", SEED)[1])
    assert sarif_errors(sarif_validator, doc) == []
    rules = {r["id"]: r for r in doc["runs"][0]["tool"]["driver"]["rules"]}
    reference = (ROOT / "docs" / "rules.md").resolve().as_uri()
    assert rules["OGI-N002"]["helpUri"] == f"{reference}#ogi-n002"
    assert all(r["helpUri"].startswith("file:///") for r in rules.values())


def test_sarif_without_a_repository_or_a_checkout_has_no_help_uri(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """An installed wheel carries no docs: no helpUri, and the help text names the section."""
    monkeypatch.setattr(sarif, "repository_url", lambda: None)
    monkeypatch.setattr(sarif, "source_tree", lambda: None)
    rules = json.loads(render("sarif", SEED)[1])["runs"][0]["tool"]["driver"]["rules"]
    assert all("helpUri" not in rule for rule in rules)
    n002 = next(r for r in rules if r["id"] == "OGI-N002")
    assert "docs/rules.md#ogi-n002" in n002["help"]["text"]


def test_repository_url_is_read_from_the_project_urls(monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib.metadata

    class Metadata:
        def get_all(self, key: str) -> list[str]:
            assert key == "Project-URL"
            return [
                "Documentation, https://docs.example.org",
                "Source, https://git.example.org/o/r/",
            ]

    monkeypatch.setattr(importlib.metadata, "metadata", lambda name: Metadata())
    assert sarif.repository_url.__wrapped__() == "https://git.example.org/o/r"


def test_every_rule_reference_anchor_exists() -> None:
    """The anchors helpUri points at: an id per bundled rule in docs/rules.md (the code alone,
    stable across renames), and the suppressions' section of docs/ci.md."""
    from checker.core import suppressions
    from checker.ruleset.load import load_rules

    reference = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    rules = load_rules()
    for pack in rules.packs.values():
        for rule in pack.rules:
            assert rule.meta.doc == f"docs/rules.md#{rule.meta.id.lower()}"
            assert f'<a id="{rule.meta.id.lower()}"></a>' in reference, rule.meta.id
            assert f"](#{rule.meta.id.lower()})" in reference, "the contents link the same id"
    for meta in suppressions.RULES:
        assert meta.doc == "docs/ci.md#inline-suppressions"
    assert "\n## Inline suppressions\n" in (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")


def test_sarif_rules_catalog_has_ids_titles_help_and_levels(seed_sarif: dict[str, Any]) -> None:
    rules = seed_sarif["runs"][0]["tool"]["driver"]["rules"]
    by_id = {r["id"]: r for r in rules}
    assert len(by_id) == len(rules), "one entry per rule"
    n002 = by_id["OGI-N002"]
    assert n002["name"] == "stated-total-parts"
    assert n002["shortDescription"]["text"]
    assert "依据" in n002["help"]["text"]
    assert n002["defaultConfiguration"]["level"] == "error"
    assert by_id["OGI-N006"]["defaultConfiguration"]["level"] == "note"
    assert {"OGI-S001", "OGI-S002"} <= set(by_id), "suppression rules are in the catalog"


def test_sarif_results_point_at_rules_and_places(seed_sarif: dict[str, Any]) -> None:
    run = seed_sarif["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    by_rule = {r["ruleId"]: r for r in run["results"]}
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["message"]["text"]
        assert result["level"] in ("error", "warning", "note")
    n002 = by_rule["OGI-N002"]
    (location,) = n002["locations"]
    physical = location["physicalLocation"]
    assert physical["artifactLocation"]["uri"] == artifact_uri(str(SEED))
    assert physical["region"] == {"startLine": 39, "startColumn": 26}
    assert location["logicalLocations"][0]["fullyQualifiedName"].startswith("我厅共承办")
    assert n002["properties"] == {"expected": 61, "actual": 66, "formula": "61 = 37 + 5 + 24"}
    assert n002["partialFingerprints"]["ogiCheck/v1"]


def test_sarif_logical_location_without_a_line() -> None:
    meta = RuleMeta(
        "OGI-F020", "t3-identity", Message("表三", "T3"), Severity.ERROR, "arithmetic", "b"
    )
    problem = Problem(Message("不平", "off"), Location(), where="T3[R3.7][TOT]")
    result = RunResult((FileResult("r.md", findings=(Finding(meta, Severity.ERROR, problem),)),))
    doc = json.loads(render_format("sarif", result, [meta], "zh"))
    (location,) = doc["runs"][0]["results"][0]["locations"]
    assert "region" not in location["physicalLocation"]
    assert location["logicalLocations"] == [
        {"fullyQualifiedName": "T3[R3.7][TOT]", "kind": "element"}
    ]


@pytest.mark.parametrize(
    ("path", "uri"),
    [
        ("reports/年报.txt", "reports/%E5%B9%B4%E6%8A%A5.txt"),
        ("./a b.md", "a%20b.md"),
        ("/abs/x.txt", "file:///abs/x.txt"),
        ("C:\\r\\x.txt", "file:///C:/r/x.txt"),
    ],
)
def test_artifact_uris_are_uri_references(path: str, uri: str) -> None:
    assert artifact_uri(path) == uri


# --- fingerprints -------------------------------------------------------------------------


def fingerprints_of(doc: dict[str, Any]) -> dict[tuple[str, str], str]:
    return {
        (r["ruleId"], r["locations"][0].get("logicalLocations", [{}])[0].get("fullyQualifiedName", "")):
        r["partialFingerprints"]["ogiCheck/v1"]
        for r in doc["runs"][0]["results"]
    }  # fmt: skip


def lines_of(doc: dict[str, Any]) -> list[int]:
    return [
        r["locations"][0]["physicalLocation"]["region"]["startLine"]
        for r in doc["runs"][0]["results"]
    ]


def test_fingerprints_survive_lines_inserted_above(tmp_path: Path) -> None:
    report = tmp_path / "report.txt"
    original = SEED.read_text(encoding="utf-8").split("\n")
    report.write_text("\n".join(original), encoding="utf-8")
    before = json.loads(render("sarif", report)[1])
    shifted = [*original[:5], "", "", *original[5:]]  # two lines inserted above every defect
    report.write_text("\n".join(shifted), encoding="utf-8")
    after = json.loads(render("sarif", report)[1])
    assert fingerprints_of(after) == fingerprints_of(before)
    moved = [b + 2 for b in lines_of(before) if b > 5]
    assert [a for a in lines_of(after) if a > 7] == moved, "the lines did move"


def test_fingerprints_are_unique_and_depend_on_rule_file_and_place() -> None:
    base = fingerprint("OGI-N002", "reports/a.txt", "T3[R3.7][TOT]")
    assert base == fingerprint("OGI-N002", "./reports/a.txt", "T3[R3.7][TOT]")
    assert base == fingerprint("OGI-N002", "reports\\a.txt", "T3[R3.7][TOT] ")
    assert len({
        base,
        fingerprint("OGI-N003", "reports/a.txt", "T3[R3.7][TOT]"),
        fingerprint("OGI-N002", "reports/b.txt", "T3[R3.7][TOT]"),
        fingerprint("OGI-N002", "reports/a.txt", "T3[R3.6][TOT]"),
        fingerprint("OGI-N002", "reports/a.txt", "T3[R3.7][TOT]", 1),
    }) == 5  # fmt: skip


def test_same_rule_and_place_twice_gets_two_fingerprints() -> None:
    meta = RuleMeta(
        "OGI-C004", "garbled-numbers", Message("数", "n"), Severity.WARNING, "text", "b"
    )
    twice = [
        Finding(meta, Severity.WARNING, Problem(Message("m", "m"), Location(n, 1), where="430/次"))
        for n in (3, 9)
    ]
    prints = [fp for _, fp in iter_fingerprints("a.txt", twice)]
    assert len(set(prints)) == 2
    assert normalize_path("./x//y.txt") == "x/y.txt"


# --- JUnit --------------------------------------------------------------------------------


def test_junit_has_a_case_per_file_and_rule(tmp_path: Path) -> None:
    code, text = render("junit", SEED, NARRATIVE, unreadable(tmp_path))
    assert code == 1
    root = ET.fromstring(text)
    seed, narrative, scan = root.findall("testsuite")
    assert seed.get("name") == str(SEED)
    names = [c.get("name") for c in seed.findall("testcase")]
    assert len(names) == len(set(names)) and "OGI-N002 stated-total-parts" in names
    assert len(names) == len(narrative.findall("testcase")), "one case per rule in every file"
    failed = {c.get("name") for c in seed.findall("testcase") if c.find("failure") is not None}
    assert "OGI-N002 stated-total-parts" in failed
    assert "OGI-N006 statistics-period-stated-2008" not in failed, "info does not fail a case"
    assert narrative.get("failures") == "0"
    (read,) = scan.findall("testcase")
    error = read.find("error")
    assert error is not None and error.get("type") == "binary"
    assert root.get("tests") == str(sum(int(s.get("tests", "0")) for s in root))
    assert int(root.get("failures", "0")) == len(failed)


def test_junit_failure_lists_every_finding_with_its_place() -> None:
    root = ET.fromstring(render("junit", SEED, extra=("--fail-on", "warning"))[1])
    case = next(c for c in root.iter("testcase") if c.get("name") == "OGI-C004 garbled-numbers")
    failure = case.find("failure")
    assert failure is not None and failure.get("type") == "warning"
    assert failure.text is not None
    assert failure.text.count(f"{SEED}:31:") == 2


def junit_cases(text: str) -> dict[str, ET.Element]:
    """The first suite's cases by rule id."""
    suite = ET.fromstring(text).findall("testsuite")[0]
    return {str(c.get("name")).split()[0]: c for c in suite.findall("testcase")}


ONLY_WARNINGS = ("--disable", "OGI-N001", "--disable", "OGI-N002", "--disable", "OGI-N006")


def test_junit_warnings_fail_cases_only_at_fail_on_warning() -> None:
    """A file with only warnings passes the gate under --fail-on error, so its test report
    shows no failure either; --fail-on warning (or info) makes the same warnings failures."""
    code, text = render("junit", SEED, extra=ONLY_WARNINGS)
    assert code == 0
    cases = junit_cases(text)
    assert not [c for c in cases.values() if c.find("failure") is not None]
    c004 = cases["OGI-C004"].find("system-out")
    assert c004 is not None and c004.text is not None and "warning OGI-C004" in c004.text
    assert ET.fromstring(text).get("failures") == "0"
    for fail_on in ("warning", "info"):
        code, text = render("junit", SEED, extra=(*ONLY_WARNINGS, "--fail-on", fail_on))
        assert code == 1
        failure = junit_cases(text)["OGI-C004"].find("failure")
        assert failure is not None and failure.get("type") == "warning", fail_on
    info = junit_cases(render("junit", SEED, extra=("--fail-on", "info"))[1])["OGI-N006"]
    assert info.find("failure") is not None, "at --fail-on info a note fails its case"
    never = render("junit", SEED, extra=("--fail-on", "never"))[1]
    assert ET.fromstring(never).get("failures") == "0"


def test_junit_lists_only_the_rules_that_ran_on_the_file() -> None:
    """A 2008-era report is not checked by the 2019/2021 format rules, nor a department's by
    the rule for governments: none of them is listed as a passed test."""
    seed = junit_cases(render("junit", SEED)[1])
    assert "OGI-N001" in seed and "OGI-C002" in seed
    assert not [rule for rule in seed if rule.startswith("OGI-F")], "2019/2021 rules"
    assert not [rule for rule in seed if rule.startswith("OGI-X")], "set rules: one report"
    assert not {"OGI-S001", "OGI-S002"} & set(seed), "plain text has no suppression comments"
    department = junit_cases(render("junit", FIXTURES / "2021" / "valid_department.txt")[1])
    government = junit_cases(render("junit", FIXTURES / "2019" / "valid_government.txt")[1])
    assert "OGI-F001" in department and "OGI-N001" not in department
    assert "OGI-F002" in government, "the accountability topics: for a government"
    assert "OGI-F002" not in department, "…not for a department"


def test_junit_lists_the_set_rules_in_a_set() -> None:
    suites = ET.fromstring(render("junit", SEED, NARRATIVE)[1]).findall("testsuite")
    for suite in suites:
        names = {str(c.get("name")).split()[0] for c in suite.findall("testcase")}
        assert "OGI-X001" in names and "OGI-N001" in names


def test_junit_lists_the_suppression_rules_where_comments_are_read(tmp_path: Path) -> None:
    report = tmp_path / "report.md"
    report.write_text(NARRATIVE.read_text(encoding="utf-8"), encoding="utf-8")
    cases = junit_cases(render("junit", report)[1])
    assert {"OGI-S001", "OGI-S002"} <= set(cases)


# --- GitHub annotations ---------------------------------------------------------------------


def test_github_annotations_one_per_finding() -> None:
    code, text = render("github", SEED)
    assert code == 1
    lines = text.splitlines()
    assert all(line.startswith(("::error ", "::warning ", "::notice ")) for line in lines)
    n002 = next(line for line in lines if "OGI-N002" in line)
    assert n002.startswith(
        f"::error file={normalize_path(str(SEED))},line=39,col=26,title=OGI-N002 "
    )
    assert sum(1 for line in lines if line.startswith("::notice ")) == 1


def test_github_escapes_values() -> None:
    meta = RuleMeta("OGI-L001", "x", Message("t", "t"), Severity.WARNING, "text", "b")
    problem = Problem(Message("100%\n第二行", "x"), Location(3, 4), where=None)
    result = RunResult(
        (FileResult("a,b:c.md", findings=(Finding(meta, Severity.WARNING, problem),)),)
    )
    assert render_format("github", result, [meta], "zh") == (
        "::warning file=a%2Cb%3Ac.md,line=3,col=4,title=OGI-L001 x::100%25%0A第二行\n"
    )


def test_github_unreadable_file_is_an_error(tmp_path: Path) -> None:
    code, text = render("github", unreadable(tmp_path))
    assert code == 1
    assert text.startswith("::error file=") and "[binary]" in text


# --- GitLab Code Quality ------------------------------------------------------------------

# The fields GitLab's Code Quality report format requires of an issue, and its severities.
GITLAB_ISSUE = {
    "type": "object",
    "required": ["description", "check_name", "fingerprint", "severity", "location"],
    "properties": {
        "description": {"type": "string", "minLength": 1},
        "check_name": {"type": "string", "minLength": 1},
        "fingerprint": {"type": "string", "minLength": 1},
        "severity": {"enum": ["info", "minor", "major", "critical", "blocker"]},
        "location": {
            "type": "object",
            "required": ["path", "lines"],
            "properties": {
                "path": {"type": "string", "minLength": 1},
                "lines": {
                    "type": "object",
                    "required": ["begin"],
                    "properties": {"begin": {"type": "integer", "minimum": 1}},
                },
            },
        },
    },
}
GITLAB_REPORT = Draft7Validator({"type": "array", "items": GITLAB_ISSUE})


def test_gitlab_code_quality_report(seed_sarif: dict[str, Any]) -> None:
    code, text = render("gitlab", SEED)
    assert code == 1
    issues = json.loads(text)
    assert [e.message for e in GITLAB_REPORT.iter_errors(issues)] == []
    n002 = next(i for i in issues if i["check_name"] == "OGI-N002")
    assert n002["location"] == {"path": normalize_path(str(SEED)), "lines": {"begin": 39}}
    assert n002["severity"] == "major"
    assert n002["description"].startswith("OGI-N002 ")
    severities = {i["check_name"]: i["severity"] for i in issues}
    assert severities["OGI-C004"] == "minor" and severities["OGI-N006"] == "info"
    prints = [i["fingerprint"] for i in issues]
    assert len(set(prints)) == len(prints), "GitLab shows one issue per fingerprint"
    sarif_prints = [
        r["partialFingerprints"]["ogiCheck/v1"] for r in seed_sarif["runs"][0]["results"]
    ]
    assert sorted(prints) == sorted(sarif_prints), "the same identity as SARIF and baselines"


def test_gitlab_report_of_a_clean_run_is_an_empty_array() -> None:
    code, text = render("gitlab", NARRATIVE)
    assert (code, json.loads(text)) == (0, [])


def test_gitlab_unreadable_file_is_a_critical_issue(tmp_path: Path) -> None:
    scan = unreadable(tmp_path)
    code, text = render("gitlab", scan, NARRATIVE)
    assert code == 1
    (issue,) = json.loads(text)
    assert [e.message for e in GITLAB_REPORT.iter_errors([issue])] == []
    assert issue["severity"] == "critical" and issue["check_name"] == "ogi-check/binary"
    assert issue["location"] == {"path": normalize_path(str(scan)), "lines": {"begin": 1}}
    assert "二进制" in issue["description"]


def test_gitlab_word_and_pdf_issues_name_the_place() -> None:
    _, text = render("gitlab", PARITY / "defects_2021.docx", extra=("--fail-on", "never"))
    issues = json.loads(text)
    assert [e.message for e in GITLAB_REPORT.iter_errors(issues)] == []
    placeholder = next(i for i in issues if i["check_name"] == "OGI-C002")
    assert placeholder["location"]["lines"] == {"begin": 1}
    assert "(第3段（“本报告依据" in placeholder["description"]


# --- JSON Lines and CSV -------------------------------------------------------------------


def test_jsonl_one_record_per_line(tmp_path: Path) -> None:
    code, text = render("jsonl", SEED, unreadable(tmp_path))
    assert code == 1
    records = [json.loads(line) for line in text.splitlines()]
    types = [r["type"] for r in records]
    assert types[-1] == "summary" and types.count("file_error") == 1
    findings = [r for r in records if r["type"] == "finding"]
    assert len(findings) == records[-1]["error"] + records[-1]["warning"] + records[-1]["info"]
    assert all(r["path"] == str(SEED) and len(r["fingerprint"]) == 32 for r in findings)
    assert {"rule", "severity", "message", "line", "where", "expected"} <= set(findings[0])


def test_csv_one_row_per_finding_and_opens_in_excel(tmp_path: Path) -> None:
    code, text = render("csv", SEED, unreadable(tmp_path))
    assert code == 1
    assert text.startswith("\ufeff"), "Excel needs the BOM to read UTF-8"
    rows = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))
    errors = [r for r in rows if r["status"] == "error"]
    assert [r["where"] for r in errors] == ["binary"]
    n002 = next(r for r in rows if r["rule"] == "OGI-N002")
    assert (n002["line"], n002["expected"], n002["actual"]) == ("39", "61", "66")
    jsonl = render("jsonl", SEED)[1].splitlines()
    assert len(rows) - len(errors) == len(jsonl) - 1


# --- exit codes in every format -------------------------------------------------------------


@pytest.mark.parametrize("fmt", sorted(FORMATTERS))
@pytest.mark.parametrize(
    ("fail_on", "seed_code"), [("error", 1), ("warning", 1), ("info", 1), ("never", 0)]
)
def test_fail_on_exit_codes_are_the_same_in_every_format(
    fmt: str, fail_on: str, seed_code: int
) -> None:
    assert render(fmt, SEED, extra=("--fail-on", fail_on))[0] == seed_code
    assert render(fmt, NARRATIVE, extra=("--fail-on", fail_on))[0] == 0


@pytest.mark.parametrize("fmt", sorted(FORMATTERS))
def test_warnings_only_pass_at_error_and_fail_at_warning(fmt: str) -> None:
    only_warnings = ("--disable", "OGI-N001", "--disable", "OGI-N002", "--disable", "OGI-N006")
    assert render(fmt, SEED, extra=(*only_warnings, "--fail-on", "error"))[0] == 0
    assert render(fmt, SEED, extra=(*only_warnings, "--fail-on", "warning"))[0] == 1


@pytest.mark.parametrize("fmt", sorted(FORMATTERS))
def test_unreadable_file_exits_1_even_with_fail_on_never(fmt: str, tmp_path: Path) -> None:
    assert render(fmt, unreadable(tmp_path), extra=("--fail-on", "never"))[0] == 1


@pytest.mark.parametrize("fmt", sorted(FORMATTERS))
def test_usage_and_rule_errors_exit_2_in_every_format(fmt: str) -> None:
    assert render(fmt, SEED, extra=("--disable", "OGI-X999"))[0] == 2
    assert render(fmt, SEED, extra=("--fail-on", "sometimes"))[0] == 2


def test_internal_error_exits_3(monkeypatch: pytest.MonkeyPatch) -> None:
    import checker.engine

    def boom(*_: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(checker.engine, "run_jobs", boom)
    result = invoke("check", "--format", "sarif", SEED)
    assert result.exit_code == 3
    assert "internal error" in result.stderr


PARITY = FIXTURES / "parity"


def test_ci_lines_are_lines_of_the_checked_file() -> None:
    """An HTML page's finding points at the page's source line (35 holds “XX局”), not at a line of
    the extracted text; Word and PDF have no lines, so they are named by paragraph and page."""
    page = PARITY / "defects_2021.html"
    source = page.read_bytes().decode("gb18030").split("\n")
    _, sarif = render("sarif", page, extra=("--fail-on", "never"))
    results = json.loads(sarif)["runs"][0]["results"]
    placeholder = next(r for r in results if r["ruleId"] == "OGI-C002")
    line = placeholder["locations"][0]["physicalLocation"]["region"]["startLine"]
    assert "XX局" in source[line - 1]
    _, github = render("github", page, extra=("--fail-on", "never"))
    assert f"line={line}," in next(x for x in github.splitlines() if "OGI-C002" in x)
    _, junit = render("junit", page, extra=("--fail-on", "never"))
    assert f"defects_2021.html:{line}" in junit
    for name in ("defects_2021.docx", "defects_2021.pdf"):
        _, sarif = render("sarif", PARITY / name, extra=("--fail-on", "never"))
        for result in json.loads(sarif)["runs"][0]["results"]:
            location = result["locations"][0]
            assert "region" not in location["physicalLocation"], (name, result)
    docx = json.loads(render("sarif", PARITY / "defects_2021.docx")[1])["runs"][0]["results"]
    placeholder = next(r for r in docx if r["ruleId"] == "OGI-C002")
    assert placeholder["locations"][0]["message"]["text"].startswith("第3段（“本报告依据")
