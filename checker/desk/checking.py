"""The checker as the desk uses it: one stored file in, read once, everything kept out.

Only the public API (`checker.api`) and the JSON formatter's per-file entry are used, so the
desk shows exactly what `ogi-check check --format json` prints. An upload is read once
(`api.examine`): its result, its tables' numbers (for the aggregate check) and what the set
rules need of it (for the round's cross-report findings, run later without reading a file).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from checker import api
from checker.formatters.json_format import SCHEMA_VERSION, file_dict

_lock = threading.Lock()
_rules: Any = None  # api.load_rules()'s rule set (its type's module is being moved)
_key = ""


def rules() -> Any:
    """The rule packs, loaded once per process (the server checks every upload with them)."""
    global _rules, _key
    with _lock:
        if _rules is None:
            _rules = api.load_rules()
            _key = api.set_data_key(_rules)
        return _rules


def set_data_key() -> str:
    """The key `set_data` made under the loaded rules carries (`api.set_data_fresh`)."""
    rules()
    return _key


@dataclass(frozen=True)
class Checked:
    entry: dict[str, Any]  # one entry of the CLI's JSON `files` list (Chinese messages)
    messages_en: list[str]  # the same findings' messages in English
    tables: dict[str, float]  # the additive tables' numbers ("T3[R1][NP]" -> 52)
    set_data: bytes  # what the set rules need of the report (api.examine)


def check_file(path: Path, name: str) -> Checked:
    """The stored file, read once, named by the upload's name."""
    from checker.desk.rounds import numbers

    examined = api.examine(path, rules(), shown=name)
    entry = file_dict(examined.result, "zh")
    english = [f["message"] for f in file_dict(examined.result, "en")["findings"]]
    return Checked(entry, english, numbers(examined.tables), examined.set_data)


def set_data(path: Path) -> bytes:
    """`set_data` of a stored file made again (after an upgrade of the checker or its rules)."""
    return api.examine(path, rules()).set_data


def error_count(entry: dict[str, Any]) -> int:
    return sum(1 for f in entry["findings"] if f["severity"] == "error")


__all__ = ["SCHEMA_VERSION", "Checked", "check_file", "error_count", "rules", "set_data"]
