"""The hostile-input suite's fast subset (benchmarks/hostile.py --quick): every count of what
must never happen — internal errors, hangs, memory, unclear errors, modified inputs — is zero.
The whole suite runs in .ci/run."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT


def test_quick_hostile_suite_is_all_zeros() -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "hostile.py"), "--quick"],
        capture_output=True,
        text=True,
        timeout=900,
        cwd=ROOT,
    )
    summary = done.stdout.strip().splitlines()[-1]
    assert summary.startswith("hostile: inputs="), done.stdout + done.stderr
    assert int(summary.split("inputs=")[1].split()[0]) >= 80
    for count in ("internal_errors", "hangs", "memory", "unclear_errors", "modified_inputs"):
        assert f"{count}=0" in summary, done.stdout
    assert done.returncode == 0
