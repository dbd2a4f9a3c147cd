"""The rule-pack JSON Schema, built from the kind registries: each kind module carries the schema
of its `params` (PARAMS_SCHEMA), so a kind's parameters are described in one place.

rules/schema/rule-pack.schema.json (what editors and `ogi-check schema rule-pack` show) is the
shared part — packs, rules, examples, the definitions kinds refer to — with the kinds' parts
filled in: the `kind` enum, a `params_<kind>` definition each and the branch that applies it.
`build` rebuilds those parts from the registries; tests/test_kind_schemas.py keeps the file
equal to what `build` makes of it, so a kind's parameters cannot drift from its module.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import cache
from importlib import resources
from typing import Any

PARAMS_PREFIX = "params_"


def kind_schemas() -> dict[str, Mapping[str, Any]]:
    """Kind name -> the JSON Schema of its params, for every registered kind."""
    from checker.kinds import KINDS
    from checker.kinds.sets import SETKINDS

    schemas: dict[str, Mapping[str, Any]] = {n: k.PARAMS_SCHEMA for n, k in KINDS.items()}
    schemas.update((n, k.PARAMS_SCHEMA) for n, k in SETKINDS.items())
    return schemas


def rule_pack_schema() -> dict[str, Any]:
    """The schema packs are validated with: the shipped file's shared part, the kinds' from the
    registries (built once per set of kinds)."""
    schemas = kind_schemas()
    return _built(tuple(sorted(schemas)), json.dumps(schemas))  # a hashable key, order kept


@cache
def _built(names: tuple[str, ...], schemas: str) -> dict[str, Any]:
    return build(shipped(), json.loads(schemas))


def shipped_text() -> str:
    return (
        resources.files("checker.packs")
        .joinpath("schema", "rule-pack.schema.json")
        .read_text(encoding="utf-8")
    )


def shipped() -> dict[str, Any]:
    return dict(json.loads(shipped_text()))


def build(base: Mapping[str, Any], kinds: Mapping[str, Mapping[str, Any]]) -> dict[str, Any]:
    """`base` with its kinds' parts replaced by `kinds`' (kind -> params schema). Definitions
    and branches of kinds `base` already has keep their place, so the file only changes where a
    kind does; a new kind's are added at the end."""
    schema = json.loads(json.dumps(base))  # a deep copy
    defs: dict[str, Any] = schema["$defs"]
    rule = defs["rule"]
    for key in [k for k in defs if k.startswith(PARAMS_PREFIX)]:
        if key.removeprefix(PARAMS_PREFIX) not in kinds:
            del defs[key]
    for name in kinds:  # in place for a known kind, appended for a new one
        defs[PARAMS_PREFIX + name] = kinds[name]
    rule["properties"]["kind"] = {"enum": sorted(kinds)}
    present = [_branch_kind(b) for b in rule.get("allOf", [])]
    known = [name for name in present if name is not None and name in kinds]
    order = [*known, *(name for name in kinds if name not in known)]
    rule["allOf"] = [_branch(name) for name in order]
    return dict(schema)


def _branch_kind(branch: Mapping[str, Any]) -> str | None:
    kind = branch.get("if", {}).get("properties", {}).get("kind", {})
    return kind.get("const") if isinstance(kind, dict) else None


def _branch(name: str) -> dict[str, Any]:
    """If the rule's kind is `name`, its params follow `params_<name>`."""
    return {
        "if": {"properties": {"kind": {"const": name}}},
        "then": {"properties": {"params": {"$ref": f"#/$defs/{PARAMS_PREFIX}{name}"}}},
    }


def dump(schema: Mapping[str, Any]) -> str:
    """The schema as the shipped file spells it."""
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"
