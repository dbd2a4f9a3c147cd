"""The batch progress bar (`ogi-check check ... --jobs N`) as a user sees it: the real CLI runs as a
process with stderr on a pseudo-terminal or on a pipe, and the test reads what reached each.

On a terminal the bar is drawn, then erased, and the summary line stays; with -q/--quiet the
terminal gets nothing; on a pipe there is no bar (no cursor control, no bar characters) but the
summary is still there. In every case stdout, the report itself, is byte for byte the same.
"""

from __future__ import annotations

import fcntl
import os
import re
import select
import shutil
import signal
import struct
import subprocess
import sys
import termios
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, ROOT

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")

VALID = [
    FIXTURES / "2008" / "valid_narrative.txt",
    FIXTURES / "2019" / "valid_government.txt",
    FIXTURES / "2021" / "valid_department.txt",
]
COPIES = 4
FILES = len(VALID) * COPIES
COLUMNS, LINES = 100, 30
# A hard bound on one run: a normal run takes about a second; a stuck child must fail the test,
# never hang the suite.
RUN_TIMEOUT = 30.0

# The installed console script is what a user types; fall back to `python -m checker` (the same
# `main`) where the venv has no script. (`python -m checker.cli` would not work: cli.py has no
# `__main__` block.)
_SCRIPT = Path(sys.executable).with_name("ogi-check")
OGI_CHECK = [str(_SCRIPT)] if _SCRIPT.is_file() else [sys.executable, "-m", "checker"]

# The columns of `_progress`: TextColumn("检查中"), BarColumn, MofNCompleteColumn, and the time.
# Its last frame, drawn when the bar stops, always shows every file done.
FINAL_FRAME = re.compile(rf"检查中 ━+ +{FILES}/{FILES}\b")
BAR_CHARS = ("━", "╸", "╺")
SUMMARY = re.compile(
    rf"^共 {FILES} 个文件：无问题 \d+，有错误 0，无法读取 0，用时 \d+\.\d 秒 "
    rf"\({FILES} files: \d+ clean, 0 with errors, 0 unreadable, \d+\.\d s\)$"
)
CSI = re.compile(r"\x1b\[([0-9;?]*)([A-Za-z])")
HIDE_CURSOR, SHOW_CURSOR = "\x1b[?25l", "\x1b[?25h"


@dataclass(frozen=True)
class Run:
    returncode: int
    stdout: str
    stderr: str  # what reached the terminal or the pipe, escape sequences included
    seconds: float


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Twelve reports, so that two workers have something to share and the bar a count to show."""
    folder = tmp_path_factory.mktemp("reports")
    for copy in range(COPIES):
        for source in VALID:
            shutil.copy(source, folder / f"{copy}_{source.parent.name}_{source.name}")
    return folder


def environment(**extra: str) -> dict[str, str]:
    """The caller's environment with a fixed terminal, and without what would make rich decide
    for itself (forced colour, forced or refused terminal) or make errors verbose."""
    env = dict(os.environ)
    for name in (
        "FORCE_COLOR",
        "NO_COLOR",
        "TTY_COMPATIBLE",
        "TTY_INTERACTIVE",
        "COLORTERM",
        "JUPYTER_COLUMNS",
        "JUPYTER_LINES",
        "OGI_CHECK_DEBUG",
    ):
        env.pop(name, None)
    env.update(
        TERM="xterm", COLUMNS=str(COLUMNS), LINES=str(LINES), PYTHONIOENCODING="utf-8", **extra
    )
    return env


def run(args: list[str], *, tty: bool, env: dict[str, str] | None = None) -> Run:
    """Run ogi-check with stdout on a pipe and stderr on a pseudo-terminal (tty) or a pipe.

    Both are read as the child writes, in one loop: a full pipe must not stall the child, and a
    pty is only readable while someone reads it. The child gets its own session so that on a
    timeout it is killed with its worker processes."""
    if tty:
        reader, writer = os.openpty()
        # The window size too, not only COLUMNS/LINES: what a real terminal would report.
        fcntl.ioctl(writer, termios.TIOCSWINSZ, struct.pack("HHHH", LINES, COLUMNS, 0, 0))
    else:
        reader, writer = os.pipe()
    started = time.monotonic()
    try:
        proc = subprocess.Popen(
            [*OGI_CHECK, *args],
            cwd=ROOT,
            env=env or environment(),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=writer,
            start_new_session=True,
        )
    except BaseException:
        os.close(reader)
        raise
    finally:
        os.close(writer)  # only the child holds the writing end now: EOF when it is done
    assert proc.stdout is not None
    out = proc.stdout.fileno()
    chunks: dict[int, list[bytes]] = {out: [], reader: []}
    open_fds = set(chunks)
    try:
        while open_fds:
            remaining = started + RUN_TIMEOUT - time.monotonic()
            if remaining <= 0:
                pytest.fail(f"ogi-check {' '.join(args)} did not finish in {RUN_TIMEOUT} s")
            ready, _, _ = select.select(list(open_fds), [], [], min(remaining, 0.05))
            for fd in ready:
                try:
                    data = os.read(fd, 65536)
                except OSError:  # Linux: EIO on the pty once the last writer has closed it
                    data = b""
                if data:
                    chunks[fd].append(data)
                else:
                    open_fds.discard(fd)
            # Exited and nothing more to read: done, even if a stray grandchild kept an end open.
            if not ready and proc.poll() is not None:
                break
        returncode = proc.wait(timeout=max(started + RUN_TIMEOUT - time.monotonic(), 1.0))
    finally:
        if proc.poll() is None:  # timed out or interrupted: take the workers down too
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        os.close(reader)
        proc.stdout.close()
    return Run(
        returncode=returncode,
        stdout=b"".join(chunks[out]).decode("utf-8"),
        stderr=b"".join(chunks[reader]).decode("utf-8"),
        seconds=time.monotonic() - started,
    )


def plain(text: str) -> str:
    """The text without escape sequences (colours, cursor moves)."""
    return CSI.sub("", text)


def screen(raw: str) -> list[str]:
    """The lines left on a terminal after `raw`: enough of a VT100 for what rich sends here
    (carriage return, new line, erase line, cursor up; colours and cursor visibility ignored)."""
    lines, row, col = [""], 0, 0
    pos = 0
    while pos < len(raw):
        escape = CSI.match(raw, pos)
        if escape:
            params, command = escape.groups()
            if command == "K" and params == "2":
                lines[row], col = "", 0
            elif command == "A":
                row = max(0, row - int(params or "1"))
            pos = escape.end()
            continue
        char = raw[pos]
        if char == "\r":
            col = 0
        elif char == "\n":
            row += 1
            if row == len(lines):
                lines.append("")
        else:
            line = lines[row].ljust(col)
            lines[row] = line[:col] + char + line[col + 1 :]
            col += 1
        pos += 1
    return [line.rstrip() for line in lines if line.strip()]


@pytest.fixture(scope="module")
def piped(reports: Path) -> Run:
    """The reference run, stderr on a pipe: its stdout is the report every other run must print."""
    return run(["check", "--jobs", "2", str(reports)], tty=False)


# --- stderr on a terminal ---------------------------------------------------------------------


def test_terminal_shows_the_bar_then_the_summary_and_stdout_is_unchanged(
    reports: Path, piped: Run
) -> None:
    result = run(["check", "--jobs", "2", str(reports)], tty=True)
    assert result.returncode == 0, result.stderr
    # The bar was drawn on the terminal, with its label and the count of files, and reached
    # every file: rich draws the last frame when the bar stops, however fast the run was.
    assert FINAL_FRAME.search(plain(result.stderr)), result.stderr
    # Rich hides the cursor while it draws; the user must get it back.
    assert HIDE_CURSOR in result.stderr
    assert result.stderr.rindex(SHOW_CURSOR) > result.stderr.rindex(HIDE_CURSOR)
    # The bar is transient: once done, what stays on the screen is the summary alone.
    left = screen(result.stderr)
    assert len(left) == 1 and SUMMARY.match(left[0]), left
    # The report on stdout knows nothing of the bar: the same bytes as with stderr on a pipe.
    assert "\x1b" not in result.stdout
    assert not any(char in result.stdout for char in BAR_CHARS)
    assert result.stdout == piped.stdout
    assert result.seconds < 10


@pytest.mark.parametrize("flag", ["-q", "--quiet"])
def test_quiet_terminal_gets_nothing(reports: Path, piped: Run, flag: str) -> None:
    result = run(["check", "--jobs", "2", flag, str(reports)], tty=True)
    assert result.returncode == 0
    # No bar, no summary, no cursor hiding, no note: the terminal's stderr stays empty.
    assert result.stderr == "", result.stderr
    # stdout holds the findings only (no block for a clean file, no summary line), the same as
    # a quiet run on a pipe.
    quiet_piped = run(["check", "--jobs", "2", flag, str(reports)], tty=False)
    assert result.stdout == quiet_piped.stdout
    assert "共检查" not in result.stdout and "未发现问题" not in result.stdout
    assert result.seconds < 10


# --- stderr on a pipe -------------------------------------------------------------------------


def assert_summary_without_bar(stderr: str) -> None:
    assert "\x1b" not in stderr, "escape sequences in a pipe"
    assert not any(char in stderr for char in BAR_CHARS), stderr
    assert "检查中" not in stderr
    # One line, the summary, ending in a plain newline (no carriage returns to redraw a line).
    assert "\r" not in stderr
    lines = stderr.splitlines()
    assert len(lines) == 1 and SUMMARY.match(lines[0]), stderr


def test_pipe_gets_the_summary_without_the_bar(reports: Path, piped: Run) -> None:
    assert piped.returncode == 0, piped.stderr
    assert_summary_without_bar(piped.stderr)
    # The reference stdout is a real report (the other tests compare against it): every file
    # has its heading, once.
    for path in reports.iterdir():
        assert piped.stdout.count(f"{path}  （") == 1, path
    assert piped.seconds < 10


def test_pipe_gets_no_bar_even_when_the_environment_forces_a_terminal(
    reports: Path, piped: Run
) -> None:
    # FORCE_COLOR and TTY_COMPATIBLE make rich treat any stream as a terminal; the decision to
    # draw a bar must follow stderr itself, or a CI log would fill with frames.
    env = environment(FORCE_COLOR="1", TTY_COMPATIBLE="1")
    result = run(["check", "--jobs", "2", str(reports)], tty=False, env=env)
    assert result.returncode == 0, result.stderr
    assert_summary_without_bar(result.stderr)
    # FORCE_COLOR asks for colour (force-color.org), so the report is coloured; it is the same
    # report, and never holds a bar.
    assert "\x1b[" in result.stdout
    assert plain(result.stdout) == piped.stdout
    assert not any(char in result.stdout for char in BAR_CHARS)
