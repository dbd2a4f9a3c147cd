"""The compiled-pack cache (checker.core.diskcache): reused while nothing changed, rebuilt when a
pack or template changes, and a broken or unwritable cache is never an error."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from checker.core import diskcache
from checker.ruleset.load import load_rules
from tests.conftest import USER_PACK


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("OGI_CHECK_CACHE_DIR", str(folder))
    monkeypatch.setattr(diskcache, "_MEMORY", {})  # read from disk, as a new process would
    return folder


def fresh_process(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(diskcache, "_MEMORY", {})


def ids(pack: Path) -> list[str]:
    return [r.meta.id for r in load_rules(extra=[pack]).rules]


def test_rules_are_written_once_and_read_back(
    cache_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pack = tmp_path / "mine.yaml"
    pack.write_text(USER_PACK, encoding="utf-8")
    first = ids(pack)
    assert "OGI-L001" in first
    assert list(cache_dir.glob("rules/*/*.pickle"))
    fresh_process(monkeypatch)
    monkeypatch.setattr("checker.ruleset.load._load_packs", _must_not_build)
    assert ids(pack) == first


def _must_not_build(*_: object) -> None:
    raise AssertionError("built again although nothing changed")


def test_a_changed_pack_is_built_again(
    cache_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pack = tmp_path / "mine.yaml"
    pack.write_text(USER_PACK, encoding="utf-8")
    assert "OGI-L001" in ids(pack)
    fresh_process(monkeypatch)
    pack.write_text(USER_PACK.replace("OGI-L001", "OGI-L009"), encoding="utf-8")
    assert "OGI-L009" in ids(pack) and "OGI-L001" not in ids(pack)


def test_a_changed_template_is_read_again(
    cache_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    template = tmp_path / "t.yaml"
    template.write_text("table: T9\nvariant: '2021'\n", encoding="utf-8")
    pack = tmp_path / "mine.yaml"
    pack.write_text(USER_PACK + "templates: [t.yaml]\n", encoding="utf-8")
    load_rules(extra=[pack])
    fresh_process(monkeypatch)
    template.unlink()
    monkeypatch.setattr("checker.ruleset.load._load_packs", _must_not_build)
    with pytest.raises(AssertionError, match="built again"):
        load_rules(extra=[pack])  # the entry names a template that is gone: not reused


def test_a_corrupt_cache_is_passed_over(
    cache_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = [r.meta.id for r in load_rules().rules]
    for entry in cache_dir.rglob("*.pickle"):
        entry.write_bytes(b"\x80\x05not a pickle")
    fresh_process(monkeypatch)
    assert [r.meta.id for r in load_rules().rules] == expected
    assert [r.meta.id for r in load_rules().rules] == expected


def test_an_unwritable_cache_is_passed_over(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("OGI_CHECK_CACHE_DIR", str(blocker / "cache"))
    fresh_process(monkeypatch)
    assert load_rules().rules


def test_the_cache_can_be_switched_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OGI_CHECK_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("OGI_CHECK_NO_CACHE", "1")
    fresh_process(monkeypatch)
    assert load_rules().rules
    assert not (tmp_path / "cache").exists()


def test_the_store_keeps_a_bounded_number_of_entries(cache_dir: Path) -> None:
    store = diskcache.Store("results", keep=3)
    for number in range(6):
        store.put(diskcache.digest(str(number)), number)
    store.trim()
    assert len(list((cache_dir / "results").glob("*/*.pickle"))) == 3


@pytest.mark.skipif(sys.platform != "linux", reason="the XDG rule is worked out on Linux only")
@pytest.mark.parametrize(
    ("xdg", "home"),
    [(None, "/home/u"), ("", "/home/u"), ("/var/tmp/xdg", "/home/u"), (None, "/"), (None, "")],
)
def test_the_user_cache_dir_is_the_one_platformdirs_names(
    monkeypatch: pytest.MonkeyPatch, xdg: str | None, home: str
) -> None:
    """diskcache works the folder out without importing platformdirs (start-up time)."""
    from platformdirs import user_cache_dir

    if xdg is None:
        monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    else:
        monkeypatch.setenv("XDG_CACHE_HOME", xdg)
    monkeypatch.setenv("HOME", home)
    assert diskcache.user_cache_dir() == user_cache_dir("ogi-check", appauthor=False)


def test_an_installed_copy_is_known_by_its_record(tmp_path: Path) -> None:
    """A copy installed from a wheel stands for its code by its RECORD (every file's hash);
    a checkout, whose files change under it, has none beside it and is scanned file by file."""
    assert diskcache._installed_record(tmp_path) is None
    record = tmp_path / "ogi_checker-0.1.0.dist-info" / "RECORD"
    record.parent.mkdir()
    record.write_text("checker/__init__.py,sha256=abc,123\n")
    assert diskcache._installed_record(tmp_path) == record
    (tmp_path / "ogi_checker-0.2.0.dist-info").mkdir()  # a broken install: two of them
    (tmp_path / "ogi_checker-0.2.0.dist-info" / "RECORD").write_text("x\n")
    assert diskcache._installed_record(tmp_path) is None
    checkout = Path(diskcache.__file__).resolve().parents[2]
    assert (checkout / "pyproject.toml").is_file()  # the tests run on a checkout
    assert diskcache._installed_record(checkout.parent) is None
