"""A loaded rule set: rules (identity, kind, typed parameters, examples) grouped in packs.

The model the engine runs and the loader (`checker.ruleset`) builds, like `model.Report` for a
report: it lives in the floor so the engine needs no loader and the loader can use the engine.
"""

from __future__ import annotations

import pickle
from collections.abc import Iterable, Mapping
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
    """One rule of a pack: what it reports, which kind checks it, with which parameters."""

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

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickled with its params as a pickle of their own, unpickled on first use (see
        __getattr__): the compiled-pack cache holds every rule of every pack, and reading
        back a params object imports its kind's module, while a check of one report runs
        only the rules of its era (and no set rule)."""
        state = dict(self.__dict__)
        state["_params_pickle"] = pickle.dumps(self.params, protocol=pickle.HIGHEST_PROTOCOL)
        state.pop("params", None)
        return (_unpickled_rule, (state,))

    def __getattr__(self, name: str) -> Any:
        """Only for an attribute not set: `params` of a rule read back from a pickle."""
        state = self.__dict__
        if name != "params" or "_params_pickle" not in state:
            raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")
        params = pickle.loads(state["_params_pickle"])
        object.__setattr__(self, "params", params)
        return params


def _unpickled_rule(state: dict[str, Any]) -> Rule:
    rule = Rule.__new__(Rule)
    rule.__dict__.update(state)
    return rule


@dataclass(frozen=True)
class Pack:
    """A rule pack as loaded: its rules, what it extends and the overrides it makes."""

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


class RuleNames:
    """Rule ids and names as people type them: in any case (`ogi-n002`, `Stated-Total-Parts`),
    and for a typo the nearest one (`OGI-N02` → OGI-N002)."""

    def __init__(self, metas: Iterable[RuleMeta]) -> None:
        self._ids: dict[str, str] = {}  # id or name, case-folded -> id
        self._spelled: dict[str, str] = {}  # id or name, case-folded -> as the pack spells it
        for meta in metas:
            for ident in (meta.id, meta.name):
                self._ids.setdefault(ident.casefold(), meta.id)
                self._spelled.setdefault(ident.casefold(), ident)

    def resolve(self, ident: str) -> str | None:
        """The rule id `ident` names, None when no rule has that id or name."""
        return self._ids.get(ident.casefold())

    def suggest(self, ident: str) -> str | None:
        """The id or name nearest to a misspelt `ident`, None when none is near."""
        import difflib  # only on an error: not on every run's start

        close = difflib.get_close_matches(ident.casefold(), self._spelled, n=1, cutoff=0.6)
        return self._spelled[close[0]] if close else None


@dataclass(frozen=True)
class RuleSet:
    """The rules a run checks with, the packs they came from and the table templates."""

    rules: tuple[Rule, ...]
    packs: Mapping[str, Pack] = field(default_factory=dict)
    templates: tuple[Path, ...] = ()
    # Rule ids this run switched off (--disable, --select, configuration), the suppression
    # rules OGI-S001/S002 included: a suppression of such a rule is not judged unused.
    off: frozenset[str] = frozenset()

    @cached_property
    def table_templates(self) -> Templates:
        from checker.core.templates.loader import load_templates

        return load_templates(self.templates)

    def for_era(self, era: str | None) -> tuple[Rule, ...]:
        """The rules that run on a report of `era`; era-less rules run on every report."""
        return tuple(r for r in self.rules if not r.eras or (era is not None and era in r.eras))

    def get(self, rule_id: str) -> Rule | None:
        """The rule with this id or name, in any case (`ogi-n002`, `Stated-Total-Parts`)."""
        wanted = rule_id.casefold()
        return next(
            (r for r in self.rules if wanted in (r.meta.id.casefold(), r.meta.name.casefold())),
            None,
        )
