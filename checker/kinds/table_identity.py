"""Arithmetic identities over table cells, broadcast over rows or columns (spec §5, I-1…I-5).

An identity is `sum(lhs) = sum(rhs)`; `$row` / `$col` in an address stand for each row or
column the rule is broadcast over. A blank cell is not a 0: an identity that needs one is not
evaluated (the blank is reported once, by the required-cells rule); a placeholder ("/", "—")
counts as 0 and the evidence shows what was printed. When a cell the identity needs was not
read (cut off, ambiguous), the rule says it cannot assess rather than compute a wrong sum.
Cells are named as printed — 表三「（一）予以公开」行「总计」列 — with the address after it.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Any

from checker.core.findings import Problem, json_value
from checker.core.model import Cell, Message, Report, Table
from checker.kinds.cells import (
    Address,
    expand,
    parse_address,
    unread_rows,
    value_of,
)

NAME = "table_identity"

# The JSON Schema of this kind's `params`: the rule loader validates them with it, and
# rules/schema/rule-pack.schema.json is built from it (`ogi-check schema rule-pack`).
PARAMS_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["table", "identity", "label", "lhs", "rhs"],
    "additionalProperties": False,
    "properties": {
        "table": {"$ref": "#/$defs/table_key"},
        "identity": {"type": "string"},
        "label": {"$ref": "#/$defs/message"},
        "lhs": {"type": "array", "items": {"type": "string"}, "minItems": 1},
        "rhs": {"type": "array", "items": {"type": "string"}, "minItems": 1},
        "rows": {"$ref": "#/$defs/globs"},
        "cols": {"$ref": "#/$defs/globs"},
    },
    "description": "sum(lhs) = sum(rhs); addresses like T3[$row][TOT], row/col parts may be globs "
    "(R3.3.*) or $row/$col, broadcast over rows/cols.",
}


@dataclass(frozen=True)
class Params:
    table: str
    identity: str  # e.g. "I-1"
    label: Message  # what the identity says, for messages
    lhs: tuple[str, ...]  # address patterns; row/col parts may be globs or $row/$col
    rhs: tuple[str, ...]
    rows: tuple[str, ...]  # globs the identity is broadcast over ($row); empty: not by row
    cols: tuple[str, ...]


def build_params(raw: Mapping[str, Any]) -> Params:
    for text in [*raw["lhs"], *raw["rhs"]]:
        parse_address(text)  # fail at load on a malformed address
    label = raw["label"]
    return Params(
        table=raw["table"],
        identity=raw["identity"],
        label=Message.of(label),
        lhs=tuple(raw["lhs"]),
        rhs=tuple(raw["rhs"]),
        rows=tuple(raw.get("rows", [])),
        cols=tuple(raw.get("cols", [])),
    )


def check(params: Params, report: Report) -> Iterator[Problem]:
    table = report.tables.get(params.table)
    if table is None:
        return  # a missing table is reported once, by the table-present rule
    lost = unread_rows(table)
    skipped, blank = [], []
    for row, col, lhs, rhs in _plan(params, table.row_keys, table.col_keys):
        # each side's cells looked up once: whether all were read, any is blank, and the sums
        left = _cells(table, lhs)
        right = _cells(table, rhs)
        if left is None or right is None or (lost and _hits_unread_row(params, lost, row)):
            skipped.append(str(lhs[0]) if lhs else f"{row or ''}{col or ''}")
            continue
        if any(c.kind == "blank" for c in left) or any(c.kind == "blank" for c in right):
            blank.append(str(lhs[0]))
            continue
        problem = _compare(params, table, lhs, rhs, _sum(left), _sum(right))
        if problem:
            yield problem
    if skipped:
        yield _cannot_assess(params, table, skipped)
    if blank:
        yield _blank(params, table, blank)


def _cells(table: Table, addresses: Sequence[Address]) -> list[Cell] | None:
    """The cells of one side, in order; None when the side is empty or a cell was not read."""
    if not addresses:
        return None
    rows = table.cells
    found = []
    for address in addresses:
        row = rows.get(address.row)
        cell = None if row is None else row.get(address.col)
        if cell is None:
            return None
        found.append(cell)
    return found


_Instance = tuple[str | None, str | None, tuple[Address, ...], tuple[Address, ...]]


@lru_cache(maxsize=256)
def _plan(
    params: Params, row_keys: tuple[str, ...], col_keys: tuple[str, ...]
) -> tuple[_Instance, ...]:
    """Each instance of the identity over the rows and columns read, with the cells of its two
    sides: the same for every report whose table has these rows and columns (one template
    filled in by many bodies), so worked out once."""
    rows = expand(params.rows, row_keys) if params.rows else [None]
    cols = expand(params.cols, col_keys) if params.cols else [None]
    return tuple(
        (
            r,
            c,
            _terms(params.lhs, row_keys, col_keys, r, c),
            _terms(params.rhs, row_keys, col_keys, r, c),
        )
        for r in rows
        for c in cols
    )


def _terms(
    patterns: Sequence[str],
    row_keys: tuple[str, ...],
    col_keys: tuple[str, ...],
    row: str | None,
    col: str | None,
) -> tuple[Address, ...]:
    terms: list[Address] = []
    for pattern in patterns:
        bound = parse_address(pattern).bind(row, col)
        for r in expand([bound.row], row_keys) if _is_glob(bound.row) else [bound.row]:
            for c in expand([bound.col], col_keys) if _is_glob(bound.col) else [bound.col]:
                terms.append(Address(bound.table, r, c))
    return tuple(terms)


def _hits_unread_row(params: Params, lost: Sequence[str], row: str | None) -> bool:
    """A glob over rows cannot be summed when one of the rows it would match was not read."""
    patterns = [parse_address(p).bind(row).row for p in (*params.lhs, *params.rhs)]
    return bool(expand([p for p in patterns if _is_glob(p)], lost))


def _is_glob(key: str) -> bool:
    return any(ch in key for ch in "*?[")


def _compare(
    params: Params,
    table: Table,
    lhs: Sequence[Address],
    rhs: Sequence[Address],
    actual: Decimal,
    expected: Decimal,
) -> Problem | None:
    if actual == expected:
        return None
    where = str(lhs[0])
    formula = f"{_terms_text(table, lhs)} ≠ {_terms_text(table, rhs)}"
    location = table.row_locations.get(lhs[0].row) or table.location
    diff = actual - expected
    left, right = _side(table, lhs), _side(table, rhs)
    return Problem(
        Message(
            f"{params.identity}（{params.label.zh}）不成立：{left.zh}为 {actual}，"
            f"{right.zh}为 {expected}（相差 {diff:+}）",
            f"{params.identity} ({params.label.en}) fails: {left.en} is {actual}, "
            f"{right.en} is {expected} ({diff:+})",
        ),
        location,
        where=where,
        expected=json_value(expected),
        actual=json_value(actual),
        formula=formula,
    )


def _side(table: Table, terms: Sequence[Address]) -> Message:
    """One side of an identity in words: a cell by its printed name, or a sum as a sum of the
    printed rows or columns — never the name of one cell for the sum of several."""
    if len(terms) == 1:
        one = terms[0]
        name = f"{table.cell_name(one.row, one.col)}（{one}）"
        return Message(name, name)
    rows = list(dict.fromkeys(a.row for a in terms))
    cols = list(dict.fromkeys(a.col for a in terms))
    line = "栏" if table.key == "T4" else "行"
    title = table.name or table.key
    en = f"the sum of {' + '.join(map(str, terms[:3]))}{' …' if len(terms) > 3 else ''}"
    if len(rows) == 1:
        head = f"{title}「{table.row_labels.get(rows[0], rows[0])}」{line}"
        return Message(f"{head}{_labels(cols, table.col_labels)}列之和", en)
    if len(cols) == 1:
        tail = f"{line}「{table.col_labels.get(cols[0], cols[0])}」列之和"
        return Message(f"{title}{_labels(rows, table.row_labels)}{tail}", en)
    return Message(f"{title}{len(terms)}个单元格（{terms[0]}等）之和", en)


def _labels(keys: Sequence[str], labels: Mapping[str, str]) -> str:
    names = [f"「{labels.get(k, k)}」" for k in keys]
    if len(names) <= 3:
        return "、".join(names)
    return f"{names[0]}至{names[-1]}等{len(names)}"


def _terms_text(table: Table, terms: Sequence[Address]) -> str:
    """ "T3[R1][TOT](5) + T3[R2][TOT](0)": each cell's address and what it holds as printed."""
    parts = []
    for address in terms:
        cell = table.cell(address.row, address.col)
        shown = "?" if cell is None else (cell.raw.strip() or "空白")
        parts.append(f"{address}({shown})")
    return " + ".join(parts)


def _sum(cells: Sequence[Cell]) -> Decimal:
    total = Decimal(0)
    for cell in cells:
        total += value_of(cell)
    return total


def _blank(params: Params, table: Table, instances: list[str]) -> Problem:
    shown = _named(table, instances)
    return Problem(
        Message(
            f"{params.identity}（{params.label.zh}）有 {len(instances)} 处未核对：所需单元格为空白"
            f"（空白不等于0，见“统计表的单元格已填写”）（{shown}）",
            f"{params.identity} ({params.label.en}): {len(instances)} instance(s) not checked, "
            f"cells blank (a blank is not a 0) ({shown})",
        ),
        table.location,
        where=f"{params.table}:{params.identity}:blank",
        cannot_assess=True,
    )


def _named(table: Table, instances: list[str], limit: int = 3) -> str:
    """The first instances by the name the report prints, address after each."""
    names = []
    for text in instances[:limit]:
        try:
            address = parse_address(text)
        except ValueError:
            names.append(text)
            continue
        names.append(f"{table.cell_name(address.row, address.col)}（{address}）")
    return "、".join(names) + ("等" if len(instances) > limit else "")


def _cannot_assess(params: Params, table: Table, skipped: list[str]) -> Problem:
    shown = _named(table, skipped)
    return Problem(
        Message(
            f"{params.identity}（{params.label.zh}）有 {len(skipped)} 处无法核对：所需单元格未能读出（{shown}）",
            f"{params.identity} ({params.label.en}): {len(skipped)} instance(s) not checked, cells not read ({shown})",
        ),
        table.location,
        where=f"{params.table}:{params.identity}",
        cannot_assess=True,
    )
