"""A batch's per-file function and the local worker processes that run it.

The per-file function (`check_task`) is the same for local processes and Dask (`cluster`), so
both give the same results; each file is isolated (a timeout or a dead worker costs that file).
"""

from __future__ import annotations

import contextlib
import pickle
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from checker import engine
from checker.core import collector
from checker.core.findings import FileError, FileResult
from checker.core.model import Report
from checker.core.rules import Rule, RuleSet
from checker.core.suppressions import Deferred
from checker.engine import RunConfig
from checker.kinds.sets.summary import Identity, ReportSummary

if TYPE_CHECKING:  # worker processes and their pipes: imported by a pool, never by --jobs 1
    from multiprocessing.connection import Connection

DEFAULT_TIMEOUT = 60.0
WINDOW_PER_WORKER = 8  # results allowed ahead of the next one due, per worker
# "inline": the files are checked in this process one after another (a plain run of several
# files: no worker to start, no isolation or time limit, as a run of one file).
ENGINES = ("local", "dask", "inline")


@dataclass(frozen=True)
class Context:
    """What every worker needs once: the rule sets of the run (files point at one by index)."""

    rule_sets: tuple[RuleSet, ...]
    # the result cache's folder (checker.batch.resultcache), decided by the parent: worker
    # processes may have started with another environment
    cache: str | None = None
    rules_keys: tuple[str, ...] = ()  # per rule set: its fingerprint for the result cache


@dataclass(frozen=True)
class Task:
    index: int
    path: str
    rules: int  # index into Context.rule_sets
    config: RunConfig
    manifest: Identity | None = None


@dataclass(frozen=True)
class WorkerResult:
    index: int
    rules: int  # the task's rule set (Context.rule_sets)
    result: FileResult
    suppressed: int
    summary: ReportSummary


@dataclass(frozen=True)
class Options:
    jobs: int = 1
    engine: str = "local"
    scheduler: str | None = None  # Dask scheduler address; None starts a local cluster
    timeout: float = DEFAULT_TIMEOUT
    initializer: Callable[..., None] | None = None  # run in each worker first (tests' hooks)
    initargs: tuple[Any, ...] = ()
    cache: bool = False  # the result cache: the CLI turns it on unless --no-cache


# --- the per-file function (runs in the worker) ---------------------------------------------


def check_task(context: Context, task: Task) -> WorkerResult:
    """Check one file and summarise it for the set rules, or take what the result cache holds
    for it (checker.batch.resultcache); never raises."""
    if context.cache is None:
        return _check_task(context, task)
    from checker.batch import resultcache

    key = resultcache.key(context.rules_keys[task.rules], task)
    found = resultcache.get(context.cache, key, task) if key is not None else None
    if isinstance(found, WorkerResult):
        return found
    result = _check_task(context, task)
    if key is not None:
        resultcache.put(context.cache, key, result)
    return result


def _check_task(context: Context, task: Task) -> WorkerResult:
    rules = context.rule_sets[task.rules]
    try:
        checked = engine.check_path(Path(task.path), rules, task.config)
        outcome = checked.outcome
        summary = summarise(task, checked.report, rules, outcome.deferred)
    except Exception as exc:  # a bug met on one file must not stop a batch of thousands
        error = FileError("internal_error", f"内部错误 internal error: {type(exc).__name__}: {exc}")
        return failed(task, error)
    result = outcome.result
    if checked.report is not None and result.applied is not None:  # and the set's own rules
        in_set = _by_era(rules, checked.report.metadata.era).set_rules
        result = replace(result, applied=(*result.applied, *(r.meta.id for r in in_set)))
    return WorkerResult(task.index, task.rules, result, outcome.suppressed, summary)


def failed(task: Task, error: FileError) -> WorkerResult:
    result = FileResult(task.path, error=error)
    return WorkerResult(task.index, task.rules, result, 0, _unreadable(task))


def _unreadable(task: Task) -> ReportSummary:
    """An unreadable file: only what the manifest says of it."""
    return ReportSummary(
        task.index, task.path, task.manifest or Identity(None, None, None), readable=False
    )


def summarise(
    task: Task, report: Report | None, rules: RuleSet, deferred: Deferred | None
) -> ReportSummary:
    if report is None:
        return _unreadable(task)
    meta = report.metadata
    found = Identity(meta.agency, meta.year, meta.agency_kind)
    identity = _merge(found, task.manifest) if task.manifest else found
    era = _by_era(rules, meta.era)
    return ReportSummary(
        index=task.index,
        path=task.path,
        identity=identity,
        era=meta.era,
        published=meta.published,
        late_days=_late_days(report, era.deadlines),
        data=engine.extract_set_data(report, era.set_rules),
        deferred=deferred,
    )


@dataclass(frozen=True)
class _EraRules:
    rules: RuleSet  # held, so that its id is not reused while the entry lives
    set_rules: tuple[Rule, ...]
    deadlines: tuple[Rule, ...]  # the deadline rules, in order


_BY_ERA: dict[tuple[int, str | None], _EraRules] = {}


def _by_era(rules: RuleSet, era: str | None) -> _EraRules:
    """The set rules and the deadline rules of a rule set for reports of `era`: picked out
    once per rule set and era, not twice per report."""
    from checker.kinds import deadline

    key = (id(rules), era)
    found = _BY_ERA.get(key)
    if found is None or found.rules is not rules:
        if len(_BY_ERA) >= 64:  # a long-lived process (the desk) meets many rule sets
            _BY_ERA.clear()
        in_era = rules.for_era(era)
        found = _EraRules(
            rules,
            tuple(engine.set_rules(rules, era)),
            tuple(r for r in in_era if r.kind == deadline.NAME),
        )
        _BY_ERA[key] = found
    return found


def _merge(found: Identity, stated: Identity) -> Identity:
    """The manifest's values win; what it leaves blank comes from the report."""
    return Identity(
        stated.agency or found.agency,
        stated.year or found.year,
        stated.agency_kind or found.agency_kind,
        "manifest",
    )


def _late_days(report: Report, deadlines: tuple[Rule, ...]) -> int | None:
    from checker.kinds import deadline

    meta = report.metadata
    if meta.published is None:
        return None
    for rule in deadlines:
        due = deadline.due_date(rule.params, meta)
        if due is not None:
            return (meta.published - due).days
    return None


# --- local worker processes -----------------------------------------------------------------


def _worker_main(
    conn: Connection,
    blob: bytes,
    initializer: Callable[..., None] | None,
    initargs: tuple[Any, ...],
) -> None:
    if initializer is not None:
        initializer(*initargs)
    context: Context = pickle.loads(blob)
    collector.for_a_worker()
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        conn.send(check_task(context, task))


@dataclass
class _Worker:
    process: Any
    conn: Connection
    task: Task | None = None
    started: float = 0.0


class LocalPool:
    """N worker processes, each with its own pipe, so the parent knows which file each one is
    reading: a worker that dies or overruns costs that file only and is replaced."""

    def __init__(self, context: Context, options: Options):
        self.blob = pickle.dumps(context)
        self.options = options
        from checker.batch import processes  # multiprocessing: only a pool of workers needs it

        self.mp = processes.context()  # forkserver, else spawn (checker.batch.processes)
        self.workers = [self._spawn() for _ in range(max(1, options.jobs))]

    def _spawn(self) -> _Worker:
        parent, child = self.mp.Pipe()
        args = (child, self.blob, self.options.initializer, self.options.initargs)
        process = self.mp.Process(target=_worker_main, args=args, daemon=True)
        process.start()
        child.close()
        return _Worker(process, parent)

    def results(self, tasks: Iterable[Task]) -> Iterator[WorkerResult]:
        """Results in task order; at most a window of them held back waiting for a slow one."""
        pending = iter(tasks)
        buffered: dict[int, WorkerResult] = {}
        order: deque[int] = deque()  # indices dispatched and not yet yielded, in order
        window = WINDOW_PER_WORKER * len(self.workers)
        exhausted = False
        try:
            while True:
                exhausted = self._dispatch(pending, order, window, exhausted)
                while order and order[0] in buffered:
                    yield buffered.pop(order.popleft())
                if exhausted and not order:
                    return
                for result in self._collect():
                    buffered[result.index] = result
        finally:
            self.close()

    def _dispatch(
        self, pending: Iterator[Task], order: deque[int], window: int, exhausted: bool
    ) -> bool:
        for worker in self.workers:
            if exhausted or worker.task is not None or len(order) >= window:
                continue
            task = next(pending, None)
            if task is None:
                return True
            worker.conn.send(task)
            worker.task, worker.started = task, time.monotonic()
            order.append(task.index)
        return exhausted

    def _collect(self) -> list[WorkerResult]:
        busy = [w for w in self.workers if w.task is not None]
        if not busy:
            return []
        now = time.monotonic()
        wait_for = max(0.0, min(w.started + self.options.timeout for w in busy) - now)
        from multiprocessing.connection import wait

        ready = set(wait([x for w in busy for x in (w.conn, w.process.sentinel)], wait_for))
        out = []
        for worker in busy:
            task = worker.task
            assert task is not None
            if worker.conn in ready:
                try:
                    out.append(worker.conn.recv())
                    worker.task = None
                    continue
                except (EOFError, OSError):
                    pass  # the worker died mid-answer: below
            if worker.conn in ready or worker.process.sentinel in ready:
                out.append(failed(task, _died(task, worker.process)))
                self._replace(worker)
            elif time.monotonic() - worker.started >= self.options.timeout:
                out.append(failed(task, timed_out(self.options.timeout)))
                self._replace(worker)
        return out

    def _replace(self, worker: _Worker) -> None:
        _stop(worker)
        fresh = self._spawn()
        worker.process, worker.conn, worker.task = fresh.process, fresh.conn, None

    def close(self) -> None:
        for worker in self.workers:
            if worker.task is None and worker.process.is_alive():
                with contextlib.suppress(OSError):
                    worker.conn.send(None)
        for worker in self.workers:
            worker.process.join(timeout=1)
            _stop(worker)


def _stop(worker: _Worker) -> None:
    if worker.process.is_alive():
        worker.process.kill()
    worker.process.join()
    worker.conn.close()


def _died(task: Task, process: Any) -> FileError:
    process.join(timeout=1)
    code = process.exitcode
    return FileError(
        "worker_died",
        f"检查该文件的进程意外退出（退出码 {code}），其余文件不受影响 "
        f"(the worker checking this file died, exit code {code}; other files are not affected)",
    )


def timed_out(timeout: float) -> FileError:
    return FileError(
        "timeout",
        f"检查该文件超过 {timeout:g} 秒，已中止 (checking this file took longer than {timeout:g} s: stopped)",
    )
