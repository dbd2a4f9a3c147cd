"""Required sections: a heading matching the item, or the item's content found elsewhere.

Headings vary widely in real reports (spec §3), so each item lists heading patterns and, for
items often folded into another section (收费及减免), textual fallbacks. In a copy that was cut
off, an item expected after the last one found cannot be judged: that is "cannot assess"; so
is an item expected before the first one found in a copy that starts mid-report, an item that
may be folded into any part (its statement may lie beyond the cut), the emptiness of the part
the copy stops in, and a table part with nothing at all under its heading. A text missing two or more of its last parts that
ends on no date, signature or page furniture is taken for such a copy too.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from checker.core.findings import Problem
from checker.core.model import Location, Message, Report, Section
from checker.kinds.common import (
    RulePattern,
    any_match,
    compile_all,
    nothing_under,
    section_body,
    squeeze,
)

NAME = "required_sections"

# The JSON Schema of this kind's `params`: the rule loader validates them with it, and
# rules/schema/rule-pack.schema.json is built from it (`ogi-check schema rule-pack`).
PARAMS_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["items"],
    "additionalProperties": False,
    "properties": {
        "items": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "required": ["key", "title", "headings"],
                "additionalProperties": False,
                "properties": {
                    "key": {"type": "string"},
                    "title": {
                        "type": "string",
                        "description": "Canonical title (spec §3), reported as expected.",
                    },
                    "headings": {
                        "$ref": "#/$defs/regexes",
                        "description": "A heading at any level whose words match one of these.",
                    },
                    "top_level_only": {"type": "boolean"},
                    "fallback": {
                        "type": "array",
                        "items": {"$ref": "#/$defs/regexes"},
                        "description": "Alternatives; "
                        "each a list of "
                        "patterns that "
                        "must all occur "
                        "somewhere in "
                        "the text.",
                    },
                    "min_chars": {
                        "type": "integer",
                        "minimum": 0,
                        "description": "A section "
                        "with less "
                        "text than "
                        "this (or only "
                        "无) counts as "
                        "empty.",
                    },
                    "table_part": {
                        "type": "boolean",
                        "description": "The part is a table in the format: nothing at all under "
                        "its heading means the copy lost the table (cannot assess).",
                    },
                },
            },
        }
    },
}

_EMPTY = re.compile(r"^[\s。.、,;:]*(无|暂无|无其他需要报告的事项|无。)?[\s。.]*$")


@dataclass(frozen=True)
class Item:
    """One required section: its heading patterns and where else its content may be."""

    key: str
    title: str
    headings: tuple[RulePattern, ...]
    fallback: tuple[tuple[RulePattern, ...], ...]
    top_level_only: bool
    min_chars: int
    # A part that is a table in the format (二、三、四): with nothing at all under its heading,
    # the copy most likely lost the table (an image, an attachment, a page's table the crawler
    # dropped), so its content cannot be judged; a few words of prose instead is still "empty".
    table_part: bool


@dataclass(frozen=True)
class Params:
    """The required sections, in order."""

    items: tuple[Item, ...]


def build_params(raw: Mapping[str, Any]) -> Params:
    return Params(
        tuple(
            Item(
                key=item["key"],
                title=item["title"],
                headings=compile_all(item["headings"]),
                fallback=tuple(compile_all(alt) for alt in item.get("fallback", [])),
                top_level_only=bool(item.get("top_level_only", False)),
                min_chars=int(item.get("min_chars", 0)),
                table_part=bool(item.get("table_part", False)),
            )
            for item in raw["items"]
        )
    )


def check(params: Params, report: Report) -> Iterator[Problem]:
    titles = [squeeze(section.title) for section in report.sections]  # once, not per item
    found = [_find(item, report, titles) for item in params.items]
    present = [i for i, f in enumerate(found) if f is not None]
    last_found = max(present, default=-1)
    first_found = min(present, default=len(found))
    for index, (item, match) in enumerate(zip(params.items, found, strict=True)):
        if match is None and not _fallback_present(item, report):
            cut = report.truncated or _open_tail(found, report)
            # An item that may be folded into any part (fees) may also lie beyond the cut.
            cut_off = (cut and (index > last_found or bool(item.fallback))) or (
                report.headless and index < first_found
            )
            yield _missing(item, report, cut_off=cut_off)
        elif (
            isinstance(match, Section)
            and item.min_chars
            and _is_empty(match, report, item.min_chars)
        ):
            lost = item.table_part and nothing_under(report, match)
            yield _empty(item, match, report, cut_off=_at_cut(match, report), lost_table=lost)


_OPEN_TAIL = 2  # missing parts in a row at the end that make an unclosed text look cut


def _open_tail(found: list[Section | None], report: Report) -> bool:
    """Every part after the last one found is absent — two or more, or every part — and nothing
    closes the text (no date, signature or page furniture): a copy that stops at a full stop
    looks like this; a report that leaves out its own last parts rarely does. Cannot assess."""
    present = [i for i, f in enumerate(found) if f is not None]
    if report.closed_end:
        return False
    return len(found) - 1 - max(present, default=-1) >= _OPEN_TAIL


def _at_cut(section: Section, report: Report) -> bool:
    """The part the copy stops in: its text may go on beyond the cut."""
    return report.truncated and not report.source.text[section.end :].strip()


def _find(item: Item, report: Report, titles: list[str]) -> Section | None:
    for section, title in zip(report.sections, titles, strict=True):
        if item.top_level_only and section.level != 1:
            continue
        if any_match(item.headings, title):
            return section
    return None


def _fallback_present(item: Item, report: Report) -> bool:
    text = report.source.text
    return any(all(p.search(text) for p in alternative) for alternative in item.fallback)


def _missing(item: Item, report: Report, cut_off: bool) -> Problem:
    if cut_off:
        message = Message(
            f"文本在此之前中断，无法判断是否缺少“{item.title}”部分",
            f"the text is cut off before this point: cannot tell whether '{item.title}' is missing",
        )
    else:
        message = Message(
            f"缺少必备部分“{item.title}”", f"required section missing: '{item.title}'"
        )
    return Problem(
        message,
        _end_of(report),
        where=item.title,
        expected=item.title,
        actual=None,
        cannot_assess=cut_off,
    )


def _end_of(report: Report) -> Location:
    """A missing section has no place of its own: point at the report's title."""
    return report.metadata.title_location


def _is_empty(section: Section, report: Report, min_chars: int) -> bool:
    body = section_body(report, section)
    return bool(_EMPTY.match(body)) or len(squeeze(body)) < min_chars


def _empty(
    item: Item, section: Section, report: Report, cut_off: bool, lost_table: bool = False
) -> Problem:
    body = squeeze(section_body(report, section))
    if lost_table:
        return Problem(
            Message(
                f"“{item.title}”标题下没有任何文字：该部分的表格可能是图片或未被复制，无法判断其内容",
                f"nothing under the heading '{item.title}': its table is probably an image or was"
                " not copied, so its content cannot be judged",
            ),
            section.location,
            where=item.title,
            cannot_assess=True,
        )
    if cut_off:
        return Problem(
            Message(
                f"文本在“{item.title}”部分中断，无法判断该部分内容是否完整",
                f"the text is cut off in '{item.title}': cannot tell whether it has content",
            ),
            section.location,
            where=item.title,
            cannot_assess=True,
        )
    return Problem(
        Message(
            f"“{item.title}”部分内容为空或过于简单（{len(body)}个字）",
            f"section '{item.title}' is empty or too short ({len(body)} characters)",
        ),
        section.location,
        where=item.title,
        expected=f">= {item.min_chars} 字",
        actual=body[:40] or None,
    )
