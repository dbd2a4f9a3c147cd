"""Rule packs: load the YAML, validate it against the JSON Schema, build typed rules.

Everything here happens once, before any report is read, so that a broken rule file stops the
run with its path, line and key (exit code 2) instead of failing half-way through a batch.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from checker.core.diskcache import cached, packs_dir
from checker.core.errors import RuleFileError
from checker.core.findings import RULE_REFERENCE, RuleMeta, Severity, rule_anchor
from checker.core.model import Message
from checker.core.rules import Example, Pack, Rule, RuleSet
from checker.core.yamlsource import PathKey, YamlDoc, dotted, load_yaml, validate

if TYPE_CHECKING:
    pass


def bundled_pack_dir() -> Path:
    return packs_dir()


def _schema() -> dict[str, Any]:
    from checker.ruleset.schema import rule_pack_schema

    return rule_pack_schema()


def load_rules(
    extra: Sequence[Path] = (),
    profiles: Sequence[str] = (),
    severities: Mapping[str, str] | None = None,
    disabled: Iterable[str] = (),
) -> RuleSet:
    """All bundled packs plus the user's, resolved: extends, profiles, overrides, severities.

    Built once per set of pack files and options, then reused from the compiled-pack cache
    (checker.core.diskcache): by this process when a command asks again, and by later runs
    while every pack, template and the checker's code are unchanged."""
    files = [*_pack_files(bundled_pack_dir()), *_user_files(extra)]
    levels = severities or {}
    options = [
        "profiles", *profiles, "severities", *(f"{k}={v}" for k, v in sorted(levels.items())),
        "disabled", *sorted(disabled),
    ]  # fmt: skip
    return cached(
        "rules", files, options, lambda: _build(files, profiles, levels, frozenset(disabled))
    )


def _build(
    files: Sequence[Path],
    profiles: Sequence[str],
    severities: Mapping[str, str],
    disabled: set[str] | frozenset[str],
) -> tuple[RuleSet, list[Path]]:
    """The rule set, and the template files it was built with (a cached one is only reused
    while they are unchanged)."""
    packs = _load_packs(files)
    unknown = set(profiles) - {p.id for p in packs.values() if p.profile}
    if unknown:
        raise RuleFileError("--profile", f"unknown profile: {', '.join(sorted(unknown))}")
    active = [
        p for p in packs.values() if ((p.eras or p.any_era) and not p.profile) or p.id in profiles
    ]
    rules = _resolve(packs, active)
    rules = _apply_overrides(rules, active)
    rules = _apply_cli(rules, severities, set(disabled))
    templates = tuple(
        dict.fromkeys(t.resolve() for p in _with_bases(packs, active) for t in p.templates)
    )
    every_template = [t for p in packs.values() for t in p.templates]
    rule_set = RuleSet(tuple(sorted(rules.values(), key=lambda r: r.meta.id)), packs, templates)
    return rule_set, every_template


def _pack_files(directory: Path) -> list[Path]:
    return sorted([*directory.glob("*.yaml"), *directory.glob("profiles/*.yaml")])


def _user_files(paths: Sequence[Path]) -> list[Path]:
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(path.rglob("*.yaml")))
        elif path.is_file():
            files.append(path)
        else:
            raise RuleFileError(str(path), "no such rule file or directory")
    return files


def _load_packs(files: Sequence[Path]) -> dict[str, Pack]:
    packs: dict[str, Pack] = {}
    bundled = bundled_pack_dir().resolve()
    for path in files:
        # The bundled packs are validated against the schema by the test suite
        # (tests/test_catalog.py); at run time only the user's packs need it.
        ours = path.resolve().is_relative_to(bundled)
        pack = load_pack(path, validate=not ours, bundled=ours)
        if pack.id in packs:
            raise RuleFileError(
                str(path),
                f"pack id '{pack.id}' is already used by {packs[pack.id].path}",
                1,
                "pack",
            )
        packs[pack.id] = pack
    for pack in packs.values():
        for base in pack.extends:
            if base not in packs:
                raise RuleFileError(
                    pack.path, f"extends unknown pack '{base}'", pack.extends_line, "extends"
                )
    return packs


def load_pack(path: Path, validate: bool = True, bundled: bool = False) -> Pack:
    """One pack; a `bundled` pack's rules are documented in docs/rules.md (RuleMeta.doc)."""
    doc = load_yaml(path)
    if validate:
        _validate(doc)
    data = doc.data
    rules = tuple(
        _build_rule(doc, index, raw, data["pack"], bundled)
        for index, raw in enumerate(data.get("rules", []))
    )
    _check_unique(doc, rules)
    overrides = tuple(
        (o, doc.line_of(("overrides", i))) for i, o in enumerate(data.get("overrides", []))
    )
    templates = tuple(path.parent / t for t in data.get("templates", []))
    for index, template in enumerate(templates):
        if not template.is_file():
            raise RuleFileError(
                doc.path,
                f"template file not found: {template}",
                doc.line_of(("templates", index)),
                "templates",
            )
    return Pack(
        id=str(data["pack"]),
        path=doc.path,
        title=Message.of(data["title"]),
        eras=frozenset(data.get("applies_to", {}).get("eras", [])),
        extends=tuple(data.get("extends", [])),
        rules=rules,
        overrides=overrides,
        profile=bool(data.get("profile", False)),
        templates=templates,
        any_era=bool(data.get("applies_to", {}).get("any_era", False)),
        extends_line=doc.line_of(("extends",)) if "extends" in data else None,
    )


def _validate(doc: YamlDoc) -> None:
    validate(doc, _schema())


def _build_rule(
    doc: YamlDoc, index: int, raw: Mapping[str, Any], pack: str, bundled: bool = False
) -> Rule:
    where: PathKey = ("rules", index)
    kind = kind_module(raw["kind"])
    if kind is None:
        known = ", ".join(sorted(all_kind_names()))
        raise RuleFileError(
            doc.path,
            f"unknown kind '{raw['kind']}' (known: {known})",
            doc.line_of((*where, "kind")),
            dotted((*where, "kind")),
        )
    try:
        params = kind.build_params(raw.get("params", {}))
    except (ValueError, re.error, OverflowError, TypeError, AttributeError) as exc:
        key = (*where, "params")
        raise RuleFileError(
            doc.path, f"invalid params: {exc}", doc.line_of(key), dotted(key)
        ) from exc
    except KeyError as exc:  # a kind reads its required keys directly
        key = (*where, "params")
        raise RuleFileError(
            doc.path, f"参数缺少必需的键 {exc} (missing key {exc})", doc.line_of(key), dotted(key)
        ) from exc
    meta = RuleMeta(
        id=raw["id"],
        name=raw["name"],
        title=Message.of(raw["title"]),
        severity=Severity.parse(raw["severity"]),
        category=raw["category"],
        basis=raw["basis"],
        doc=f"{RULE_REFERENCE}#{rule_anchor(raw['id'])}" if bundled else None,
    )
    examples = raw.get("examples", {})
    return Rule(
        meta=meta,
        kind=raw["kind"],
        params=params,
        pack=pack,
        source=f"{doc.path}:{doc.line_of(where)}",
        passes=tuple(
            _example(doc, (*where, "examples", "pass", i), e)
            for i, e in enumerate(examples.get("pass", []))
        ),
        fails=tuple(
            _example(doc, (*where, "examples", "fail", i), e)
            for i, e in enumerate(examples.get("fail", []))
        ),
        description=Message.of(raw["description"]) if "description" in raw else None,
        raw_params=dict(raw.get("params", {})),
    )


def kind_module(name: str) -> Any:
    """A kind by name: a per-report kind (checker.kinds) or a set kind (checker.kinds.sets)."""
    from checker.kinds import KINDS
    from checker.kinds.sets import SETKINDS

    return KINDS.get(name) or SETKINDS.get(name)


def _kind(name: str) -> Any:
    found = kind_module(name)
    assert found is not None, name  # validated when the rule was loaded
    return found


def all_kind_names() -> set[str]:
    from checker.kinds import KINDS
    from checker.kinds.sets import SETKINDS

    return {*KINDS, *SETKINDS}


def is_set_rule(rule: Rule) -> bool:
    """A rule that sees a set of reports (cross-year, cross-body): run by a batch, not per file."""
    from checker.kinds.sets import SETKINDS

    return rule.kind in SETKINDS


def _example(doc: YamlDoc, key: PathKey, raw: Mapping[str, Any]) -> Example:
    return Example(
        text=raw.get("text"),
        file=raw.get("file"),
        replace=tuple((str(a), str(b)) for a, b in raw.get("replace", [])),
        era=raw.get("era"),
        agency_kind=raw.get("agency_kind"),
        count=raw.get("count"),
        where=raw.get("where"),
        line=doc.line_of(key),
        reports=tuple(_example(doc, (*key, "set", i), r) for i, r in enumerate(raw.get("set", []))),
    )


def _check_unique(doc: YamlDoc, rules: Sequence[Rule]) -> None:
    seen: set[str] = set()
    for index, rule in enumerate(rules):
        for ident in (rule.meta.id, rule.meta.name):
            if ident in seen:
                key = ("rules", index, "id" if ident == rule.meta.id else "name")
                raise RuleFileError(
                    doc.path, f"duplicate rule '{ident}'", doc.line_of(key), dotted(key)
                )
            seen.add(ident)


def _with_bases(packs: Mapping[str, Pack], active: Sequence[Pack]) -> list[Pack]:
    """The active packs and everything they extend, bases first, each once."""
    ordered: list[Pack] = []

    def visit(pack: Pack, trail: tuple[str, ...]) -> None:
        if pack.id in trail:
            raise RuleFileError(
                pack.path, f"circular extends: {' -> '.join((*trail, pack.id))}", None, "extends"
            )
        for base in pack.extends:
            visit(packs[base], (*trail, pack.id))
        if pack not in ordered:
            ordered.append(pack)

    for pack in active:
        visit(pack, ())
    return ordered


def _resolve(packs: Mapping[str, Pack], active: Sequence[Pack]) -> dict[str, Rule]:
    """Each rule once, with the eras of every active pack that includes it."""
    rules: dict[str, Rule] = {}
    for entry in active:
        eras = frozenset() if entry.any_era else entry.eras or _profile_eras(packs, entry)
        for pack in _with_bases(packs, [entry]):
            for rule in pack.rules:
                _add(rules, rule, eras)
    return rules


def _profile_eras(packs: Mapping[str, Pack], profile: Pack) -> frozenset[str]:
    return frozenset(e for p in _with_bases(packs, [profile]) for e in p.eras)


def _add(rules: dict[str, Rule], rule: Rule, eras: frozenset[str]) -> None:
    known = rules.get(rule.meta.id)
    if known is not None and known.source != rule.source:
        path, _, line = rule.source.rpartition(":")
        message = f"rule id {rule.meta.id} is already defined at {known.source}"
        raise RuleFileError(path, message, int(line) if line.isdigit() else None, "id")
    everywhere = not eras or (known is not None and not known.eras)
    merged = frozenset() if everywhere else (known.eras if known else frozenset()) | eras
    rules[rule.meta.id] = replace(rule, eras=merged)


def _apply_overrides(rules: dict[str, Rule], active: Sequence[Pack]) -> dict[str, Rule]:
    for pack in active:
        for override, line in pack.overrides:
            rule = rules.get(override["id"])
            if rule is None:
                raise RuleFileError(
                    pack.path, f"override of unknown rule '{override['id']}'", line, "overrides"
                )
            if override.get("enabled") is False:
                del rules[rule.meta.id]
                continue
            if "severity" in override:
                rule = replace(
                    rule, meta=replace(rule.meta, severity=Severity.parse(override["severity"]))
                )
            if "params" in override:
                merged = _deep_merge(rule.raw_params, override["params"])  # only what is named
                try:
                    params = _kind(rule.kind).build_params(merged)
                except (ValueError, re.error) as exc:
                    raise RuleFileError(
                        pack.path, f"invalid params: {exc}", line, "overrides"
                    ) from exc
                rule = replace(rule, params=params, raw_params=merged)
            rules[rule.meta.id] = rule
    return rules


def _deep_merge(base: Mapping[str, Any], change: Mapping[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in change.items():
        old = merged.get(key)
        merged[key] = (
            _deep_merge(old, value)
            if isinstance(old, Mapping) and isinstance(value, Mapping)
            else value
        )
    return merged


def _apply_cli(
    rules: dict[str, Rule], severities: Mapping[str, str], disabled: set[str]
) -> dict[str, Rule]:
    by_name = {r.meta.name: r.meta.id for r in rules.values()}
    for ident in [*severities, *disabled]:
        if ident not in rules and ident not in by_name:
            raise RuleFileError("--severity/--disable", f"unknown rule '{ident}'")
    for ident, level in severities.items():
        rule = rules[by_name.get(ident, ident)]
        rules[rule.meta.id] = replace(rule, meta=replace(rule.meta, severity=Severity.parse(level)))
    for ident in disabled:
        rules.pop(by_name.get(ident, ident), None)
    return rules
