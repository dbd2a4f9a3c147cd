"""Dependencies point one way (docs/architecture.md): cli → formatters → api → batch → project →
ruleset → engine → readers | extract | kinds → core. The stage contracts are import-linter's
(`lint-imports`, pyproject.toml); these tests keep the per-module rules that predate it and add
what it does not check: no import cycle between any two modules, nor between stages."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import ROOT

CHECKER = ROOT / "checker"
STAGES_ABOVE_CORE = (
    "api", "batch", "cli", "engine", "extract", "formatters", "kinds", "project", "readers", "ruleset",
)  # fmt: skip
FORBIDDEN = {
    "kinds": (
        "checker.readers",
        "checker.engine",
        "checker.cli",
        "checker.formatters",
        "checker.batch",
        "checker.extract",
    ),
    "formatters": (
        "checker.engine",
        "checker.cli",
        "checker.readers",
        "checker.batch.run",
        "checker.batch.worker",
        "checker.batch.cluster",
    ),
    "readers": ("checker.extract",),
    "extract": ("checker.readers",),
    "core": tuple(f"checker.{stage}" for stage in STAGES_ABOVE_CORE),
    "core/model.py": ("checker.core.rules", "checker.core.templates"),
    "core/findings.py": ("checker.core.rules", "checker.core.templates"),
    "core/numbers.py": ("checker.",),
    "core/errors.py": ("checker.",),
    # a regex helper and the record decorator under numbers.py: the standard library only
    "core/firstchars.py": ("checker.",),
    "core/record.py": ("checker.",),
}
# What a layer may import although FORBIDDEN names its prefix: leaves that import no checker code.
ALLOWED = {"core/numbers.py": ("checker.core.firstchars", "checker.core.record")}


def imports_of(path: Path) -> set[str]:
    """Modules `path` imports, also inside functions and under TYPE_CHECKING. `from package
    import submodule` counts as the submodule alone (as import-linter's grimp counts it)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            inner = [f"{node.module}.{alias.name}" for alias in node.names]
            modules = {name for name in inner if _file_of(name) is not None}
            names.update(modules)
            if len(modules) < len(inner):  # a name defined in the module (or package) itself
                names.add(node.module)
    return names


def _file_of(module: str) -> Path | None:
    base = ROOT.joinpath(*module.split("."))
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


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


def module_graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for path in CHECKER.rglob("*.py"):
        parts = path.relative_to(ROOT).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        graph[name] = {m for m in imports_of(path) if m.startswith("checker.") and _file_of(m)}
    return graph


def cycles(graph: dict[str, set[str]]) -> Iterator[list[str]]:
    """Strongly connected components of more than one node (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph.get(root, ()))))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, edges = work[-1]
            step = next(edges, None)
            if step is not None:
                if step not in index:
                    index[step] = low[step] = len(index)
                    stack.append(step)
                    on_stack.add(step)
                    work.append((step, iter(sorted(graph.get(step, ())))))
                elif step in on_stack:
                    low[node] = min(low[node], index[step])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    yield sorted(component)


def stage_of(module: str) -> str:
    return ".".join(module.split(".")[:2])


def test_no_import_cycle_between_modules() -> None:
    assert list(cycles(module_graph())) == []


def test_no_import_cycle_between_stages() -> None:
    stages: dict[str, set[str]] = {}
    for module, imported in module_graph().items():
        own = stage_of(module)
        stages.setdefault(own, set()).update(stage_of(m) for m in imported if stage_of(m) != own)
    stages.pop("checker.__main__", None)  # runs the cli: the one module that may import it
    assert list(cycles(stages)) == []


def test_cycle_finder_finds_a_cycle() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert list(cycles(graph)) == [["a", "b", "c"]]


def test_top_level_stays_small() -> None:
    """The top of checker/ reads as the pipeline: at most 12 entries besides the package files."""
    entries = [
        p.name
        for p in CHECKER.iterdir()
        if p.name not in ("__init__.py", "__main__.py", "__pycache__")
        and (p.suffix == ".py" or (p / "__init__.py").is_file())
    ]
    assert len(entries) <= 12, sorted(entries)
