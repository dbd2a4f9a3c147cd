"""Batch checking: many files in worker processes (`worker`) or on a Dask cluster (`cluster`),
results spooled to disk in file order (`results`), then the set rules over the reports'
summaries (`run`). The set kinds themselves and the report set they read live in
`checker.kinds.sets`.

May import `checker.core`, `checker.kinds`, `checker.engine`, `checker.ruleset` and
`checker.project`; never formatters or cli.
"""
