"""The command line behaves like the linters CI engineers know (ruff, ESLint, Vale): a concise
one-line-per-finding format, colour on a terminal only, --format in any case, usage examples in
every command's help, --select beside --disable, rule ids in any case with "did you mean", a
configuration typo named with the nearest key, and a -q that is quiet (issue 13)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import click
import pytest
from click.testing import CliRunner

from checker.cli import main
from checker.core.findings import FileResult, Finding, Problem, RuleMeta, RunResult, Severity
from checker.core.model import Location, Message
from checker.formatters import FORMATS, render
from checker.formatters.style import cells, pad
from tests.conftest import FIXTURES, ROOT, SEED, invoke

ANSI = re.compile(r"\x1b\[[0-9;]*m")
CONCISE = re.compile(
    r"^(?P<path>[^:\n]+):(?P<line>\d+):(?P<col>\d+): (?P<rule>OGI-[A-Z]\d{3}) "
    r"\[(?P<severity>error|warning|info)\] (?P<message>.+)$"
)
DOCX = FIXTURES / "parity" / "defects_2021.docx"
HTML = FIXTURES / "parity" / "defects_2021.html"
MD = FIXTURES / "parity" / "department_2021.md"
VALID = FIXTURES / "2021" / "valid_department.txt"


def json_findings(*args: object) -> list[dict[str, Any]]:
    doc = json.loads(invoke("check", "--format", "json", *args).stdout)
    return [f for file in doc["files"] for f in file["findings"]]


def run(*args: object, env: dict[str, str] | None = None) -> Any:
    return CliRunner(env=env).invoke(main, [str(a) for a in args])


# --- --format concise ---------------------------------------------------------------------------


def test_concise_is_one_clickable_line_per_finding() -> None:
    result = invoke("check", "--format", "concise", SEED)
    assert result.exit_code == 1
    *lines, summary = result.stdout.splitlines()
    expected = json_findings(SEED)
    assert len(lines) == len(expected) > 5
    for line, finding in zip(lines, expected, strict=True):
        match = CONCISE.match(line)
        assert match, line
        assert match["path"] == str(SEED)
        assert (int(match["line"]), int(match["col"])) == (finding["line"], finding["column"])
        assert (match["rule"], match["severity"]) == (finding["rule"], finding["severity"])
        assert match["message"] == finding["message"]
    assert summary.startswith("共检查 1 个文件")
    assert f"{SEED}:39:26: OGI-N002 [error] 分项之和（66）大于所述总数（61）" in result.stdout


def test_concise_places_without_a_line_are_put_in_the_message() -> None:
    """Word has no lines: the path alone, as the GitHub and JUnit formats write it, and the
    paragraph or cell at the end of the message."""
    result = invoke("check", "--format", "concise", "-q", DOCX)
    lines = result.stdout.splitlines()
    assert lines and all(line.startswith(f"{DOCX}: OGI-") for line in lines), lines
    assert all(re.search(r"（(第\d+段|表格\d+ )[^）]*.*）$", line) for line in lines), lines
    # An HTML page's findings carry the page's source line, not repeated in the message.
    html = invoke("check", "--format", "concise", "-q", HTML).stdout.splitlines()
    assert html and all(CONCISE.match(line) for line in html), html
    assert not any("源文件第" in line for line in html)


def test_concise_unreadable_file_is_one_line_with_its_code() -> None:
    bad = FIXTURES / "bad" / "truncated.docx"
    result = invoke("check", "--format", "concise", "-q", bad)
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        line
        for line in result.stdout.splitlines()
        if line.startswith(f"{bad}: broken_docx [error]")
    ]
    assert len(result.stdout.splitlines()) == 1


def test_concise_in_english() -> None:
    result = invoke("check", "--format", "concise", "--lang", "en", SEED)
    assert "OGI-N002 [error] " in result.stdout
    assert result.stdout.splitlines()[-1].startswith("1 file(s): 4 error(s)")


# --- --format: choices listed, any case -----------------------------------------------------------


@pytest.mark.parametrize("spelling", ["JSON", "Json", "json"])
def test_format_accepts_any_case(spelling: str) -> None:
    result = invoke("check", "--format", spelling, SEED)
    assert result.exit_code == 1, result.stderr
    assert json.loads(result.stdout)["summary"]["error"] == 4


def test_format_lists_its_choices_in_help() -> None:
    text = invoke("check", "--help").stdout
    assert f"--format [{'|'.join(FORMATS)}]" in text
    assert {"text", "concise", "json", "sarif"} <= set(FORMATS)
    assert "--color [auto|always|never]" in text


def _commands(group: click.Group, prefix: tuple[str, ...]) -> list[tuple[str, ...]]:
    found = []
    ctx = click.Context(group)
    for name in group.list_commands(ctx):  # the lazily loaded ones too (imported here)
        command = group.get_command(ctx, name)
        path = (*prefix, name)
        found.append(path)
        if isinstance(command, click.Group):
            found += _commands(command, path)
    return found


@pytest.mark.parametrize("width", [60, 80, 200])
def test_the_lazy_commands_are_listed_as_their_own_help_would_list_them(width: int) -> None:
    """`ogi-check --help` lists the commands not yet imported from summaries in
    checker/cli/lazy.py: each is its command's docstring, and the list is click's own."""
    from checker.cli.lazy import LAZY_COMMANDS, LazyGroup

    assert isinstance(main, LazyGroup)
    fresh = LazyGroup(name="ogi-check", commands={"check": main.commands["check"]})
    ctx = click.Context(fresh, terminal_width=width)
    summaries = ctx.make_formatter()
    fresh.format_commands(ctx, summaries)  # nothing imported yet: the summaries
    assert set(fresh.commands) == {"check"}
    imported = ctx.make_formatter()
    click.Group.format_commands(fresh, ctx, imported)  # click's own: imports every command
    assert set(fresh.commands) == {"check", *LAZY_COMMANDS}
    assert summaries.getvalue() == imported.getvalue()
    for name, lazy in LAZY_COMMANDS.items():
        help_text = fresh.commands[name].help
        assert help_text is not None and help_text.split("\n\n")[0] == lazy.summary


@pytest.mark.parametrize("path", [(), *_commands(main, ())], ids=lambda p: " ".join(p) or "main")
def test_every_command_shows_a_usage_example(path: tuple[str, ...]) -> None:
    result = invoke(*path, "--help")
    assert result.exit_code == 0
    examples = result.stdout.split("示例 examples:", 1)
    assert len(examples) == 2, f"no usage example in `ogi-check {' '.join(path)} --help`"
    first = examples[1].strip().splitlines()[0].strip()
    assert first.startswith(" ".join(("ogi-check", *path))), first


# --- colour -----------------------------------------------------------------------------------------


def test_color_always_colours_the_same_text() -> None:
    plain = invoke("check", SEED).stdout
    coloured = invoke("check", "--color", "always", SEED).stdout
    assert "\x1b[" in coloured and "\x1b[" not in plain
    assert ANSI.sub("", coloured) == plain
    concise = invoke("check", "--format", "concise", "--color", "ALWAYS", SEED).stdout
    assert "\x1b[1;31merror\x1b[0m" in concise  # the severity in red
    assert ANSI.sub("", concise) == invoke("check", "--format", "concise", SEED).stdout


@pytest.mark.parametrize(
    ("option", "env", "coloured"),
    [
        ("auto", {}, False),  # not a terminal (CliRunner's stdout): no colour
        ("auto", {"FORCE_COLOR": "1"}, True),
        ("auto", {"FORCE_COLOR": "1", "NO_COLOR": "1"}, False),  # NO_COLOR wins over FORCE
        ("auto", {"NO_COLOR": ""}, False),  # empty: not set
        ("auto", {"FORCE_COLOR": "1", "TERM": "dumb"}, False),
        ("always", {"NO_COLOR": "1"}, True),  # the command line overrides the environment
        ("never", {"FORCE_COLOR": "1"}, False),
    ],
)
def test_color_follows_the_option_and_the_environment(
    option: str, env: dict[str, str], coloured: bool
) -> None:
    base = {"NO_COLOR": None, "FORCE_COLOR": None, "TERM": "xterm"}
    result = run("check", "--color", option, SEED, env={**base, **env})  # type: ignore[dict-item]
    assert ("\x1b[" in result.stdout) is coloured


def test_auto_colours_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    from checker.cli.main import _use_color

    for name in ("NO_COLOR", "FORCE_COLOR", "TERM"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True, raising=False)
    assert _use_color("auto", None)
    assert not _use_color("auto", Path("report.txt"))  # a file is not a terminal
    monkeypatch.setenv("NO_COLOR", "1")
    assert not _use_color("auto", None)


def test_machine_formats_are_never_coloured() -> None:
    machine = [n for n, f in FORMATS.items() if "style" not in f.options and not f.batch_only]
    assert {"json", "sarif", "github", "jsonl", "csv", "junit"} <= set(machine)
    for fmt in machine:
        assert "\x1b[" not in invoke("check", "--format", fmt, "--color", "always", SEED).stdout


# --- East-Asian width ---------------------------------------------------------------------------


def test_cells_count_wide_characters_twice() -> None:
    assert cells("39:26") == 5
    assert cells("第3页") == 5
    assert cells("错误") == 4
    assert cells("（）") == 4  # full-width brackets
    assert cells("“") == 1  # East-Asian "ambiguous": one cell outside CJK locales
    assert pad("错误", 7) == "错误   "
    assert pad("第3页", 8, ">") == "   第3页"


def _finding(rule: str, severity: Severity, location: Location) -> Finding:
    meta = RuleMeta(
        id=rule,
        name="x",
        title=Message("标题", "title"),
        severity=severity,
        category="text",
        basis="",
    )
    return Finding(meta, severity, Problem(Message("问题", "problem"), location))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_text_columns_line_up_in_terminal_cells(lang: str) -> None:
    """Chinese places (a PDF page) beside line:column, Chinese severities beside English ones:
    the rule ids start in one column of the terminal."""
    findings = (
        _finding("OGI-N001", Severity.ERROR, Location(line=39, column=26)),
        _finding("OGI-N002", Severity.WARNING, Location(line=2, column=1, page=3)),
        _finding("OGI-N003", Severity.INFO, Location(line=5, column=1, page=12)),
        _finding("OGI-N004", Severity.WARNING, Location(line=7, column=3)),
    )
    result = RunResult((FileResult("r.pdf", findings=findings),))
    text = render("text", result, [], lang)
    lines = [line for line in text.splitlines() if "OGI-" in line]
    assert len(lines) == 4
    columns = {cells(line[: line.index("OGI-")]) for line in lines}
    assert len(columns) == 1, text


def test_statistics_columns_line_up_in_terminal_cells(capsys: pytest.CaptureFixture[str]) -> None:
    from checker.cli.main import _print_statistics

    def meta(rule: str, name: str) -> RuleMeta:
        return RuleMeta(rule, name, Message("标题", "title"), Severity.ERROR, "text", "")

    counts = {
        ("OGI-N001", Severity.ERROR): 3,
        ("OGI-N001", Severity.INFO): 1,  # "cannot assess" notes: a wider （错误 3，提示 1）
        ("OGI-N002", Severity.ERROR): 12,
        ("OGI-C004", Severity.WARNING): 2,
    }
    catalog = [meta("OGI-N001", "a"), meta("OGI-N002", "stated-total"), meta("OGI-C004", "b")]
    _print_statistics(counts, catalog, files=2)
    lines = [line for line in capsys.readouterr().err.splitlines() if "OGI-" in line]
    assert "（错误 3，提示 1）" in lines[1]
    assert len({cells(line[: line.index("标题")]) for line in lines}) == 1, lines


# --- --select, rule ids in any case, did you mean -----------------------------------------------


def test_select_runs_only_those_rules() -> None:
    every = {f["rule"] for f in json_findings(SEED)}
    assert {"OGI-N001", "OGI-N002", "OGI-C003", "OGI-C004"} <= every
    assert {f["rule"] for f in json_findings("--select", "OGI-N002", SEED)} == {"OGI-N002"}
    chosen = json_findings("--select", "ogi-n002,OGI-C003", "--select", "garbled-numbers", SEED)
    assert {f["rule"] for f in chosen} == {"OGI-N002", "OGI-C003", "OGI-C004"}


def test_select_and_disable_together() -> None:
    found = json_findings("--select", "OGI-N001,OGI-N002", "--disable", "ogi-n001", SEED)
    assert {f["rule"] for f in found} == {"OGI-N002"}


def test_disable_is_comma_separated_and_any_case() -> None:
    found = {f["rule"] for f in json_findings("--disable", "ogi-n001, OGI-C004", SEED)}
    assert "OGI-N001" not in found and "OGI-C004" not in found and "OGI-N002" in found
    by_name = {f["rule"] for f in json_findings("--disable", "Stated-Total-Parts", SEED)}
    assert "OGI-N002" not in by_name


def test_severity_takes_a_rule_in_any_case() -> None:
    found = json_findings("--severity", "ogi-n002=info", SEED)
    assert {f["severity"] for f in found if f["rule"] == "OGI-N002"} == {"info"}


@pytest.mark.parametrize("option", ["--select", "--disable"])
def test_unknown_rule_is_a_usage_error_with_did_you_mean(option: str) -> None:
    result = invoke("check", option, "OGI-N02", SEED)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.strip() == f"用法错误：{option}：未知规则 'OGI-N02'，是否想写 OGI-N002？"
    english = invoke("check", option, "ogi-n02", "--lang", "en", SEED)
    assert english.exit_code == 2
    assert english.stderr.strip() == (
        f"usage error: {option}: unknown rule 'ogi-n02': did you mean OGI-N002?"
    )


def test_unknown_rule_name_suggests_the_name_and_far_off_gets_the_list() -> None:
    near = invoke("check", "--select", "stated-total-part", SEED)
    assert near.exit_code == 2 and "是否想写 stated-total-parts？" in near.stderr
    far = invoke("check", "--severity", "zzzzzz=info", SEED)
    assert far.exit_code == 2 and "ogi-check rules list" in far.stderr


def test_baseline_command_takes_select_too(tmp_path: Path) -> None:
    target, report = tmp_path / "b.json", tmp_path / "r.txt"
    report.write_bytes(SEED.read_bytes())
    result = invoke("baseline", "--select", "ogi-n002", "-o", target, report)
    assert result.exit_code == 0, result.stderr
    rules = {entry["rule"] for entry in json.loads(target.read_text())["findings"]}
    assert rules == {"OGI-N002"}


def test_rules_show_takes_any_case() -> None:
    assert invoke("rules", "show", "ogi-n002").stdout.startswith("OGI-N002  stated-total-parts")
    assert invoke("rules", "show", "STATED-total-parts").exit_code == 0


def test_a_suppression_of_a_rule_switched_off_is_not_unused(tmp_path: Path) -> None:
    """--select OGI-N002 must not turn every other suppression comment of the file into an
    'unused suppression' warning: the rules it names did not run, so it cannot be judged."""
    report = tmp_path / "r.md"
    text = MD.read_text(encoding="utf-8")
    report.write_text(
        "<!-- ogi-check: disable-file=OGI-C003 reason=日期格式由上级模板决定 -->\n" + text,
        encoding="utf-8",
    )
    assert "OGI-S001" in {f["rule"] for f in json_findings(report)}  # C003 finds nothing here
    for option in (("--select", "OGI-N002"), ("--disable", "ogi-c003")):
        assert "OGI-S001" not in {f["rule"] for f in json_findings(*option, report)}, option
    assert not json_findings("--disable", "OGI-S001", report)
    chosen = ("--select", "unused-suppression,OGI-C003")
    assert {f["rule"] for f in json_findings(*chosen, report)} == {"OGI-S001"}


def test_inline_suppression_takes_a_rule_in_any_case(tmp_path: Path) -> None:
    report = tmp_path / "r.md"
    text = MD.read_text(encoding="utf-8")
    report.write_text(
        "<!-- ogi-check: disable-file=ogi-c003 reason=日期格式由上级模板决定 -->\n" + text,
        encoding="utf-8",
    )
    rules = {f["rule"] for f in json_findings(report)}
    assert "OGI-S002" not in rules, "a lower-case id is a known rule"


# --- configuration typos ------------------------------------------------------------------------


CONFIG_TYPOS = [
    (
        ".ogi-check.yaml",
        "fail_on: error\nrules:\n  disabel: [OGI-N002]\n",
        "未知配置项 'disabel'（rules 下，第3行），是否想写 'disable'？",
        ".ogi-check.yaml:3:",
    ),
    (
        ".ogi-check.yaml",
        "fial_on: warning\n",
        "未知配置项 'fial_on'（第1行），是否想写 'fail_on'？",
        ".ogi-check.yaml:1:",
    ),
    (
        ".ogi-check.yaml",
        "disable: [OGI-N002]\n",  # right word, wrong level
        "未知配置项 'disable'（第1行），是否想写 'rules.disable'？",
        ".ogi-check.yaml:1:",
    ),
    (
        ".ogi-check.yaml",
        "paths:\n  - match: a/**\n    eta: 2021\n",
        "未知配置项 'eta'（paths[0] 下，第3行），是否想写 'era'？",
        ".ogi-check.yaml:3:",
    ),
    (
        "pyproject.toml",
        '[tool.ogi-check]\nfail_on = "error"\n\n[tool.ogi-check.rules]\nseverty = {}\n',
        "未知配置项 'severty'（rules 下，第5行），是否想写 'severity'？",
        "pyproject.toml:5:",
    ),
]


@pytest.mark.parametrize(("name", "text", "message", "where"), CONFIG_TYPOS)
def test_config_key_typo_names_file_line_and_nearest_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, text: str, message: str, where: str
) -> None:
    (tmp_path / name).write_text(text, encoding="utf-8")
    report = tmp_path / "r.txt"
    report.write_bytes(SEED.read_bytes())
    monkeypatch.chdir(tmp_path)
    result = invoke("check", "--format", "json", report)
    assert result.exit_code == 2, result.output
    assert result.stdout == "", "no report was read"
    assert message in result.stderr
    assert f"{tmp_path / name}{where[len(name) :]}" in result.stderr


def test_config_unknown_rule_suggests_and_any_case_is_accepted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / ".ogi-check.yaml"
    report = tmp_path / "r.txt"
    report.write_bytes(SEED.read_bytes())
    monkeypatch.chdir(tmp_path)
    config.write_text("rules:\n  disable: [ogi-n002]\n", encoding="utf-8")
    assert "OGI-N002" not in {f["rule"] for f in json_findings(report)}
    config.write_text("rules:\n  disable: [OGI-N02]\n", encoding="utf-8")
    result = invoke("check", report)
    assert result.exit_code == 2
    assert "未知规则 unknown rule 'OGI-N02'，是否想写 'OGI-N002'？" in result.stderr


# --- -q ---------------------------------------------------------------------------------------------


def test_quiet_prints_findings_only(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    suppressed = tmp_path / "s.md"
    suppressed.write_text(
        "<!-- ogi-check: disable-file=OGI-C002 reason=模板原文 -->\n"
        + (FIXTURES / "parity" / "defects_2021.md").read_text(encoding="utf-8"),
        encoding="utf-8",
    )
    paths = (VALID, SEED, tmp_path / "mkdocs.yml", suppressed)
    loud = invoke("check", *paths)
    assert "未发现问题" in loud.stdout and "共检查 3 个文件" in loud.stdout
    assert "skipped, not reports" in loud.stderr and "suppressed inline" in loud.stderr
    for flag in ("-q", "--quiet"):
        quiet = invoke("check", flag, *paths)
        assert quiet.exit_code == loud.exit_code == 1
        assert quiet.stderr == ""
        assert "未发现问题" not in quiet.stdout and "共检查" not in quiet.stdout
        assert not any(line.startswith(str(VALID)) for line in quiet.stdout.splitlines())
        for line in quiet.stdout.splitlines():
            assert line in loud.stdout.splitlines()
        assert quiet.stdout.count("OGI-") == loud.stdout.count("OGI-")


def test_quiet_clean_run_prints_nothing() -> None:
    result = invoke("check", "-q", VALID)
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
    concise = invoke("check", "-q", "--format", "concise", VALID)
    assert (concise.exit_code, concise.stdout, concise.stderr) == (0, "", "")


def test_quiet_leaves_machine_formats_whole() -> None:
    assert invoke("check", "-q", "--format", "json", VALID).stdout == (
        invoke("check", "--format", "json", VALID).stdout
    )


# --- cold start -----------------------------------------------------------------------------------


def test_rich_is_not_imported_by_an_uncoloured_run() -> None:
    """Colour is the only reason the text formats load rich (~50 ms of start-up)."""
    code = (
        "import sys\n"
        "from checker.cli import main\n"
        "try:\n"
        f"    main(['check', '--color', sys.argv[1], {str(SEED)!r}])\n"
        "except SystemExit:\n"
        "    pass\n"
        "sys.stderr.write('RICH=' + str('rich' in sys.modules))\n"
    )
    for color, loaded in (("never", False), ("always", True)):
        done = subprocess.run(
            [sys.executable, "-c", code, color], capture_output=True, text=True, cwd=ROOT
        )
        assert done.stderr.endswith(f"RICH={loaded}"), done.stderr
