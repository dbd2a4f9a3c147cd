"""Glob patterns over repository-relative paths, as in .gitignore.

`*` and `?` stay within one folder name, `**` spans folders (`reports/**`, `**/drafts/*.md`);
a pattern without '/' matches a file or folder name at any depth (`README.md`, `drafts`); a
pattern that matches a folder matches everything inside it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from pathlib import PurePosixPath

_TOKEN = re.compile(r"\*\*/|/\*\*$|\*\*|\*|\?|/|[^*?/]+")


def outside(pattern: str) -> bool:
    """A pattern that could only name something outside the repository root."""
    return (
        pattern.startswith(("/", "\\")) or ".." in PurePosixPath(pattern.replace("\\", "/")).parts
    )


@cache
def compile_glob(pattern: str) -> re.Pattern[str]:
    text = pattern.strip().removeprefix("./").rstrip("/")
    anywhere = "/" not in text
    body = "".join(_translate(token) for token in _TOKEN.findall(text))
    return re.compile(("(?:.*/)?" if anywhere else "") + body)


def _translate(token: str) -> str:
    return {
        "**/": "(?:.*/)?",
        "/**": "(?:/.*)?",
        "**": ".*",
        "*": "[^/]*",
        "?": "[^/]",
    }.get(token, re.escape(token))


def matches(relative: str, patterns: Sequence[str]) -> bool:
    """Whether the repository-relative posix path, or a folder holding it, matches a pattern."""
    parts = relative.split("/")
    candidates = ["/".join(parts[:end]) for end in range(len(parts), 0, -1)]
    return any(compile_glob(p).fullmatch(c) for p in patterns for c in candidates)
