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
    body = _body(_TOKEN.findall(text))
    return re.compile(("(?:.*/)?" if anywhere else "") + body)


def _body(tokens: list[str]) -> str:
    """The regex of a pattern's tokens, linear in the path's length.

    `*a*a*a*b` as `[^/]*a[^/]*a[^/]*a[^/]*b` backtracks exponentially. A `*` followed, in the same
    folder name, by another `*` only has to reach the earliest place where the text between the
    two matches (any later choice leaves less for the rest), so it is an atomic lazy group; the
    last `*` of a name keeps ordinary backtracking, which is linear on its own.
    """
    out: list[str] = []
    index = 0
    while index < len(tokens):
        end = _next_star(tokens, index + 1) if tokens[index] == "*" else None
        if end is None:
            out.append(_translate(tokens[index]))
            index += 1
            continue
        between = "".join(_translate(token) for token in tokens[index + 1 : end])
        out.append(f"(?>[^/]*?{between})")
        index = end
    return "".join(out)


def _next_star(tokens: list[str], start: int) -> int | None:
    """The index of the next `*` in the same folder name, if there is one."""
    for index in range(start, len(tokens)):
        if tokens[index] == "*":
            return index
        if "/" in tokens[index] or tokens[index] == "**":
            return None
    return None


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
