"""The small public API: load rules once, check paths or text."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from checker.core.document import Document
from checker.core.findings import FileResult, RunResult
from checker.core.rules import RuleSet
from checker.core.textnorm import split_lines
from checker.engine import RunConfig, check_document, run
from checker.ruleset.load import load_rules as _load_rules


def load_rules(extra: Sequence[Path] = (), profiles: Sequence[str] = ()) -> RuleSet:
    return _load_rules(extra, profiles)


def check_path(
    paths: Iterable[Path], rules: RuleSet | None = None, config: RunConfig | None = None
) -> RunResult:
    return run(paths, rules or load_rules(), config or RunConfig())


def check_text(
    text: str, rules: RuleSet | None = None, config: RunConfig | None = None, name: str = "<text>"
) -> FileResult:
    document = Document(lines=split_lines(text))
    return check_document(document, name, "txt", rules or load_rules(), config or RunConfig())
