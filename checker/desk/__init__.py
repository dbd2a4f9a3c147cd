"""The office's review desk (issue 14): bodies upload their annual reports, the office reviews.

A Django application served by waitress. Nothing here is imported by the checker itself; the
`ogi-check desk …` commands (checker/desk/cli.py) configure Django from a database URL first
(`setup`), so the same code runs on SQLite (one file, the default) and PostgreSQL.
"""
