"""Meta-tests over the rule catalog: the packs stay well-formed as they grow."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

import checker.kinds
import checker.kinds.sets
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


def _kind_modules(package: Path) -> set[str]:
    """Modules of a kinds package that define a kind: a top-level NAME and `check`."""
    found = set()
    for path in package.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = {
            t.id
            for n in tree.body
            if isinstance(n, ast.Assign)
            for t in n.targets
            if isinstance(t, ast.Name)
        }
        functions = {n.name for n in tree.body if isinstance(n, ast.FunctionDef)}
        if "NAME" in names and "check" in functions:
            found.add(path.stem)
    return found


def test_every_kind_module_is_registered_under_its_name() -> None:
    """The registries list names and import each module on first use; a kind module missing
    from NAMES would never run, and its NAME must be its module's name."""
    for package, registry in ((checker.kinds, KINDS), (checker.kinds.sets, SETKINDS)):
        assert _kind_modules(Path(package.__file__).parent) == set(package.NAMES)
        for name in package.NAMES:
            assert name == registry[name].NAME


def test_a_registry_knows_its_names_and_refuses_others() -> None:
    registry = checker.kinds.Registry("checker.kinds", ["text_patterns"])
    assert "text_patterns" in registry and list(registry) == ["text_patterns"]
    assert registry["text_patterns"].NAME == "text_patterns"
    assert "no_such_kind" not in registry
    with pytest.raises(KeyError):
        registry["no_such_kind"]


def test_every_rule_cites_a_basis_and_has_both_titles(rules: RuleSet) -> None:
    for rule in rules.rules:
        assert rule.meta.basis.strip()
        assert rule.meta.title.zh and rule.meta.title.en
