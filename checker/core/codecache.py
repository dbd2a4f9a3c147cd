"""The methods `dataclasses` generates, compiled once per machine, not once per process (the
command line only).

Every `@dataclass` writes the source of its `__init__`, `__repr__`, `__eq__`, `__hash__` (and,
frozen, `__setattr__`/`__delattr__`) as text and runs it with the builtin `exec`, which compiles
it first: for checker's ~70 dataclasses that compiling was the largest single cost of a cold
`ogi-check check`. What `compile` makes of a text depends only on the text, the compiler flags
and the interpreter build, so the code objects are kept in the user cache directory (as
`marshal` data, like a `.pyc` file), keyed by the text itself.

`install()` gives the `dataclasses` module a global `exec` of its own, which shadows the builtin
for that module only: it compiles a str source exactly as the builtin would (file name
"<string>", the caller's `__future__` flags) or takes the stored code, and runs it with
`builtins.exec` in the same globals and locals. It relies on no private function's body: should
`dataclasses` stop calling `exec`, the attribute is simply never looked up. Anything else
(a code object, other arguments) goes straight to the builtin. The store is keyed by the
interpreter build; an unreadable, corrupt or unwritable cache only costs the compilation, and
`OGI_CHECK_NO_CACHE=1` turns it off with the other caches.
"""

from __future__ import annotations
import __future__

import atexit
import builtins
import importlib.util
import inspect
import marshal
import sys
from types import CodeType
from typing import Any

from checker.core.diskcache import Store, cache_root, digest

KEEP = 2048  # code objects kept (a check of one report compiles about 400)
FILENAME = "<string>"  # what the builtin exec names a source it compiles (tracebacks unchanged)
# The compiler flags a str passed to exec inherits from the calling code: its __future__ imports.
FUTURE_FLAGS = 0
for _feature in __future__.all_feature_names:
    FUTURE_FLAGS |= getattr(__future__, _feature).compiler_flag


class CodeCache:
    """The stored code objects of this interpreter build, and the ones this process added."""

    def __init__(self) -> None:
        self.key = digest(
            "code",
            sys.version,
            sys.implementation.cache_tag or sys.implementation.name,
            importlib.util.MAGIC_NUMBER,
            str(sys.flags.optimize),
        )
        self.store = Store("code", keep=8)  # one entry per interpreter build
        found = self.store.get(self.key)
        # (source, flags) -> marshalled code object
        self.entries: dict[tuple[str, int], bytes] = found if isinstance(found, dict) else {}
        self.used: set[tuple[str, int]] = set()
        self.compiled = 0  # sources this process compiled (not found in the store)

    def exec(self, source: Any, globals: Any = None, locals: Any = None, /, **kwargs: Any) -> None:
        """The builtin `exec`, taking the code of a str source from the store."""
        caller = sys._getframe(1)
        if globals is None:  # the builtin's defaults are the caller's namespaces, not ours
            globals = caller.f_globals
            if locals is None:  # a function's locals as locals() gives them (a snapshot)
                in_function = caller.f_code.co_flags & inspect.CO_OPTIMIZED
                locals = dict(caller.f_locals) if in_function else caller.f_locals
        if type(source) is str and not kwargs:
            source = self.code(source, caller.f_code.co_flags & FUTURE_FLAGS)
        builtins.exec(source, globals, locals, **kwargs)

    def code(self, source: str, flags: int) -> Any:
        """The code object `exec` compiles from `source` (with the caller's `flags`)."""
        key = (source, flags)
        stored = self.entries.get(key)
        if stored is not None:
            try:
                code = marshal.loads(stored)
            except Exception:  # a damaged entry: compile it afresh
                code = None
            if type(code) is CodeType:
                self.used.add(key)
                return code
        code = compile(source, FILENAME, "exec", flags, dont_inherit=True)
        self.compiled += 1
        if len(self.used) < KEEP:  # bounded: a process that makes classes endlessly keeps some
            self.entries[key] = marshal.dumps(code)
            self.used.add(key)
        return code

    def save(self) -> None:
        """Store the code objects (at exit, when this run compiled new ones)."""
        if not self.compiled:
            return
        if len(self.entries) > KEEP:  # old classes of earlier code: keep this run's
            self.entries = {key: self.entries[key] for key in self.used if key in self.entries}
        self.store.put(self.key, self.entries)


_installed: CodeCache | None = None


def install() -> None:
    """Compile the methods of dataclasses created from now on through the cache (once).

    Call it before the first module that defines a dataclass is imported."""
    global _installed
    if _installed is not None or cache_root() is None:
        return
    import dataclasses

    if "exec" in vars(dataclasses):  # someone else's exec is there already: leave it alone
        return
    try:
        cache = CodeCache()
    except Exception:  # an unusable cache: compile as usual
        return
    _installed = cache
    dataclasses.exec = cache.exec  # type: ignore[attr-defined]
    atexit.register(cache.save)
