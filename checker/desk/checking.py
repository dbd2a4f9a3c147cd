"""The checker as the desk uses it: one stored file in, one JSON `files` entry out.

Only the public API (`checker.api`) and the JSON formatter's per-file entry are used, so the
desk shows exactly what `ogi-check check --format json` prints.
"""

from __future__ import annotations

import dataclasses
import threading
from pathlib import Path
from typing import Any

from checker import api
from checker.formatters.json_format import SCHEMA_VERSION, file_dict

_lock = threading.Lock()
_rules: Any = None  # api.load_rules()'s rule set (its type's module is being moved)


def rules() -> Any:
    """The rule packs, loaded once per process (the server checks every upload with them)."""
    global _rules
    with _lock:
        if _rules is None:
            _rules = api.load_rules()
        return _rules


def check_file(path: Path, name: str, lang: str = "zh") -> dict[str, Any]:
    """One entry of the CLI's JSON `files` list (schema_version 1), named by the upload's name."""
    result = api.check_path([path], rules())
    file = dataclasses.replace(result.files[0], path=name)
    return file_dict(file, lang)


def table_numbers(path: Path) -> dict[str, float]:
    """The additive tables' numbers of a file already read once (empty if it has none)."""
    from checker.desk.rounds import numbers

    try:
        return numbers(api.table_values(path, rules()))
    except Exception:  # the check succeeded; no tables only means no aggregate
        return {}


def error_count(entry: dict[str, Any]) -> int:
    return sum(1 for f in entry["findings"] if f["severity"] == "error")


__all__ = ["SCHEMA_VERSION", "check_file", "error_count", "rules", "table_numbers"]
