"""Does a speed change keep every finding? Record what `ogi-check check` prints, then compare.

    python benchmarks/same_output.py record /tmp/before    # on the code before the change
    python benchmarks/same_output.py compare /tmp/before   # after it: exit 1 on any difference

The inputs are the shared corpus, the fixtures, and two generated folders of 120 reports each
(the narrative and 2021 templates filled in by many bodies, as benchmarks/run.py makes them),
checked as whole folders with and without `--jobs 2`, in JSON Lines and in the text format. The
result cache is off, so every run computes its findings afresh.
"""

from __future__ import annotations

import argparse
import difflib
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import run  # benchmarks/run.py: the templates and fill_folder

ROOT = run.ROOT
CORPUS = ROOT.parent / "shared" / "corpus"


def cases(work: Path) -> dict[str, list[str]]:
    narrative = run.fill_folder(work / "narrative", [run.SEED, run.NARRATIVE], 120)
    y2021 = run.fill_folder(work / "y2021", [run.DEPARTMENT_2021], 120)
    found: dict[str, list[str]] = {}
    # the generated folders by their names under `work` (the cwd): the same text every run
    folders = {"corpus": CORPUS, "fixtures": ROOT / "fixtures",
               "narrative": Path(narrative.name), "y2021": Path(y2021.name)}  # fmt: skip
    for name, folder in folders.items():
        if not (work / folder).exists():
            continue
        found[f"{name}.jsonl"] = ["check", str(folder), "--format", "jsonl"]
        found[f"{name}.jobs2.jsonl"] = ["check", str(folder), "--format", "jsonl", "--jobs", "2"]
        found[f"{name}.txt"] = ["check", str(folder)]
    return found


def outputs(work: Path) -> dict[str, str]:
    script = Path(sys.executable).parent / "ogi-check"
    command = [str(script)] if script.is_file() else [sys.executable, "-m", "checker"]
    env = {**os.environ, "OGI_CHECK_NO_CACHE": "1", "NO_COLOR": "1", "COLUMNS": "120"}
    printed = {}
    for name, args in cases(work).items():
        proc = subprocess.run(
            [*command, *args, "--no-cache"], capture_output=True, text=True, env=env,
            cwd=work, check=False,
        )  # fmt: skip
        printed[name] = f"exit {proc.returncode}\n{proc.stdout}"
    return printed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=["record", "compare"])
    parser.add_argument("folder", type=Path)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="ogi-same-") as tmp:
        printed = outputs(Path(tmp))
    if args.action == "record":
        args.folder.mkdir(parents=True, exist_ok=True)
        for name, text in printed.items():
            (args.folder / name).write_text(text, "utf-8")
        print(f"recorded {len(printed)} outputs in {args.folder}")
        return 0
    differ = 0
    for name, text in printed.items():
        before = (args.folder / name).read_text("utf-8")
        if before != text:
            differ += 1
            diff = difflib.unified_diff(
                before.splitlines(), text.splitlines(), f"before/{name}", f"after/{name}",
                lineterm="", n=1,
            )  # fmt: skip
            print("\n".join(list(diff)[:40]))
    print(f"{len(printed) - differ} of {len(printed)} outputs unchanged")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
