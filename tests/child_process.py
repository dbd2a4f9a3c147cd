"""A check in a fresh interpreter, for tests of what a cold process does (imports, caches)."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any


def child_json(script: str, *args: str, env: Mapping[str, str], cwd: Path) -> Any:
    """Run `python -c script args` and return the JSON it printed last on stderr (the child
    reports there, after the checker's own output on stdout)."""
    done = subprocess.run(
        [sys.executable, "-c", script, *args],
        capture_output=True,
        text=True,
        env=dict(env),
        cwd=cwd,
        timeout=120,
        check=False,
    )
    return json.loads(done.stderr.strip().splitlines()[-1])
