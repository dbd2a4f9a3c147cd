"""A local profile changes the national rules by YAML only: a known extra row, a tighter deadline."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from checker.core.errors import RuleFileError
from checker.engine import RunConfig, check_file
from checker.ruleset.load import load_rules
from tests.conftest import CORPUS, FIXTURES, needs_corpus


def rule_ids(path: Path, profiles: Sequence[str] = ()) -> list[tuple[str, str | None]]:
    checked = check_file(path, load_rules(profiles=profiles), RunConfig())
    return [(f.rule.id, f.problem.where) for f in checked.findings]


@needs_corpus()
def test_hubei_extra_row_is_known_to_the_profile() -> None:
    report = (
        CORPUS / "real" / "pages" / "017.txt"
    )  # a 2020 street office report with 其他主动公开文件
    assert any(rule == "OGI-F012" for rule, _ in rule_ids(report))
    assert not any(rule == "OGI-F012" for rule, _ in rule_ids(report, ["hubei-2020"]))


def test_profile_tightens_the_department_deadline(tmp_path: Path) -> None:
    text = (FIXTURES / "2019" / "valid_government.txt").read_text(encoding="utf-8")
    text = text.replace("丰川县人民政府", "丰川县教育局").replace("2021-03-20", "2021-01-25")
    report = tmp_path / "department.txt"
    report.write_text(text, encoding="utf-8")
    assert ("OGI-F040", "发布日期") not in rule_ids(report)  # national: by 31 January
    assert ("OGI-F040", "发布日期") in rule_ids(report, ["hubei-2020"])  # profile: by 20 January


def test_unknown_profile_is_a_rule_error() -> None:
    with pytest.raises(RuleFileError, match="unknown profile"):
        load_rules(profiles=["atlantis"])
