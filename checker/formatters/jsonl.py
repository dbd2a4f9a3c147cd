"""JSON Lines: one JSON object per line, for `jq`, log shippers and spreadsheets.

Every line has a `type`: `finding` (the fields of the JSON contract's finding plus `path` and
`fingerprint`), `file_error` (a file that could not be read) and, last, one `summary`.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from typing import Any, TextIO

from checker.core.findings import Results, RuleMeta
from checker.core.fingerprints import iter_fingerprints
from checker.formatters.json_format import finding_dict, summary_dict

# json.dumps(record, ensure_ascii=False) made a new encoder for every line
_ENCODE = json.JSONEncoder(ensure_ascii=False).encode


def write(results: Results, catalog: Sequence[RuleMeta], lang: str, out: TextIO) -> None:
    for record in _records(results, lang):
        out.write(_ENCODE(record) + "\n")


def _records(results: Results, lang: str) -> Iterator[dict[str, Any]]:
    for file in results.iter_files():
        if file.error:
            yield {
                "type": "file_error",
                "path": file.path,
                "error": {"code": file.error.code, "message": file.error.message},
            }
        for finding, fp in iter_fingerprints(file.path, file.findings):
            yield {
                "type": "finding",
                "path": file.path,
                **finding_dict(finding, lang),
                "fingerprint": fp,
            }
    yield {"type": "summary", **summary_dict(results.tally), **results.counts}
