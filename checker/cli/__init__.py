"""The command line (`ogi-check`, `python -m checker`): parse options, build the objects, run,
format, exit code. One module per command group; `main` holds the group, the options the
commands share, and `check`; the other commands are imported when they run (`lazy`).

May import anything in checker; nothing imports it (except `checker.__main__`). Imports beyond
click are made inside the commands: `ogi-check --version` runs on every commit in a pre-commit
hook and must start fast.
"""

import atexit
import gc

# The cyclic garbage collector, tuned for a command that starts, checks and exits. Start-up
# builds tens of thousands of objects that live until exit (modules, classes, rules): at the
# default threshold (700) the collector walked them again and again, and at exit it walked the
# whole heap once more to break cycles that the end of the process frees anyway — together 13%
# of the instructions of a cold check of one report. A higher first threshold still collects
# the garbage of a long batch run (every 50,000 new objects); freezing everything as the last
# exit handler (atexit runs them last-registered first) leaves the final collection nothing to
# walk. Output and caches are written and closed before that: by the commands, and by the exit
# handlers registered after this one.
gc.set_threshold(50_000)
atexit.register(gc.freeze)

# First, before any module that defines a dataclass or compiles a regular expression: their
# generated methods and the matcher's programs are compiled once per machine rather than on
# every start (together the largest single cost of a cold check of one report).
from checker.core import codecache, patterncache  # noqa: E402

codecache.install()
patterncache.install()

from checker.cli.main import main  # noqa: E402

__all__ = ["main"]
