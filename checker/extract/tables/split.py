"""Run-together digits ("640020470" for 64|0|0|2|0|4|70): every split the table's own sums allow.

A crawler that drops cell boundaries leaves one digit string per row. A split is only accepted
when the table's identities leave exactly one: first each row's (总计 = the sum of its parts),
then, across the rows still open, the column identities (三(七) = the sum of the outcomes;
一 + 二 = 三(七) + 四). Nothing here picks among survivors: more than one is "ambiguous".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import product

from checker.extract.tables.tokens import Slot

MAX_SOLUTIONS = 64  # a row with more splits than this is hopeless anyway
MAX_COMBINATIONS = 4096


@dataclass(frozen=True)
class RowCheck:
    """Row identity by position within the row: cells[total] == sum(cells[p] for p in parts)."""

    total: int
    parts: tuple[int, ...]


def split_runs(
    tokens: Sequence[Slot], widths: Sequence[int], checks: Sequence[RowCheck | None]
) -> list[list[Slot]]:
    """All splits of the digit tokens into sum(widths) cells, each row passing its check.

    A token is never joined to the next (whitespace there was a real boundary); a cell never
    has a leading zero ("05" is not a count).
    """
    total = sum(widths)
    ends = _row_ends(widths)
    digits_after = [sum(len(t.raw) for t in tokens[i + 1 :]) for i in range(len(tokens))]
    out: list[list[Slot]] = []
    cells: list[Slot] = []

    def extend(token: int, pos: int) -> None:
        if len(out) >= MAX_SOLUTIONS:
            return
        if token == len(tokens):
            if len(cells) == total:
                out.append(list(cells))
            return
        raw, start = tokens[token].raw, tokens[token].start
        for size in range(1, len(raw) - pos + 1):
            if size > 1 and raw[pos] == "0":
                break
            # Enough digits must remain for the cells still to fill, and enough cells for
            # the digits: every token left (and the rest of this one) needs a cell.
            left = len(raw) - pos - size + digits_after[token]
            need = total - len(cells) - 1
            least = len(tokens) - token - 1 + (1 if pos + size < len(raw) else 0)
            if left < need or need < least:
                continue
            cells.append(Slot(raw[pos : pos + size], start + pos))
            if _row_ok(cells, ends, widths, checks):
                if pos + size == len(raw):
                    extend(token + 1, 0)
                else:
                    extend(token, pos + size)
            cells.pop()

    extend(0, 0)
    return out


def _row_ends(widths: Sequence[int]) -> dict[int, int]:
    """Cell count at the end of each row -> that row's index."""
    ends, count = {}, 0
    for index, width in enumerate(widths):
        count += width
        ends[count] = index
    return ends


def _row_ok(
    cells: list[Slot],
    ends: dict[int, int],
    widths: Sequence[int],
    checks: Sequence[RowCheck | None],
) -> bool:
    row = ends.get(len(cells))
    if row is None or checks[row] is None:
        return True
    check = checks[row]
    assert check is not None
    first = len(cells) - widths[row]
    values = [int(c.raw) for c in cells[first:]]
    return values[check.total] == sum(values[p] for p in check.parts)


@dataclass(frozen=True)
class ColumnCheck:
    """For every column: sum of the `total` rows == sum of the `parts` rows."""

    total: tuple[str, ...]
    parts: tuple[str, ...]


def resolve(
    known: dict[str, list[int]],
    open_rows: dict[str, list[list[int]]],
    checks: Sequence[ColumnCheck],
) -> dict[str, int] | None:
    """The one choice of split per open row under which every checkable column sum holds.

    `known` holds the rows already read; `open_rows` the candidate value lists of the rows with
    several splits. A check that involves a row absent from both cannot be used. Returns the
    chosen index per open row, or None when zero or several choices survive.
    """
    keys = list(open_rows)
    usable = [c for c in checks if all(r in known or r in open_rows for r in (*c.total, *c.parts))]
    usable = [c for c in usable if any(r in open_rows for r in (*c.total, *c.parts))]
    sizes = [len(open_rows[k]) for k in keys]
    if not usable or _count(sizes) > MAX_COMBINATIONS:
        return None
    survivors: list[tuple[int, ...]] = []
    for choice in product(*(range(n) for n in sizes)):
        rows = dict(known)
        rows.update({k: open_rows[k][i] for k, i in zip(keys, choice, strict=True)})
        if all(_column_sum_holds(rows, c) for c in usable):
            survivors.append(choice)
            if len(survivors) > 1:
                return None
    if len(survivors) != 1:
        return None
    return dict(zip(keys, survivors[0], strict=True))


def _count(sizes: list[int]) -> int:
    total = 1
    for size in sizes:
        total *= size
    return total


def _column_sum_holds(rows: dict[str, list[int]], check: ColumnCheck) -> bool:
    width = len(next(iter(rows.values())))
    for column in range(width):
        left = sum(rows[r][column] for r in check.total)
        right = sum(rows[r][column] for r in check.parts)
        if left != right:
            return False
    return True
