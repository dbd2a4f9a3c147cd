"""Stable identities of findings, for baselines and SARIF `partialFingerprints`.

A fingerprint is built from the rule, the file and the logical location (`where`: a section
title, a quoted clause, a cell address such as T3[R3.7][TOT]) — never from line numbers, so a
finding keeps its fingerprint when lines are inserted above it. Two findings of one rule at the
same logical location in one file are told apart by their order (#0, #1, …), which editing
elsewhere does not change.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from pathlib import PurePosixPath

from checker.core.findings import Finding
from checker.core.hashing import sha256

VERSION = "v1"
FINGERPRINT_KEY = "ogiCheck/v1"  # the SARIF partialFingerprints key
_SPACES = re.compile(r"\s+")


def normalize_path(path: str) -> str:
    """One spelling per file: forward slashes, no './' prefix, no doubled slashes."""
    posix = PurePosixPath(path.replace("\\", "/")).as_posix()
    return posix[2:] if posix.startswith("./") else posix


def fingerprint(rule_id: str, path: str, where: str | None, occurrence: int = 0) -> str:
    return _fingerprint(rule_id, normalize_path(path), where, occurrence)


def _fingerprint(rule_id: str, normalized: str, where: str | None, occurrence: int) -> str:
    logical = _SPACES.sub(" ", where or "").strip()
    text = "\0".join((VERSION, rule_id, normalized, logical, str(occurrence)))
    return sha256(text.encode("utf-8")).hexdigest()[:32]


def iter_fingerprints(path: str, findings: Sequence[Finding]) -> Iterator[tuple[Finding, str]]:
    """Each finding of one file with its fingerprint, in the file's finding order."""
    seen: dict[tuple[str, str], int] = {}
    normalized = normalize_path(path) if findings else path  # once per file, not per finding
    for finding in findings:
        key = (finding.rule.id, finding.problem.where or "")
        occurrence = seen.get(key, 0)
        seen[key] = occurrence + 1
        yield finding, _fingerprint(finding.rule.id, normalized, finding.problem.where, occurrence)
