"""Repository configuration: discovery, precedence, per-path values, exclusion, and errors that
name the file, the line and the key (exit code 2, nothing checked)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from checker.project.config import Settings, find_config, load_config
from checker.project.globs import matches, outside
from checker.project.tomlsource import scan_lines
from tests.conftest import FIXTURES, SEED, USER_PACK, invoke

NARRATIVE = FIXTURES / "2008" / "valid_narrative.txt"


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository of reports: a department's (the seed) and a clean one, and a draft."""
    (tmp_path / "reports" / "departments").mkdir(parents=True)
    (tmp_path / "drafts").mkdir()
    shutil.copy(SEED, tmp_path / "reports" / "departments" / "seed.txt")
    shutil.copy(NARRATIVE, tmp_path / "reports" / "good.txt")
    shutil.copy(SEED, tmp_path / "drafts" / "draft.txt")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def check(*args: str | Path) -> tuple[int, dict[str, Any], str]:
    result = invoke("check", "--format", "json", *args)
    doc = json.loads(result.stdout) if result.stdout else {}
    return result.exit_code, doc, result.stderr


def findings(doc: dict[str, Any], path: str | None = None) -> list[dict[str, Any]]:
    return [x for f in doc["files"] if path in (None, f["path"]) for x in f["findings"]]


def rules_of(doc: dict[str, Any], path: str | None = None) -> set[str]:
    return {f["rule"] for f in findings(doc, path)}


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# --- discovery ----------------------------------------------------------------------------


def test_yaml_config_is_found_walking_up_from_the_checked_path(repo: Path) -> None:
    write(repo / ".ogi-check.yaml", "rules: {disable: [OGI-N002]}\n")
    assert find_config([repo / "reports" / "departments" / "seed.txt"]) == repo / ".ogi-check.yaml"
    _, doc, _ = check("reports/departments/seed.txt")
    assert "OGI-N002" not in rules_of(doc)
    assert "OGI-C004" in rules_of(doc)


def test_pyproject_table_is_found_and_a_pyproject_without_it_is_skipped(repo: Path) -> None:
    write(repo / "pyproject.toml", '[tool.ogi-check.rules]\ndisable = ["stated-total-parts"]\n')
    write(repo / "reports" / "pyproject.toml", '[project]\nname = "reports"\n')
    assert find_config([repo / "reports" / "good.txt"]) == repo / "pyproject.toml"
    _, doc, _ = check("reports/departments/seed.txt")
    assert "OGI-N002" not in rules_of(doc)


@pytest.mark.parametrize(
    "text",
    [
        '[tool]\nogi-check = { fail_on = "never" }\n',
        'tool.ogi-check.fail_on = "never"\n',
        '"tool" = { ogi-check = { fail_on = "never" } }\n',
        "  [ tool . 'ogi-check' ]\r\nfail_on = 'never'\r\n",
    ],
)
def test_every_spelling_of_the_table_is_found(repo: Path, text: str) -> None:
    write(repo / "pyproject.toml", text)
    assert find_config([repo / "reports" / "good.txt"]) == repo / "pyproject.toml"


def test_a_pyproject_that_only_mentions_ogi_check_is_not_parsed(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A console script or a comment named ogi-check is no table: the TOML is not even parsed
    (a cold check in a project that installs ogi-check does not pay for tomllib)."""
    write(
        repo / "pyproject.toml",
        '# ogi-check reads [tool.ogi-check]\n[project.scripts]\nogi-check = "checker.cli:main"\n'
        "[tool.setuptools]\nogi-check = 1\n",
    )
    import checker.project.config as config

    def parsed(path: Path) -> None:
        raise AssertionError(f"{path} parsed")

    monkeypatch.setattr(config, "_read_doc", parsed)
    assert find_config([repo / "reports" / "good.txt"]) is None


def test_yaml_wins_over_pyproject_in_the_same_folder_and_the_nearest_wins(repo: Path) -> None:
    write(repo / "pyproject.toml", '[tool.ogi-check]\nfail_on = "never"\n')
    write(repo / ".ogi-check.yaml", "fail_on: warning\n")
    assert find_config([repo / "reports"]) == repo / ".ogi-check.yaml"
    write(repo / "reports" / ".ogi-check.yaml", "fail_on: never\n")
    assert find_config([repo / "reports" / "departments"]) == repo / "reports" / ".ogi-check.yaml"
    assert find_config([repo / "reports", repo / "drafts"]) == repo / ".ogi-check.yaml"


def test_explicit_config_is_used_instead_of_discovery(repo: Path) -> None:
    write(repo / ".ogi-check.yaml", "fail_on: never\n")
    other = write(repo / "ci" / "strict.yaml", "fail_on: info\n")
    assert check("reports/departments/seed.txt")[0] == 0
    assert check("--config", other, "reports/departments/seed.txt")[0] == 1


def test_no_config_means_defaults(repo: Path) -> None:
    config = load_config(None, repo)
    assert config.path is None and config.root == repo
    assert config.settings_for(repo / "x.txt", Settings()) == Settings()


# --- what it sets -------------------------------------------------------------------------


def test_per_path_body_type_and_era(repo: Path) -> None:
    write(
        repo / ".ogi-check.yaml",
        "paths:\n"
        "  - match: reports/departments/**\n"
        "    agency_kind: township\n"
        "  - match: [reports/good.txt]\n"
        "    era: 2019\n",
    )
    _, doc, _ = check("reports")
    kinds = {f["path"]: (f["report"]["agency_kind"], f["report"]["era"]) for f in doc["files"]}
    assert kinds["reports/departments/seed.txt"] == ("township", "2008")
    assert kinds["reports/good.txt"][1] == "2019"


def test_command_line_overrides_the_configuration(repo: Path) -> None:
    write(
        repo / ".ogi-check.yaml",
        "fail_on: never\n"
        "rules: {severity: {OGI-C004: info}}\n"
        "paths: [{match: reports/**, agency_kind: township}]\n",
    )
    code, doc, _ = check("reports/departments/seed.txt")
    assert code == 0
    assert {f["severity"] for f in findings(doc) if f["rule"] == "OGI-C004"} == {"info"}
    code, doc, _ = check(
        "--fail-on", "error", "--agency-kind", "department", "--severity", "OGI-C004=error",
        "reports/departments/seed.txt",
    )  # fmt: skip
    assert code == 1
    assert doc["files"][0]["report"]["agency_kind"] == "department"
    assert {f["severity"] for f in findings(doc) if f["rule"] == "OGI-C004"} == {"error"}


def test_disable_enable_and_severity_per_path(repo: Path) -> None:
    write(
        repo / ".ogi-check.yaml",
        "rules:\n"
        "  disable: [garbled-numbers]\n"
        "  severity: {OGI-N002: warning}\n"
        "paths:\n"
        "  - match: reports/departments\n"
        "    enable: [OGI-C004]\n"
        "    disable: [OGI-C005]\n"
        "    severity: {stated-total-parts: info}\n",
    )
    _, doc, _ = check("reports", "drafts")
    seed, draft = "reports/departments/seed.txt", "drafts/draft.txt"
    assert "OGI-C004" in rules_of(doc, seed) and "OGI-C004" not in rules_of(doc, draft)
    assert "OGI-C005" not in rules_of(doc, seed) and "OGI-C005" in rules_of(doc, draft)
    levels = {
        f["path"]: x["severity"]
        for f in doc["files"]
        for x in f["findings"]
        if x["rule"] == "OGI-N002"
    }
    assert levels == {seed: "info", draft: "warning"}


def test_exclude_applies_to_folders_and_to_files_named_explicitly(repo: Path) -> None:
    write(repo / ".ogi-check.yaml", "exclude: [drafts, '**/good.txt']\n")
    _, doc, _ = check(".")
    assert [f["path"] for f in doc["files"]] == ["reports/departments/seed.txt"]
    _, doc, _ = check("drafts/draft.txt", "reports/good.txt")
    assert doc["files"] == []


def test_profiles_and_packs_from_the_configuration(repo: Path) -> None:
    write(repo / "rules" / "city.yaml", CITY_PACK)
    write(repo / ".ogi-check.yaml", "packs: [rules]\nprofiles: [hubei-2020]\n")
    _, doc, _ = check("reports/departments/seed.txt")
    assert "OGI-L001" in rules_of(doc)


def test_fail_on_from_the_configuration(repo: Path) -> None:
    write(repo / ".ogi-check.yaml", "fail_on: never\n")
    assert check("reports/departments/seed.txt")[0] == 0


CITY_PACK = USER_PACK.replace("pack: my-office", "pack: city", 1)


# --- errors: path, line, key; exit 2; nothing checked ---------------------------------------


BAD_YAML = [
    ("rules:\n  disable: [OGI-N002\nfail_on: error\n", ":3", "YAML syntax error"),
    ("fail_on: sometimes\n", ":1: fail_on:", "is not one of"),
    ("rules:\n  disable: [OGI-N002]\n  unknown_key: 1\n", ":3: rules.unknown_key:", "未知配置项"),
    (
        "rules:\n  disable:\n    - OGI-N002\n    - OGI-Z999\n",
        ":4: rules.disable[1]:",
        "unknown rule 'OGI-Z999'",
    ),
    (
        "paths:\n  - match: a/**\n    severity: {nope: error}\n",
        ":3: paths[0].severity.nope:",
        "unknown rule",
    ),
    (
        "paths:\n  - match: a/**\n    severity: {OGI-N002: fatal}\n",
        ":3: paths[0].severity.OGI-N002:",
        "is not one of",
    ),
    ("paths:\n  - agency_kind: department\n", ":2: paths[0]:", "'match' is a required property"),
    ("profiles: [shanghai]\n", ":1: profiles[0]:", "unknown profile 'shanghai'"),
    (
        "paths:\n  - match: x\n    profiles: [nope]\n",
        ":3: paths[0].profiles[0]:",
        "unknown profile",
    ),
    ("packs: [../elsewhere]\n", ":1: packs[0]:", "points outside the repository"),
    ("packs: [missing-rules]\n", ":1: packs[0]:", "does not exist"),
    ("baseline: /tmp/baseline.json\n", ":1: baseline:", "points outside the repository"),
    ("exclude: ['../reports/**']\n", ":1: exclude[0]:", "points outside the repository"),
    ("paths:\n  - match: /etc/**\n", ":2: paths[0].match:", "points outside the repository"),
    ("- a list\n", ":1: (document):", "is not of type 'object'"),
]


@pytest.mark.parametrize(("text", "where", "message"), BAD_YAML)
def test_bad_yaml_config_names_file_line_and_key(
    repo: Path, text: str, where: str, message: str
) -> None:
    write(repo / ".ogi-check.yaml", text)
    result = invoke("check", "--format", "json", "reports")
    assert result.exit_code == 2, result.output
    assert result.stdout == "", "nothing was checked"
    assert f".ogi-check.yaml{where}" in result.stderr
    assert message in result.stderr


BAD_TOML = [
    ('[tool.ogi-check]\nfail_on = "sometimes"\n', ":2: tool.ogi-check.fail_on:", "is not one of"),
    (
        '[tool.ogi-check]\nprofiles = [\n  "x",\n]\n',
        ":2: tool.ogi-check.profiles[0]:",
        "unknown profile",
    ),
    (
        '[tool.ogi-check]\nfail_on = "error"\n\n[[tool.ogi-check.paths]]\nmatch = "a"\n\n'
        '[[tool.ogi-check.paths]]\nmatch = "b"\nera = "1999"\n',
        ":9: tool.ogi-check.paths[1].era:",
        "is not one of",
    ),
    (
        '[tool.ogi-check.rules]\ndisable = ["OGI-Z999"]\n',
        ":2: tool.ogi-check.rules.disable[0]:",
        "unknown rule",
    ),
    ("[tool.ogi-check]\nfail_on = \n", ":2:", "TOML syntax error"),
    (
        "[tool.'ogi-check']\nexclude = ['/abs']\n",
        ":2: tool.ogi-check.exclude[0]:",
        "outside the repository",
    ),
]


@pytest.mark.parametrize(("text", "where", "message"), BAD_TOML)
def test_bad_pyproject_config_names_file_line_and_key(
    repo: Path, text: str, where: str, message: str
) -> None:
    write(repo / "pyproject.toml", text)
    result = invoke("check", "reports")
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    assert f"pyproject.toml{where}" in result.stderr
    assert message in result.stderr


def test_missing_explicit_config_exits_2(repo: Path) -> None:
    result = invoke("check", "--config", "nope.yaml", "reports")
    assert result.exit_code == 2
    assert "nope.yaml: no such configuration file" in result.stderr


def test_explicit_pyproject_without_the_table_exits_2(repo: Path) -> None:
    write(repo / "pyproject.toml", "[project]\nname = 'x'\n")
    result = invoke("check", "--config", "pyproject.toml", "reports")
    assert result.exit_code == 2
    assert "no [tool.ogi-check] table" in result.stderr


def test_config_schema_is_valid_and_published() -> None:
    from jsonschema import Draft202012Validator

    result = invoke("schema", "config")
    assert result.exit_code == 0
    Draft202012Validator.check_schema(json.loads(result.stdout))
    assert invoke("schema", "rule-pack").exit_code == 0


# --- pieces -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "pattern", "expected"),
    [
        ("reports/departments/a.txt", "reports/departments/**", True),
        ("reports/departments", "reports/departments/**", True),
        ("reports/departments/a.txt", "reports/departments", True),
        ("reports/other/a.txt", "reports/departments/**", False),
        ("x/y/README.md", "README.md", True),
        ("x/README.md.txt", "README.md", False),
        ("a/b/c/d.md", "a/**/d.md", True),
        ("a/d.md", "a/**/d.md", True),
        ("a/b/d.md", "a/*.md", False),
        ("a/b.md", "a/?.md", True),
        ("reports/2023年/局.txt", "reports/*年/*.txt", True),
    ],
)
def test_glob_patterns(path: str, pattern: str, expected: bool) -> None:
    assert matches(path, [pattern]) is expected


def test_patterns_outside_the_repository() -> None:
    assert outside("/etc") and outside("../x") and outside("a/../../b")
    assert not outside("a/b/**") and not outside("..x/y")


def test_toml_line_scan() -> None:
    text = (
        '[tool.ogi-check]\nfail_on = "error"\n[tool.ogi-check.rules]\n'
        'severity = { OGI-N002 = "info" }\n[[tool.ogi-check.paths]]\nmatch = "a"\n'
        '[[tool.ogi-check.paths]]\n"match" = "b"\n'
    )
    lines = scan_lines(text)
    assert lines[("tool", "ogi-check", "fail_on")] == 2
    assert lines[("tool", "ogi-check", "rules", "severity")] == 4
    assert lines[("tool", "ogi-check", "paths", 0, "match")] == 6
    assert lines[("tool", "ogi-check", "paths", 1, "match")] == 8
