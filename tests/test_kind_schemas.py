"""A kind's parameters are described once, in its module (PARAMS_SCHEMA): the rule-pack schema's
kind enum, `params_<kind>` definitions and branches are built from the registries, and the
shipped rules/schema/rule-pack.schema.json is what that build makes. Adding a kind is one
module, one registry line and one pack rule with examples — done here with a test-only kind."""

from __future__ import annotations

from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from checker.api import check_text
from checker.core.errors import RuleFileError
from checker.kinds import KINDS
from checker.ruleset import schema
from checker.ruleset.load import load_rules
from checker.ruleset.ruletest import iter_cases, run_case
from tests import fixture_kind

REGENERATE = "ogi-check schema rule-pack -o rules/schema/rule-pack.schema.json"


def test_the_shipped_schema_is_built_from_the_kinds() -> None:
    built = schema.dump(schema.build(schema.shipped(), schema.kind_schemas()))
    assert built == schema.shipped_text(), f"a kind's PARAMS_SCHEMA changed: run `{REGENERATE}`"


def test_every_kind_has_a_valid_parameter_schema_and_a_branch() -> None:
    built = schema.rule_pack_schema()
    Draft202012Validator.check_schema(built)
    rule = built["$defs"]["rule"]
    kinds = schema.kind_schemas()
    assert rule["properties"]["kind"]["enum"] == sorted(kinds)
    assert sorted(schema._branch_kind(b) or "" for b in rule["allOf"]) == sorted(kinds)
    for name, params in kinds.items():
        assert built["$defs"][f"params_{name}"] == params
        assert params["type"] == "object", name


def test_build_drops_a_removed_kind_and_appends_a_new_one() -> None:
    kinds = dict(schema.kind_schemas())
    del kinds["balanced_pairs"]
    kinds["zz_new"] = {"type": "object"}
    built = schema.build(schema.shipped(), kinds)
    assert "params_balanced_pairs" not in built["$defs"]
    assert list(built["$defs"])[-1] == "params_zz_new"
    assert schema._branch_kind(built["$defs"]["rule"]["allOf"][-1]) == "zz_new"
    assert "balanced_pairs" not in built["$defs"]["rule"]["properties"]["kind"]["enum"]


PACK = """\
pack: exclamations
title: {zh: "测试用规则包", en: "test pack"}
applies_to: {any_era: true}
rules:
  - id: OGI-T901
    name: exclamation-runs
    title: {zh: "感叹号不连用", en: "No runs of exclamation marks"}
    severity: warning
    category: text
    basis: 测试用
    kind: exclamation_runs
    params: {limit: LIMIT}
    examples:
      pass:
        - text: "我局高度重视政府信息公开工作！"
      fail:
        - text: "我局高度重视政府信息公开工作！！！"
          where: "!!!"
"""


@pytest.fixture
def registered(monkeypatch: pytest.MonkeyPatch) -> None:
    """The one registry line of the recipe (checker/kinds/__init__.py lists the kinds by name)."""
    monkeypatch.setitem(KINDS, fixture_kind.NAME, fixture_kind)


@pytest.mark.usefixtures("registered")
def test_a_new_kind_is_one_module_one_registry_line_one_pack_rule(tmp_path: Path) -> None:
    pack = tmp_path / "exclamations.yaml"
    pack.write_text(PACK.replace("LIMIT", "1"), encoding="utf-8")
    rules = load_rules([pack])
    rule = rules.get("OGI-T901")
    assert rule is not None and rule.kind == "exclamation_runs"
    assert [run_case(case, rules).status for case in iter_cases([rule])] == ["pass", "pass"]
    found = check_text("某局2023年政府信息公开工作年度报告\n成绩显著！！", rules).findings
    assert [(f.rule.id, f.problem.actual) for f in found if f.rule.id == "OGI-T901"] == [
        ("OGI-T901", 2)
    ]


@pytest.mark.usefixtures("registered")
def test_the_new_kinds_parameters_are_validated_by_its_schema(tmp_path: Path) -> None:
    pack = tmp_path / "exclamations.yaml"
    pack.write_text(PACK.replace("LIMIT", "0"), encoding="utf-8")
    with pytest.raises(RuleFileError) as caught:
        load_rules([pack])
    assert "rules[0].params.limit" in str(caught.value)
    assert (
        "exclamation_runs"
        in schema.rule_pack_schema()["$defs"]["rule"]["properties"]["kind"]["enum"]
    )


def test_without_its_registry_line_the_kind_is_unknown(tmp_path: Path) -> None:
    pack = tmp_path / "exclamations.yaml"
    pack.write_text(PACK.replace("LIMIT", "1"), encoding="utf-8")
    with pytest.raises(RuleFileError) as caught:
        load_rules([pack])
    assert "kind" in str(caught.value)
