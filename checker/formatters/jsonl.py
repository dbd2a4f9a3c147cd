"""JSON Lines: one JSON object per line, for `jq`, log shippers and spreadsheets.

Every line has a `type`: `finding` (the fields of the JSON contract's finding plus `path` and
`fingerprint`), `file_error` (a file that could not be read) and, last, one `summary`.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from typing import Any

from checker.core.findings import RuleMeta, RunResult
from checker.core.fingerprints import iter_fingerprints
from checker.formatters.json_format import finding_dict, summary_dict


def render(result: RunResult, catalog: Sequence[RuleMeta], lang: str) -> str:
    return "".join(
        json.dumps(record, ensure_ascii=False) + "\n" for record in _records(result, lang)
    )


def _records(result: RunResult, lang: str) -> Iterator[dict[str, Any]]:
    for file in result.files:
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
    yield {"type": "summary", **summary_dict(result), **result.counts}
