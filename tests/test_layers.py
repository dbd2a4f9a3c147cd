"""Dependencies point one way (STYLE.md): cli → engine/formatters/rules/readers/extract → kinds →
model/findings/numbers → errors. A kind never imports a reader (no check may depend on the input
format); a formatter never imports the engine."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.conftest import ROOT

CHECKER = ROOT / "checker"
FORBIDDEN = {
    "kinds": (
        "checker.readers",
        "checker.engine",
        "checker.cli",
        "checker.formatters",
        "checker.batch",
    ),
    "setkinds": ("checker.readers", "checker.cli", "checker.formatters"),
    "formatters": ("checker.engine", "checker.cli", "checker.readers", "checker.batch"),
    "model.py": (
        "checker.kinds",
        "checker.engine",
        "checker.readers",
        "checker.extract",
        "checker.rules",
    ),
    "findings.py": ("checker.kinds", "checker.engine", "checker.readers", "checker.extract"),
    "numbers.py": ("checker.",),
    "errors.py": ("checker.",),
    "firstchars.py": ("checker.",),  # a regex helper under numbers.py: the standard library only
}
# What a layer may import although FORBIDDEN names its prefix: leaves that import no checker code.
ALLOWED = {"numbers.py": ("checker.firstchars",)}


def imports_of(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def layer_files(layer: str) -> list[Path]:
    target = CHECKER / layer
    return sorted(target.rglob("*.py")) if target.is_dir() else [target]


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_layer_imports_point_one_way(layer: str) -> None:
    bad = [
        (path.relative_to(ROOT).as_posix(), name)
        for path in layer_files(layer)
        for name in imports_of(path)
        if name.startswith(FORBIDDEN[layer]) and not name.startswith(ALLOWED.get(layer, ()))
    ]
    assert bad == []
