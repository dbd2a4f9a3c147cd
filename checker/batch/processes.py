"""How local worker processes are started, and starting that early.

Workers fork from a forkserver: a clean process that has imported the checker once (fast to
replace a worker after a kill, and no fork of a parent holding threads, such as a progress
bar's); where there is no forkserver, they are spawned. Starting the forkserver takes an
interpreter and the checker's import — a few tenths of a second that every `--jobs` run waited
for before its first file. `start_early` starts it while the command line is still loading the
rule packs and listing the files; it imports nothing of the checker itself.
"""

from __future__ import annotations

import multiprocessing
from typing import Any

_PRELOAD = ["checker.batch.worker"]


def context() -> Any:
    """The multiprocessing context the local pool starts its workers with."""
    if "forkserver" in multiprocessing.get_all_start_methods():
        forking = multiprocessing.get_context("forkserver")
        forking.set_forkserver_preload(_PRELOAD)
        return forking
    return multiprocessing.get_context("spawn")


def start_early() -> None:
    """Start the forkserver now (it imports the checker in parallel with this process); the
    pool's first worker then forks at once. Nothing happens where workers are spawned."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return
    context()
    from multiprocessing import forkserver

    forkserver.ensure_running()
