"""A loaded rule set: rules (identity, kind, typed parameters, examples) grouped in packs.

The model the engine runs and the loader (`checker.ruleset`) builds, like `model.Report` for a
report: it lives in the floor so the engine needs no loader and the loader can use the engine.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from checker.core.findings import RuleMeta
from checker.core.model import Message

if TYPE_CHECKING:
    from checker.core.templates.model import Templates


@dataclass(frozen=True)
class Example:
    """A PASS or FAIL case of a rule: a small text, or a fixture with replacements."""

    text: str | None = None
    file: str | None = None
    replace: tuple[tuple[str, str], ...] = ()
    era: str | None = None
    agency_kind: str | None = None
    count: int | None = None  # FAIL: exactly this many findings (default: at least one)
    where: str | None = None  # FAIL: one finding has this logical location
    line: int | None = None  # where the case is written, for error messages
    reports: tuple[Example, ...] = ()  # a set rule's case: several reports checked together


@dataclass(frozen=True)
class Rule:
    meta: RuleMeta
    kind: str
    params: Any
    pack: str
    source: str  # "path:line" of the rule in its pack
    eras: frozenset[str] = frozenset()
    passes: tuple[Example, ...] = ()
    fails: tuple[Example, ...] = ()
    description: Message | None = None
    raw_params: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Pack:
    id: str
    path: str
    title: Message
    eras: frozenset[str]
    extends: tuple[str, ...]
    rules: tuple[Rule, ...]
    overrides: tuple[tuple[Mapping[str, Any], int | None], ...] = ()
    profile: bool = False
    templates: tuple[Path, ...] = ()
    any_era: bool = False  # runs on every report, even one whose era is unknown
    extends_line: int | None = None


@dataclass(frozen=True)
class RuleSet:
    rules: tuple[Rule, ...]
    packs: Mapping[str, Pack] = field(default_factory=dict)
    templates: tuple[Path, ...] = ()

    @cached_property
    def table_templates(self) -> Templates:
        from checker.core.templates.loader import load_templates

        return load_templates(self.templates)

    def for_era(self, era: str | None) -> tuple[Rule, ...]:
        """The rules that run on a report of `era`; era-less rules run on every report."""
        return tuple(r for r in self.rules if not r.eras or (era is not None and era in r.eras))

    def get(self, rule_id: str) -> Rule | None:
        return next((r for r in self.rules if r.meta.id == rule_id or r.meta.name == rule_id), None)
