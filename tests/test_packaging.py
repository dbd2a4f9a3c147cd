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
