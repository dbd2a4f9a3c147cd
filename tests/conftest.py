from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from checker.cli import main
from checker.core.rules import RuleSet
from checker.ruleset.load import load_rules

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


# A user's own pack, as a city office would write one (tests of --rules and of rule files).
USER_PACK = """\
pack: my-office
title: {zh: 本市补充规则, en: City rules}
applies_to: {eras: ["2008"]}
extends: ["2008"]
rules:
  - id: OGI-L001
    name: no-weibo-handle
    title: {zh: "不得出现微博账号", en: "No Weibo handle"}
    severity: warning
    category: text
    basis: 市政务公开办通知
    kind: text_patterns
    params:
      patterns:
        - regex: "@平安辽宁"
          message: {zh: 文中出现微博账号, en: Weibo handle in the text}
    examples:
      pass: [{text: "清河县市场监督管理局2023年政府信息公开工作年度报告"}]
      fail: [{text: "官方微博@平安辽宁发布博文", count: 1}]
"""


def invoke(*args: object) -> Result:
    """Run the real CLI in-process, as a user would type it."""
    return CliRunner().invoke(main, [str(a) for a in args])
