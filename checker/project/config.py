"""Repository configuration: `.ogi-check.yaml` or `[tool.ogi-check]` in pyproject.toml.

Found by walking up from the checked paths (their deepest common folder), or named with
`--config`. It is read and validated — JSON Schema, paths inside the repository, rules and
profiles that exist — before any report is read; an error names the file, the line and the key
(exit code 2). The folder holding the file is the repository root: every path and pattern in it
is relative to that folder.

Precedence, lowest first: built-in defaults and what the checker infers from the report; the
top level of the file; each `paths` entry that matches the file, in order; command-line options.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Any

from checker.core.errors import ConfigError, RuleFileError
from checker.core.rules import RuleNames
from checker.core.yamlsource import PathKey, YamlDoc, dotted
from checker.project.globs import matches, outside

YAML_NAMES = (".ogi-check.yaml", ".ogi-check.yml")
TOML_TABLE: PathKey = ("tool", "ogi-check")


@dataclass(frozen=True)
class PathSettings:
    """One `paths` entry: what it sets for the files its patterns match."""

    patterns: tuple[str, ...]
    index: int
    era: str | None = None
    agency_kind: str | None = None
    profiles: tuple[str, ...] = ()
    disable: tuple[str, ...] = ()
    enable: tuple[str, ...] = ()
    severity: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Settings:
    """What applies to one file (or what the command line states for every file)."""

    era: str | None = None
    agency_kind: str | None = None
    profiles: tuple[str, ...] = ()
    disabled: frozenset[str] = frozenset()
    severities: tuple[tuple[str, str], ...] = ()
    selected: frozenset[str] | None = None  # --select: only these rules run (None: all)

    @property
    def rules_key(self) -> tuple[object, ...]:
        """Files with the same key share one loaded rule set."""
        return self.profiles, self.severities, self.disabled, self.selected


@dataclass(frozen=True)
class Config:
    root: Path
    path: Path | None = None  # None: no configuration file (defaults only)
    packs: tuple[Path, ...] = ()
    profiles: tuple[str, ...] = ()
    disable: tuple[str, ...] = ()
    severity: tuple[tuple[str, str], ...] = ()
    fail_on: str | None = None
    baseline: Path | None = None
    exclude: tuple[str, ...] = ()
    paths: tuple[PathSettings, ...] = ()
    doc: YamlDoc | None = field(default=None, compare=False, repr=False)

    @property
    def baseline_root(self) -> Path | None:
        """Where baseline paths start: this file's folder; None without a file."""
        return self.root if self.path is not None else None

    def relative(self, path: Path) -> str | None:
        """The path relative to the root, posix; None when it lies outside."""
        try:
            return Path(os.path.abspath(path)).relative_to(self.root).as_posix()
        except ValueError:
            return None

    def excluded(self, path: Path) -> bool:
        relative = self.relative(path)
        return relative is not None and matches(relative, self.exclude)

    def settings_for(self, path: Path, cli: Settings) -> Settings:
        relative = self.relative(path)
        entries = [p for p in self.paths if relative is not None and matches(relative, p.patterns)]
        era = agency_kind = None
        profiles = list(self.profiles)
        disabled = set(self.disable)
        severities = dict(self.severity)
        for entry in entries:
            era = entry.era or era
            agency_kind = entry.agency_kind or agency_kind
            profiles.extend(entry.profiles)
            disabled = (disabled - set(entry.enable)) | set(entry.disable)
            severities.update(entry.severity)
        severities.update(cli.severities)
        return Settings(
            era=cli.era or era,
            agency_kind=cli.agency_kind or agency_kind,
            profiles=tuple(dict.fromkeys([*profiles, *cli.profiles])),
            disabled=frozenset(disabled | cli.disabled),
            severities=tuple(sorted(severities.items())),
            selected=cli.selected,
        )

    def all_profiles(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys([*self.profiles, *(p for e in self.paths for p in e.profiles)]))


# --- finding and reading -------------------------------------------------------------------


def find_config(paths: Sequence[Path]) -> Path | None:
    """The nearest configuration file above the checked paths' deepest common folder."""
    start = _common_folder(paths)
    for folder in (start, *start.parents):
        for name in YAML_NAMES:
            if (folder / name).is_file():
                return folder / name
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and _has_table(pyproject):
            return pyproject
    return None


def _common_folder(paths: Sequence[Path]) -> Path:
    absolute = [Path(os.path.abspath(p)) for p in paths] or [Path.cwd()]
    folders = [p if p.is_dir() else p.parent for p in absolute]
    return Path(os.path.commonpath([str(f) for f in folders]))


# The lines through which a pyproject.toml can define the table tool.ogi-check: a header that
# names it (`[tool.ogi-check]`, `[[tool.ogi-check.paths]]`, `[ "tool".'ogi-check' ]`), a `[tool]`
# header (then `ogi-check = …` under it), or a key `tool.…` / `tool = {…}` (at the top level).
# A file with none of them has no such table, whatever else mentions ogi-check (a console
# script `ogi-check = "checker.cli:main"`, a pre-commit note): it is passed over without parsing
# the TOML. Keys spelt with escapes (`"ogi\u002dcheck"`) are not looked for, as before.
_MAY_DEFINE_TABLE = re.compile(
    rb"""^[ \t]*(?:\[[^\n]*ogi-check"""
    rb"""|\[\[?[ \t]*(?:tool|"tool"|'tool')[ \t]*\]"""
    rb"""|(?:tool|"tool"|'tool')[ \t]*[.=])""",
    re.MULTILINE,
)


def _has_table(pyproject: Path) -> bool:
    """Whether pyproject.toml configures ogi-check; a broken one that may define the table is
    an error (exit 2), not silently skipped: its settings would be lost without a word."""
    try:
        raw = pyproject.read_bytes()
    except OSError:
        return False
    if b"ogi-check" not in raw or not _MAY_DEFINE_TABLE.search(raw):
        return False
    return _read_doc(pyproject) is not None


def load_config(path: Path | None, default_root: Path) -> Config:
    """The configuration in `path` (validated), or defaults rooted at `default_root`."""
    if path is None:
        return Config(root=Path(os.path.abspath(default_root)))
    if not path.is_file():
        raise ConfigError(f"{path}: no such configuration file")
    doc = _read_doc(path)
    if doc is None:
        raise ConfigError(f"{path}: no [tool.ogi-check] table")
    data = doc.data if doc.data is not None else {}
    _validate(doc, data)
    return _build(doc, data, Path(os.path.abspath(path)).parent)


def _read_doc(path: Path) -> YamlDoc | None:
    if path.name == "pyproject.toml" or path.suffix == ".toml":
        from checker.project.tomlsource import load_toml_table

        return load_toml_table(path, TOML_TABLE)
    from checker.core.yamlsource import load_yaml

    try:
        return load_yaml(path)
    except RuleFileError as exc:
        raise ConfigError(str(exc)) from exc


@cache
def _schema() -> dict[str, Any]:
    import json  # only to validate a configuration: a check without one does not import it

    from checker.ruleset.load import bundled_pack_dir

    text = (bundled_pack_dir() / "schema" / "config.schema.json").read_text(encoding="utf-8")
    return dict(json.loads(text))


def _validate(doc: YamlDoc, data: Any) -> None:
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import best_match

    errors = list(Draft202012Validator(_schema()).iter_errors(data))
    for error in sorted(errors, key=lambda e: doc.line_of(tuple(e.absolute_path)) or 0):
        if error.validator == "additionalProperties" and isinstance(error.instance, dict):
            _unknown_keys(doc, tuple(error.absolute_path), error.instance, error.schema)
    error = best_match(errors)
    if error is not None:
        raise config_error(doc, tuple(error.absolute_path), error.message)


def _unknown_keys(doc: YamlDoc, at: PathKey, instance: Mapping[Any, Any], schema: Any) -> None:
    """A key the schema does not know, most likely a typo: say which, on which line, and the
    nearest valid key (or where the key belongs, when it is valid one level up or down)."""
    import difflib

    allowed = list(schema.get("properties", {}))
    unknown = [str(k) for k in instance if k not in allowed]
    if not unknown:
        return
    key = unknown[0]
    line = doc.line_of((*at, key))
    close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
    elsewhere = [] if close else [p for p in _key_places() if p.rsplit(".", 1)[-1] == key]
    near = close[0] if close else elsewhere[0] if elsewhere else None
    under = f"{dotted(at)} 下，" if at else ""
    zh = f"未知配置项 '{key}'（{under}第{line}行）"
    en = f"unknown key '{key}'"
    if near:
        zh += f"，是否想写 '{near}'？"
        en += f": did you mean '{near}'?"
    else:
        zh += f"；可用的配置项：{', '.join(allowed)}"
        en += f"; valid keys: {', '.join(allowed)}"
    raise config_error(doc, (*at, key), f"{zh} ({en})")


@cache
def _key_places() -> tuple[str, ...]:
    """Every key of the configuration schema, dotted from the top (`rules.disable`,
    `paths[].era`), to tell a user who wrote a key at the wrong level where it goes."""
    schema = _schema()

    def walk(node: Any, prefix: str) -> list[str]:
        if "$ref" in node:
            node = schema["$defs"][node["$ref"].rsplit("/", 1)[-1]]
        if node.get("type") == "array" and isinstance(node.get("items"), dict):
            return walk(node["items"], prefix + "[]")
        places = []
        for name, sub in node.get("properties", {}).items():
            place = f"{prefix}.{name}" if prefix else name
            places += [place, *walk(sub, place)]
        return places

    return tuple(walk(schema, ""))


def config_error(doc: YamlDoc, key: PathKey, message: str) -> ConfigError:
    line = doc.line_of(key)
    where = f"{doc.path}:{line}" if line else doc.path
    prefix = "tool.ogi-check." if doc.path.endswith(".toml") and key else ""
    return ConfigError(f"{where}: {prefix}{dotted(key)}: {message}")


# --- building ---------------------------------------------------------------------------


def _build(doc: YamlDoc, data: Mapping[str, Any], root: Path) -> Config:
    rules = data.get("rules", {})
    return Config(
        root=root,
        path=Path(doc.path),
        packs=tuple(
            _inside(doc, root, ("packs", i), p, must_exist=True)
            for i, p in enumerate(data.get("packs", []))
        ),
        profiles=tuple(data.get("profiles", [])),
        disable=tuple(rules.get("disable", [])),
        severity=tuple(rules.get("severity", {}).items()),
        fail_on=data.get("fail_on"),
        baseline=_inside(doc, root, ("baseline",), data["baseline"])
        if "baseline" in data
        else None,
        exclude=_patterns(doc, ("exclude",), data.get("exclude", [])),
        paths=tuple(_path_settings(doc, i, raw) for i, raw in enumerate(data.get("paths", []))),
        doc=doc,
    )


def _inside(doc: YamlDoc, root: Path, key: PathKey, value: str, must_exist: bool = False) -> Path:
    path = Path(os.path.abspath(root / value))
    resolved = path.resolve()
    if not (path.is_relative_to(root) and resolved.is_relative_to(root.resolve())):
        raise config_error(doc, key, f"'{value}' points outside the repository ({root})")
    if must_exist and not path.exists():
        raise config_error(doc, key, f"'{value}' does not exist")
    return path


def _patterns(doc: YamlDoc, key: PathKey, raw: str | list[str]) -> tuple[str, ...]:
    patterns = [raw] if isinstance(raw, str) else list(raw)
    for index, pattern in enumerate(patterns):
        if outside(pattern):
            where = key if isinstance(raw, str) else (*key, index)
            raise config_error(doc, where, f"'{pattern}' points outside the repository")
    return tuple(patterns)


def _path_settings(doc: YamlDoc, index: int, raw: Mapping[str, Any]) -> PathSettings:
    era = raw.get("era")
    return PathSettings(
        patterns=_patterns(doc, ("paths", index, "match"), raw["match"]),
        index=index,
        era=str(era) if era is not None else None,
        agency_kind=raw.get("agency_kind"),
        profiles=tuple(raw.get("profiles", [])),
        disable=tuple(raw.get("disable", [])),
        enable=tuple(raw.get("enable", [])),
        severity=tuple(raw.get("severity", {}).items()),
    )


# --- checking against the loaded rules --------------------------------------------------


def resolve_references(config: Config, names: RuleNames, profiles: Iterable[str]) -> Config:
    """Check that every rule and profile the file names exists (the error names its line and
    key, and the nearest rule for a typo) and spell rules by id, in any case, so that a name and
    an id of one rule meet in `enable`."""
    if config.doc is None:
        return config
    for key, ident in _rule_references(config):
        if names.resolve(ident) is None:
            near = names.suggest(ident)
            hint = f"，是否想写 '{near}'？ (did you mean '{near}'?)" if near else ""
            raise config_error(config.doc, key, f"未知规则 unknown rule '{ident}'{hint}")
    known = set(profiles)
    for key, profile in _profile_references(config):
        if profile not in known:
            choices = ", ".join(sorted(known)) or "none"
            raise config_error(config.doc, key, f"unknown profile '{profile}' (known: {choices})")

    def ids(ident: str) -> str:
        return names.resolve(ident) or ident

    return replace(
        config,
        disable=tuple(map(ids, config.disable)),
        severity=tuple((ids(k), v) for k, v in config.severity),
        paths=tuple(
            replace(
                e,
                disable=tuple(map(ids, e.disable)),
                enable=tuple(map(ids, e.enable)),
                severity=tuple((ids(k), v) for k, v in e.severity),
            )
            for e in config.paths
        ),
    )


def _rule_references(config: Config) -> Iterable[tuple[PathKey, str]]:
    for i, ident in enumerate(config.disable):
        yield ("rules", "disable", i), ident
    for ident, _ in config.severity:
        yield ("rules", "severity", ident), ident
    for entry in config.paths:
        for name in ("disable", "enable"):
            for i, ident in enumerate(getattr(entry, name)):
                yield ("paths", entry.index, name, i), ident
        for ident, _ in entry.severity:
            yield ("paths", entry.index, "severity", ident), ident


def _profile_references(config: Config) -> Iterable[tuple[PathKey, str]]:
    for i, profile in enumerate(config.profiles):
        yield ("profiles", i), profile
    for entry in config.paths:
        for i, profile in enumerate(entry.profiles):
            yield ("paths", entry.index, "profiles", i), profile
