"""Issue 13's list of hostile inputs, one regression test each: no traceback, no hang, no wrong
exit code. Reports give a per-file error (exit 1); configuration, rule packs and baselines are
a usage error (exit 2) naming the file and, where there is one, the line and the key."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import SEED, USER_PACK, invoke

# Each case must end well within this (seconds); the bound is generous against a loaded machine.
QUICK = 20.0
LAUGHS = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 9)}]\n" for i in range(8)
)
DEEP_YAML = "exclude: " + "[" * 5000 + "]" * 5000 + "\n"
DEEP_JSON = '{"schema_version": 1, "findings": ' + "[" * 5000 + "]" * 5000 + "}"
BIG = "9" * 5000
BIG_JSON = '{"metadata": {"title": "x", "year": ' + BIG + '}, "sections": []}'


def run_cli(*args: object, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """The real command in a subprocess: a hang fails the test by its timeout, not the suite."""
    command = [sys.executable, "-m", "checker", *map(str, args)]
    return subprocess.run(command, capture_output=True, text=True, timeout=QUICK * 3, cwd=cwd)


def assert_usage_error(result: object, *fragments: str) -> None:
    exit_code = getattr(result, "exit_code", getattr(result, "returncode", None))
    stderr = str(result.stderr)  # type: ignore[attr-defined]
    assert exit_code == 2, stderr
    assert "Traceback" not in stderr
    for fragment in fragments:
        assert fragment in stderr, stderr


# --- reports ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "codec", ["base64", "hex", "zlib", "bz2", "uu", "quopri", "rot13", "undefined"]
)
def test_html_declaring_a_byte_transform_as_charset_is_read(tmp_path: Path, codec: str) -> None:
    page = tmp_path / "page.html"
    body = SEED.read_text(encoding="utf-8").replace("\n", "<br>\n")
    page.write_text(f'<html><head><meta charset="{codec}"></head><body><p>{body}</p></body></html>')
    result = invoke("check", "--format", "json", page)
    assert result.exit_code == 1, result.stderr  # the seed has real findings
    assert '"status": "checked"' in result.stdout


@pytest.mark.parametrize(
    ("name", "text", "word"),
    [
        ("big.yaml", f"metadata:\n  title: x\n  year: {BIG}\nsections: []\n", "第3行"),
        ("big.json", BIG_JSON, "第1行"),
        ("m13.yaml", "metadata:\n  title: x\n  year: 2019\n  published: 2019-13-01\n", "第4行"),
        (
            "m13.json",
            '{"metadata": {"title": "x", "year": 2019, "published": "2019-13-01"}, "sections": []}',
            "metadata.published",
        ),
        (
            "feb30.json",
            '{"metadata": {"title": "x", "year": 2019, "published": "2019-02-30"}, "sections": []}',
            "metadata.published",
        ),
    ],
)
def test_structured_report_with_impossible_values(
    tmp_path: Path, name: str, text: str, word: str
) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    result = invoke("check", path)
    assert result.exit_code == 1, result.stderr
    assert "[invalid_data]" in result.stdout and word in result.stdout
    assert "set_int_max_str_digits" not in result.stdout


def test_broken_pipe_ends_quietly(tmp_path: Path) -> None:
    for index in range(40):
        (tmp_path / f"r{index}.txt").write_bytes(SEED.read_bytes())
    command = f"{sys.executable} -m checker check {tmp_path} --jobs 2 | head -1"
    done = subprocess.run(
        ["bash", "-c", "set -o pipefail; " + command], capture_output=True, text=True, timeout=120
    )
    assert "Traceback" not in done.stderr and "internal error" not in done.stderr, done.stderr
    assert done.returncode in (0, 1), done.stderr
    assert done.stdout.count("\n") == 1


# --- configuration ----------------------------------------------------------------------------

CONFIGS = [
    pytest.param(".ogi-check.yaml", LAUGHS, ":6:", id="yaml-billion-laughs"),
    pytest.param(".ogi-check.yaml", DEEP_YAML, ":1:", id="yaml-5000-deep"),
    pytest.param(".ogi-check.yaml", "exclude: &a [*a]\n", ":1:", id="yaml-recursive-alias"),
    pytest.param(
        ".ogi-check.yaml", b'exclude: []\nfail_on: "\xff\xfe"\n', ":2:", id="yaml-invalid-utf8"
    ),
    pytest.param(".ogi-check.yaml", f"fail_on: {BIG}\n", ":1:", id="yaml-5000-digits"),
    pytest.param(".ogi-check.yaml", "fail_on: 2019-13-01\n", ":1:", id="yaml-month-13"),
    pytest.param(".ogi-check.yaml", "fail_on: 2019-02-30\n", ":1:", id="yaml-30-february"),
    pytest.param(".ogi-check.yaml", "exclude: []\nfail_on: err\x00or\n", ":2:", id="yaml-nul"),
    pytest.param(".ogi-check.yaml", 'fail_on: "err\x07or"\n', ":1:", id="yaml-control"),
    # libyaml counts UTF-8 bytes: after Chinese text its position would point lines too far
    pytest.param(
        ".ogi-check.yaml",
        'exclude: ["说明说明说明说明说明说明"]\nfail_on: "e\x01"\nlang: zh\n',
        ":2:",
        id="yaml-control-after-chinese",
    ),
    pytest.param(
        "pyproject.toml",
        "[tool.ogi-check]\nexclude = " + "[" * 5000 + "]" * 5000,
        ":2:",
        id="toml-deep",
    ),
    pytest.param(
        "pyproject.toml", f"[tool.ogi-check]\n\nfail_on = {BIG}\n", ":3:", id="toml-digits"
    ),
    pytest.param("pyproject.toml", '[tool.ogi-check]\nfail_on = "e\x00"\n', ":2:", id="toml-nul"),
    pytest.param(
        "pyproject.toml", b'[tool.ogi-check]\nfail_on = "\xff\xfe"\n', ":2:", id="toml-invalid-utf8"
    ),
]


@pytest.mark.parametrize(("name", "content", "line"), CONFIGS)
def test_hostile_configuration_is_a_usage_error(
    tmp_path: Path, name: str, content: str | bytes, line: str
) -> None:
    config = tmp_path / name
    config.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    (tmp_path / "r.txt").write_bytes(SEED.read_bytes())
    started = time.monotonic()
    result = run_cli("check", tmp_path / "r.txt")
    assert time.monotonic() - started < QUICK
    assert_usage_error(result, f"{config}{line}")
    assert "set_int_max_str_digits" not in result.stderr


def test_catastrophic_glob_in_exclude_is_fast(tmp_path: Path) -> None:
    (tmp_path / ".ogi-check.yaml").write_text('exclude: ["' + "*a" * 30 + '*b"]\n')
    report = tmp_path / ("a" * 200 + ".txt")
    report.write_bytes(SEED.read_bytes())
    started = time.monotonic()
    result = run_cli("check", "--format", "json", report)
    assert time.monotonic() - started < QUICK
    assert result.returncode == 1 and '"status": "checked"' in result.stdout


# --- baselines --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        (DEEP_JSON, "nested too deep"),
        ('{"schema_version": ' + BIG + ', "findings": []}', "invalid value"),
        ('{"schema_version": 1, "findings": [], "tool": "a\x00b"}', ":1:"),
    ],
    ids=["deep", "digits", "nul"],
)
def test_hostile_baseline_is_a_usage_error(tmp_path: Path, content: str, fragment: str) -> None:
    baseline = tmp_path / "baseline.json"
    baseline.write_text(content, encoding="utf-8")
    assert_usage_error(invoke("check", "--baseline", baseline, SEED), str(baseline), fragment)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_fifo_as_baseline_does_not_hang(tmp_path: Path) -> None:
    fifo = tmp_path / "baseline.json"
    os.mkfifo(fifo)
    assert_usage_error(run_cli("check", "--baseline", fifo, SEED), str(fifo), "not a regular file")


# --- rule packs -------------------------------------------------------------------------------


def pack_with(tmp_path: Path, old: str, new: str) -> Path:
    assert old in USER_PACK
    pack = tmp_path / "city.yaml"
    pack.write_text(USER_PACK.replace(old, new, 1), encoding="utf-8")
    return pack


@pytest.mark.parametrize("regex", ["((((((((((((", "x{9999999999}"])
def test_invalid_user_regex_names_file_line_and_key(tmp_path: Path, regex: str) -> None:
    pack = pack_with(tmp_path, '"@平安辽宁"\n', f'"{regex}"\n')
    assert_usage_error(invoke("check", "--rules", pack, SEED), f"{pack}:13", "rules[0].params")


def test_missing_params_names_the_key(tmp_path: Path) -> None:
    params = USER_PACK[USER_PACK.index("    params:") : USER_PACK.index("    examples:")]
    pack = pack_with(tmp_path, params, "")
    assert_usage_error(invoke("check", "--rules", pack, SEED), str(pack), "patterns")


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        (LAUGHS, ":6:"),
        ("pack: " + "[" * 5000 + "]" * 5000 + "\n", ":1:"),
        ("pack: &a [*a]\n", ":1:"),
        (f"pack: x\ntitle: x\nversion: {BIG}\n", ":3:"),
        ("pack: x\ntitle: x\nversion: 2019-13-01\n", ":3:"),
        ("pack: x\ntitle: x\nversion: 2019-02-30\n", ":3:"),
        ('pack: x\ntitle: "a\x01"\n', ":2:"),
    ],
    ids=[
        "billion-laughs",
        "deep",
        "recursive-alias",
        "5000-digits",
        "month-13",
        "30-february",
        "control",
    ],
)
def test_hostile_rule_pack_yaml(tmp_path: Path, content: str, fragment: str) -> None:
    pack = tmp_path / "city.yaml"
    pack.write_text(content, encoding="utf-8")
    started = time.monotonic()
    result = run_cli("check", "--rules", pack, SEED)
    assert time.monotonic() - started < QUICK
    assert_usage_error(result, f"{pack}{fragment}")


@pytest.mark.parametrize(
    ("template", "fragment"),
    [("seed.yaml", "must be a mapping"), ("broken.yaml", "YAML")],
)
def test_template_path_to_a_non_template_file(tmp_path: Path, template: str, fragment: str) -> None:
    (tmp_path / "seed.yaml").write_bytes(SEED.read_bytes())
    (tmp_path / "broken.yaml").write_text("x: [1\n")
    pack = pack_with(
        tmp_path, 'extends: ["2008"]\n', f'extends: ["2008"]\ntemplates: [{template}]\n'
    )
    assert_usage_error(invoke("check", "--rules", pack, SEED), str(tmp_path / template), fragment)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_fifo_in_a_rules_folder_does_not_hang(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "x.yaml")
    result = run_cli("check", "--rules", tmp_path, SEED)
    assert_usage_error(result, str(tmp_path / "x.yaml"), "not a regular file")


def check_with_user_regex(
    tmp_path: Path, regex: str, line: str
) -> subprocess.CompletedProcess[str]:
    """The seed with `line` added, checked with a user pack whose pattern is `regex` (as YAML)."""
    pack = pack_with(tmp_path, '"@平安辽宁"\n', f'"{regex}"\n')
    report = tmp_path / "long.txt"
    report.write_text(SEED.read_text(encoding="utf-8") + "\n" + line + "\n")
    started = time.monotonic()
    result = run_cli("check", "--format", "json", "--rules", pack, report)
    assert time.monotonic() - started < QUICK
    return result


def test_catastrophic_user_regex_runs_out_of_time_not_forever(tmp_path: Path) -> None:
    result = check_with_user_regex(tmp_path, "(a+)+$", "a" * 30000 + "b")
    assert result.returncode == 1, result.stderr
    assert "OGI-L001" in result.stdout and "超过" in result.stdout


def test_quadratic_user_regex_is_not_left_to_re(tmp_path: Path) -> None:
    """`\\d+件` alone tries every digit of a run and scans the rest from each: on `re`, a line
    of 100,000 digits took minutes. It runs on the budgeted engine, which finishes it at once."""
    result = check_with_user_regex(tmp_path, "\\\\d+件", "1" * 100_000)
    assert result.returncode == 1 and '"status": "checked"' in result.stdout, result.stderr


# --- the command line as pre-commit and CI use it -----------------------------------------------


def test_named_project_files_are_skipped_with_a_note(tmp_path: Path) -> None:
    files = {
        "mkdocs.yml": "site_name: x\n",
        "package.json": '{"name": "x"}\n',
        "requirements.txt": "click>=8\n",
        "README.md": "# 年度报告仓库\n\n说明。\n",
    }
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    result = invoke("check", *(tmp_path / name for name in files))
    assert result.exit_code == 0, result.stdout + result.stderr
    assert "无法读取: " not in result.stdout
    assert "skipped, not reports" in result.stderr and "mkdocs.yml" in result.stderr
    quiet = invoke("check", "-q", *(tmp_path / name for name in files))
    assert quiet.exit_code == 0 and quiet.stderr == ""


def test_a_report_beside_project_files_is_still_checked(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n")
    result = invoke("check", "--format", "json", tmp_path / "mkdocs.yml", SEED)
    assert result.exit_code == 1  # the seed's real findings
    assert '"status": "checked"' in result.stdout and "mkdocs.yml" not in result.stdout


def test_an_empty_or_broken_report_named_is_still_an_error(tmp_path: Path) -> None:
    empty = tmp_path / "report.txt"
    empty.write_bytes(b"")
    result = invoke("check", empty)
    assert result.exit_code == 1 and "[empty]" in result.stdout


@pytest.mark.parametrize("config", [None, "exclude: ['**']\n"], ids=["empty", "all-excluded"])
def test_a_run_that_checked_nothing_does_not_pass(tmp_path: Path, config: str | None) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    if config:
        (tmp_path / ".ogi-check.yaml").write_text(config)
        (folder / "r.txt").write_bytes(SEED.read_bytes())
    assert_usage_error(invoke("check", folder), "no report files to check")


def test_docx_with_a_corrupt_deflate_stream_is_a_broken_docx(tmp_path: Path) -> None:
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(
            "word/document.xml", "<w:document>" + "政府信息公开" * 2000 + "</w:document>"
        )
    data = bytearray(out.getvalue())
    start = data.index(b"word/document.xml") + len("word/document.xml") + 40
    for offset in range(start, start + 30, 3):
        data[offset] ^= 0xFF  # inside the compressed body: zlib.error, not BadZipFile
    path = tmp_path / "flipped.docx"
    path.write_bytes(bytes(data))
    result = invoke("check", path)
    assert result.exit_code == 1, result.stderr
    assert "internal error" not in result.stderr and "[broken_docx]" in result.stdout


def test_schema_error_never_dumps_the_document(tmp_path: Path) -> None:
    path = tmp_path / "index.yaml"
    rows = "".join(f"- {{id: G{i:03d}, path: {'x' * 200}}}\n" for i in range(200))
    path.write_text("metadata:\n" + "".join("  " + r for r in rows.splitlines(True)))
    result = invoke("check", path)
    assert result.exit_code == 1 and "[invalid_data]" in result.stdout
    assert max(len(line) for line in result.stdout.splitlines()) < 1000
