"""ogi-check's caches on disk: built rule sets and per-file results, in the user cache directory.

A cache only ever saves time. A missing, corrupt, truncated, unreadable or unwritable entry is
passed over silently and the caller builds what it needs as if there were none; an entry is
written to a temporary file and renamed into place, so parallel runs (`--jobs`) never read half
an entry; each store keeps at most a bounded number of entries, dropping the oldest.

Entries are pickles. The cache directory is the user's own (like the pip or ruff caches): whoever
can write there can already run code as the user.

`OGI_CHECK_CACHE_DIR` names another directory; `OGI_CHECK_NO_CACHE=1` turns every cache off.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import sys
from collections.abc import Callable, Sequence
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

from checker import __version__
from checker.core.hashing import blake2b

T = TypeVar("T")
_MEMORY: dict[str, tuple[Any, Any]] = {}  # this process's built values: a command builds once


def cache_root() -> Path | None:
    """The directory of every ogi-check cache, or None when caching is off."""
    if os.environ.get("OGI_CHECK_NO_CACHE", "") not in ("", "0"):
        return None
    named = os.environ.get("OGI_CHECK_CACHE_DIR")
    if named:
        return Path(named)
    return Path(user_cache_dir())


def user_cache_dir() -> str:
    """The user cache directory of ogi-check, as platformdirs names it.

    On Linux that is the XDG rule (`$XDG_CACHE_HOME` when absolute, else `~/.cache`), worked out
    here: platformdirs' Unix module imports tempfile, shutil, bz2, lzma and random, a tenth of
    the start-up of a cold check of one report. Anything unusual (no absolute home, Android,
    another system) is left to platformdirs."""
    if sys.platform == "linux" and not hasattr(sys, "getandroidapilevel"):
        base = os.environ.get("XDG_CACHE_HOME", "")
        if base.startswith("/"):
            return os.path.join(base, "ogi-check")
        if os.environ.get("HOME", "").startswith("/"):
            return os.path.join(os.path.expanduser("~/.cache"), "ogi-check")
    from platformdirs import user_cache_dir as platform_cache_dir

    return platform_cache_dir("ogi-check", appauthor=False)


def cached(
    kind: str,
    files: Sequence[Path],
    extra: Sequence[str],
    build: Callable[[], tuple[T, Sequence[Path]]],
    keep: int = 32,
) -> T:
    """What `build()` makes from `files` (and the `extra` strings), or what an earlier run (or
    this one) made from the same bytes with the same code. `build` also returns the further
    files it read (a pack's templates): the value is only reused while those hold the same bytes.
    An error raised by `build` is never cached."""
    try:
        key = digest(
            kind,
            code_key(),
            *extra,
            *(part for p in files for part in (os.fsencode(p), file_digest(p))),
        )
    except OSError:
        return build()[0]  # a file cannot be read: let build() report it
    entry = _MEMORY.get(key)
    if entry is None or not _unchanged(entry[0]):
        store = Store(kind, keep)
        entry = store.get(key)
        if not (isinstance(entry, tuple) and len(entry) == 2 and _unchanged(entry[0])):
            value, depends = build()
            entry = (_fingerprints(depends), value)
            store.put(key, entry)
        _MEMORY[key] = entry
    return entry[1]


def _fingerprints(paths: Sequence[Path]) -> tuple[tuple[str, bytes], ...] | None:
    try:
        return tuple((str(p), file_digest(p)) for p in dict.fromkeys(paths))
    except OSError:
        return None  # never reused


def _unchanged(fingerprints: Any) -> bool:
    if not isinstance(fingerprints, tuple):
        return False
    try:
        return all(file_digest(Path(p)) == d for p, d in fingerprints)
    except OSError:
        return False


class Store:
    """One kind of entry (`rules`, `results`), by key, in its own folder."""

    def __init__(self, kind: str | Path, keep: int):
        """`kind`: a folder name under the cache root, or a folder (decided elsewhere)."""
        root = cache_root()
        if isinstance(kind, Path):
            self.folder: Path | None = kind
        else:
            self.folder = None if root is None else root / kind
        self.keep = keep
        self.written = 0

    def get(self, key: str) -> Any:
        """The entry stored under `key`, or None."""
        if self.folder is None:
            return None
        path = self._path(key)
        try:
            with path.open("rb") as handle:
                return pickle.load(handle)
        except FileNotFoundError:
            return None
        except Exception:  # corrupt, truncated, written by other code: drop it
            with contextlib.suppress(OSError):
                path.unlink()
            return None

    def put(self, key: str, value: Any) -> None:
        if self.folder is None:
            return
        path = self._path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            import tempfile  # on a write only: a run that reads its caches does without it

            handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
            try:
                with os.fdopen(handle, "wb") as out:
                    pickle.dump(value, out, protocol=pickle.HIGHEST_PROTOCOL)
                os.replace(temporary, path)
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(temporary)
                raise
        except (OSError, pickle.PicklingError, TypeError, AttributeError, RecursionError):
            return  # unwritable or unpicklable: the run goes on without this entry
        self.written += 1
        if self.written == 1 or self.written % 500 == 0:
            self.trim()

    def trim(self) -> None:
        """Keep the newest `keep` entries (by modification time)."""
        if self.folder is None:
            return
        with contextlib.suppress(OSError):
            entries = [(_mtime(p), p) for p in self.folder.glob("*/*.pickle")]
            if len(entries) <= self.keep:
                return
            entries.sort()
            for _, stale in entries[: len(entries) - self.keep]:
                with contextlib.suppress(OSError):
                    stale.unlink()

    def _path(self, key: str) -> Path:
        assert self.folder is not None
        return self.folder / key[:2] / f"{key}.pickle"


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def digest(*parts: str | bytes) -> str:
    """A key from strings and bytes (each part delimited, so ("ab", "c") ≠ ("a", "bc"))."""
    hasher = blake2b(digest_size=32)
    for part in parts:
        data = part if isinstance(part, bytes) else part.encode("utf-8", "surrogateescape")
        hasher.update(len(data).to_bytes(8, "little"))
        hasher.update(data)
    return hasher.hexdigest()


@cache
def code_key() -> str:
    """The tool version, the Python version and the checker's own code — by each module's path,
    size and modification time (no module is read) — so that an entry built by other code is
    never used."""
    root = Path(__file__).resolve().parent.parent
    record = _installed_record(root.parent)
    if record is not None:
        return digest(__version__, sys.version, str(record), record.read_bytes())
    entries: list[str] = []
    _scan(root, entries)
    return digest(__version__, sys.version, *sorted(entries))


def _installed_record(site: Path) -> Path | None:
    """The RECORD of a copy installed from a wheel (pip, pipx, pre-commit): it lists every
    installed file with the hash of its bytes and is written anew by every install, so it stands
    for the code without a stat of each of its 190 files (2–7 ms of a cold start). None for a
    checkout (an editable install): its files change under it, and are scanned."""
    try:
        found = [p for p in site.glob("ogi_checker-*.dist-info/RECORD") if p.is_file()]
    except OSError:
        return None
    return found[0] if len(found) == 1 else None


def _scan(folder: Path, entries: list[str]) -> None:
    with os.scandir(folder) as listing:
        for entry in listing:
            if entry.is_dir(follow_symlinks=False):
                if entry.name != "__pycache__":
                    _scan(Path(entry.path), entries)
            elif entry.name.endswith((".py", ".json", ".yaml")):
                info = entry.stat()
                entries.append(f"{entry.path}:{info.st_size}:{info.st_mtime_ns}")


def file_digest(path: Path) -> bytes:
    if not path.is_file():  # a FIFO or device would block the read: not cacheable (the loader
        raise OSError(f"{path}: not a regular file")  # then names the file and refuses it)
    return blake2b(path.read_bytes(), digest_size=32).digest()


@cache
def packs_dir() -> Path:
    """The folder of the bundled packs (checker.packs), found without importlib.resources,
    which pulls in zipfile, tempfile and shutil at start-up; the packs ship as plain files."""
    from importlib.util import find_spec

    spec = find_spec("checker.packs")
    locations = spec.submodule_search_locations if spec is not None else None
    if not locations:
        from importlib import resources

        return Path(str(resources.files("checker.packs")))
    return Path(next(iter(locations)))
