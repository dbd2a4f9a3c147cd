"""checker.core.codecache: the methods `dataclasses` generates are the same whether compiled or
taken from the store, a later process compiles none of them again, a broken or missing cache only
costs the compilation, and the command line installs the cache before any dataclass is made."""

from __future__ import annotations

import builtins
import dataclasses
import inspect
import os
from collections.abc import Callable, Iterator
from dataclasses import InitVar, dataclass, field
from pathlib import Path
from typing import Any, ClassVar

import pytest

from checker.core import codecache
from checker.core.diskcache import Store
from tests.child_process import child_json
from tests.conftest import SEED


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("OGI_CHECK_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("OGI_CHECK_NO_CACHE", raising=False)
    return tmp_path / "cache"


@pytest.fixture
def dataclasses_exec() -> Iterator[Callable[[Any], None]]:
    """Run `dataclasses` with a given exec for one test (the builtin's, or a cache's)."""
    before = vars(dataclasses).get("exec")

    def use(exec_: Any) -> None:
        dataclasses.exec = exec_  # type: ignore[attr-defined]

    yield use
    if before is None:
        vars(dataclasses).pop("exec", None)
    else:
        dataclasses.exec = before  # type: ignore[attr-defined]


def make_classes() -> dict[str, type]:
    """A dataclass of each shape checker uses, and the options it does not (yet)."""

    @dataclass(frozen=True)
    class Point:
        x: int
        y: int = 0
        tags: tuple[str, ...] = ()

    @dataclass(order=True, unsafe_hash=True)
    class Ordered:
        rank: int
        name: str = field(default="", compare=False)
        notes: list[str] = field(default_factory=list, repr=False, hash=False)
        unit: ClassVar[str] = "件"

    @dataclass(frozen=True, slots=True, kw_only=True)
    class Slotted:
        code: str
        count: int = 1

    @dataclass
    class Derived:
        base: int
        scale: InitVar[int] = 2
        total: int = field(init=False, default=0)

        def __post_init__(self, scale: int) -> None:
            self.total = self.base * scale

    return {cls.__name__: cls for cls in (Point, Ordered, Slotted, Derived)}


def behaviour(classes: dict[str, type]) -> dict[str, Any]:
    """What a user of the classes can observe, as plain data."""
    point, ordered, slotted, derived = (
        classes[n] for n in ("Point", "Ordered", "Slotted", "Derived")
    )
    p = point(1, 2, ("a",))
    seen: dict[str, Any] = {
        "repr": [repr(p), repr(ordered(3, "x", ["n"])), repr(slotted(code="c")), repr(derived(4))],
        "eq": [p == point(1, 2, ("a",)), p == point(1, 3), ordered(1, "a") == ordered(1, "b")],
        "hash": [hash(p) == hash(point(1, 2, ("a",))), hash(ordered(5)) == hash(ordered(5, "z"))],
        "order": sorted(ordered(r).rank for r in (3, 1, 2)),
        "replace": repr(dataclasses.replace(p, y=9)),
        "post_init": derived(4, 3).total,
        "docs": [cls.__doc__ for cls in classes.values()],
        "signatures": [str(inspect.signature(cls)) for cls in classes.values()],
        "qualnames": [cls.__init__.__qualname__.split(".")[-1] for cls in classes.values()],
    }
    with pytest.raises(dataclasses.FrozenInstanceError) as frozen:
        p.x = 5  # type: ignore[misc]
    seen["frozen"] = str(frozen.value)
    seen["frozen_frame"] = frozen.traceback[-1].frame.code.raw.co_filename
    with pytest.raises(TypeError) as missing:
        slotted()
    seen["missing"] = str(missing.value)
    seen["code"] = [
        (name, getattr(cls, name).__code__)
        for cls in classes.values()
        for name in ("__init__", "__repr__", "__eq__")
    ]
    return seen


def test_classes_behave_the_same_compiled_or_stored(
    cache_dir: Path, dataclasses_exec: Callable[[Any], None]
) -> None:
    dataclasses_exec(builtins.exec)
    plain = behaviour(make_classes())
    first = codecache.CodeCache()
    dataclasses_exec(first.exec)
    compiled = behaviour(make_classes())
    assert first.compiled > 0
    first.save()
    later = codecache.CodeCache()  # a later process: every method comes from the store
    dataclasses_exec(later.exec)
    stored = behaviour(make_classes())
    assert later.compiled == 0 and later.used
    assert plain == compiled == stored  # code objects compare by their bytecode, names, lines
    assert plain["frozen_frame"] == "<string>"  # a traceback names the generated code as before


def test_a_str_is_compiled_as_the_builtin_compiles_it(cache_dir: Path) -> None:
    """This module's `from __future__ import annotations` applies to the text, as with exec."""
    cache = codecache.CodeCache()
    source = "x: int = 1\ndef f():\n    return __name__\n"
    ours: dict[str, Any] = {}
    theirs: dict[str, Any] = {}
    cache.exec(source, ours)
    builtins.exec(source, theirs)
    assert ours["__annotations__"] == theirs["__annotations__"] == {"x": "int"}
    assert ours["f"].__code__ == theirs["f"].__code__
    local: dict[str, Any] = {}
    cache.exec("name = __name__", None, local)  # no globals: the caller's, as with exec
    assert local == {"name": __name__}


def test_code_objects_and_other_calls_go_to_the_builtin(cache_dir: Path) -> None:
    cache = codecache.CodeCache()
    namespace: dict[str, Any] = {}
    cache.exec(compile("y = 2", "<test>", "exec"), namespace)
    assert namespace["y"] == 2 and cache.compiled == 0 and not cache.entries


def test_a_corrupt_store_is_passed_over(cache_dir: Path) -> None:
    key = codecache.CodeCache().key
    Store("code", keep=8).put(key, ["not", "a", "dict"])
    assert codecache.CodeCache().entries == {}
    (entry,) = cache_dir.glob("code/*/*.pickle")
    entry.write_bytes(b"\x80\x05truncated")
    cache = codecache.CodeCache()
    assert cache.entries == {}
    namespace: dict[str, Any] = {}
    cache.exec("z = 3", namespace)
    assert namespace["z"] == 3


def test_a_damaged_entry_is_compiled_afresh(cache_dir: Path) -> None:
    cache = codecache.CodeCache()
    cache.entries[("z = 3", 0)] = b"not marshal data"
    namespace: dict[str, Any] = {}
    cache.exec("z = 3", namespace, namespace)
    assert namespace["z"] == 3 and cache.compiled == 1


def test_an_unwritable_cache_is_no_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", "utf-8")
    monkeypatch.setenv("OGI_CHECK_CACHE_DIR", str(blocker / "cache"))
    cache = codecache.CodeCache()
    namespace: dict[str, Any] = {}
    cache.exec("w = 4", namespace)
    cache.save()
    assert namespace["w"] == 4 and blocker.read_text("utf-8") == "not a folder"


def test_the_store_is_bounded(cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(codecache, "KEEP", 3)
    cache = codecache.CodeCache()
    for n in range(5):
        cache.exec(f"v = {n}", {})
    assert len(cache.entries) == 3 and cache.compiled == 5
    cache.save()
    assert len(codecache.CodeCache().entries) == 3


@pytest.fixture
def not_installed(monkeypatch: pytest.MonkeyPatch, dataclasses_exec: Any) -> Iterator[None]:
    monkeypatch.setattr(codecache, "_installed", None)
    monkeypatch.setattr(codecache.atexit, "register", lambda *_: None)
    vars(dataclasses).pop("exec", None)
    yield


def test_install_puts_the_cache_in_front_of_the_builtin(
    cache_dir: Path, not_installed: None
) -> None:
    codecache.install()
    assert codecache._installed is not None
    assert vars(dataclasses)["exec"] == codecache._installed.exec
    make_classes()
    assert codecache._installed.compiled > 0


def test_no_cache_installs_nothing(monkeypatch: pytest.MonkeyPatch, not_installed: None) -> None:
    monkeypatch.setenv("OGI_CHECK_NO_CACHE", "1")
    codecache.install()
    assert codecache._installed is None and "exec" not in vars(dataclasses)


CHILD = """
import builtins, dataclasses, json, sys

direct = []  # exec calls the dataclasses module made to the builtin itself, not through the cache


def probe(frame, event, arg):
    if event == "c_call" and arg is builtins.exec and frame.f_code.co_filename == dataclasses.__file__:
        direct.append(frame.f_globals["__name__"])


sys.setprofile(probe)
sys.argv = ["ogi-check", "check", sys.argv[1]]
try:
    from checker.cli import main

    main()
except SystemExit:
    pass
sys.setprofile(None)

from checker.core import codecache

made = [
    name
    for name, module in list(sys.modules.items())
    if name.startswith("checker.")
    for value in vars(module).values()
    if isinstance(value, type) and dataclasses.is_dataclass(value) and value.__module__ == name
]
cache = codecache._installed
print(json.dumps({
    "direct": direct,
    "dataclasses": len(made),
    "compiled": cache.compiled,
    "used": len(cache.used),
}), file=sys.stderr)
"""


def test_the_command_line_makes_every_dataclass_through_the_cache(tmp_path: Path) -> None:
    """Two fresh checks of a report: the first compiles every generated method through the cache
    (none reached the builtin exec before it was installed), the second none."""
    report = tmp_path / "report.txt"
    report.write_bytes(SEED.read_bytes())
    env = {**os.environ, "OGI_CHECK_CACHE_DIR": str(tmp_path / "cache")}
    env.pop("OGI_CHECK_NO_CACHE", None)
    first, second = (child_json(CHILD, str(report), env=env, cwd=tmp_path) for _ in range(2))
    assert first["direct"] == second["direct"] == []
    assert first["dataclasses"] > 20  # the probe saw checker's classes being made
    assert first["compiled"] >= first["dataclasses"]  # each has at least an __init__
    assert second["compiled"] == 0 and second["used"] >= second["dataclasses"]
    assert list((tmp_path / "cache" / "code").rglob("*.pickle"))
