"""CSV, a row per finding, for spreadsheets.

Opens in Excel as UTF-8 (the text starts with a byte-order mark, which Excel needs to show
Chinese; Python reads it with `encoding="utf-8-sig"`). A file that could not be read is a row
with `status` = error, its error code in `where` and no rule.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator, Sequence
from typing import TextIO

from checker.core.findings import Results, RuleMeta
from checker.core.fingerprints import iter_fingerprints
from checker.formatters.json_format import finding_dict

COLUMNS = (
    "path", "status", "line", "column", "page", "rule", "name", "severity", "category",
    "message", "where", "expected", "actual", "formula", "basis", "fingerprint",
)  # fmt: skip
BOM = "\ufeff"


def write(results: Results, catalog: Sequence[RuleMeta], lang: str, out: TextIO) -> None:
    out.write(BOM)
    writer = csv.DictWriter(out, COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(_rows(results, lang))


def _rows(results: Results, lang: str) -> Iterator[dict[str, object]]:
    for file in results.iter_files():
        if file.error:
            yield {
                "path": file.path,
                "status": "error",
                "severity": "error",
                "message": file.error.message,
                "where": file.error.code,
            }
        for finding, fp in iter_fingerprints(file.path, file.findings):
            row = {k: v for k, v in finding_dict(finding, lang).items() if k in COLUMNS}
            yield {"path": file.path, "status": "checked", **row, "fingerprint": fp}
