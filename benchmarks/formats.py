"""Reports per second for each input format, on one core, with the peak memory of reading one.

    python benchmarks/formats.py [--seconds 3]

Each format is the same 2021 report (fixtures/parity/department_2021.*: about 4 pages with
three tables) so the figures compare readers, not reports. "read" is the reader alone,
"check" the whole run of one file (read, extract, every rule). Peak memory is what Python
allocates while checking one file (tracemalloc: lxml's and pdfium's C memory is not in it), and
the resident peak of a fresh process that checks that one file (everything, imports included).
Aims: HTML >= 50/s, docx >= 20/s, PDF >= 2/s.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from checker.engine import RunConfig, check_file  # noqa: E402
from checker.readers import read_path  # noqa: E402
from checker.ruleset.load import load_rules  # noqa: E402

REPORT = ROOT / "fixtures" / "parity" / "department_2021"
FORMATS = {
    "txt": ROOT / "fixtures" / "2021" / "valid_department.txt",
    **{fmt: REPORT.with_suffix(f".{fmt}") for fmt in ("md", "html", "docx", "pdf", "yaml", "json")},
}
AIMS = {"html": 50.0, "docx": 20.0, "pdf": 2.0}


def rate(work: Callable[[], object], seconds: float) -> float:
    work()  # warm: imports, caches
    count, started = 0, time.perf_counter()
    while (elapsed := time.perf_counter() - started) < seconds or count < 3:
        work()
        count += 1
    return count / elapsed


def peak(work: Callable[[], object]) -> float:
    tracemalloc.start()
    try:
        work()
        return tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


def resident_peak(path: Path) -> float:
    """MiB resident at the peak of a new interpreter that checks this one file."""
    code = (
        "import resource, sys; from pathlib import Path; "
        "from checker.engine import RunConfig, check_file; from checker.ruleset.load import load_rules; "
        "check_file(Path(sys.argv[1]), load_rules(), RunConfig()); "
        # VmHWM, not ru_maxrss: Linux carries ru_maxrss over exec from this (larger) process
        "status = Path('/proc/self/status'); "
        "hwm = [l.split()[1] for l in status.read_text().splitlines() if l.startswith('VmHWM:')] "
        "if status.exists() else []; "
        "print(hwm[0] if hwm else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(path)],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    return int(out.stdout.strip()) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=3.0, help="time per measurement")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    rules, config = load_rules(), RunConfig()
    print(f"{'format':<6} {'read/s':>9} {'check/s':>9} {'py MiB':>8} {'RSS MiB':>8}  aim")
    for fmt, path in FORMATS.items():
        read_rate = rate(lambda p=path: read_path(p), args.seconds)
        check_rate = rate(lambda p=path: check_file(p, rules, config), args.seconds)
        mib = peak(lambda p=path: check_file(p, rules, config))
        aim = AIMS.get(fmt)
        verdict = "" if aim is None else f">= {aim:g}/s {'ok' if check_rate >= aim else 'MISSED'}"
        rss = resident_peak(path)
        print(f"{fmt:<6} {read_rate:>9.1f} {check_rate:>9.1f} {mib:>8.1f} {rss:>8.0f}  {verdict}")


if __name__ == "__main__":
    main()
