"""Meta-tests over the rule catalog: the packs stay well-formed as they grow."""

from __future__ import annotations

import json
from pathlib import Path

from jsonschema import Draft202012Validator

from checker.core.rules import RuleSet
from checker.kinds import KINDS
from checker.kinds.sets import SETKINDS
from checker.ruleset.load import bundled_pack_dir, load_pack


def test_schema_is_a_valid_json_schema() -> None:
    schema = json.loads(
        (bundled_pack_dir() / "schema" / "rule-pack.schema.json").read_text("utf-8")
    )
    Draft202012Validator.check_schema(schema)


def test_template_schema_is_a_valid_json_schema() -> None:
    schema = json.loads(
        (bundled_pack_dir() / "schema" / "table-template.schema.json").read_text("utf-8")
    )
    Draft202012Validator.check_schema(schema)


def test_every_bundled_pack_loads() -> None:
    for path in sorted(Path(bundled_pack_dir()).glob("**/*.yaml")):
        if path.parent.name != "templates":
            assert load_pack(path).id


def test_rule_ids_and_names_are_unique(rules: RuleSet) -> None:
    ids = [r.meta.id for r in rules.rules]
    names = [r.meta.name for r in rules.rules]
    assert len(ids) == len(set(ids))
    assert len(names) == len(set(names))


def test_every_rule_has_a_passing_and_a_failing_example(rules: RuleSet) -> None:
    for rule in rules.rules:
        assert rule.passes and rule.fails, rule.meta.id


def test_every_kind_is_used_and_documented(rules: RuleSet) -> None:
    used = {r.kind for r in rules.rules}
    kinds = {**KINDS, **SETKINDS}
    assert used == set(kinds), f"unused kinds: {set(kinds) - used}"
    for name, kind in kinds.items():
        assert kind.__doc__ and kind.__doc__.strip(), f"kind {name} has no docstring"


def test_every_rule_cites_a_basis_and_has_both_titles(rules: RuleSet) -> None:
    for rule in rules.rules:
        assert rule.meta.basis.strip()
        assert rule.meta.title.zh and rule.meta.title.en
