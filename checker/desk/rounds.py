"""Over a whole round: aggregate reports against their children, and the round's workbook.

An aggregate (a 人民政府's report covering the bodies under it on the roster) must report at
least what its children report, cell by cell, in the additive tables (三 applications, 四
reviews and suits): its value below the children's sum is an error whatever the coverage; above
it is only noted (the difference may be its own office's cases or a child not yet in).

The workbook is the checker's own batch run (`ogi-check check --manifest … --format xlsx`)
over the latest version of every body, this round and the last: the cross-report rules
(duplicates, copying, carry-over, near-identical reports) and the xlsx formatter are reused,
not rewritten.
"""

from __future__ import annotations

import csv
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.translation import gettext as _

from checker.desk.models import Body, Round, Submission

ADDITIVE = ("T3", "T4")


def numbers(tables: dict[str, dict[str, dict[str, float]]]) -> dict[str, float]:
    """The numeric cells of the additive tables, by address "T3[R1][NP]"."""
    return {
        f"{table}[{row}][{column}]": value
        for table in ADDITIVE
        for row, cells in (tables.get(table) or {}).items()
        for column, value in cells.items()
    }


@dataclass
class Difference:
    cell: str
    own: float
    children: float
    below: bool  # the aggregate reports less than its children: an error


@dataclass
class Aggregate:
    body: Body
    children: list[Body]
    submitted: list[Body] = field(default_factory=list)
    differences: list[Difference] = field(default_factory=list)
    compared: int = 0
    note: str = ""

    @property
    def coverage(self) -> str:
        return f"{len(self.submitted)}/{len(self.children)}"


def aggregates(round_: Round) -> list[Aggregate]:
    out = []
    bodies = list(round_.bodies.all())
    for body in (b for b in bodies if b.aggregate):
        children = [b for b in bodies if b.parent_name == body.name]
        out.append(_compare(body, children))
    return out


def _compare(body: Body, children: list[Body]) -> Aggregate:
    result = Aggregate(body, children)
    own = body.latest()
    if own is None or not own.tables:
        result.note = (
            _("汇总报告尚未报送") if own is None else _("汇总报告中没有可比对的表格（无法评估）")
        )
        return result
    sums: dict[str, float] = {}
    for child in children:
        latest = child.latest()
        if latest is None:
            continue
        result.submitted.append(child)
        for cell, value in (latest.tables or {}).items():
            sums[cell] = sums.get(cell, 0) + value
    if not result.submitted:
        result.note = _("下级机关均未报送，无法评估")
        return result
    for cell, value in sorted(own.tables.items()):
        if cell in sums:
            result.compared += 1
            if value != sums[cell]:
                result.differences.append(Difference(cell, value, sums[cell], value < sums[cell]))
    return result


def latest_versions(round_: Round | None) -> list[tuple[Body, Submission]]:
    if round_ is None:
        return []
    found = ((body, body.latest()) for body in round_.bodies.all())
    return [(body, latest) for body, latest in found if latest is not None]


def export_workbook(round_: Round, target: Path) -> None:
    """The round's workbook (and last round's reports, for the carry-over rules)."""
    previous = Round.objects.filter(year=round_.year - 1).first()
    with tempfile.TemporaryDirectory(prefix="ogi-desk-export-") as folder:
        base = Path(folder)
        rows, dirs = [], []
        for year_round in (round_, previous):
            if year_round is None:
                continue
            where = base / str(year_round.year)
            where.mkdir()
            dirs.append(str(where))
            for number, (body, latest) in enumerate(latest_versions(year_round), start=1):
                suffix = Path(latest.file.name).suffix
                name = f"{number:04d}-{body.name}{suffix}"[:120]
                shutil.copyfile(latest.file.path, where / name)
                rows.append([f"{year_round.year}/{name}", body.name, year_round.year, body.kind])
        if not rows:
            raise ValueError(_("本年度还没有任何报送"))
        manifest = base / "manifest.csv"
        with manifest.open("w", newline="", encoding="utf-8") as handle:
            csv.writer(handle).writerows([["path", "agency", "year", "agency_kind"], *rows])
        done = subprocess.run(
            [sys.executable, "-m", "checker", "check", *dirs, "--manifest", str(manifest),
             "--format", "xlsx", "-o", str(target), "-q", "--jobs", "1"],
            capture_output=True, text=True, timeout=3600,
        )  # fmt: skip
        if done.returncode not in (0, 1) or not target.exists():
            raise RuntimeError(_("导出失败：%(error)s") % {"error": done.stderr.strip()[-500:]})
