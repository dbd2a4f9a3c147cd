"""Files named on the command line that are plainly not reports, to be passed over with a note.

pre-commit (and `git ls-files | xargs`) hands ogi-check every changed file its `files` pattern
admits: mkdocs.yml, package.json, requirements.txt and README.md are not reports, and reading
them as reports would block an ordinary commit with "无法读取". A folder walk already passes
them over (`is_report_file`: the suffix, a project file's well-known name, report data in a
YAML/JSON file); a named file is judged the same way, plus one more sign: text without a single
Chinese character (a Chinese annual
report cannot be written without them). Anything doubtful is still read, so that a broken
report (empty, binary, undecodable) keeps its clear per-file error.
"""

from __future__ import annotations

import re
from pathlib import Path

from checker.readers import READERS, is_project_file, is_report_file

_DATA_SUFFIXES = frozenset({".yaml", ".yml", ".json"})
_TEXT_SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown"})
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_HEAD = 64 * 1024


def not_a_report(path: Path) -> bool:
    """Whether a named file is plainly something other than a report."""
    suffix = path.suffix.lower()
    try:
        if not path.is_file():
            return False  # missing, a folder, a FIFO: the read says what is wrong
    except OSError:
        return False
    if suffix in _DATA_SUFFIXES:
        return not is_report_file(path)
    if is_project_file(path):
        return True
    if suffix in _TEXT_SUFFIXES or suffix not in READERS:
        return _text_without_chinese(path)
    return False


def _text_without_chinese(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            head = handle.read(_HEAD)
    except OSError:
        return False
    if b"\x00" in head:
        return False  # binary or UTF-16: the reader says which
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError:
        return False  # GB18030…: the reader decodes it
    if not text.strip():
        return False  # empty: a clear read error is more useful than silence
    return _CJK.search(text) is None
