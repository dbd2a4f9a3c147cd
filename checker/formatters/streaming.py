"""A batch written in the ordinary formats one file at a time, so memory stays flat however many
files there are. Text, JSON, JSON Lines and CSV come out exactly as their formatters render a
run; SARIF, JUnit and GitHub annotations are whole documents (or short) and are rendered from the
result held in memory."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Sequence
from typing import TextIO

from checker import __version__
from checker.batch.results import BatchResult
from checker.core.findings import RuleMeta, RunResult, Severity
from checker.core.fingerprints import iter_fingerprints
from checker.formatters import csv_format, text
from checker.formatters.json_format import SCHEMA_VERSION, file_dict, finding_dict


def write(
    name: str,
    batch: BatchResult,
    catalog: Sequence[RuleMeta],
    lang: str,
    out: TextIO,
    render: Callable[[RunResult, Sequence[RuleMeta], str], str],
) -> None:
    """`render` is the format's whole-run formatter, for a format not streamed here."""
    streamed = _STREAMED.get(name)
    if streamed is None:
        out.write(render(batch.to_run_result(), catalog, lang))
        return
    streamed(batch, lang, out)


def summary(batch: BatchResult) -> dict[str, int]:
    return {"files": batch.files, **{s.label: batch.severities[s] for s in reversed(Severity)}}


def _jsonl(batch: BatchResult, lang: str, out: TextIO) -> None:
    for _, file in batch.iter_files():
        if file.error:
            record: dict[str, object] = {
                "type": "file_error",
                "path": file.path,
                "error": {"code": file.error.code, "message": file.error.message},
            }
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
        for finding, fp in iter_fingerprints(file.path, file.findings):
            record = {
                "type": "finding",
                "path": file.path,
                **finding_dict(finding, lang),
                "fingerprint": fp,
            }
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    tail: dict[str, object] = {"type": "summary", **summary(batch), **batch.counts}
    out.write(json.dumps(tail, ensure_ascii=False) + "\n")


def _json(batch: BatchResult, lang: str, out: TextIO) -> None:
    """The JSON contract, byte for byte as `json_format.render` writes it, a file at a time."""
    tool = json.dumps({"name": "ogi-check", "version": __version__}, ensure_ascii=False, indent=2)
    out.write(
        f'{{\n  "schema_version": {SCHEMA_VERSION},\n  "tool": {_indent(tool, 2)},\n  "files": ['
    )
    for number, (_, file) in enumerate(batch.iter_files()):
        item = json.dumps(file_dict(file, lang), ensure_ascii=False, indent=2)
        out.write(("," if number else "") + "\n    " + _indent(item, 4))
    out.write("\n  ]," if batch.files else "],")
    tail = json.dumps(summary(batch), ensure_ascii=False, indent=2)
    out.write(f'\n  "summary": {_indent(tail, 2)}\n}}\n')


def _indent(text: str, spaces: int) -> str:
    return text.replace("\n", "\n" + " " * spaces)


def _text(batch: BatchResult, lang: str, out: TextIO) -> None:
    first = True
    for _, file in batch.iter_files():
        out.write(("" if first else "\n") + text._file_block(file, lang))
        first = False
    counts = [batch.severities[s] for s in (Severity.ERROR, Severity.WARNING, Severity.INFO)]
    if lang == "en":
        line = (
            f"{batch.files} file(s): {counts[0]} error(s), {counts[1]} warning(s), "
            f"{counts[2]} info, {batch.unreadable} unreadable"
        )
    else:
        line = (
            f"共检查 {batch.files} 个文件：错误 {counts[0]} 个，警告 {counts[1]} 个，"
            f"提示 {counts[2]} 个，无法读取 {batch.unreadable} 个"
        )
    out.write(("" if first else "\n") + line + "\n")


def _csv(batch: BatchResult, lang: str, out: TextIO) -> None:
    out.write(csv_format.BOM)
    writer = csv.DictWriter(out, csv_format.COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for _, file in batch.iter_files():
        writer.writerows(csv_format._rows(RunResult((file,)), lang))


_STREAMED: dict[str, Callable[[BatchResult, str, TextIO], None]] = {
    "jsonl": _jsonl,
    "json": _json,
    "text": _text,
    "csv": _csv,
}
