"""The table reader's notes, worded once: Chinese first (the users are officials), English too.

Codes: missing_row, missing_column, extra_row, altered_label (a row's label misprinted: read as
that row), unmapped (a header column), unplaced (numbers of no row), ambiguous, duplicate, truncated — and
inferred: values placed on rows whose labels were printed out of place, by the template's row
order (the checks may treat the identities of those rows as less independent).
"""

from __future__ import annotations

from collections.abc import Sequence

from checker.core.model import Location, Message, TableNote
from checker.core.templates.model import Entry, TableTemplate


def _short(label: str, limit: int = 24) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


def _rows_zh(rows: Sequence[Entry]) -> str:
    return "、".join(f"“{_short(r.label)}”" for r in rows)


def _keys(rows: Sequence[Entry]) -> str:
    return ", ".join(r.key for r in rows)


def _values(raws: Sequence[str]) -> str:
    return " | ".join(raws) if raws else "（无）"


def where(table: TableTemplate, row: str | None = None, column: str | None = None) -> str:
    if column is not None:
        return f"{table.table}[{row or '*'}][{column}]"
    return f"{table.table}[{row}]" if row else table.table


def missing_row(table: TableTemplate, row: Entry, at: Location) -> TableNote:
    return TableNote(
        "missing_row",
        Message(
            f"{table.name}缺少“{_short(row.label)}”行（或该行没有可读的数值）",
            f"{table.table}: row {row.key} ({row.label}) is missing or has no readable values",
        ),
        where(table, row.key),
        at,
    )


def missing_column(table: TableTemplate, column: str, label: str, at: Location) -> TableNote:
    return TableNote(
        "missing_column",
        Message(
            f"{table.name}的表头缺少“{label}”列，该列各行均未读取",
            f"{table.table}: the header has no column {column} ({label}); not read in any row",
        ),
        where(table, None, column),
        at,
    )


def extra_row(table: TableTemplate, label: str, raws: Sequence[str], at: Location) -> TableNote:
    return TableNote(
        "extra_row",
        Message(
            f"{table.name}有模板外的行“{_short(label)}”（数值：{_values(raws)}），未计入表格",
            f"{table.table}: row '{label}' is not in the template (values: {_values(raws)}); "
            "not read",
        ),
        where(table, label),
        at,
    )


def altered_label(table: TableTemplate, row: Entry, printed: str, at: Location) -> TableNote:
    return TableNote(
        "altered_label",
        Message(
            f"{table.name}“{_short(printed)}”行的行名与格式不符，应为“{_short(row.label)}”"
            "（按该行读取数值）",
            f"{table.table}[{row.key}]: label '{printed}' differs from the template's "
            f"'{row.label}' (values read as that row)",
        ),
        where(table, row.key),
        at,
    )


def unmapped_header(table: TableTemplate, cells: Sequence[str], at: Location) -> TableNote:
    shown = " | ".join(c or "（空）" for c in cells)
    return TableNote(
        "unmapped",
        Message(
            f"{table.name}的表头“{_short(shown, 60)}”中有模板以外的列，该列数值未读取",
            f"{table.table}: header '{shown}' has columns the template does not have; "
            "their values are not read",
        ),
        where(table),
        at,
    )


def unmapped_values(table: TableTemplate, raws: Sequence[str], at: Location) -> TableNote:
    """Numbers the reader could not give to any row: a reading failure (a copy that lost the
    label), said as "cannot read", not as the report's defect."""
    return TableNote(
        "unplaced",
        Message(
            f"{table.name}中的一组数值（{_values(raws)}）无法对应到任何行，未读取",
            f"{table.table}: values ({_values(raws)}) belong to no row; not read",
        ),
        where(table),
        at,
    )


def ambiguous_cells(
    table: TableTemplate, row: Entry, raws: Sequence[str], width: int, at: Location
) -> TableNote:
    return TableNote(
        "ambiguous",
        Message(
            f"{table.name}“{_short(row.label)}”行有{len(raws)}个数值（{_values(raws)}），"
            f"而该行应有{width}列，无法确定各数值所在的列，该行未读取",
            f"{table.table}[{row.key}]: {len(raws)} values ({_values(raws)}) for {width} columns; "
            "which column each belongs to cannot be told, row not read",
        ),
        where(table, row.key),
        at,
    )


def ambiguous_split(
    table: TableTemplate, row: Entry, run: str, count: int, checked: bool, at: Location
) -> TableNote:
    if count == 0:
        zh = "没有一种拆分能满足该行的合计关系"
        en = "no split satisfies the row's total"
    elif checked:
        zh = f"有{count}种拆分都满足表内合计关系"
        en = f"{count} splits satisfy the table's sums"
    else:
        zh = f"可有{count}种拆分，表内没有可用于判断的合计关系"
        en = f"it splits {count} ways and no sum tells them apart"
    return TableNote(
        "ambiguous",
        Message(
            f"{table.name}“{_short(row.label)}”行的数字连在一起（“{run}”），{zh}，无法确定，未读取",
            f"{table.table}[{row.key}]: digits run together ('{run}'); {en}; not read",
        ),
        where(table, row.key),
        at,
    )


def ambiguous_rows(
    table: TableTemplate, rows: Sequence[Entry], groups: int, at: Location
) -> TableNote:
    return TableNote(
        "ambiguous",
        Message(
            f"{table.name}有{groups}组没有行名的数值，无法确定分别属于{_rows_zh(rows)}中的哪一行，未读取",
            f"{table.table}: {groups} value rows without labels cannot be matched to rows "
            f"{_keys(rows)}; not read",
        ),
        where(table, rows[0].key if len(rows) == 1 else None),
        at,
    )


def inferred(table: TableTemplate, rows: Sequence[Entry], how: str, at: Location) -> TableNote:
    if how == "sums":
        zh = "数字连在一起，按表内合计关系唯一确定了拆分"
        en = "digits ran together; the table's sums allow exactly one split"
    else:
        zh = "行名与数值错位，按模板行序对应"
        en = "labels were printed apart from their values; matched by the template's row order"
    return TableNote(
        "inferred",
        Message(
            f"{table.name}{_rows_zh(rows)}行：{zh}",
            f"{table.table} rows {_keys(rows)}: {en}",
        ),
        where(table, rows[0].key if len(rows) == 1 else None),
        at,
    )


def duplicate_table(table: TableTemplate, first: Location, second: Location) -> TableNote:
    return TableNote(
        "duplicate",
        Message(
            f"{table.name}在文中出现两次：已读取第{first.line}行起的第一份，忽略第{second.line}行起的第二份",
            f"{table.table} appears twice: read the copy at line {first.line}, ignored the one at "
            f"line {second.line}",
        ),
        where(table),
        second,
    )


def duplicate_row(table: TableTemplate, row: Entry, at: Location) -> TableNote:
    return TableNote(
        "duplicate",
        Message(
            f"{table.name}“{_short(row.label)}”行出现两次，已读取第一次的数值",
            f"{table.table}[{row.key}] appears twice; the first one was read",
        ),
        where(table, row.key),
        at,
    )


def truncated(
    table: TableTemplate, rows: Sequence[Entry], at: Location, start: bool = False
) -> TableNote:
    """Rows cut off by the copy: after its end, or — `start` — before its beginning."""
    span = _rows_zh(rows[:1]) + (f"至{_rows_zh(rows[-1:])}" if len(rows) > 1 else "")
    how = "中途开始" if start else "中途结束"
    which = f"up to {rows[-1].key}" if start else f"from {rows[0].key} on"
    return TableNote(
        "truncated",
        Message(
            f"文本在{table.name}{how}（原文不完整）：{span}共{len(rows)}行被截去，"
            "不是报告缺项，无法核对",
            f"the text {'begins' if start else 'ends'} inside {table.table} (the copy is "
            f"incomplete): {len(rows)} rows {which} are cut off, not missing from the report",
        ),
        where(table, rows[0].key),
        at,
    )
