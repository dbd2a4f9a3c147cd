"""Batch benchmark: a generated corpus of reports checked by `ogi-check check --jobs N`.

    python benchmarks/batch.py                  # 10,000 reports: --jobs 1, --jobs 2, Dask; memory at 2,000 and 10,000
    python benchmarks/batch.py --count 1000     # smaller
    python benchmarks/batch.py --small 2000,30000   # memory also at 30,000 reports (--jobs 2)
    python benchmarks/batch.py --json out.json  # also write the figures as JSON

Prints reports/second per run, the speed-up of two workers over one, the Dask overhead relative
to local processes (same number of workers), the peak memory of the checking process (the
parent: workers each hold one file at a time) at two corpus sizes, and whether every planted
defect was recovered exactly (the run fails otherwise). The corpus is generated from a seed into
a temporary folder (benchmarks/corpus.py) and removed afterwards.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from benchmarks.corpus import Expected, generate  # noqa: E402 - after the path is set


def _one(args: list[str]) -> None:
    """Run the CLI in this process; print its peak memory (self and workers) on the last line."""
    from checker.cli import main

    code = 0
    try:
        main(args, standalone_mode=False)
    except SystemExit as exc:
        code = int(exc.code or 0)
    print(json.dumps({"exit": code, "self_kb": _peak_kb()}), file=sys.stderr)


def _peak_kb() -> int:
    """This process's peak resident memory. On Linux from /proc (VmHWM): `ru_maxrss` survives
    exec, so a child started by a parent holding a big corpus in memory would report the
    parent's size, not its own."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def run(folder: Path, out: Path, jobs: int, engine: str) -> dict[str, Any]:
    command = [
        sys.executable, str(Path(__file__).resolve()), "--one", "check", str(folder),
        "--jobs", str(jobs), "--engine", engine, "--format", "jsonl", "-o", str(out), "-q",
    ]  # fmt: skip
    started = time.perf_counter()
    proc = subprocess.run(command, capture_output=True, text=True, timeout=3600, check=False)
    seconds = time.perf_counter() - started
    last = proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else "{}"
    try:
        memory = json.loads(last)
    except json.JSONDecodeError:
        raise SystemExit(f"run failed: {proc.stderr[-2000:]}") from None
    return {"seconds": seconds, "peak_mb": memory["self_kb"] / 1024, "exit": memory["exit"]}


def recovered(out: Path, expected: Expected) -> bool:
    found: Counter[str] = Counter()
    unreadable = 0
    with out.open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            if record["type"] == "finding":
                found[record["rule"]] += 1
            elif record["type"] == "file_error":
                unreadable += 1
    return found == expected.findings and unreadable == expected.unreadable


def bench(count: int, small: list[int], seed: int, engines: list[str]) -> dict[str, Any]:
    figures: dict[str, Any] = {"count": count, "cpus": os.cpu_count(), "runs": []}
    with tempfile.TemporaryDirectory(prefix="ogi-batch-") as tmp:
        root = Path(tmp)
        for size in sorted({*small, count}):
            folder = root / f"corpus-{size}"
            folder.mkdir()
            started = time.perf_counter()
            expected = generate(folder, size, seed)
            print(f"generated {size} reports in {time.perf_counter() - started:.1f} s", flush=True)
            plan = [(1, "local"), (2, "local")] + [(2, e) for e in engines if e != "local"]
            if size != count:
                plan = [(2, "local")]  # the other sizes: memory only
            for jobs, engine in plan:
                out = root / f"out-{size}-{engine}-{jobs}.jsonl"
                figure = run(folder, out, jobs, engine)
                figure.update(
                    size=size,
                    jobs=jobs,
                    engine=engine,
                    reports_per_second=size / figure["seconds"],
                    exact=recovered(out, expected),
                )
                figures["runs"].append(figure)
                print(
                    f"{size:>6} reports  {engine:<5} --jobs {jobs}  {figure['seconds']:7.1f} s  "
                    f"{figure['reports_per_second']:7.1f} reports/s  peak {figure['peak_mb']:6.1f} MB  "
                    f"exact={figure['exact']}",
                    flush=True,
                )
                out.unlink()
    return figures


def summarise(figures: dict[str, Any]) -> None:
    runs = {(r["size"], r["engine"], r["jobs"]): r for r in figures["runs"]}
    count = figures["count"]
    one, two = runs.get((count, "local", 1)), runs.get((count, "local", 2))
    if one and two:
        print(
            f"speed-up, 2 workers over 1: {two['reports_per_second'] / one['reports_per_second']:.2f}x"
        )
    dask = runs.get((count, "dask", 2))
    if dask and two:
        print(
            f"Dask overhead vs local processes (2 workers): {dask['seconds'] / two['seconds'] - 1:+.0%}"
        )
    memory = sorted(
        (size, r["peak_mb"]) for (size, e, j), r in runs.items() if e == "local" and j == 2
    )
    if len(memory) > 1:
        points = ", ".join(f"{mb:.0f} MB at {size}" for size, mb in memory)
        (first, low), (last, high) = memory[0], memory[-1]
        slope = (high - low) * 1024 * 1024 / (last - first)
        print(f"peak memory (--jobs 2): {points}; {slope:.0f} bytes per extra report")
    if not all(r["exact"] for r in figures["runs"]):
        raise SystemExit("a run did not recover the planted defects exactly")


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--one":
        _one(sys.argv[2:])
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument(
        "--small",
        default="2000",
        help="other corpus sizes, comma-separated, checked with --jobs 2 for memory only",
    )
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--no-dask", action="store_true")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    engines = ["local"] + ([] if args.no_dask else ["dask"])
    small = [int(size) for size in args.small.split(",") if size.strip()]
    figures = bench(args.count, small, args.seed, engines)
    summarise(figures)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
