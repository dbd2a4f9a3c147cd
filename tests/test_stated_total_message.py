"""OGI-N002 says what a clerk can check: when one part alone is more than the total, that part
(the others may repeat it in other words); otherwise the sum of the parts."""

from __future__ import annotations

import pytest

from checker.api import check_text
from checker.core.rules import RuleSet
from checker.ruleset.load import load_rules

RULES: RuleSet = load_rules()


def messages(text: str) -> list[str]:
    checked = check_text(text, RULES)
    return [f.problem.message.zh for f in checked.findings if f.rule.id == "OGI-N002"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "主动公开信息19条，其中向政府网站推送35条，涉及国资监管信息35条。",
            "分项“其中向政府网站推送35条”（35）已大于所述总数（19）：主动公开信息19条",
        ),
        (
            "全年共收到申请5件，其中网上申请3件、信函申请2件、当面申请1件。",
            "分项之和（6）大于所述总数（5）：全年共收到申请5件",
        ),
    ],
)
def test_the_message_names_what_exceeds(text: str, expected: str) -> None:
    assert messages(text) == [expected]
