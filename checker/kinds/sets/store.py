"""Where a batch keeps its reports' summaries: an SQLite database in a temporary file.

A national run holds hundreds of thousands of reports; what the set rules need of each one
(identity, lateness, a table row, a text sketch) and the set rules' findings go to disk as the
results arrive, and come back by query — report by report, by body and year, or grouped by a
key — so the checking process's memory does not grow with the number of reports. SQLite's own
cache is bounded (a few MB), and the database file is deleted when the store is closed.
"""

from __future__ import annotations

import pickle
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from checker.core.findings import Finding
    from checker.kinds.sets.summary import ReportSummary

_SCHEMA = """
CREATE TABLE report (
    idx INTEGER PRIMARY KEY,  -- the file's position in the run
    body TEXT,                -- Identity.body, for lookups by body and year
    year INTEGER,
    readable INTEGER NOT NULL,
    rules INTEGER NOT NULL,   -- which of the run's rule sets checked it
    era TEXT,
    lean BLOB,                -- the pickled summary without its data (NULL: held in memory)
    data BLOB                 -- what the set rules extracted (pickled dict; NULL: held)
);
CREATE INDEX report_key ON report (body, year, idx);
CREATE TABLE finding (idx INTEGER NOT NULL, blob BLOB NOT NULL);
CREATE INDEX finding_idx ON finding (idx);
"""
_DUMP = pickle.HIGHEST_PROTOCOL
# The first readable report of each body and year: the one that stands for it in the set rules.
_FIRSTS = (
    "WITH first AS (SELECT body, year, min(idx) AS idx FROM report WHERE readable"
    " GROUP BY body, year) "
)


class SummaryStore:
    """The summaries of a run and the set findings about them, on disk — but for the first
    `HELD` summaries, which are kept as they came (a folder of a few hundred reports is never
    pickled and unpickled, which costs more than its set rules; memory stops growing after
    them)."""

    HELD = 1000  # summaries kept in memory (a few kilobytes each)

    def __init__(self, path: str = "") -> None:
        # "" is SQLite's private temporary database: on disk, removed when the connection closes
        self.db = sqlite3.connect(path)
        self.db.execute("PRAGMA journal_mode = OFF")  # a scratch database: nothing to recover
        self.db.execute("PRAGMA synchronous = OFF")
        for schema in ("main", "temp"):  # KiB: the page caches stay small
            self.db.execute(f"PRAGMA {schema}.cache_size = -1024")
        self.db.execute("PRAGMA temp_store = FILE")  # sorting and grouping spill to disk
        self.db.executescript(_SCHEMA)
        self.count = 0
        self.held: dict[int, ReportSummary] = {}  # index -> summary, the first HELD
        self.with_findings: set[int] = set()  # the reports that set findings are about

    @classmethod
    def of(cls, summaries: Iterable[ReportSummary]) -> SummaryStore:
        """A store holding these summaries (all checked with rule set 0)."""
        store = cls()
        for summary in summaries:
            store.add(summary, 0)
        return store

    def add(self, summary: ReportSummary, rules: int) -> None:
        ident = summary.identity
        lean: bytes | None = None
        data: bytes | None = None
        if len(self.held) < self.HELD:
            self.held[summary.index] = summary
        else:
            lean = pickle.dumps(replace(summary, data={}), _DUMP)
            data = pickle.dumps(dict(summary.data), _DUMP)
        self.db.execute(
            "INSERT INTO report VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                summary.index,
                ident.body,
                ident.year,
                summary.readable,
                rules,
                summary.era,
                lean,
                data,
            ),
        )
        self.count += 1

    def summaries(self, with_data: bool = True) -> Iterator[ReportSummary]:
        """Every summary in file order, read as iterated; `with_data=False` leaves out the set
        rules' data where that saves reading it (a summary held in memory comes whole)."""
        column = "data" if with_data else "NULL"
        for row in self.db.execute(f"SELECT idx, lean, {column} FROM report ORDER BY idx"):
            yield self._load(*row)

    def get(self, index: int) -> ReportSummary:
        row = self.db.execute(
            "SELECT idx, lean, data FROM report WHERE idx = ?", (index,)
        ).fetchone()
        if row is None:
            raise KeyError(index)
        return self._load(*row)

    def same(self, body: str, year: int) -> list[ReportSummary]:
        """The readable reports of this body and year, in file order."""
        rows = self.db.execute(
            "SELECT idx, lean, data FROM report"
            " WHERE body = ? AND year = ? AND readable ORDER BY idx",
            (body, year),
        )
        return [self._load(*row) for row in rows]

    def bodies(self, indices: Sequence[int]) -> dict[int, str | None]:
        """The body of each of these reports, without loading their summaries."""
        marks = ",".join("?" * len(indices))
        rows = self.db.execute(f"SELECT idx, body FROM report WHERE idx IN ({marks})", indices)
        return dict(rows.fetchall())

    def first_of(self, body: str, year: int) -> int | None:
        """The index of the first readable report of this body and year."""
        row = self.db.execute(
            "SELECT min(idx) FROM report WHERE body = ? AND year = ? AND readable", (body, year)
        ).fetchone()
        return row[0] if row else None

    def year_pairs(self) -> list[tuple[int, int]]:
        """(report, the same body's report of the year before) for each readable report that
        stands for its body and year (the first of duplicates), in file order; last year's is the
        first readable one of its body and year. One query: a set with no such pair (a folder of
        one year) loads no summary."""
        rows = self.db.execute(
            _FIRSTS + "SELECT r.idx, p.idx FROM first AS r"
            " JOIN first AS p ON p.body = r.body AND p.year = r.year - 1"
            " WHERE r.body <> '' AND r.year <> 0 ORDER BY r.idx"
        )
        return rows.fetchall()

    def later_copies(self) -> list[tuple[int, int]]:
        """(report, the first readable report of its body and year) for each report with a body
        and year that is not that first one, in file order."""
        rows = self.db.execute(
            _FIRSTS + "SELECT r.idx, f.idx FROM report AS r"
            " JOIN first AS f ON f.body = r.body AND f.year = r.year"
            " WHERE r.body <> '' AND r.year <> 0 AND r.idx <> f.idx ORDER BY r.idx"
        )
        return rows.fetchall()

    def representatives(self) -> list[int]:
        """The index of the first report of each rule set and era, in file order."""
        rows = self.db.execute("SELECT min(idx) FROM report GROUP BY rules, era ORDER BY 1")
        return [index for (index,) in rows]

    def rules_and_era(self, index: int) -> tuple[int, str | None]:
        row = self.db.execute("SELECT rules, era FROM report WHERE idx = ?", (index,)).fetchone()
        if row is None:
            raise KeyError(index)
        return row[0], row[1]

    def groups(self, keys: Iterable[tuple[bytes, int]], most: int) -> Iterator[list[int]]:
        """The report indices sharing a key, for every key held by 2 to `most` reports, each
        group sorted; the (key, index) pairs go to a scratch table, not to memory."""
        self.db.execute("CREATE TEMP TABLE IF NOT EXISTS grouping (key BLOB, idx INTEGER)")
        self.db.execute("DELETE FROM grouping")
        self.db.executemany("INSERT INTO grouping VALUES (?, ?)", keys)
        rows = self.db.execute(
            "SELECT group_concat(idx) FROM (SELECT key, idx FROM grouping ORDER BY key, idx) "
            "GROUP BY key HAVING count(*) BETWEEN 2 AND ?",
            (most,),
        )
        for (members,) in rows:
            yield sorted(int(i) for i in members.split(","))

    def add_findings(self, index: int, findings: Sequence[Finding]) -> None:
        if findings:
            self.with_findings.add(index)
        self.db.executemany(
            "INSERT INTO finding VALUES (?, ?)", ((index, pickle.dumps(f, _DUMP)) for f in findings)
        )

    def findings(self, index: int) -> list[Finding]:
        if index not in self.with_findings:
            return []  # most reports: no query
        rows = self.db.execute("SELECT blob FROM finding WHERE idx = ? ORDER BY rowid", (index,))
        return [pickle.loads(blob) for (blob,) in rows]

    def close(self) -> None:
        self.held = {}
        self.db.close()

    def _load(self, index: int, lean: bytes | None, data: bytes | None) -> ReportSummary:
        if lean is None:
            return self.held[index]
        return _load(lean, data)


def _load(lean: bytes, data: bytes | None) -> ReportSummary:
    summary: ReportSummary = pickle.loads(lean)
    if data is not None:
        # a summary fresh from its pickle, seen by no one yet: its data set in place (the
        # set rules read every summary several times; `replace` re-ran __init__ each time)
        object.__setattr__(summary, "data", pickle.loads(data))
    return summary
