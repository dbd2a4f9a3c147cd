"""Findings as Word comments (批注): each one anchored on its paragraph or table cell.

The checker names a docx place as "第12段" (the 12th non-empty paragraph), "表格2 第3行" or
"表格2 第3行第4列"; its Document line holds the text read there. The anchor is found by that
text (so layout tables and numbering labels that the reader counts or adds do not shift it),
preferring the place whose number the checker gave. A finding with no place (a missing
section) is put on the first paragraph. The input is never written: a copy is saved.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from checker import api

AUTHOR, INITIALS = "ogi-check", "OGI"
SEVERITY_ZH = {"error": "错误", "warning": "警告", "info": "提示"}
SEPARATOR = " | "
_PARAGRAPH = re.compile(r"^第(\d+)段")  # a quote of the paragraph may follow
_CELL = re.compile(r"^表格(\d+) 第(\d+)行(?:第(\d+)列)?")


def comment_text(finding: dict[str, Any], lang: str = "zh") -> str:
    if lang == "en":
        return _comment_en(finding)
    level = SEVERITY_ZH.get(finding["severity"], finding["severity"])
    text = f"【{level}】{finding['rule']} {finding['message']}"
    if finding.get("expected") is not None or finding.get("actual") is not None:
        text += f"（应为 {finding.get('expected')}，实为 {finding.get('actual')}）"
    if finding.get("formula"):
        text += f"；算式：{finding['formula']}"
    return text


def _comment_en(finding: dict[str, Any]) -> str:
    text = f"[{finding['severity']}] {finding['rule']} {finding['message']}"
    if finding.get("expected") is not None or finding.get("actual") is not None:
        text += f" (expected {finding.get('expected')}, actual {finding.get('actual')})"
    if finding.get("formula"):
        text += f"; formula: {finding['formula']}"
    return text


def annotate_file(path: Path, findings: Sequence[dict[str, Any]], lang: str = "zh") -> bytes:
    """The docx at `path` with one comment per finding, as bytes (the file is only read)."""
    import docx

    lines = api.read_document(path).lines
    document = docx.Document(str(path))
    places = _Places(document)
    for finding in findings:
        paragraph = places.find(finding, lines)
        runs = list(paragraph.runs) or [paragraph.add_run("")]
        text = comment_text(finding, lang)
        document.add_comment(runs, text=text, author=AUTHOR, initials=INITIALS)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _norm(text: str) -> str:
    return re.sub(r"\s+", "", text)


class _Places:
    """The docx's paragraphs in reading order (also inside tables) and its tables' cells."""

    def __init__(self, document: Any) -> None:
        self.document = document
        self.paragraphs = [p for p in _all_paragraphs(document) if p.text.strip()]
        self.tables = list(_all_tables(document))

    def find(self, finding: dict[str, Any], lines: list[str]) -> Any:
        part, line = finding.get("part") or "", finding.get("line")
        text = lines[line - 1] if line and 0 < line <= len(lines) else ""
        if match := _CELL.match(part):
            cell = self._cell(int(match[1]), int(match[2]), match[3], text, finding)
            if cell is not None:
                return cell.paragraphs[0]
        if text:
            number = int(m[1]) if (m := _PARAGRAPH.match(part)) else 0
            found = self._paragraph(text, number)
            if found is not None:
                return found
        return self.paragraphs[0] if self.paragraphs else self.document.add_paragraph("")

    def _paragraph(self, text: str, number: int) -> Any:
        want = _norm(text)
        hits = [
            i for i, p in enumerate(self.paragraphs)
            if (got := _norm(p.text)) and (got in want or want in got)
        ]  # fmt: skip
        if not hits:
            return None
        best = min(hits, key=lambda i: abs(i + 1 - number)) if number else hits[0]
        return self.paragraphs[best]

    def _cell(
        self, table: int, row: int, column: str | None, text: str, finding: dict[str, Any]
    ) -> Any:
        """The cell named, if its row holds the text read there; else the row found by text."""
        wanted = _norm(_piece_at(text, finding.get("column") or 1)) if text else ""
        named = None
        if 0 < table <= len(self.tables) and 0 < row <= len(self.tables[table - 1].rows):
            named = self.tables[table - 1].rows[row - 1]
            if not wanted or wanted in [_norm(c.text) for c in named.cells]:
                return _pick(named, column, wanted)
        pieces = [p for p in (_norm(x) for x in text.split(SEPARATOR)) if p]
        for candidate in self.tables:
            for tr in candidate.rows:
                if (
                    pieces
                    and [t for t in (_norm(c.text) for c in _unique(tr.cells)) if t] == pieces
                ):
                    return _pick(tr, None, wanted)
        return _pick(named, column, wanted) if named is not None else None


def _pick(tr: Any, column: str | None, wanted: str) -> Any:
    cells = tr.cells
    if column and 0 < int(column) <= len(cells):
        return cells[int(column) - 1]
    for cell in cells:
        if wanted and _norm(cell.text) == wanted:
            return cell
    return cells[0] if cells else None


def _piece_at(text: str, column: int) -> str:
    at = 0
    for piece in text.split(SEPARATOR):
        if column - 1 < at + len(piece) + len(SEPARATOR):
            return piece
        at += len(piece) + len(SEPARATOR)
    return ""


def _unique(cells: Sequence[Any]) -> list[Any]:
    """A merged cell is repeated by python-docx at each grid column it spans: keep it once."""
    seen: list[Any] = []
    for cell in cells:
        if not any(cell._tc is other._tc for other in seen):
            seen.append(cell)
    return seen


def _all_paragraphs(container: Any) -> Iterator[Any]:
    for item in container.iter_inner_content():
        if hasattr(item, "runs"):
            yield item
        else:
            for row in item.rows:
                for cell in _unique(row.cells):
                    yield from _all_paragraphs(cell)


def _all_tables(container: Any) -> Iterator[Any]:
    for item in container.iter_inner_content():
        if hasattr(item, "rows"):
            yield item
            for row in item.rows:
                for cell in _unique(row.cells):
                    yield from _all_tables(cell)


def annotate_path(source: Path, target: Path, lang: str = "zh") -> int:
    """Check `source`, write the commented copy to `target`; the number of comments."""
    from checker.formatters.json_format import file_dict

    if source.resolve() == target.resolve():
        raise ValueError("输出文件不能与原文件相同（原文件不会被修改）")
    result = api.check_path([source])
    entry = file_dict(result.files[0], lang)
    if entry["status"] != "checked":
        error = entry["error"] or {}
        raise ValueError(f"{source}：{error.get('message', '无法读取')}")
    data = annotate_file(source, entry["findings"], lang)
    target.write_bytes(data)
    return len(entry["findings"])
