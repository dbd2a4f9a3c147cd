"""Normalisation keeps every offset: Traditional mirror copies and pinyin glosses included."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from checker.core.textnorm import normalize
from checker.core.traditional import SIMPLIFIED, TRADITIONAL


def test_traditional_headings_read_as_simplified() -> None:
    assert normalize("一、總體情況") == "一、总体情况"
    assert normalize("三、收到和處理政府信息公開申請情況") == "三、收到和处理政府信息公开申请情况"


def test_simplified_text_is_unchanged() -> None:
    text = "乾县著作权登记覆盖全县,收到申请12件(含2件转办)。"
    assert normalize(text) == text


def test_pinyin_glosses_become_spaces_of_their_length() -> None:
    assert normalize("本年制發(fā)件數(shù)") == "本年制发    件数     "
    # A bracket of plain letters or digits is not a gloss.
    assert normalize("收到(含2件) 网站(www)") == "收到(含2件) 网站(www)"


def test_the_table_is_one_for_one() -> None:
    assert len(TRADITIONAL) == len(SIMPLIFIED) == len(set(TRADITIONAL))
    assert not set(TRADITIONAL) & set(SIMPLIFIED)  # no chains: a Simplified form never changes


@given(st.text(alphabet=st.sampled_from("總體開報(fā)shù數中文 ,。ǎ()0123abc"), max_size=60))
def test_normalize_keeps_length(text: str) -> None:
    assert len(normalize(text)) == len(text)
