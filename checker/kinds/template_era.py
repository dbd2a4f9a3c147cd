"""A table laid out in another era's template than the report year calls for (spec §2)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from checker.core.findings import Problem
from checker.core.model import Message, Report

NAME = "template_era"

# The JSON Schema of this kind's `params`: the rule loader validates them with it, and
# rules/schema/rule-pack.schema.json is built from it (`ogi-check schema rule-pack`).
PARAMS_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["tables"],
    "additionalProperties": False,
    "properties": {
        "tables": {"type": "array", "items": {"$ref": "#/$defs/table_key"}, "minItems": 1}
    },
}

_FORMAT_ZH = {"2008": "2008年条例（无统一表格）", "2019": "2019年试行格式", "2021": "2021年格式"}


@dataclass(frozen=True)
class Params:
    tables: tuple[str, ...]


def build_params(raw: Mapping[str, Any]) -> Params:
    return Params(tuple(raw["tables"]))


def check(params: Params, report: Report) -> Iterator[Problem]:
    meta = report.metadata
    if meta.era is None or meta.era_source == "option":
        return
    for key in params.tables:
        table = report.tables.get(key)
        if table is None or table.variant not in _FORMAT_ZH or table.variant == meta.era:
            continue
        yield Problem(
            Message(
                f"报告年度为{meta.year}年，应使用{_FORMAT_ZH[meta.era]}，但{key}使用了{_FORMAT_ZH[table.variant]}",
                f"a {meta.year} report calls for the {meta.era} format, but {key} follows the {table.variant} template",
            ),
            table.location,
            where=key,
            expected=meta.era,
            actual=table.variant,
        )
