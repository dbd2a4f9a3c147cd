"""The same questions as run.py, counted in instructions (valgrind's callgrind), not seconds.

    python benchmarks/instructions.py                # about a minute and a half
    python benchmarks/instructions.py --python PY    # the checker installed for interpreter PY

Wall time on a shared machine moves by a third from one minute to the next (neighbours, CPU
frequency); an instruction count is the same run after run for the same code, inputs and
interpreter, whatever else the machine is doing. Compare commits with this, and judge the aims
with run.py. Figures: `python -c pass`, `ogi-check --version` and a cold `ogi-check check` of
the seed (caches warm, in a private cache folder), and the per-report work of an in-process
check of the three fixtures — the difference between checking a report eleven times and once,
divided by ten — beside the floor (read + NFKC + one regex pass) counted the same way.

Instructions are not time: the floor's C loops run several instructions a cycle, interpreted
Python far fewer, so a ratio to the floor in instructions (about 2.5 for the seed) says nothing
of the ratio in time that the aim is about (run.py measures that). Needs valgrind.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

import run  # benchmarks/run.py: the fixtures and the floor's definition

REPEAT = 10  # extra checks per in-process figure: (11 checks - 1 check) / 10
_COLLECTED = re.compile(r"Collected\s*:\s*(\d+)")

# As a batch worker runs (checker.core.collector.for_a_worker, written out so that an older
# commit is measured the same way): rules loaded, then frozen out of the garbage collector's
# walks, which run every 50,000 new objects (else a full walk of the rules lands in one run of
# ten checks and not in another, and moves the figure by a tenth).
IN_PROCESS = """
import gc, sys
from pathlib import Path
from checker.api import check_path, load_rules
rules = load_rules()
gc.freeze()
gc.set_threshold(50_000)
path = Path(sys.argv[1])
for _ in range(int(sys.argv[2])):
    check_path([path], rules)
"""

FLOOR = f"""
import re, sys, unicodedata
from pathlib import Path
NUMBER = re.compile({run.NUMBER.pattern!r})
path = Path(sys.argv[1])
for _ in range(int(sys.argv[2])):
    text = unicodedata.normalize("NFKC", path.read_bytes().decode("utf-8"))
    sum(1 for _ in NUMBER.finditer(text))
"""


def instructions(command: Sequence[str], env: dict[str, str], cwd: Path) -> int:
    """Instructions callgrind counts for one run of `command` (its output is thrown away)."""
    proc = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *command],
        capture_output=True, text=True, env=env, cwd=cwd, check=False,
    )  # fmt: skip
    found = _COLLECTED.search(proc.stderr)
    if found is None:
        raise SystemExit(f"callgrind failed on {' '.join(command)}:\n{proc.stderr[-800:]}")
    return int(found.group(1))


def per_report(python: str, code: str, path: Path, env: dict[str, str], cwd: Path) -> float:
    once = instructions([python, "-c", code, str(path), "1"], env, cwd)
    more = instructions([python, "-c", code, str(path), str(REPEAT + 1)], env, cwd)
    return (more - once) / REPEAT


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--python", default=sys.executable, help="interpreter with the checker")
    args = parser.parse_args(argv)
    if shutil.which("valgrind") is None:
        print("valgrind is not installed (apt-get install valgrind)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="ogi-instr-") as tmp:
        work = Path(tmp)
        cli = run.Cli(args.python, work / "cache-home")
        env, cwd = cli.env, cli.cwd
        seed = [*cli.command, "check", str(run.SEED), *cli.no_cache]
        for warm in (seed, [*cli.command, "--version"]):
            cli.run(warm[len(cli.command) :])  # caches written, files in the OS cache
        rows = [
            ("`python -c pass`", instructions([args.python, "-c", "pass"], env, cwd)),
            ("`ogi-check --version`", instructions([*cli.command, "--version"], env, cwd)),
            ("cold `ogi-check check seed`", instructions(seed, env, cwd)),
        ]
        floor = per_report(args.python, FLOOR, run.SEED, env, cwd)
        rows.append(("floor: read + NFKC + one regex pass, per report (seed)", floor))
        for path in (run.SEED, run.NARRATIVE, run.DEPARTMENT_2021):
            label = f"in-process check, per report: {path.name}"
            rows.append((label, per_report(args.python, IN_PROCESS, path, env, cwd)))
    width = max(len(label) for label, _ in rows)
    print(f"instructions (callgrind) · {args.python} · {os.uname().machine}\n")
    for label, count in rows:
        print(f"{label:<{width}}  {count / 1e6:9.1f}M")
    return 0


if __name__ == "__main__":
    sys.exit(main())
