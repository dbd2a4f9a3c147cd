"""A table laid out in another era's template than the report year calls for (spec §2).

Said once per table, as what it is: for 表三 the two templates differ only in （六）其他处理 (one
row in 2019, three sub-rows from 2021), so the finding says that, from the rule's
`differences`, rather than only naming the template. The table's numbers are read and checked
in the template it follows either way.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from checker.core.findings import Problem
from checker.core.model import Location, Message, Report

NAME = "template_era"

# The JSON Schema of this kind's `params`: the rule loader validates them with it, and
# rules/schema/rule-pack.schema.json is built from it (`ogi-check schema rule-pack`).
PARAMS_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["tables"],
    "additionalProperties": False,
    "properties": {
        "tables": {"type": "array", "items": {"$ref": "#/$defs/table_key"}, "minItems": 1},
        "differences": {
            "type": "object",
            "description": "per table: what the other era's template "
            "differs in, per era printed (the message says "
            "what is wrong, not only which template)",
            "additionalProperties": {
                "type": "object",
                "additionalProperties": {"$ref": "#/$defs/message"},
            },
        },
        "evidence": {
            "type": "object",
            "description": "per table: the rows in which its templates differ; with none of "
            "them read the layout is not shown (cannot assess)",
            "additionalProperties": {"type": "array", "items": {"type": "string"}, "minItems": 1},
        },
    },
}

_FORMAT_ZH = {"2008": "2008年条例（无统一表格）", "2019": "2019年试行格式", "2021": "2021年格式"}


@dataclass(frozen=True)
class Params:
    """The tables whose layout differs between eras, and how."""

    tables: tuple[str, ...]
    # table -> the era it was printed in -> what is wrong with that layout for the other era
    differences: Mapping[str, Mapping[str, Message]]
    # table -> the rows in which its templates differ: a copy that never reached them (cut off
    # before 表三's （六）) does not show the layout, whichever template the reader settled on.
    evidence: Mapping[str, tuple[str, ...]]


def build_params(raw: Mapping[str, Any]) -> Params:
    differences = {
        table: {era: Message.of(text) for era, text in by_era.items()}
        for table, by_era in raw.get("differences", {}).items()
    }
    evidence = {table: tuple(rows) for table, rows in raw.get("evidence", {}).items()}
    return Params(tuple(raw["tables"]), differences, evidence)


def check(params: Params, report: Report) -> Iterator[Problem]:
    meta = report.metadata
    if meta.era is None or meta.era_source == "option":
        return
    for key in params.tables:
        table = report.tables.get(key)
        if table is None or table.variant not in _FORMAT_ZH or table.variant == meta.era:
            continue
        name = table.name or key
        rows = params.evidence.get(key)
        if rows and not any(row in table.cells for row in rows):
            yield _unshown(key, name, table.location)
            continue
        what = params.differences.get(key, {}).get(table.variant)
        detail = Message(f"：{what.zh}", f": {what.en}") if what else Message("", "")
        yield Problem(
            Message(
                f"报告年度为{meta.year}年，应使用{_FORMAT_ZH[meta.era]}，但{name}使用了{_FORMAT_ZH[table.variant]}{detail.zh}",
                f"a {meta.year} report calls for the {meta.era} format, but {key} follows the {table.variant} template{detail.en}",
            ),
            table.location,
            where=key,
            expected=meta.era,
            actual=table.variant,
        )


def _unshown(key: str, name: str, location: Location) -> Problem:
    return Problem(
        Message(
            f"文本未包含{name}中区分两种格式的行（如表格在此前中断），无法判断其版式是否与报告年度相符",
            f"the text does not hold the rows of {key} in which the formats differ: cannot tell"
            " whether its layout matches the report year",
        ),
        location,
        where=key,
        cannot_assess=True,
    )
