"""Batch checking: many files in worker processes (or on a Dask cluster), as a report set.

    tasks ──► workers: read → model → rules → (FileResult, ReportSummary) ──► parent, in order
                                                                            │ spool (disk)
    set rules over the summaries ◄──────────────────────────────────────────┘
    final pass: spool + set findings + baseline ──► formatter, one file at a time

What crosses a process boundary: once per worker, the run's rule sets (a `Context`); per file, a
`Task` (index, path, which rule set, overrides) one way and a `WorkerResult` (the file's
findings, its suppressed count and a `ReportSummary` of a few kilobytes) the other — never the
parsed Report. Results are written to disk as they arrive, in file order (findings to a spool
file, summaries to an SQLite store), so memory holds a bounded window of results, not the
findings or summaries of every file.

Each file is isolated: a file that hangs a reader past `timeout` seconds, or kills its worker,
costs that file only (an error result with code "timeout" or "worker_died") and the worker is
replaced. The per-file function is the same for local processes and Dask, so both give the same
results.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace

from checker import engine
from checker.batch.results import BatchResult, Manifest, Spool
from checker.batch.worker import (
    Context,
    LocalPool,
    Options,
    Task,
    WorkerResult,
    check_task,
)
from checker.core.findings import Finding
from checker.core.rules import Rule, RuleSet
from checker.engine import Job
from checker.kinds.sets.reportset import ReportSet
from checker.kinds.sets.store import SummaryStore
from checker.project.baseline import Baseline


def build_tasks(
    jobs: Sequence[Job], manifest: Manifest | None, stated_kind: bool
) -> tuple[Context, Iterator[Task]]:
    """The context (the run's distinct rule sets) and the tasks, made as they are dispatched;
    a manifest's body type decides the deadline unless the command line states one."""
    rule_sets: dict[int, RuleSet] = {}
    for job in jobs:
        rule_sets.setdefault(id(job.rules), job.rules)
    keys = {ident: number for number, ident in enumerate(rule_sets)}
    context = Context(tuple(rule_sets.values()))

    def tasks() -> Iterator[Task]:
        for index, job in enumerate(jobs):
            stated = manifest.get(job.path) if manifest else None
            config = job.config
            if stated and stated.agency_kind and not stated_kind:
                overrides = replace(config.overrides, agency_kind=stated.agency_kind)
                config = replace(config, overrides=overrides)
            yield Task(index, str(job.path), keys[id(job.rules)], config, stated)

    return context, tasks()


def run_batch(
    jobs: Sequence[Job],
    options: Options,
    manifest: Manifest | None = None,
    baseline: Baseline | None = None,
    stated_kind: bool = False,
    progress: Callable[[WorkerResult], None] | None = None,
) -> BatchResult:
    started = time.monotonic()
    context, tasks = build_tasks(jobs, manifest, stated_kind)
    if options.cache:
        from checker.batch import resultcache

        folder = resultcache.folder()
        if folder is not None:
            keys = tuple(resultcache.rules_key(rules) for rules in context.rule_sets)
            context = replace(context, cache=folder, rules_keys=keys)
    if options.engine == "dask":
        from checker.batch.cluster import dask_results

        stream = dask_results(context, tasks, options)
    elif options.engine == "inline":
        stream = (check_task(context, task) for task in tasks)
    else:
        stream = LocalPool(context, options).results(tasks)
    spool, store, suppressed = Spool(), SummaryStore(), 0
    batch = BatchResult(store, spool, baseline)
    try:
        for item in stream:
            spool.add(item.result)
            store.add(item.summary, item.rules)
            suppressed += item.suppressed
            if progress is not None:
                progress(item)
        for index, finding in set_findings(ReportSet(store), context):
            store.add_findings(index, [finding])
        batch.finish(suppressed)
    except BaseException:
        batch.close()
        raise
    batch.elapsed = time.monotonic() - started
    return batch


def set_findings(reports: ReportSet, context: Context) -> Iterator[tuple[int, Finding]]:
    """The set rules' findings, with the index of the report each belongs to."""
    cache: dict[tuple[int, str | None], dict[str, Rule]] = {}

    def rules_of(index: int) -> dict[str, Rule]:
        key = reports.store.rules_and_era(index)
        if key not in cache:
            rules, era = context.rule_sets[key[0]], key[1]
            cache[key] = {r.meta.id: r for r in engine.set_rules(rules, era)}
        return cache[key]

    return engine.iter_set_findings(reports, rules_of)
