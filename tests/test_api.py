"""The small public API (checker.api) that other Python tools call."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from checker.api import check_path, check_text, load_rules
from tests.conftest import FIXTURES, SEED

VALID = FIXTURES / "2021" / "valid_department.txt"


def test_check_text_finds_what_the_cli_finds() -> None:
    result = check_text(SEED.read_text(encoding="utf-8"), load_rules(), name="seed.txt")
    assert result.path == "seed.txt"
    assert result.metadata is not None and result.metadata.year == 2018
    assert ("OGI-N002", 66) in {(f.rule.id, f.problem.actual) for f in result.findings}


def test_check_path_walks_files() -> None:
    run = check_path([SEED])
    assert [f.path for f in run.files] == [str(SEED)]
    assert run.worst() is not None


def test_check_path_honours_inline_suppressions(tmp_path: Path) -> None:
    """The API runs the same per-file path as the command line: comments silence findings."""
    lines = SEED.read_text(encoding="utf-8").split("\n")
    plain = tmp_path / "plain.md"
    plain.write_text("\n".join(lines), encoding="utf-8")
    lines.insert(38, "<!-- ogi-check: disable=OGI-N002 reason=分项含上年结转 -->")
    lines.insert(0, "<!-- ogi-check: disable-file=OGI-C004 reason=原文格式，不改 -->")
    silenced = tmp_path / "silenced.md"
    silenced.write_text("\n".join(lines), encoding="utf-8")
    rules = load_rules()
    before = [f.rule.id for f in check_path([plain], rules).files[0].findings]
    run = check_path([silenced], rules)
    after = [f.rule.id for f in run.files[0].findings]
    assert "OGI-N002" in before and before.count("OGI-C004") == 2
    assert "OGI-N002" not in after and "OGI-C004" not in after
    assert not [r for r in after if r.startswith("OGI-S")]
    assert run.counts["suppressed"] == 3


def count_opens(path: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """A list that grows by one entry each time `path` is opened or read through Path."""
    opened: list[str] = []
    for method in ("open", "read_bytes", "read_text"):
        original = getattr(Path, method)

        def counted(self: Path, *args: Any, _original: Any = original, **kwargs: Any) -> Any:
            if self == path:
                opened.append(str(self))
            return _original(self, *args, **kwargs)

        monkeypatch.setattr(Path, method, counted)
    return opened


def test_a_file_is_read_once_per_check(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Suppressions come from the first read (no second read or decode of the source)."""
    path = tmp_path / "seed.md"
    path.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    opened = count_opens(path, monkeypatch)
    result = check_path([path], load_rules()).files[0]
    assert result.findings and not result.error
    assert opened == [str(path)]


def test_examine_reads_once_and_gives_what_check_path_and_table_values_give(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from checker.api import examine, table_values

    path = tmp_path / "report.txt"
    path.write_text(VALID.read_text(encoding="utf-8"), encoding="utf-8")
    rules = load_rules()
    expected = check_path([path], rules).files[0]
    tables = table_values(path, rules)
    opened = count_opens(path, monkeypatch)
    examined = examine(path, rules)
    assert opened == [str(path)]
    assert examined.result == expected and examined.tables == tables and tables["T3"]
    assert examined.set_data


def test_examine_an_unreadable_file(tmp_path: Path) -> None:
    from checker.api import examine

    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    examined = examine(empty, shown="上传.txt")
    assert examined.result.path == "上传.txt" and examined.result.error is not None
    assert (examined.tables, examined.set_data) == ({}, b"")


def set_files(folder: Path) -> list[Path]:
    """This year's report, its duplicate, last year's (carry-over broken) and another body's
    near-identical copy: findings of OGI-X001, X002 and X006."""
    text = VALID.read_text(encoding="utf-8")
    last = text.replace("2023年政府信息公开工作年度报告", "2022年政府信息公开工作年度报告")
    other = text.replace("清河县市场监督管理局", "清河县教育局")
    files = {"now.txt": text, "again.txt": text, "last.txt": last, "other.txt": other}
    for name, content in files.items():
        (folder / name).write_text(content, encoding="utf-8")
    return [folder / name for name in files]


def test_check_set_finds_what_a_batch_finds_without_reading_a_file(tmp_path: Path) -> None:
    from checker.api import SetMember, check_set, examine
    from checker.batch.run import run_batch
    from checker.batch.worker import Options
    from checker.project.build import build_project
    from checker.project.config import Settings

    paths = set_files(tmp_path)
    rules = load_rules()
    members = []
    for path in paths:
        examined = examine(path, rules)
        meta = examined.result.metadata
        assert meta is not None and meta.agency and meta.year
        members.append(SetMember(examined.set_data, str(path), meta.agency, meta.year))
    for path in paths:
        path.unlink()  # the set is checked from what was kept
    found = check_set(members, rules)
    paths = set_files(tmp_path)
    project = build_project(paths, None, Settings())
    with run_batch(project.jobs(paths), Options(engine="inline")) as batch:
        expected = [
            (index, f.rule.id, f.problem.message.zh)
            for index, result in enumerate(batch.iter_files())
            for f in result.findings
            if f.rule.id.startswith("OGI-X")
        ]
    got = [(s.member, s.finding.rule.id, s.finding.problem.message.zh) for s in found]
    assert sorted(got) == sorted(expected)
    rules_found = {s.finding.rule.id: s for s in found}
    assert {"OGI-X001", "OGI-X002", "OGI-X006"} <= set(rules_found)
    assert (rules_found["OGI-X001"].member, rules_found["OGI-X001"].related) == (1, 0)
    assert rules_found["OGI-X002"].related == 2  # last year's report


def test_check_set_passes_over_data_of_another_checker_or_rules(tmp_path: Path) -> None:
    import pickle

    from checker.api import SetMember, check_set, examine, set_data_fresh, set_data_key

    rules = load_rules()
    paths = set_files(tmp_path)
    data = [examine(path, rules).set_data for path in paths[:2]]
    assert set_data_fresh(data[0], set_data_key(rules))
    stale = pickle.dumps(("another checker", pickle.loads(data[1])[1]))
    assert not set_data_fresh(stale, set_data_key(rules)) and not set_data_fresh(b"", "x")
    agency = "清河县市场监督管理局"
    both = [SetMember(data[0], "a", agency, 2023), SetMember(data[1], "b", agency, 2023)]
    assert [s.finding.rule.id for s in check_set(both, rules)] == ["OGI-X001"]
    assert check_set([both[0], SetMember(stale, "b", agency, 2023)], rules) == []
