"""Table templates (rules/templates/*.yaml): load, merge profiles, validate once.

A template file describes one table in one format: its rows and columns with their canonical
keys and official labels (spec §4), the block or group each row is printed under, the markers
that tell the format apart (spec §2) and the identities that settle a run-together digit string.
Files are loaded in order; a later file for the same table and format extends the earlier one
(a local profile adds `extra_rows`, more label `variants`, more markers) instead of replacing it.
Every mistake raises `RuleFileError` with the file, the line and the key: the shape by the JSON
Schema rules/schema/table-template.schema.json (as rule packs are checked), the rest here.

    table: T3                      # the canonical table key
    variant: "2021"                # or a list: ["2019", "2021"] for a table both formats share
    name: 表三                      # how notes name the table
    start: [本列数据的勾稽关系, …]    # where the table may start (whitespace-insensitive)
    end: ['[五六]、\\s*存在']         # regexes that end it (else: the next table, or the text)
    require: [自然人, …]            # one must follow a start marker, or the marker was prose
    markers: [申请人无正当理由…]      # phrases only this format has (spec §2)
    header_words: [申请人情况, …]    # header text that names neither a row nor a column
    columns: [{key: NP, label: 自然人, variants: [...]}, …]
    column_groups: [{label: 法人或其他组织, columns: [COM, SCI, NGO, LAW, OTH]}]
    rows:                          # in printed order; a group's rows follow it
      - {group: R3.3, label: （三）不予公开}
      - {key: R3.3.1, label: 1.属于国家秘密, variants: [...], columns: [...]}
    extra_rows: [{key: OTHER_DOCS, label: 其他主动公开文件, after: NORMATIVE}]  # profiles
    row_sum: {total: TOT, parts: [NP, COM, SCI, NGO, LAW, OTH]}
    column_sums: [{total: [R1, R2], parts: [R3.7, R4]}]

A row takes the columns it lists, else its group's, else all the table's. Which group a row is
under follows the numbering of the labels ("三、" > "（三）" > "3."); unnumbered groups (the
第二十条 blocks of table 二) hold the rows up to the next group.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from checker.core.diskcache import cached, packs_dir
from checker.core.errors import RuleFileError
from checker.core.templates.labels import label_forms, squeeze
from checker.core.templates.model import (
    Column,
    ColumnGroup,
    ColumnSum,
    Entry,
    RowSum,
    TableTemplate,
    Templates,
)
from checker.core.textnorm import normalize
from checker.core.yamlsource import PathKey, YamlDoc, dotted, load_yaml, validate

NATIONAL_FILES = ("t2-2019.yaml", "t2-2021.yaml", "t3-2019.yaml", "t3-2021.yaml", "t4.yaml")

SCHEMA_FILE = "table-template.schema.json"


def template_dir() -> Path:
    return packs_dir() / "templates"


def national_paths() -> tuple[Path, ...]:
    return tuple(template_dir() / name for name in NATIONAL_FILES)


@cache
def national_templates() -> Templates:
    return load_templates(national_paths())


def load_templates(paths: Sequence[Path]) -> Templates:
    """Load, merge (a later file extends an earlier one of the same table and format), build;
    reused from the compiled-pack cache while the files and the code are unchanged."""
    return cached("templates", list(paths), [], lambda: (_load_templates(paths), []))


def _load_templates(paths: Sequence[Path]) -> Templates:
    drafts: dict[tuple[str, str], _Draft] = {}
    docs = [load_yaml(path) for path in paths]
    for doc in docs:
        _check_shape(doc)
    # Files that define a table come before files that only extend one (a profile listed
    # ahead of its base still extends it); otherwise the given order holds.
    for doc in sorted(docs, key=lambda d: not (d.data.get("rows") and d.data.get("columns"))):
        for variant in _variants(doc):
            key = (str(doc.data["table"]), variant)
            if key in drafts:
                drafts[key].extend(doc)
            else:
                drafts[key] = _Draft.first(doc, variant)
    tables: dict[str, list[TableTemplate]] = {}
    for (table, _), draft in drafts.items():
        tables.setdefault(table, []).append(draft.build())
    return Templates({k: tuple(v) for k, v in tables.items()})


# --- validation of one file's shape ------------------------------------------------------------


def _fail(doc: YamlDoc, key: PathKey, message: str) -> RuleFileError:
    return RuleFileError(doc.path, message, doc.line_of(key), dotted(key))


@cache
def template_schema() -> dict[str, Any]:
    """rules/schema/table-template.schema.json: what `ogi-check schema table-template` prints."""
    import json  # only to validate a template: a check that reads cached ones does not need it

    return dict(json.loads((packs_dir() / "schema" / SCHEMA_FILE).read_text(encoding="utf-8")))


def _check_shape(doc: YamlDoc) -> None:
    """The file's shape by the JSON Schema (as rule packs are checked); then what a schema cannot
    say: that the `end` patterns compile. Keys that must exist are checked when building."""
    if not isinstance(doc.data, dict):  # said plainly: a report or a list given as a template
        raise _fail(doc, (), "a template file must be a mapping")
    validate(doc, template_schema())
    for index, pattern in enumerate(doc.data.get("end", [])):
        _regex(doc, ("end", index), pattern)


def _variants(doc: YamlDoc) -> list[str]:
    raw = doc.data["variant"]  # the schema made it a string or a non-empty list of strings
    return [str(v) for v in (raw if isinstance(raw, list) else [raw])]


def _regex(doc: YamlDoc, key: PathKey, pattern: str) -> None:
    try:
        re.compile(pattern)
    except re.error as exc:
        raise _fail(doc, key, f"not a valid regular expression: {exc}") from exc


# --- merging and building ----------------------------------------------------------------------


@dataclass
class _Source:
    """Where in a template file an item (column, row) was given, for the messages about it."""

    doc: YamlDoc
    key: PathKey


@dataclass
class _Draft:
    """One table format while its files are merged; built into a TableTemplate at the end."""

    table: str
    variant: str
    data: dict[str, Any]
    columns: list[tuple[dict[str, Any], _Source]]
    rows: list[tuple[dict[str, Any], _Source, bool]]  # item, where, declared as extra
    sums: list[tuple[str, Any, _Source]]
    sources: list[str]

    @classmethod
    def first(cls, doc: YamlDoc, variant: str) -> _Draft:
        data = doc.data
        for name in ("columns", "rows"):
            if not data.get(name):
                raise _fail(
                    doc, (name,), f"the first file for {data['table']} {variant} needs {name}"
                )
        draft = cls(str(data["table"]), variant, {}, [], [], [], [])
        draft.extend(doc)
        return draft

    def extend(self, doc: YamlDoc) -> None:
        data = doc.data
        self.sources.append(doc.path)
        for name in ("name", "title"):
            if name in data:
                self.data[name] = data[name]
        for name in ("start", "end", "require", "markers", "header_words", "column_groups"):
            self.data.setdefault(name, []).extend(data.get(name, []))
        _unique(doc, "columns", [c["key"] for c in data.get("columns", [])])
        _unique(doc, "rows", [r.get("key") or r.get("group") for r in data.get("rows", [])])
        for index, item in enumerate(data.get("columns", [])):
            self._merge(self.columns, item, _Source(doc, ("columns", index)), "key")
        for index, item in enumerate(data.get("rows", [])):
            self._merge_row(item, _Source(doc, ("rows", index)))
        for index, item in enumerate(data.get("extra_rows", [])):
            self._insert_extra(item, _Source(doc, ("extra_rows", index)))
        if "row_sum" in data:
            self.sums = [s for s in self.sums if s[0] != "row"]
            self.sums.append(("row", data["row_sum"], _Source(doc, ("row_sum",))))
        for index, item in enumerate(data.get("column_sums", [])):
            self.sums.append(("column", item, _Source(doc, ("column_sums", index))))

    @staticmethod
    def _merge(
        items: list[tuple[dict[str, Any], _Source]], item: dict[str, Any], src: _Source, key: str
    ) -> None:
        for old, _ in items:
            if old[key] == item[key]:
                old.update({k: v for k, v in item.items() if k != "variants"})
                old["variants"] = [*old.get("variants", []), *item.get("variants", [])]
                return
        items.append((dict(item), src))

    def _merge_row(self, item: dict[str, Any], src: _Source) -> None:
        ident = item.get("key") or item.get("group")
        for old, _, _ in self.rows:
            if (old.get("key") or old.get("group")) == ident:
                old.update({k: v for k, v in item.items() if k != "variants"})
                old["variants"] = [*old.get("variants", []), *item.get("variants", [])]
                return
        self.rows.append((dict(item), src, False))

    def _insert_extra(self, item: dict[str, Any], src: _Source) -> None:
        keys = [r.get("key") or r.get("group") for r, _, _ in self.rows]
        if item["key"] in keys:
            raise _fail(src.doc, (*src.key, "key"), f"row {item['key']} already exists")
        if item["after"] not in keys:
            raise _fail(src.doc, (*src.key, "after"), f"no row or group {item['after']} to follow")
        at = keys.index(item["after"]) + 1
        row = {k: v for k, v in item.items() if k != "after"}
        self.rows.insert(at, (row, src, True))

    def build(self) -> TableTemplate:
        columns = self._build_columns()
        known = {c.key for c in columns}
        entries = self._build_entries(known)
        row_sum, column_sums = self._build_sums(known, {e.key for e in entries if not e.is_group})
        return TableTemplate(
            table=self.table,
            variant=self.variant,
            name=str(self.data.get("name", self.table)),
            title=str(self.data.get("title", "")),
            start=tuple(_loose(s) for s in self.data.get("start", [])),
            end=tuple(re.compile(p) for p in self.data.get("end", [])),
            require=tuple(_loose(r) for r in self.data.get("require", [])),
            markers=tuple(_loose(m) for m in self.data.get("markers", [])),
            header_words=frozenset(
                squeeze(normalize(w)) for w in self.data.get("header_words", [])
            ),
            columns=columns,
            column_groups=self._build_column_groups(known),
            entries=entries,
            row_sum=row_sum,
            column_sums=column_sums,
            sources=tuple(dict.fromkeys(self.sources)),
        )

    def _build_columns(self) -> tuple[Column, ...]:
        out: list[Column] = []
        for item, src in self.columns:
            if any(c.key == item["key"] for c in out):
                raise _fail(src.doc, (*src.key, "key"), f"duplicate column key {item['key']}")
            labels = [item["label"], *item.get("variants", [])]
            out.append(
                Column(item["key"], item["label"], tuple(label_forms(t).core for t in labels))
            )
        return tuple(out)

    def _build_column_groups(self, known: set[str]) -> tuple[ColumnGroup, ...]:
        groups = []
        for item in self.data.get("column_groups", []):
            unknown = set(item["columns"]) - known
            if unknown:
                raise RuleFileError(
                    self.sources[-1], f"column_groups: unknown columns {sorted(unknown)}"
                )
            groups.append(
                ColumnGroup(item["label"], label_forms(item["label"]).core, tuple(item["columns"]))
            )
        return tuple(groups)

    def _build_entries(self, known: set[str]) -> tuple[Entry, ...]:
        entries: list[Entry] = []
        block_columns = tuple(item["key"] for item, _ in self.columns)
        stack: list[Entry] = []  # the groups open at this point, outermost first
        for item, src, extra in self.rows:
            key = item.get("key") or item["group"]
            if any(e.key == key for e in entries):
                raise _fail(src.doc, (*src.key, "key"), f"duplicate row key {key}")
            labels = [item["label"], *item.get("variants", [])]
            forms = tuple(label_forms(text) for text in labels)
            if not forms[0].core:
                raise _fail(
                    src.doc, (*src.key, "label"), "the label has no words once numbering is dropped"
                )
            stack = _open_groups(stack, forms[0].numbering, "group" in item)
            parent = stack[-1] if stack else None
            columns = tuple(item.get("columns") or (parent.columns if parent else block_columns))
            unknown = [c for c in columns if c not in known]
            if unknown:
                raise _fail(src.doc, (*src.key, "columns"), f"unknown columns {unknown}")
            entry = Entry(
                key,
                item["label"],
                forms,
                columns,
                "group" in item,
                parent.key if parent else None,
                extra,
            )
            entries.append(entry)
            if entry.is_group:
                stack.append(entry)
        return tuple(entries)

    def _build_sums(
        self, columns: set[str], rows: set[str]
    ) -> tuple[RowSum | None, tuple[ColumnSum, ...]]:
        row_sum: RowSum | None = None
        column_sums: list[ColumnSum] = []
        for kind, item, src in self.sums:
            names = [item["total"]] if kind == "row" else list(item["total"])
            names += list(item["parts"])
            allowed = columns if kind == "row" else rows
            unknown = [n for n in names if n not in allowed]
            if unknown:
                what = "column" if kind == "row" else "row"
                raise _fail(src.doc, src.key, f"unknown {what} keys {unknown}")
            if kind == "row":
                row_sum = RowSum(item["total"], tuple(item["parts"]))
            else:
                column_sums.append(ColumnSum(tuple(item["total"]), tuple(item["parts"])))
        return row_sum, tuple(column_sums)


def _unique(doc: YamlDoc, name: str, keys: list[str]) -> None:
    """Within one file a key is defined once; a later file may extend it (a profile)."""
    seen: set[str] = set()
    for index, key in enumerate(keys):
        if key in seen:
            raise _fail(doc, (name, index, "key"), f"duplicate key {key} in this file")
        seen.add(key)


_LEVELS = {"cn": 1, "paren": 2, "item": 3}


def _open_groups(stack: list[Entry], numbering: str | None, is_group: bool) -> list[Entry]:
    """The groups still open at a new entry: it closes those at its own numbering level or deeper.

    "（七）总计" closes "（六）其他处理" but stays under "三、本年度办理结果". Unnumbered entries (the
    第二十条 blocks of table 二 and their rows) stay under the open group; an unnumbered group
    closes the unnumbered group before it (the next block).
    """
    level = _LEVELS.get(numbering or "", 0)
    kept = list(stack)
    while kept:
        top = _LEVELS.get(kept[-1].numbering or "", 0)
        if (level and top and top < level) or (level and not top) or (not level and not is_group):
            break
        if not level and top:
            break
        kept.pop()
    return kept


def _loose(text: str) -> re.Pattern[str]:
    """A marker found whatever whitespace, pipes or bracket widths the copy put inside it."""
    chars = [c for c in normalize(text) if not c.isspace()]
    return re.compile(r"[\s|]*".join(re.escape(c) for c in chars))
