"""Test-only hooks for batch workers, installed by the pool's initializer in each worker process
(`Options(initializer=…)`) or on a Dask cluster by `HookPlugin`; the checker never imports this
module. They wrap the reader the
engine calls, so that one named file hangs or kills its worker."""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

from distributed import WorkerPlugin

import checker.engine


def _wrap(action: Any) -> None:
    original = checker.engine.read_path

    def read_path(path: Path, limits: Any) -> Any:
        action(Path(path).name)
        return original(path, limits)

    checker.engine.read_path = read_path  # type: ignore[assignment]


def hang_on(name: str) -> None:
    """Reading the file called `name` never ends (well, not for an hour)."""
    _wrap(lambda seen: time.sleep(3600) if seen == name else None)


def die_on(name: str) -> None:
    """Reading the file called `name` kills the worker process at once."""
    _wrap(lambda seen: os._exit(7) if seen == name else None)


class HookPlugin(WorkerPlugin):  # type: ignore[misc]  # distributed is untyped
    """The same hooks on the workers of a Dask cluster: installed in every worker, including
    the ones its nanny starts after a worker died."""

    def __init__(self, hook: str, name: str):
        self.hook, self.name = hook, name

    def setup(self, worker: Any) -> None:
        {"hang_on": hang_on, "die_on": die_on}[self.hook](self.name)


def other_code_key() -> None:
    """This worker fingerprints the checker's code differently from the process that started
    the run (as when the checker's files change between the two: an upgrade, an edit)."""
    from checker.batch import resultcache
    from checker.core import diskcache

    diskcache.code_key.cache_clear()
    for module in (diskcache, resultcache):
        module.code_key = lambda: "the code as this worker found it"  # type: ignore[assignment]
