"""Baselines: adopt the checker on a backlog of reports without fixing everything first.

`ogi-check baseline PATH…` records the fingerprints of today's findings in a JSON file;
`ogi-check check --baseline FILE` then reports only findings not recorded there, and counts how
many it held back and how many entries are stale (recorded for a file that was checked, but no
longer found: fixed, so the entry can go — rewrite the baseline to drop them).

Paths in the file are relative to the repository root — the folder of the configuration file,
or, without one, the folder holding the baseline — so the same baseline works from any working
directory. Fingerprints come from
`checker.core.fingerprints`: rule + file + logical location, never line numbers.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from checker.core.errors import ConfigError, RuleFileError
from checker.core.findings import FileResult, Finding, RunResult
from checker.core.fingerprints import iter_fingerprints
from checker.core.yamlsource import PathKey, YamlDoc, dotted, parse_yaml, read_source
from checker.project.globs import outside

SCHEMA_VERSION = 1
SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["schema_version", "findings"],
    "additionalProperties": False,
    "properties": {
        "schema_version": {"const": SCHEMA_VERSION},
        "tool": {"type": "string"},
        "findings": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["fingerprint", "rule", "path"],
                "additionalProperties": False,
                "properties": {
                    "fingerprint": {"type": "string", "pattern": "^[0-9a-f]{32}$"},
                    "rule": {"type": "string"},
                    "path": {"type": "string", "minLength": 1},
                    "where": {"type": ["string", "null"]},
                    "message": {"type": "string"},
                },
            },
        },
    },
}


@dataclass(frozen=True)
class Entry:
    fingerprint: str
    rule: str
    path: str  # relative to the baseline's folder, posix


@dataclass(frozen=True)
class Baseline:
    file: Path
    entries: tuple[Entry, ...]
    root_folder: Path | None = None  # the repository root; None: the baseline's folder

    @property
    def root(self) -> Path:
        return Path(os.path.abspath(self.root_folder or Path(os.path.abspath(self.file)).parent))

    def key_path(self, shown: str) -> str | None:
        """A checked file's path as the baseline spells it; None if outside its folder."""
        try:
            return Path(os.path.abspath(shown)).relative_to(self.root).as_posix()
        except ValueError:
            return None


# --- writing ----------------------------------------------------------------------------


def baseline_dict(result: RunResult, file: Path, root: Path | None = None) -> dict[str, Any]:
    empty = Baseline(file, (), root)
    records = []
    for checked in result.files:
        for finding, fp, key in _keyed(empty, checked):
            records.append(_record(finding, fp, key))
    records.sort(key=lambda r: (r["path"], r["rule"], r["where"] or "", r["fingerprint"]))
    return {"schema_version": SCHEMA_VERSION, "tool": "ogi-check", "findings": records}


def check_inside(file: Path, paths: Iterable[Path], root: Path | None = None) -> None:
    """Every file to record must lie in the repository (the baseline's root folder)."""
    empty = Baseline(file, (), root)
    for path in paths:
        if empty.key_path(str(path)) is None:
            raise ConfigError(
                f"{file}: {path} is outside the baseline's folder {empty.root}: keep the baseline "
                "at the repository root, or use a configuration file there"
            )


def write_baseline(result: RunResult, file: Path, root: Path | None = None) -> int:
    """Write the baseline of `result` to `file`; the number of findings recorded."""
    check_inside(file, [Path(f.path) for f in result.files], root)
    doc = baseline_dict(result, file, root)
    try:
        file.write_text(json.dumps(doc, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"cannot write {file}: {exc.strerror or exc}") from exc
    return len(doc["findings"])


def _record(finding: Finding, fp: str, key: str) -> dict[str, Any]:
    return {
        "fingerprint": fp,
        "rule": finding.rule.id,
        "path": key,
        "where": finding.problem.where,
        "message": finding.problem.message.zh,
    }


def _keyed(baseline: Baseline, checked: FileResult) -> Iterator[tuple[Finding, str, str]]:
    key = baseline.key_path(checked.path)
    if key is None:
        return
    for finding, fp in iter_fingerprints(key, checked.findings):
        yield finding, fp, key


# --- reading ----------------------------------------------------------------------------


def read_baseline(file: Path, rule_ids: Mapping[str, str], root: Path | None = None) -> Baseline:
    """Read and validate a baseline: JSON, the schema, known rules, paths inside its folder."""
    try:
        text = read_source(file)
    except FileNotFoundError as exc:
        raise ConfigError(
            f"{file}: baseline file not found (write one with `ogi-check baseline`)"
        ) from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{file}: cannot read baseline: {exc}") from exc
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ConfigError(f"{file}:{exc.lineno}: baseline is not valid JSON: {exc.msg}") from exc
    except RecursionError as exc:
        raise ConfigError(f"{file}: 基线嵌套层数过多 (baseline nested too deep)") from exc
    except ValueError as exc:  # an integer of thousands of digits
        raise ConfigError(
            f"{file}: 基线含无效数值 (invalid value: {str(exc).split(';')[0]})"
        ) from exc
    doc = _lines(text, str(file), data)
    _validate(doc)
    entries = tuple(_entry(doc, i, raw, rule_ids) for i, raw in enumerate(data["findings"]))
    return Baseline(file, entries, root)


def _lines(text: str, name: str, data: Any) -> YamlDoc:
    """JSON is YAML: PyYAML gives the line of each key, for error messages."""
    try:
        return replace(parse_yaml(text, name), data=data)
    except RuleFileError:
        return YamlDoc(name, data, {(): 1})


def _validate(doc: YamlDoc) -> None:
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import best_match

    error = best_match(Draft202012Validator(SCHEMA).iter_errors(doc.data))
    if error is not None:
        raise _error(doc, tuple(error.absolute_path), error.message)


def _entry(doc: YamlDoc, index: int, raw: Mapping[str, Any], rule_ids: Mapping[str, str]) -> Entry:
    key: PathKey = ("findings", index)
    if raw["rule"] not in rule_ids:
        raise _error(doc, (*key, "rule"), f"unknown rule '{raw['rule']}'")
    if outside(raw["path"]) or ":" in raw["path"].split("/")[0]:
        raise _error(doc, (*key, "path"), f"'{raw['path']}' points outside the repository")
    return Entry(raw["fingerprint"], rule_ids[raw["rule"]], raw["path"])


def _error(doc: YamlDoc, key: PathKey, message: str) -> ConfigError:
    line = doc.line_of(key)
    where = f"{doc.path}:{line}" if line else doc.path
    return ConfigError(f"{where}: {dotted(key)}: {message}")


# --- applying ---------------------------------------------------------------------------


def apply_baseline(result: RunResult, baseline: Baseline) -> RunResult:
    """Only the findings the baseline does not hold; counts of those held back and stale."""
    known = {e.fingerprint for e in baseline.entries}
    matched: set[str] = set()
    files = [_filter(file, baseline, known, matched) for file in result.files]
    checked = {
        key
        for file in result.files
        if file.error is None and (key := baseline.key_path(file.path)) is not None
    }
    suppressed = sum(
        len(a.findings) - len(b.findings) for a, b in zip(result.files, files, strict=True)
    )
    stale = sum(1 for e in baseline.entries if e.path in checked and e.fingerprint not in matched)
    counts = {**result.counts, "baseline_suppressed": suppressed, "baseline_stale": stale}
    return RunResult(tuple(files), counts)


def _filter(file: FileResult, baseline: Baseline, known: set[str], matched: set[str]) -> FileResult:
    held: set[int] = set()
    for finding, fp, _ in _keyed(baseline, file):
        if fp in known:
            held.add(id(finding))
            matched.add(fp)
    return replace(file, findings=tuple(f for f in file.findings if id(f) not in held))
