from __future__ import annotations

from pathlib import Path

import pytest

from checker.rules import RuleSet, load_rules

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"
SEED = FIXTURES / "seed" / "000_5c31920eb9a2e321.txt"


@pytest.fixture(scope="session")
def rules() -> RuleSet:
    return load_rules()


def needs_corpus() -> pytest.MarkDecorator:
    return pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not beside the repo")
