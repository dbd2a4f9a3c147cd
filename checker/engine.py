"""Run rules over reports: findings in a deterministic order; one bad rule or file never stops a run."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from checker.core import suppressions
from checker.core.document import Document
from checker.core.errors import PatternTimeout, ReadError
from checker.core.findings import FileError, FileResult, Finding, Problem, RunResult, Severity
from checker.core.model import NOWHERE, Location, Message, Report
from checker.core.rules import Rule, RuleSet
from checker.extract.report import Overrides, build_report
from checker.kinds import KINDS
from checker.readers import Limits, is_report_file, read_path, read_stream

if TYPE_CHECKING:  # the set kinds are imported by a batch only: a one-file check skips them
    from checker.kinds.sets.reportset import ReportSet


@dataclass(frozen=True)
class RunConfig:
    """How a run checks each file: the rule overrides and the reading limits."""

    overrides: Overrides = field(default_factory=Overrides)
    limits: Limits = field(default_factory=Limits)


def iter_findings(report: Report, rules: Iterable[Rule]) -> Iterator[Finding]:
    for rule in rules:
        try:
            problems = list(KINDS[rule.kind].check(rule.params, report))
        except PatternTimeout as exc:
            yield _timed_out(rule, exc)
            continue
        except Exception as exc:
            yield _internal_error(rule, exc)
            continue
        for problem in problems:
            severity = Severity.INFO if problem.cannot_assess else rule.meta.severity
            yield Finding(rule.meta, severity, problem)


def _internal_error(rule: Rule, exc: Exception) -> Finding:
    import traceback  # only when a rule fails: a plain check does not pay for its import

    where = traceback.extract_tb(exc.__traceback__)[-1]
    detail = f"{type(exc).__name__}: {exc} ({Path(where.filename).name}:{where.lineno})"
    problem = Problem(
        Message(f"规则内部错误，未能完成检查：{detail}", f"internal error in this rule: {detail}"),
        location=_nowhere(),
        where=rule.meta.id,
        cannot_assess=False,
    )
    return Finding(rule.meta, Severity.ERROR, problem)


def _timed_out(rule: Rule, exc: PatternTimeout) -> Finding:
    """A pattern that backtracks for ages on this text: the rule cannot assess this file."""
    problem = Problem(
        Message(
            f"无法评估：{exc}",
            f"cannot assess: a pattern of this rule ran out of time ({exc.pattern!r})",
        ),
        location=_nowhere(),
        where=rule.meta.id,
        cannot_assess=True,
    )
    return Finding(rule.meta, Severity.INFO, problem)


def _nowhere() -> Location:
    return NOWHERE


def check_report(report: Report, rules: RuleSet) -> FileResult:
    # set rules (checker.kinds.sets) see many reports at once: a batch runs them, not this
    applicable = [
        r for r in rules.for_era(report.metadata.era) if r.kind in KINDS and _applies(r, report)
    ]
    findings = sorted(iter_findings(report, applicable), key=Finding.sort_key)
    applied = tuple(r.meta.id for r in applicable)
    return FileResult(report.path, report.metadata, tuple(findings), applied=applied)


def _applies(rule: Rule, report: Report) -> bool:
    """Whether the rule concerns this report beyond its era: a kind may define
    `applies(params, report)` (keywords_present: only the body types it names), so that a rule
    that does not concern a report is not counted as passed on it (JUnit lists the rules run)."""
    applies = getattr(KINDS[rule.kind], "applies", None)
    return applies is None or bool(applies(rule.params, report))


@dataclass(frozen=True)
class Checked:
    """One file through the per-file path: its result (less what its suppression comments
    cover) and, when it could be read, the parsed report (a batch summarises it, then drops it)."""

    outcome: suppressions.Outcome
    report: Report | None = None

    @property
    def result(self) -> FileResult:
        return self.outcome.result


def check_path(path: Path, rules: RuleSet, config: RunConfig, shown: str | None = None) -> Checked:
    """The one per-file path (API, command line, batch worker): read → model → check →
    suppress. The file is read once; its suppression comments come from the same read."""
    name = shown or str(path)
    try:
        fmt, document = read_path(path, config.limits)
    except ReadError as exc:
        return Checked(
            suppressions.Outcome(FileResult(name, error=FileError(exc.code, str(exc))), 0)
        )
    return check_read(document, name, fmt, rules, config)


def check_stream(stream: BinaryIO, name: str, rules: RuleSet, config: RunConfig) -> Checked:
    """The same path for a report read from a stream (standard input), called `name`."""
    try:
        fmt, document = read_stream(stream, name, config.limits)
    except ReadError as exc:
        return Checked(
            suppressions.Outcome(FileResult(name, error=FileError(exc.code, str(exc))), 0)
        )
    return check_read(document, name, fmt, rules, config)


def check_read(
    document: Document, name: str, fmt: str, rules: RuleSet, config: RunConfig
) -> Checked:
    """The path from a read Document on (text given in memory enters here)."""
    report = build_report(document, name, fmt, config.overrides, rules.table_templates)
    result = check_report(report, rules)
    return Checked(suppress(result, document, fmt, rules), report)


def suppress(
    result: FileResult, document: Document, fmt: str, rules: RuleSet
) -> suppressions.Outcome:
    """Silence what the file's inline suppression comments cover (formats with comments keep
    their source lines in the Document, since readers drop the comments from `lines`)."""
    if not suppressions.supports(fmt) or document.source is None:
        return suppressions.Outcome(result, 0)
    if result.applied is not None:  # the comments are checked too (OGI-S001, OGI-S002)
        result = replace(result, applied=(*result.applied, *(m.id for m in suppressions.RULES)))
    return suppressions.apply(
        result, document.source, fmt, rule_resolver(rules), _set_rule_ids(rules), rules.off
    )


def check_document(
    document: Document, path: str, fmt: str, rules: RuleSet, config: RunConfig
) -> FileResult:
    return check_read(document, path, fmt, rules, config).result


def check_file(
    path: Path, rules: RuleSet, config: RunConfig, shown: str | None = None
) -> FileResult:
    return check_path(path, rules, config, shown).result


def iter_files(paths: Iterable[Path]) -> Iterator[Path]:
    """Files named, and report files under directories named, in a stable order (by path)."""
    for path in paths:
        if path.is_dir():
            yield from _walk(path)
        else:
            yield path


def _walk(folder: Path) -> Iterator[Path]:
    """Report files under `folder`, each folder's entries sorted by name and sub-folders walked
    in place: the order of sorting every path, holding one folder's listing at a time (not the
    whole tree). Symbolic links to folders are not followed (no loops)."""
    try:
        with os.scandir(folder) as listing:
            names = sorted(entry.name for entry in listing)  # names only: a folder may hold 10^5
    except OSError:
        return
    for name in names:
        path = folder / name
        if path.is_dir() and not path.is_symlink():
            yield from _walk(path)
        elif path.is_file() and is_report_file(path):
            yield path


def run(paths: Iterable[Path], rules: RuleSet, config: RunConfig) -> RunResult:
    return _collect(check_path(path, rules, config) for path in iter_files(paths))


@dataclass(frozen=True)
class Job:
    """One file to check with its own rules and settings (a repository's per-path configuration)."""

    path: Path
    rules: RuleSet
    config: RunConfig
    # The report is read from this stream (standard input) instead; `path` names it.
    stream: BinaryIO | None = None


def run_jobs(jobs: Iterable[Job]) -> RunResult:
    """Check each job's file, silencing what its inline suppression comments cover."""
    return _collect(_check_job(job) for job in jobs)


def _check_job(job: Job) -> Checked:
    if job.stream is not None:
        return check_stream(job.stream, str(job.path), job.rules, job.config)
    return check_path(job.path, job.rules, job.config)


def _collect(checked: Iterable[Checked]) -> RunResult:
    files: list[FileResult] = []
    suppressed = 0
    for item in checked:
        files.append(item.result)
        suppressed += item.outcome.suppressed
    return RunResult(tuple(files), {"suppressed": suppressed})


def _set_rule_ids(rules: RuleSet) -> frozenset[str]:
    """Every loaded set rule (switched on or not): a suppression of one waits for the set."""
    from checker.kinds.sets import SETKINDS

    return frozenset(r.meta.id for r in _loaded(rules) if r.kind in SETKINDS)


def _loaded(rules: RuleSet) -> list[Rule]:
    return [*rules.rules, *(r for p in rules.packs.values() for r in p.rules)]


def set_rules(rules: RuleSet, era: str | None) -> list[Rule]:
    """The set rules that apply to a report of this era."""
    from checker.kinds.sets import SETKINDS

    return [r for r in rules.for_era(era) if r.kind in SETKINDS]


def extract_set_data(report: Report, rules: Iterable[Rule]) -> dict[str, Any]:
    """What each set rule needs of this report (rule id -> small data), made in the worker. A
    rule whose extraction fails is left out, so it finds nothing about this report."""
    from checker.kinds.sets import SETKINDS

    data: dict[str, Any] = {}
    for rule in rules:
        try:
            data[rule.meta.id] = SETKINDS[rule.kind].extract(rule.params, report)
        except Exception:  # a bug in one set rule must not lose the report
            continue
    return data


def iter_set_findings(
    reports: ReportSet, rules_of: Callable[[int], Mapping[str, Rule]]
) -> Iterator[tuple[int, Finding]]:
    """Run each set rule once over the whole set; stamp each problem with the rule as the
    report it belongs to has it (its severity; nothing if the rule is off for that report)."""
    for index, finding, _ in iter_set_results(reports, rules_of):
        yield index, finding


def iter_set_results(
    reports: ReportSet, rules_of: Callable[[int], Mapping[str, Rule]]
) -> Iterator[tuple[int, Finding, int | None]]:
    """`iter_set_findings` with the index of the other report each finding involves (None
    when it names none): the review desk links both bodies."""
    from checker.kinds.sets import SETKINDS

    seen: dict[str, Rule] = {}
    # rules_of depends on a report's rule set and era only: the first report of each pair
    # stands for the rest (no pass over every summary and its data)
    for index in reports.representatives():
        for rule_id, rule in rules_of(index).items():
            seen.setdefault(rule_id, rule)
    for rule_id in sorted(seen):
        rule = seen[rule_id]
        try:
            problems = list(SETKINDS[rule.kind].check(rule.params, reports, rule_id))
        except Exception as exc:
            if len(reports):
                yield reports.first_index(), _internal_error(rule, exc), None
            continue
        for item in problems:
            own = rules_of(item.report).get(rule_id)
            if own is not None:
                severity = Severity.INFO if item.problem.cannot_assess else own.meta.severity
                yield item.report, Finding(own.meta, severity, item.problem), item.related


def rule_resolver(rules: RuleSet) -> suppressions.Resolve:
    """Rule id or name -> id, over every loaded rule (a rule switched off here still resolves)."""
    known = {
        ident.casefold(): rule.meta.id
        for rule in _loaded(rules)
        for ident in (rule.meta.id, rule.meta.name)
    }
    return lambda ident: known.get(ident.casefold())
