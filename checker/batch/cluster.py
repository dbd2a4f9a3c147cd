"""The batch's per-file function on a Dask cluster, results in file order.

A Dask task costs the scheduler and the client about a millisecond each way, about as long as
checking a small report, so files go to the cluster in chunks sized to take about a second
(from the time the files so far took). Isolation stays per file:

- a chunk that overruns the per-file timeout, or whose worker dies, is cancelled and its files
  are sent again one per task; only a file that overruns (or kills its worker) alone is
  reported, with the same codes as a local run ("timeout", "worker_died");
- the worker holding an overrunning task is restarted (through its nanny), so a hung reader
  does not keep its slot; on a cluster without nannies it cannot be, and the slot stays taken
  until the file finishes;
- a file given up on because its workers died is sent once more on its own: Dask blames every
  task a dying worker held, not only the one that killed it.

The files must be readable at the same paths on the workers (a shared file system).
"""

from __future__ import annotations

import contextlib
import pickle
import time
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib import import_module
from typing import Any

from checker.batch.worker import (
    WINDOW_PER_WORKER,
    Context,
    Options,
    Task,
    WorkerResult,
    check_task,
    failed,
    timed_out,
)
from checker.core.errors import ConfigError
from checker.core.findings import FileError

CHUNK_SECONDS = 1.0  # aim of one chunk's work: overhead well under 1% of it
MAX_CHUNK = 64


NEEDS_DASK = (
    "--engine dask 需要 Dask：pip install 'ogi-checker[dask]' "
    "(--engine dask needs Dask: install the [dask] extra)"
)


def require_dask() -> None:
    """Stop before any file is read when Dask is not installed."""
    from importlib.util import find_spec

    if find_spec("distributed") is None or find_spec("dask") is None:
        raise ConfigError(NEEDS_DASK)


def load_context(blob: bytes) -> Context:
    context: Context = pickle.loads(blob)
    return context


def check_chunk(context: Context, tasks: list[Task]) -> tuple[list[WorkerResult], float]:
    """The per-file function over a chunk, and the seconds it took (to size the next chunks)."""
    started = time.monotonic()
    results = [check_task(context, task) for task in tasks]
    return results, time.monotonic() - started


@dataclass(frozen=True)
class _Chunk:
    tasks: list[Task]
    future: Any
    again: bool = False  # sent a second time after its workers died


def dask_results(
    context: Context, tasks: Iterable[Task], options: Options
) -> Iterator[WorkerResult]:
    """Results in task order, from the cluster at `options.scheduler`, or from a local cluster
    of `options.jobs` worker processes started (and stopped) here."""
    try:
        distributed: Any = import_module("distributed")  # untyped: held as Any
    except ImportError as exc:
        raise ConfigError(NEEDS_DASK) from exc
    cluster = None
    if options.scheduler:
        client = distributed.Client(options.scheduler, timeout=30)
    else:
        cluster = distributed.LocalCluster(
            n_workers=max(1, options.jobs),
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address=":0",  # a free port: 8787 may be taken by another cluster
        )
        client = distributed.Client(cluster)
    try:
        yield from _Ordered(client, context, options).results(tasks)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


class _Ordered:
    """Chunks in flight (a bounded window), waited for in order."""

    def __init__(self, client: Any, context: Context, options: Options):
        self.client, self.options = client, options
        # the rule sets as a task's result, not scattered data: a result is recomputed from its
        # task if every worker holding it dies; scattered data would be lost with them
        blob = pickle.dumps(context, pickle.HIGHEST_PROTOCOL)
        self.shared = client.submit(load_context, blob, key=f"ogi-check-context-{id(self)}")
        self.threads = max(1, sum(client.nthreads().values()))
        self.per_file = 0.0  # seconds a file takes, as measured so far (0: not yet)
        self.size = 1  # files in the next chunk

    def results(self, tasks: Iterable[Task]) -> Iterator[WorkerResult]:
        pending = iter(tasks)
        queue: deque[_Chunk] = deque()
        head_since = time.monotonic()
        while True:
            self._fill(queue, pending)
            if not queue:
                return
            chunk = queue.popleft()
            done = self._wait(chunk, max(0.0, head_since + self.options.timeout - time.monotonic()))
            head_since = time.monotonic()
            if isinstance(done, list):
                yield from done
            elif len(chunk.tasks) > 1:
                # which file was it? each alone, ahead of the chunks behind (file order), and
                # first in the cluster's queue (priority) so that its time counts from its start
                singles = [self._submit([task], priority=1) for task in chunk.tasks]
                queue.extendleft(reversed(singles))
            elif done.code == "worker_died" and not chunk.again:
                # Dask blames every task a dying worker held, so a file queued next to the one
                # that kills workers can be given up on too: once more, on its own, to be sure
                queue.appendleft(self._submit(chunk.tasks, priority=1, again=True))
            else:
                yield failed(chunk.tasks[0], done)

    def _fill(self, queue: deque[_Chunk], pending: Iterator[Task]) -> None:
        window = WINDOW_PER_WORKER * self.threads
        while len(queue) < window:
            tasks = [task for _, task in zip(range(self.size), pending, strict=False)]
            if not tasks:
                return
            queue.append(self._submit(tasks))

    def _submit(self, tasks: list[Task], priority: int = 0, again: bool = False) -> _Chunk:
        key = f"ogi-check-{tasks[0].index}-{len(tasks)}-{time.monotonic_ns()}"
        future = self.client.submit(
            check_chunk, self.shared, tasks, key=key, pure=False, priority=priority
        )
        return _Chunk(tasks, future, again)

    def _wait(self, chunk: _Chunk, seconds: float) -> list[WorkerResult] | FileError:
        from distributed import TimeoutError as DaskTimeout

        try:
            results, took = chunk.future.result(timeout=seconds)
        except DaskTimeout:
            self._stop(chunk)
            return timed_out(self.options.timeout)
        except Exception as exc:  # KilledWorker and the like: a file cost its worker
            return _dask_error(exc)
        self._learn(len(chunk.tasks), took)
        return list(results)

    def _learn(self, files: int, took: float) -> None:
        """Size the next chunks to about CHUNK_SECONDS of work, and well under the timeout."""
        rate = took / files
        self.per_file = rate if not self.per_file else 0.8 * self.per_file + 0.2 * rate
        budget = min(CHUNK_SECONDS, self.options.timeout / 10)
        self.size = max(1, min(MAX_CHUNK, int(budget / max(self.per_file, 1e-6))))

    def _stop(self, chunk: _Chunk) -> None:
        """Cancel an overrunning chunk and restart the worker running it, so that its slot is
        free again (needs a nanny; without one the worker finishes the file in its own time)."""
        key = chunk.future.key
        workers = [w for w, keys in self.client.processing().items() if key in keys]
        chunk.future.cancel()
        if workers:
            with contextlib.suppress(Exception):
                self.client.restart_workers(workers, timeout=30, raise_for_error=False)


def _dask_error(exc: Exception) -> FileError:
    if type(exc).__name__ == "KilledWorker":
        return FileError(
            "worker_died",
            f"检查该文件的 Dask 工作进程多次意外退出 (the Dask workers checking this file died): {exc}",
        )
    return FileError("internal_error", f"内部错误 internal error: {type(exc).__name__}: {exc}")
