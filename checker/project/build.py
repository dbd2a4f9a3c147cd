"""A checked repository: its configuration, the rule sets its paths need, its baseline.

Everything here is built and validated before the first report is read, so a bad configuration,
rule pack or baseline stops the run (exit code 2) with nothing checked half-way.
"""

from __future__ import annotations

import os
from array import array
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, overload

from checker import engine
from checker.core import suppressions
from checker.core.errors import UnknownRuleError
from checker.core.findings import RuleMeta, RunResult, Severity
from checker.core.rules import RuleNames, RuleSet
from checker.engine import Job, RunConfig, iter_files
from checker.extract.report import Overrides
from checker.project.config import Config, Settings, find_config, load_config, resolve_references
from checker.project.notreport import not_a_report
from checker.ruleset.load import load_rules

if TYPE_CHECKING:  # a baseline is read only when one is in use
    from checker.project.baseline import Baseline


@dataclass
class Project:
    config: Config
    cli: Settings
    packs: tuple[Path, ...]  # the configuration's packs, then --rules
    known: RuleSet  # every pack loaded, no profile active: names, ids, profiles
    baseline: Baseline | None = None
    baseline_path: Path | None = None  # the file in use or to be written
    skipped: list[Path] = field(default_factory=list)  # named files that are not reports
    _rule_sets: dict[object, RuleSet] = field(default_factory=dict)
    _by_profiles: dict[tuple[str, ...], RuleSet] = field(default_factory=dict)

    def rules_for(self, settings: Settings) -> RuleSet:
        key = settings.rules_key
        if key not in self._rule_sets:
            self._rule_sets[key] = _select(self._with_profiles(settings.profiles), settings)
        return self._rule_sets[key]

    def _with_profiles(self, profiles: tuple[str, ...]) -> RuleSet:
        if profiles not in self._by_profiles:
            self._by_profiles[profiles] = load_rules(self.packs, profiles)
        return self._by_profiles[profiles]

    def jobs(self, paths: Sequence[Path]) -> JobList:
        """A job per file to check (excluded files dropped), each with its rules and overrides."""
        jobs = JobList()
        for path in self.files(paths):
            jobs.append(path, *self._settings(path))
        return jobs

    def stdin_job(self, name: Path, stream: BinaryIO) -> Job | None:
        """The job for a report read from standard input and called `name` (`--stdin-filename`,
        as ruff and ESLint take it): the configuration's settings for that path, nothing read
        from the disk; None when the configuration excludes the name."""
        if self.config.excluded(name):
            return None
        return Job(name, *self._settings(name), stream=stream)

    def _settings(self, path: Path) -> tuple[RuleSet, RunConfig]:
        settings = self.config.settings_for(path, self.cli)
        overrides = Overrides(era=settings.era, agency_kind=settings.agency_kind)
        return self.rules_for(settings), RunConfig(overrides=overrides)

    def files(self, paths: Sequence[Path]) -> Iterator[Path]:
        """Files named, and report files in folders named, less what is excluded. In a folder,
        hidden files and folders (.git, .github, .pre-commit-config.yaml) and the
        configuration and baseline files are not reports and are passed over."""
        own = {p.resolve() for p in (self.config.path, self.baseline_path) if p is not None}
        for named in paths:
            if not_a_report(named):
                self.skipped.append(named)
                continue
            for path in iter_files([named]):
                walked = path != named
                hidden = walked and _hidden(path.relative_to(named))
                if hidden or (walked and own and path.resolve() in own):  # resolve: a syscall
                    continue
                if not self.config.excluded(path):
                    yield path

    def catalog(self) -> list[RuleMeta]:
        """Every rule that can appear in this run's findings, once per id."""
        metas = {r.meta.id: r.meta for rs in self._rule_sets.values() for r in rs.rules}
        return sorted(metas.values(), key=lambda m: m.id) + list(suppressions.RULES)

    def run(self, jobs: Sequence[Job]) -> RunResult:
        result = engine.run_jobs(jobs)  # by module: tests replace it to simulate a bug
        if not self.baseline:
            return result
        from checker.project.baseline import apply_baseline

        return apply_baseline(result, self.baseline)


class JobList(Sequence[Job]):
    """The jobs of a run, held compactly: per file its path as UTF-8 bytes in one buffer, and
    two numbers; the rules and settings once per distinct combination. (A Job object per file
    costs over a kilobyte, which a run of a hundred thousand files would feel.) Jobs are made as
    they are asked for."""

    def __init__(self) -> None:
        self.buffer = bytearray()  # every path, encoded, one after another
        self.ends = array("Q")  # per file: where its path ends in the buffer
        self.keys = array("I")  # per file: index into self.kinds
        self.kinds: list[tuple[RuleSet, RunConfig]] = []
        self._kind_of: dict[tuple[int, RunConfig], int] = {}

    def append(self, path: Path, rules: RuleSet, config: RunConfig) -> None:
        key = self._kind_of.setdefault((id(rules), config), len(self.kinds))
        if key == len(self.kinds):
            self.kinds.append((rules, config))
        # surrogateescape: a file name that is not valid UTF-8 comes back byte for byte
        self.buffer += os.fsencode(path)
        self.ends.append(len(self.buffer))
        self.keys.append(key)

    def path(self, index: int) -> Path:
        start = self.ends[index - 1] if index else 0
        return Path(os.fsdecode(bytes(self.buffer[start : self.ends[index]])))

    def __len__(self) -> int:
        return len(self.ends)

    @overload
    def __getitem__(self, index: int) -> Job: ...

    @overload
    def __getitem__(self, index: slice) -> list[Job]: ...

    def __getitem__(self, index: int | slice) -> Job | list[Job]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        rules, config = self.kinds[self.keys[index]]
        return Job(self.path(index), rules, config)

    def __iter__(self) -> Iterator[Job]:
        return (self[i] for i in range(len(self)))


def build_project(
    paths: Sequence[Path],
    config_file: Path | None,
    cli: Settings,
    rule_paths: Sequence[Path] = (),
    baseline_file: Path | None = None,
    use_baseline: bool = True,
) -> Project:
    """Read the configuration, load the rules, read the baseline: every error before any check."""
    config = load_config(config_file or find_config(paths), Path.cwd())
    packs = (*config.packs, *rule_paths)
    known = load_rules(packs)
    if packs:
        # A user pack's templates are read lazily by the first report; a broken one must stop
        # the run here, with its file and line (exit 2), not fail every report as a bug.
        _ = known.table_templates
    names = rule_names(known)
    config = resolve_references(config, names, _profiles(known))
    cli = _canonical(cli, names)
    baseline = None
    chosen = baseline_file or config.baseline
    if use_baseline and chosen is not None:
        from checker.project.baseline import read_baseline

        ids = {**rule_ids(known), **{m.id: m.id for m in suppressions.RULES}}
        baseline = read_baseline(chosen, ids, config.baseline_root)
    return Project(config, cli, packs, known, baseline, chosen)


def _hidden(relative: Path) -> bool:
    return any(part.startswith(".") and part not in (".", "..") for part in relative.parts)


def rule_ids(rules: RuleSet) -> dict[str, str]:
    """Rule id or name -> id, over every rule of every loaded pack."""
    return {
        ident: rule.meta.id
        for pack in rules.packs.values()
        for rule in pack.rules
        for ident in (rule.meta.id, rule.meta.name)
    }


def rule_names(rules: RuleSet) -> RuleNames:
    """Every rule of every loaded pack, and the suppression rules, by id or name in any case."""
    metas = [rule.meta for pack in rules.packs.values() for rule in pack.rules]
    return RuleNames([*metas, *suppressions.RULES])


def _profiles(rules: RuleSet) -> list[str]:
    return [p.id for p in rules.packs.values() if p.profile]


def _select(rules: RuleSet, settings: Settings) -> RuleSet:
    """Switch rules off and change severities. A rule these settings name that is not active
    here (a profile's rule on a path without that profile) is simply not there to change."""
    levels = dict(settings.severities)

    def on(ident: str) -> bool:
        chosen = settings.selected is None or ident in settings.selected
        return chosen and ident not in settings.disabled

    kept = tuple(
        replace(r, meta=replace(r.meta, severity=Severity.parse(levels[r.meta.id])))
        if r.meta.id in levels
        else r
        for r in rules.rules
        if on(r.meta.id)
    )
    every = [*(r.meta.id for r in rules.rules), *(m.id for m in suppressions.RULES)]
    return replace(rules, rules=kept, off=frozenset(i for i in every if not on(i)))


def _canonical(cli: Settings, names: RuleNames) -> Settings:
    """Command-line rules by id (named by id or name, in any case); one that no pack defines is
    a usage error that suggests the nearest."""
    named = [
        *(("--select", r) for r in sorted(cli.selected or ())),
        *(("--disable", r) for r in sorted(cli.disabled)),
        *(("--severity", r) for r, _ in cli.severities),
    ]
    for option, ident in named:
        if names.resolve(ident) is None:
            raise UnknownRuleError(option, ident, names.suggest(ident))

    def ids(ident: str) -> str:
        return names.resolve(ident) or ident

    return replace(
        cli,
        disabled=frozenset(map(ids, cli.disabled)),
        severities=tuple((ids(r), level) for r, level in cli.severities),
        selected=None if cli.selected is None else frozenset(map(ids, cli.selected)),
    )
