"""checker.core.patterncache: a regular expression built from its stored program is the pattern
`re` would compile (same program, flags and groups), across processes; a damaged or missing
cache only costs a compilation."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from checker.core import patterncache
from checker.core.diskcache import Store

PATTERNS = [
    (r"[\u4e00-\u9fff]{2,}(?:局|厅|委)", 0),
    (r"(?P<n>\d+)\s*件(?![/\d])", 0),
    (r"(?<=[\u4e00-\u9fff)”])\.", 0),
    (r"^\s*[一二三四五六七八九十]{1,3}、", re.MULTILINE),
    (r"(?i)ogi-check|\bTOOL\b", 0),
    (r"(?x) a + b  # verbose", 0),
    (r"[^\t\n\r -~\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]", 0),
]


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("OGI_CHECK_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("OGI_CHECK_NO_CACHE", raising=False)
    return tmp_path


def plain(pattern: str, flags: int) -> re.Pattern[str]:
    compiled: re.Pattern[str] = patterncache.PLAIN(pattern, flags)
    return compiled


@pytest.mark.parametrize(("pattern", "flags"), PATTERNS)
def test_a_stored_program_gives_the_pattern_re_compiles(
    cache_dir: Path, pattern: str, flags: int
) -> None:
    first = patterncache.PatternCache()
    made = first.compile(pattern, flags)
    first.save()
    again = patterncache.PatternCache()  # a later run: the program comes from the store
    assert (pattern, flags) in again.entries
    reused = again.compile(pattern, flags)
    assert again.added == 0
    expected = plain(pattern, flags)
    for got in (made, reused):
        assert got == expected  # Pattern equality compares the program, flags and pattern
        assert (got.groups, got.groupindex, got.flags) == (
            expected.groups,
            expected.groupindex,
            expected.flags,
        )


def test_a_damaged_program_is_refused_and_compiled_afresh(cache_dir: Path) -> None:
    pattern = r"(?P<n>\d+)\s*件"
    cache = patterncache.PatternCache()
    final, code, groups, groupindex, indexgroup = patterncache._program(pattern, 0)
    cache.entries[(pattern, 0)] = (final, [999_999, *code], groups, groupindex, indexgroup)
    assert cache.compile(pattern, 0) == plain(pattern, 0)
    assert cache.added == 1


def test_a_corrupt_store_is_passed_over(cache_dir: Path) -> None:
    cache = patterncache.PatternCache()
    Store("patterns", keep=8).put(cache.key, ["not", "a", "dict"])
    assert patterncache.PatternCache().entries == {}
    for pattern, flags in PATTERNS[:2]:
        assert patterncache.PatternCache().compile(pattern, flags) == plain(pattern, flags)


def test_a_bad_pattern_fails_as_re_fails(cache_dir: Path) -> None:
    with pytest.raises(re.error):
        patterncache.PatternCache().compile("(unclosed", 0)


def test_bytes_and_debug_patterns_are_compiled_as_usual(cache_dir: Path) -> None:
    cache = patterncache.PatternCache()
    assert cache.compile(rb"\d+", 0) == plain(rb"\d+", 0)  # type: ignore[arg-type]
    assert cache.added == 0


def test_the_command_line_stores_its_patterns_and_finds_the_same(tmp_path: Path) -> None:
    """Two fresh processes: the second compiles from the store and reports the same."""
    report = tmp_path / "report.txt"
    report.write_text(
        "某某局2019年政府信息公开工作年度报告\n共收到申请12件，其中办结10件。\n", "utf-8"
    )
    env = {"OGI_CHECK_CACHE_DIR": str(tmp_path / "cache"), "PATH": "/usr/bin:/bin"}
    runs = [
        subprocess.run(
            [sys.executable, "-m", "checker", "check", "--format", "json", str(report)],
            capture_output=True,
            text=True,
            env=env,
            cwd=tmp_path,
            check=False,
        )
        for _ in range(2)
    ]
    assert runs[0].returncode == runs[1].returncode
    assert runs[0].stdout == runs[1].stdout and '"findings"' in runs[0].stdout
    assert list((tmp_path / "cache" / "patterns").rglob("*.pickle"))
