"""The wheel carries every subpackage: pyproject.toml's package list names each folder of
checker/ that has an __init__.py (a new stage folder left out would install without it)."""

from __future__ import annotations

import tomllib

from tests.conftest import ROOT


def test_every_checker_package_is_listed() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(config["tool"]["setuptools"]["packages"])
    on_disk = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for init in (ROOT / "checker").rglob("__init__.py")
    }
    assert on_disk - listed == set()
    assert {p for p in listed if not p.startswith("checker.packs")} - on_disk == set()


def test_every_file_the_desk_needs_is_package_data() -> None:
    """Templates, static files, the demo and the English catalog (.po and the compiled .mo)
    ship in the wheel: each file of checker/desk that is not Python matches a package-data
    pattern."""
    from fnmatch import fnmatch

    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["checker.desk"]
    desk = ROOT / "checker" / "desk"
    files = [
        path.relative_to(desk).as_posix()
        for path in desk.rglob("*")
        if path.is_file() and path.suffix not in (".py", ".pyc")
    ]
    assert "locale/en/LC_MESSAGES/django.mo" in files
    assert [f for f in files if not any(fnmatch(f, p) for p in patterns)] == []
