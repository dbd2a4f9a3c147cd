"""The command line (`ogi-check`, `python -m checker`): parse options, build the objects, run,
format, exit code. One module per command group; `main` holds the group, the options the
commands share, and `check`; the other commands are imported when they run (`lazy`).

May import anything in checker; nothing imports it (except `checker.__main__`). Imports beyond
click are made inside the commands: `ogi-check --version` runs on every commit in a pre-commit
hook and must start fast.
"""

from checker.core import collector

collector.for_a_command()  # first: start-up allocates much and frees little

# Then, before any module that defines a dataclass or compiles a regular expression: their
# generated methods and the matcher's programs are compiled once per machine rather than on
# every start (together the largest single cost of a cold check of one report).
from checker.core import codecache, patterncache  # noqa: E402

codecache.install()
patterncache.install()

from checker.cli.main import main  # noqa: E402

__all__ = ["main"]
