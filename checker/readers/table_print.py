"""Tables given as data, printed as the official template lays them out (pipe rows).

Structured input has no printed table, but the text checks expect one where a published report
has it: a section holding only its table is not empty, and the template's column labels are
what tells the 2019 format from the 2021 one (spec §2). So the table is printed from the same
template `checker.extract.tables.data` reads it with — the header as the national format prints
it, each row with its official label — and each row is labelled with its line in the file.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from checker.core.document import SEPARATOR, source_part
from checker.core.templates.model import Entry, TableTemplate
from checker.core.templates.raw import RawCell, RawTable, choose_variant

PrintedLine = tuple[str, str]  # text, part
_T3_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"


def print_table(key: str, rows: RawTable) -> list[PrintedLine]:
    template = choose_variant(key, rows)
    if template is None:
        return []
    header = {"T3": _t3_header, "T4": _t4_header}.get(key)
    out = [(line, "") for line in header(template)] if header else []
    if key == "T4":
        return [*out, _t4_values(template, rows)]
    return [*out, *_body(template, rows)]


def _body(template: TableTemplate, rows: RawTable) -> Iterator[PrintedLine]:
    known = set()
    for entry in template.entries:
        known.add(entry.key)
        if entry.is_group:
            yield entry.label, ""
            if template.table == "T2":  # each 第二十条 block prints its own column header
                labels = [template.column(c).label for c in entry.columns]
                yield SEPARATOR.join(["信息内容", *labels]), ""
        elif entry.key in rows:
            yield _row(entry, rows[entry.key])
    for key, cells in rows.items():
        if key not in known:  # not in the template: printed under its key, noted as extra
            yield SEPARATOR.join([key, *(raw for raw, _ in cells.values())]), _part(cells)


def _row(entry: Entry, cells: Mapping[str, RawCell]) -> PrintedLine:
    values = [cells.get(column, ("", None))[0] for column in entry.columns]
    return SEPARATOR.join([entry.label, *values]), _part(cells)


def _part(cells: Mapping[str, RawCell]) -> str:
    # The same line table_data locates the row by: the first line among its cells.
    return source_part(min((line for _, line in cells.values() if line), default=None))


def _t3_header(template: TableTemplate) -> list[str]:
    group = template.column_groups[0] if template.column_groups else None
    grouped = set(group.columns) if group else set()
    top = [c.label for c in template.columns if c.key not in grouped]
    if group:
        top.insert(1, group.label)
    lines = [f"{_T3_NOTE}{SEPARATOR}申请人情况", SEPARATOR.join(top)]
    if group:
        lines.append(SEPARATOR.join(template.column(c).label for c in group.columns))
    return lines


def _t4_header(template: TableTemplate) -> list[str]:
    blocks = [e.label for e in template.rows]
    columns = [c.label for c in template.columns]
    return [
        f"{blocks[0]}{SEPARATOR}行政诉讼",
        SEPARATOR.join(blocks[1:]),
        SEPARATOR.join(columns * len(blocks)),
    ]


def _t4_values(template: TableTemplate, rows: RawTable) -> PrintedLine:
    """Table 四 prints its three blocks as one row of fifteen numbers."""
    values: list[str] = []
    lines: dict[str, RawCell] = {}
    for entry in template.rows:
        cells = rows.get(entry.key, {})
        values += [cells.get(c.key, ("", None))[0] for c in template.columns]
        lines.update({f"{entry.key}.{k}": v for k, v in cells.items()})
    return SEPARATOR.join(values), _part(lines)
