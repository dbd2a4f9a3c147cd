"""The check kinds: one module per kind, listed in KINDS (the only registry). The kinds that see
more than one report are in `kinds.sets` (registry SETKINDS).

May import only `checker.core` (and other kinds): a check never depends on the input format
(readers), on how the model was built (extract) or on how it is run (engine, batch).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, MutableMapping
from importlib import import_module
from typing import TYPE_CHECKING, Any, Generic, Protocol, TypeVar

from checker.core.findings import Problem
from checker.core.model import Report


class Kind(Protocol):
    NAME: str
    PARAMS_SCHEMA: dict[str, Any]  # JSON Schema of `params` (the rule-pack schema's part)

    def build_params(self, raw: Mapping[str, Any]) -> Any: ...

    def check(self, params: Any, report: Report) -> Iterator[Problem]: ...


K = TypeVar("K")


class Registry(MutableMapping[str, K], Generic[K]):
    """Kinds by name, each module imported when its kind is first asked for: a run imports the
    kinds of the rules it runs (a 2008 report's check never loads the 2021 table kinds nor the
    set kinds). A kind's name is its module's name in `package`; names alone (`in`) import
    nothing. A test may add a kind (`monkeypatch.setitem`)."""

    def __init__(self, package: str, names: Iterable[str]):
        self._package = package
        self._names = list(names)
        self._loaded: dict[str, K] = {}

    def __getitem__(self, name: str) -> K:
        if name in self._loaded:
            return self._loaded[name]
        if name not in self._names:
            raise KeyError(name)
        module: Any = import_module(f"{self._package}.{name}")
        assert name == module.NAME, f"{self._package}.{name}: NAME is {module.NAME!r}"
        self._loaded[name] = module
        return module  # type: ignore[no-any-return]  # checked against K by TYPED below

    def __contains__(self, name: object) -> bool:
        return name in self._loaded or name in self._names

    def __iter__(self) -> Iterator[str]:
        return iter(dict.fromkeys([*self._names, *self._loaded]))

    def __len__(self) -> int:
        return len(dict.fromkeys([*self._names, *self._loaded]))

    def __setitem__(self, name: str, kind: K) -> None:
        self._loaded[name] = kind

    def __delitem__(self, name: str) -> None:
        if name not in self:
            raise KeyError(name)
        self._loaded.pop(name, None)
        if name in self._names:
            self._names.remove(name)


# The registry: one name per kind module. (The list under TYPE_CHECKING has mypy check every
# module against the Kind protocol; tests/test_catalog.py keeps the two lists the same.)
NAMES = (
    "balanced_pairs",
    "cell_values",
    "change_claims",
    "deadline",
    "keywords_present",
    "metadata_present",
    "outline_parts",
    "prose_vs_table",
    "rate_claim",
    "required_sections",
    "share_claims",
    "share_vs_table",
    "stated_total",
    "statistics_period",
    "table_identity",
    "table_notes",
    "table_present",
    "template_era",
    "text_patterns",
)
KINDS: Registry[Kind] = Registry("checker.kinds", NAMES)

if TYPE_CHECKING:
    from checker.kinds import (
        balanced_pairs,
        cell_values,
        change_claims,
        deadline,
        keywords_present,
        metadata_present,
        outline_parts,
        prose_vs_table,
        rate_claim,
        required_sections,
        share_claims,
        share_vs_table,
        stated_total,
        statistics_period,
        table_identity,
        table_notes,
        table_present,
        template_era,
        text_patterns,
    )

    TYPED: list[Kind] = [
        balanced_pairs,
        cell_values,
        change_claims,
        deadline,
        keywords_present,
        metadata_present,
        outline_parts,
        prose_vs_table,
        rate_claim,
        required_sections,
        share_claims,
        share_vs_table,
        stated_total,
        statistics_period,
        table_identity,
        table_notes,
        table_present,
        template_era,
        text_patterns,
    ]
