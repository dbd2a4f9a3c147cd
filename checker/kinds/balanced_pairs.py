"""Unbalanced brackets and quotes within a paragraph ("2018年度)", "“@平安辽宁，…")."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from checker.core.findings import Problem
from checker.core.model import Message, Report
from checker.kinds.common import iter_paragraphs

NAME = "balanced_pairs"

# The JSON Schema of this kind's `params`: the rule loader validates them with it, and
# rules/schema/rule-pack.schema.json is built from it (`ogi-check schema rule-pack`).
PARAMS_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["pairs"],
    "additionalProperties": False,
    "properties": {
        "pairs": {
            "type": "array",
            "items": {"type": "string", "minLength": 2, "maxLength": 2},
            "minItems": 1,
        }
    },
}


@dataclass(frozen=True)
class Params:
    """The bracket and quote pairs to balance."""

    opening: Mapping[str, str]  # opener -> closer
    closing: Mapping[str, str]  # closer -> opener


def build_params(raw: Mapping[str, Any]) -> Params:
    pairs = [(p[0], p[1]) for p in raw["pairs"]]
    if any(a == b for a, b in pairs):
        raise ValueError('a pair needs two different characters (ASCII " cannot be checked)')
    return Params(dict(pairs), {b: a for a, b in pairs})


# A web page's toolbar copied with the report ("字体:【 默认 超大", "【打印】【关闭"): site
# furniture, not the report's text, and its brackets are often cut by the copy.
_FURNITURE = re.compile(
    r"\s*(【?\s*(字体|字号)|【\s*(打印|关闭|默认)|分享\s*[:：到]|当前位置|浏览(次数|量))"
)
_FURNITURE_CHARS = 40


def check(params: Params, report: Report) -> Iterator[Problem]:
    text = report.source.text
    marks = _marks("".join(params.opening) + "".join(params.closing))  # once, not per paragraph
    for start, end in iter_paragraphs(report):
        for offset, char, expected in _unbalanced(params, marks, text, start, end):
            if not _in_furniture(text, offset):
                yield _problem(report, offset, char, expected)


def _in_furniture(text: str, offset: int) -> bool:
    begin = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    end = len(text) if end < 0 else end
    return end - begin <= _FURNITURE_CHARS and bool(_FURNITURE.match(text, begin, end))


# "1)" opening a line: a list item's number in the half-bracket style, not a lost "(" (a lost
# one leaves "三)…" or ")…" — the number of the part, or nothing, before it).
_LIST_NUMBER = re.compile(r"[ \t]*\d{1,2}\)")


_LIST_NUMBER_REACH = 8  # the line's start is looked for this far back, not over a long line


def _list_number(text: str, offset: int, char: str) -> bool:
    if char != ")":
        return False
    low = max(0, offset - _LIST_NUMBER_REACH)
    newline = text.rfind("\n", low, offset)
    if newline < 0 and low > 0:
        return False  # the line starts further back: more than a number before the ")"
    return _LIST_NUMBER.fullmatch(text, newline + 1, offset + 1) is not None


@cache
def _marks(chars: str) -> re.Pattern[str]:
    """A regex for the pair characters: the scan visits those, not every character."""
    return re.compile("[" + "".join(f"\\U{ord(c):08x}" for c in sorted(chars)) + "]")


def _unbalanced(
    params: Params, marks: re.Pattern[str], text: str, start: int, end: int
) -> Iterator[tuple[int, str, str]]:
    stack: list[tuple[int, str]] = []
    held = dict.fromkeys(params.opening, 0)  # openers on the stack, by kind: no walk down it
    for found in marks.finditer(text, start, end):
        offset, char = found.start(), found.group()
        if char in params.opening:
            stack.append((offset, char))
            held[char] += 1
        elif char in params.closing:
            opener = params.closing[char]
            if stack and stack[-1][1] == opener:
                stack.pop()
                held[opener] -= 1
            elif held[opener]:
                # "(…函〔2021 30号)": the ")" closes the "(", the "〔" inside was never closed —
                # one mark missing, said once (not also the "(" and the ")")
                while stack[-1][1] != opener:
                    unclosed_at, unclosed = stack.pop()
                    held[unclosed] -= 1
                    yield unclosed_at, unclosed, params.opening[unclosed]
                stack.pop()
                held[opener] -= 1
            elif not _list_number(text, offset, char):
                yield offset, char, opener
    for offset, char in stack:
        yield offset, char, params.opening[char]


def _problem(report: Report, offset: int, char: str, partner: str) -> Problem:
    location = report.source.locate(offset)
    line = report.source.original_lines[(location.line or 1) - 1]
    column = (location.column or 1) - 1
    context = line[max(0, column - 8) : column + 9].strip()
    return Problem(
        Message(
            f"括号或引号不成对：“{char}”缺少对应的“{partner}”（{context}）",
            f"unbalanced '{char}': no matching '{partner}' ({context})",
        ),
        location,
        where=context,
        expected=partner,
        actual=char,
    )
