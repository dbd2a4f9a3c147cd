"""The result cache: a file checked before, unchanged, under the same rules and options, gives
back what it gave then (its findings, suppressions and set-rule summary) without being read,
modelled or checked again — an office re-checking a folder after one body resubmits waits for
that one file.

A result is keyed by the checker's code and version (checker.core.diskcache.code_key) and a
fingerprint of the rule set (each rule's id, severity, kind, eras and parameters as written,
and the bytes of the table templates) — both made once, by the process that starts the run —
the run's options for the file (era and body type stated, limits, the manifest's entry), the
path as shown and the SHA-256 of the file's bytes.
Entries live in the user cache directory beside the compiled packs, are written atomically
(safe under --jobs: two workers writing one key write the same bytes), and the oldest are
dropped beyond `KEEP`. `--no-cache` (or OGI_CHECK_NO_CACHE / OGI_CHECK_NO_RESULT_CACHE) turns it
off; a corrupt or unwritable cache is passed over.
"""

from __future__ import annotations

import json
import os
from dataclasses import replace
from functools import cache
from pathlib import Path
from typing import Any

from checker.core.diskcache import Store, cache_root, code_key, digest, file_digest
from checker.core.rules import RuleSet

# The worker's Task and WorkerResult are dataclasses of checker.batch.worker, which imports
# this module: they are handled here by their fields only (no import cycle).
Task = Any
WorkerResult = Any

KEEP = 50_000  # results (a few kilobytes each)


def folder() -> str | None:
    """Where results are kept, or None when the result cache is off."""
    if os.environ.get("OGI_CHECK_NO_RESULT_CACHE", "") not in ("", "0"):
        return None
    root = cache_root()
    return None if root is None else str(root / "results")


@cache
def _store(where: str) -> Store:
    return Store(Path(where), keep=KEEP)


def key(rules_key: str, task: Task) -> str | None:
    try:
        content = file_digest(Path(task.path))
    except OSError:
        return None  # unreadable: checked (and reported) the ordinary way
    return digest("result", rules_key, repr(task.config), repr(task.manifest), task.path, content)


def get(where: str, cache_key: str, task: Task) -> WorkerResult | None:
    found = _store(where).get(cache_key)
    if not (hasattr(found, "summary") and hasattr(found, "result")):
        return None  # not a result: written by other code
    summary = replace(found.summary, index=task.index, path=task.path)
    return replace(found, index=task.index, rules=task.rules, summary=summary)


def put(where: str, cache_key: str, result: WorkerResult) -> None:
    error = result.result.error
    if error is None or error.code != "internal_error":  # a bug is not a result to keep
        _store(where).put(cache_key, result)


def rules_key(rules: RuleSet) -> str:
    """A fingerprint of what the rules would find, with the checker's code: stable across
    processes (no pickle, whose frozensets follow the process's string hashing). Made once, by
    the process that starts the run, and handed to its workers (`Context.rules_keys`): a worker
    that fingerprinted the code itself, later, would key its results under another key when the
    checker's files changed in between (an upgrade, an edit of an editable install), and the
    parent's next run would miss every result the workers wrote."""
    parts: list[str | bytes] = [code_key()]
    for rule in rules.rules:
        params = json.dumps(dict(rule.raw_params), sort_keys=True, ensure_ascii=False, default=str)
        parts += [
            rule.meta.id,
            rule.meta.severity.label,
            rule.kind,
            ",".join(sorted(rule.eras)),
            params,
        ]
    for template in rules.templates:
        parts += [os.fsencode(template), _digest_or_none(Path(template))]
    parts += ["off", *sorted(rules.off)]  # switched off: their suppressions are not judged
    return digest(*parts)


def _digest_or_none(path: Path) -> bytes:
    try:
        return file_digest(path)
    except OSError:
        return b""
