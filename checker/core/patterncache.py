"""Regular expressions compiled once per machine, not once per process (the command line only).

CPython's `re` compiles a pattern in pure Python, and a character class over a CJK range
(`[\\u4e00-\\u9fff]`) is built one code point at a time: the ~240 patterns a check of one report
compiles cost about a third of a cold `ogi-check check`. What the compiler produces for a
pattern — the program handed to the C matcher — depends only on the pattern, its flags and the
interpreter build, so it is kept in the user cache directory like a `.pyc` file, and the next
run hands the stored program to the matcher directly.

`install()` wraps the standard library's compile step for this process (the CLI calls it first
thing); `re`'s own per-process cache and everything above it are unchanged. The matcher
validates every program it is given (a damaged one is refused, then compiled afresh), entries
are keyed by the interpreter build (`sys.version`, `_sre.MAGIC`), and anything unexpected —
another Python implementation, a changed private interface, an unreadable or unwritable cache
— falls back to plain compilation. `OGI_CHECK_NO_CACHE=1` turns it off with the other caches.
"""

from __future__ import annotations

import atexit
import importlib
import sys
from array import array
from typing import Any

from checker.core.diskcache import Store, cache_root, digest

# The standard library's compiler and matcher (private; the same shape in CPython 3.11–3.13).
_compiler: Any = importlib.import_module("re._compiler")
_sre: Any = importlib.import_module("_sre")
PLAIN = _compiler.compile  # the standard compile step, as imported (before `install`)

KEEP = 4096  # programs kept (a run of the bundled packs compiles about 250)
# The program is kept as the bytes of an array of code words: a store of 350 programs as lists
# of ints took 4 ms to unpickle, most of it for programs the run never uses.
Entry = tuple[int, bytes, int, dict[str, int], tuple[str | None, ...]]
_WORD = next(t for t in "ILQ" if array(t).itemsize == _sre.CODESIZE)


class PatternCache:
    """The stored programs of this interpreter build, and the ones this process added."""

    def __init__(self) -> None:
        self.key = digest("patterns-2", sys.version, str(_sre.MAGIC), sys.implementation.cache_tag)
        self.store = Store("patterns", keep=8)  # one entry per interpreter build
        found = self.store.get(self.key)
        self.entries: dict[tuple[str, int], Entry] = found if isinstance(found, dict) else {}
        self.added = 0

    def compile(self, pattern: Any, flags: Any = 0) -> Any:
        """`re._compiler.compile`, reusing the stored program of a str pattern."""
        if not isinstance(pattern, str) or flags & _compiler.SRE_FLAG_DEBUG:
            return PLAIN(pattern, flags)
        key = (pattern, int(flags))
        entry = self.entries.get(key)
        if entry is not None:
            try:
                return _compile(pattern, entry)
            except Exception:  # refused by the matcher (a damaged entry): compile it afresh
                pass
        entry = _program(pattern, int(flags))
        self.entries[key] = entry
        self.added += 1
        return _compile(pattern, entry)

    def save(self) -> None:
        """Store the programs (at exit, when this run compiled new ones)."""
        if not self.added:
            return
        if len(self.entries) > KEEP:  # a long-lived cache of user packs: start again
            self.entries = dict(list(self.entries.items())[-KEEP:])
        self.store.put(self.key, self.entries)


def _compile(pattern: str, entry: Entry) -> Any:
    flags, code, groups, groupindex, indexgroup = entry
    return _sre.compile(pattern, flags, array(_WORD, code).tolist(), groups, groupindex, indexgroup)


def _program(pattern: str, flags: int) -> Entry:
    """What `re._compiler.compile` passes to `_sre.compile`, as plain data."""
    parsed = _compiler._parser.parse(pattern, flags)
    code = array(_WORD, [int(op) for op in _compiler._code(parsed, flags)]).tobytes()
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    final = int(flags | parsed.state.flags)
    return (final, code, parsed.state.groups - 1, groupindex, tuple(indexgroup))


_installed: PatternCache | None = None


def install() -> None:
    """Compile this process's regular expressions through the cache (once; CPython only)."""
    global _installed
    if _installed is not None or sys.implementation.name != "cpython" or cache_root() is None:
        return
    try:
        cache = PatternCache()
        probe = "(?P<a>x)(?i:[\u4e00-\u4e01])"  # the private interface is as expected
        if _compile(probe, _program(probe, 0)) != PLAIN(probe, 0):
            return
    except Exception:  # another layout of re's internals: compile as usual
        return
    _installed = cache
    _compiler.compile = cache.compile
    atexit.register(cache.save)
