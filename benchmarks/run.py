"""Benchmarks for ogi-check: throughput in-process, cold start of the CLI, peak memory.

    python benchmarks/run.py                 # full run, prints a table
    python benchmarks/run.py --quick         # a few seconds, for a smoke test
    python benchmarks/run.py --json out.json # also write the figures as JSON
    python benchmarks/run.py --strict        # exit 1 when an aim of the issue is missed

Standard library only, plus the project. See benchmarks/README.md for what each figure means.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
REPORTS = {
    "seed (2008, narrative)": ROOT / "fixtures" / "seed" / "000_5c31920eb9a2e321.txt",
    "2008/valid_narrative": ROOT / "fixtures" / "2008" / "valid_narrative.txt",
    "2019/valid_government": ROOT / "fixtures" / "2019" / "valid_government.txt",
    "2021/valid_department": ROOT / "fixtures" / "2021" / "valid_department.txt",
}
AIM_NARRATIVE_PER_SECOND = 200.0  # the issue: at least 200 narrative reports/s on one core
AIM_COLD_START_SECONDS = 0.3  # the issue: `ogi-check --version` in under 0.3 s
NARRATIVE_KEYS = ("seed (2008, narrative)", "2008/valid_narrative")


@dataclass
class Throughput:
    name: str
    path: str
    iterations: int
    rounds_per_second: list[float]
    findings: int

    @property
    def median(self) -> float:
        return statistics.median(self.rounds_per_second)


@dataclass
class ColdStart:
    command: str
    runs: int
    seconds: list[float] = field(default_factory=list)
    error: str | None = None

    @property
    def median(self) -> float | None:
        return statistics.median(self.seconds) if self.seconds else None


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=5, help="timed rounds per report (median)")
    parser.add_argument("--iterations", type=int, default=200, help="checks per round")
    parser.add_argument("--cold-runs", type=int, default=10, help="subprocess runs per command")
    parser.add_argument("--cpu", type=int, default=None, help="CPU to pin to (default: first)")
    parser.add_argument("--quick", action="store_true", help="3 rounds of 20, 3 cold runs")
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write results as JSON")
    parser.add_argument("--strict", action="store_true", help="exit 1 when an aim is missed")
    args = parser.parse_args(argv)
    if args.quick:
        args.rounds, args.iterations, args.cold_runs = 3, 20, 3
    if min(args.rounds, args.iterations, args.cold_runs) < 1:
        parser.error("--rounds, --iterations and --cold-runs must be at least 1")
    return args


def pin_to_one_cpu(cpu: int | None) -> int | None:
    """Measure on one core; subprocesses inherit the affinity. Linux only, else a no-op."""
    if not hasattr(os, "sched_setaffinity"):
        return None
    chosen = cpu if cpu is not None else min(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {chosen})
    return chosen


def import_checker() -> Any:
    """The project, installed or not: fall back to the checkout this script lives in."""
    try:
        import checker  # noqa: F401  (probe only)
    except ImportError:
        sys.path.insert(0, str(ROOT))
    from checker import engine

    return engine


def time_rounds(action: Callable[[], object], iterations: int, rounds: int) -> list[float]:
    """Operations per second of each round, after one untimed warm-up call."""
    action()
    rates = []
    for _ in range(rounds):
        start = time.perf_counter()
        for _ in range(iterations):
            action()
        rates.append(iterations / (time.perf_counter() - start))
    return rates


def bench_throughput(args: argparse.Namespace) -> list[Throughput]:
    engine = import_checker()
    from checker.ruleset.load import load_rules

    rules = load_rules()  # once: what a long-running service or a batch run does
    config = engine.RunConfig()
    results = []
    for name, path in REPORTS.items():
        if not path.is_file():
            continue
        result = engine.check_file(path, rules, config)
        if result.error is not None:
            raise SystemExit(f"{path}: cannot be read: {result.error.message}")
        check = partial(engine.check_file, path, rules, config)
        rates = time_rounds(check, args.iterations, args.rounds)
        results.append(
            Throughput(
                name, str(path.relative_to(ROOT)), args.iterations, rates, len(result.findings)
            )
        )
    return results


def peak_rss_mib() -> float:
    """Peak resident set size of this process (ru_maxrss: KiB on Linux, bytes on macOS)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def console_script() -> str | None:
    beside = Path(sys.executable).parent / "ogi-check"
    return str(beside) if beside.exists() else shutil.which("ogi-check")


def bench_cold_start(command: list[str], label: str, runs: int) -> ColdStart:
    """Median wall time of fresh processes; one untimed run first so the OS caches the files."""
    result = ColdStart(label, runs)
    env = {k: v for k, v in os.environ.items() if k != "OGI_CHECK_DEBUG"}
    for index in range(runs + 1):
        start = time.perf_counter()
        proc = subprocess.run(command, capture_output=True, env=env, cwd=ROOT, check=False)
        elapsed = time.perf_counter() - start
        if proc.returncode != 0:
            result.error = (
                proc.stderr.decode("utf-8", "replace").strip() or f"exit {proc.returncode}"
            )
            return result
        if index:
            result.seconds.append(elapsed)
    return result


def bench_cold_starts(runs: int) -> list[ColdStart]:
    script = console_script()
    starts = []
    if script is None:
        starts.append(ColdStart("ogi-check --version", runs, error="ogi-check is not installed"))
    else:
        starts.append(bench_cold_start([script, "--version"], "ogi-check --version", runs))
    module = [sys.executable, "-m", "checker", "--version"]
    starts.append(bench_cold_start(module, "python -m checker --version", runs))
    baseline = [sys.executable, "-c", "pass"]
    starts.append(bench_cold_start(baseline, "python -c pass (interpreter alone)", runs))
    return starts


def aims(throughput: list[Throughput], cold: list[ColdStart]) -> dict[str, dict[str, Any]]:
    narrative = [t.median for t in throughput if t.name in NARRATIVE_KEYS]
    worst_narrative = min(narrative) if narrative else None
    script = next((c for c in cold if c.command == "ogi-check --version"), None)
    cold_median = script.median if script else None
    return {
        "narrative_reports_per_second": {
            "aim": f">= {AIM_NARRATIVE_PER_SECOND:g}",
            "value": worst_narrative,
            "met": worst_narrative is not None and worst_narrative >= AIM_NARRATIVE_PER_SECOND,
        },
        "cold_start_seconds": {
            "aim": f"< {AIM_COLD_START_SECONDS:g}",
            "value": cold_median,
            "met": cold_median is not None and cold_median < AIM_COLD_START_SECONDS,
        },
    }


def render_table(
    throughput: list[Throughput],
    cold: list[ColdStart],
    rss: float,
    goals: dict[str, dict[str, Any]],
    header: str,
) -> str:
    lines = [
        header,
        "",
        f"{'report (in-process, rules loaded once)':<42}{'reports/s':>10}{'ms/report':>11}{'findings':>10}",
    ]
    for t in throughput:
        lines.append(f"{t.name:<42}{t.median:>10.1f}{1000 / t.median:>11.2f}{t.findings:>10}")
    lines += ["", f"{'cold start (median wall time)':<42}{'seconds':>10}"]
    for c in cold:
        shown = f"{c.median:>10.3f}" if c.median is not None else f"  n/a ({c.error})"
        lines.append(f"{c.command:<42}{shown}")
    lines += ["", f"{'peak memory of the in-process run (maxrss)':<42}{rss:>10.1f} MiB", ""]
    for name, goal in goals.items():
        value = goal["value"]
        shown = "n/a" if value is None else f"{value:.3f}" if value < 10 else f"{value:.1f}"
        lines.append(f"aim {name} {goal['aim']}: {shown}  {'met' if goal['met'] else 'MISSED'}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    cpu = pin_to_one_cpu(args.cpu)
    throughput = bench_throughput(args)
    rss = peak_rss_mib()  # before any subprocess: children are not counted in RUSAGE_SELF anyway
    cold = bench_cold_starts(args.cold_runs)
    goals = aims(throughput, cold)
    from checker import __version__

    header = (
        f"ogi-check {__version__} · Python {platform.python_version()} · {platform.machine()} · "
        f"pinned to CPU {cpu if cpu is not None else 'n/a'} · "
        f"median of {args.rounds} rounds × {args.iterations} checks, {args.cold_runs} cold runs"
    )
    print(render_table(throughput, cold, rss, goals, header))
    if args.json:
        payload = {
            "version": __version__,
            "python": platform.python_version(),
            "platform": platform.platform(),
            "cpu": cpu,
            "rounds": args.rounds,
            "iterations": args.iterations,
            "throughput": [
                {**asdict(t), "median_reports_per_second": t.median} for t in throughput
            ],
            "cold_start": [{**asdict(c), "median_seconds": c.median} for c in cold],
            "peak_rss_mib": rss,
            "aims": goals,
        }
        args.json.write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n", "utf-8")
    return 1 if args.strict and not all(g["met"] for g in goals.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
