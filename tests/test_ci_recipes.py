"""The CI recipes of docs/ci.md work as written: their YAML parses, they use the actions and
images they should, and every `ogi-check` command in them runs (in-process, on a folder of
reports standing in for `reports/`) and writes what the CI step then reads."""

from __future__ import annotations

import json
import re
import shlex
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import FIXTURES, ROOT, SEED, invoke

CI_DOC = ROOT / "docs" / "ci.md"
FENCE = re.compile(r"```yaml\n(.*?)```", re.S)


def recipe(marker: str) -> dict[str, Any]:
    """The YAML block of docs/ci.md whose first line is `# <marker>`."""
    for block in FENCE.findall(CI_DOC.read_text(encoding="utf-8")):
        if block.startswith(f"# {marker}"):
            data: dict[str, Any] = yaml.safe_load(block)
            return data
    raise AssertionError(f"no recipe {marker} in docs/ci.md")


def commands(lines: list[str]) -> list[list[str]]:
    """The arguments of each `ogi-check` command (less a trailing `|| true`)."""
    return [shlex.split(line.split("||")[0])[1:] for line in lines if line.startswith("ogi-check ")]


@pytest.fixture
def reports(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository with a reports/ folder: one report with errors, one clean."""
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "seed.txt").write_bytes(SEED.read_bytes())
    (folder / "clean.txt").write_bytes((FIXTURES / "2008" / "valid_narrative.txt").read_bytes())
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_github_recipe(reports: Path) -> None:
    workflow = recipe(".github/workflows/reports.yml")
    steps = workflow["jobs"]["ogi-check"]["steps"]
    uses = [step["uses"] for step in steps if "uses" in step]
    assert "github/codeql-action/upload-sarif@v4" in uses
    assert workflow["permissions"]["security-events"] == "write"
    upload = next(s for s in steps if str(s.get("uses", "")).startswith("github/codeql-action"))
    runs = [step["run"] for step in steps if "run" in step]
    sarif_step, gate = commands(runs)
    result = invoke(*sarif_step)
    assert result.exit_code == 0, result.stderr  # --fail-on never: the upload always has a file
    sarif = json.loads((reports / upload["with"]["sarif_file"]).read_text(encoding="utf-8"))
    assert sarif["version"] == "2.1.0" and sarif["runs"][0]["results"]
    result = invoke(*gate)
    assert result.exit_code == 1, "the gate fails on the seed's errors"
    assert result.stdout.startswith("::")
    after_sarif = steps[steps.index(upload) :]
    assert all(step.get("if") == "always()" for step in after_sarif), "run after a failed step"


def test_the_recipes_survive_an_unreadable_report(reports: Path) -> None:
    """An unreadable file fails even --fail-on never: the recipes still produce their reports
    and end on the gate's exit code."""
    (reports / "reports" / "scan.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    job = recipe(".gitlab-ci.yml")["ogi-check"]
    quality_line = next(line for line in job["script"] if "--format gitlab" in line)
    assert quality_line.endswith("|| true")
    quality_step, junit_step = commands(job["script"])
    assert invoke(*quality_step).exit_code == 1  # swallowed by `|| true`
    assert invoke(*junit_step).exit_code == 1
    issues = json.loads((reports / "gl-code-quality-report.json").read_text(encoding="utf-8"))
    assert "ogi-check/binary" in {i["check_name"] for i in issues}


def test_gitlab_recipe(reports: Path) -> None:
    job = recipe(".gitlab-ci.yml")["ogi-check"]
    assert not job["image"].endswith("-slim"), "the slim image has no git for pip's git URL"
    quality_step, junit_step = commands(job["script"])
    assert invoke(*quality_step).exit_code == 0
    assert invoke(*junit_step).exit_code == 1, "the gate fails on the seed's errors"
    paths = job["artifacts"]["reports"]
    issues = json.loads((reports / paths["codequality"]).read_text(encoding="utf-8"))
    assert {i["location"]["path"] for i in issues} == {"reports/seed.txt"}
    suites = ET.parse(reports / paths["junit"]).getroot()
    assert int(suites.get("failures", "0")) > 0


def test_the_annotation_cap_is_mentioned() -> None:
    text = CI_DOC.read_text(encoding="utf-8")
    assert "10 error, 10 warning and 10 notice annotations" in text
    assert "50 annotations per job" in text
