"""A repository's settings: the configuration file (`config`, `.ogi-check.yaml` or
pyproject.toml via `tomlsource`), per-path globs, the baseline of known findings, and `build`,
which turns them into the jobs of a run.

May import `checker.core`, `checker.engine`, `checker.ruleset` and `checker.extract` (overrides);
never batch, formatters or cli.
"""
