"""Batch checking: worker processes and Dask, isolation of bad files, report sets, the generated
corpus recovered exactly, streamed output identical to a plain run, the manifest, the workbook."""

from __future__ import annotations

import json
import shutil
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from click.testing import Result

from benchmarks.corpus import Expected, generate
from checker.batch.results import BatchResult
from checker.batch.run import run_batch
from checker.batch.worker import Options
from checker.core.findings import FileResult
from checker.project.build import build_project
from checker.project.config import Settings
from tests import batch_hooks
from tests.conftest import FIXTURES, SEED, invoke

CORPUS_SIZE = 400
VALID = [
    FIXTURES / "2008" / "valid_narrative.txt",
    FIXTURES / "2019" / "valid_government.txt",
    FIXTURES / "2021" / "valid_department.txt",
]


def batch_of(paths: list[Path], options: Options) -> tuple[BatchResult, list[FileResult]]:
    project = build_project(paths, None, Settings())
    with run_batch(project.jobs(paths), options) as batch:
        return batch, list(batch.iter_files())


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Expected]:
    folder = tmp_path_factory.mktemp("corpus")
    return folder, generate(folder, CORPUS_SIZE, seed=11)


def rule_counts(jsonl: str) -> tuple[Counter[str], int]:
    records = [json.loads(line) for line in jsonl.splitlines()]
    found = Counter(r["rule"] for r in records if r["type"] == "finding")
    return found, sum(1 for r in records if r["type"] == "file_error")


# --- the generated corpus -------------------------------------------------------------------


def test_corpus_is_deterministic(tmp_path: Path) -> None:
    one, two = tmp_path / "one", tmp_path / "two"
    one.mkdir()
    two.mkdir()
    assert generate(one, 60, seed=5) == generate(two, 60, seed=5)
    assert {p.name: p.read_bytes() for p in one.iterdir()} == {
        p.name: p.read_bytes() for p in two.iterdir()
    }


@pytest.fixture(scope="module")
def dask_scheduler() -> Iterator[str]:
    """A Dask cluster of two worker processes on the loopback interface, for this module."""
    from distributed import LocalCluster

    cluster = LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address=":0",
    )
    try:
        yield str(cluster.scheduler_address)
    finally:
        cluster.close()


def bounded(seconds: float, *args: object) -> Result:
    """Invoke the CLI, failing the test (not hanging it) past `seconds`."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(invoke, *args).result(timeout=seconds)


@pytest.mark.parametrize("engine", ["local", "dask"])
def test_corpus_defects_recovered_exactly(
    engine: str, corpus: tuple[Path, Expected], tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    folder, expected = corpus
    assert expected.files == CORPUS_SIZE
    assert set(expected.units) >= {"pair_carry", "pair_text", "pair_tables", "other_body"}
    out = tmp_path / "out.jsonl"
    where = ["--scheduler", request.getfixturevalue("dask_scheduler")] if engine == "dask" else []
    args = (
        "check",
        folder,
        "--jobs",
        2,
        "--engine",
        engine,
        *where,
        "--format",
        "jsonl",
        "-o",
        out,
        "-q",
    )
    result = bounded(300, *args)
    assert result.exit_code == 1, result.output  # the corpus has errors
    found, unreadable = rule_counts(out.read_text("utf-8"))
    assert found == expected.findings
    assert unreadable == expected.unreadable


def test_dask_output_identical_to_local(corpus: tuple[Path, Expected], tmp_path: Path) -> None:
    """Without --scheduler, --engine dask starts its own cluster on 127.0.0.1."""
    folder, _ = corpus
    outputs = []
    for engine in ("local", "dask"):
        out = tmp_path / f"{engine}.jsonl"
        bounded(
            300, "check", folder, "-j", 2, "--engine", engine, "--format", "jsonl", "-o", out, "-q"
        )
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]


def test_manifest_gives_the_same_result(corpus: tuple[Path, Expected], tmp_path: Path) -> None:
    folder, expected = corpus
    out = tmp_path / "out.jsonl"
    manifest = folder / "manifest.csv"
    invoke("check", folder, "-j", 2, "--manifest", manifest, "--format", "jsonl", "-o", out, "-q")
    assert rule_counts(out.read_text("utf-8"))[0] == expected.findings


# --- isolation: a file that hangs or kills its worker costs that file only -------------------


def four_files(tmp_path: Path) -> list[Path]:
    for name, source in zip("abcd", [*VALID, SEED], strict=True):
        shutil.copy(source, tmp_path / f"{name}.txt")
    return [tmp_path]


# The per-file time limit in the hang tests. The clock runs from when a file is handed to its
# worker, so it also covers starting that worker; on a machine busy with other work that can take
# seconds, and a short limit failed healthy files (the test was flaky at 1.5 s). The hanging file
# waits the limit out, so these tests take about this long: they are in the slow set.
HANG_TIMEOUT = 15.0


def test_a_hanging_file_times_out_alone(tmp_path: Path) -> None:
    options = Options(
        jobs=2, timeout=HANG_TIMEOUT, initializer=batch_hooks.hang_on, initargs=("b.txt",)
    )
    batch, results = batch_of(four_files(tmp_path), options)
    assert [Path(f.path).name for f in results] == ["a.txt", "b.txt", "c.txt", "d.txt"]
    assert [f.error.code if f.error else None for f in results] == [None, "timeout", None, None]
    assert results[3].findings  # the seed's defects, checked after the hang
    assert batch.unreadable == 1


def test_a_file_that_kills_its_worker_costs_that_file_only(tmp_path: Path) -> None:
    options = Options(jobs=2, initializer=batch_hooks.die_on, initargs=("c.txt",))
    batch, results = batch_of(four_files(tmp_path), options)
    codes = [f.error.code if f.error else None for f in results]
    assert codes == [None, None, "worker_died", None]
    assert batch.errors == Counter({"worker_died": 1})


@pytest.fixture
def hooked_cluster(request: pytest.FixtureRequest) -> Iterator[str]:
    """A Dask cluster whose workers hang or die on one file (`request.param`: hook, file name,
    workers); a worker that dies is given up on after one retry, to keep the test short."""
    import dask
    from distributed import Client, LocalCluster

    hook, name, workers = request.param
    with dask.config.set({"distributed.scheduler.allowed-failures": 1}):
        cluster = LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address=":0",
        )
    try:
        with Client(cluster) as client:
            client.register_plugin(batch_hooks.HookPlugin(hook, name))
        yield str(cluster.scheduler_address)
    finally:
        cluster.close()


def dask_batch(
    tmp_path: Path, scheduler: str, timeout: float
) -> tuple[BatchResult, list[FileResult]]:
    options = Options(jobs=2, engine="dask", scheduler=scheduler, timeout=timeout)
    with ThreadPoolExecutor(1) as pool:  # a hang must fail the test, not the suite
        return pool.submit(batch_of, four_files(tmp_path), options).result(timeout=120)


@pytest.mark.parametrize("hooked_cluster", [("hang_on", "a.txt", 1)], indirect=True)
def test_dask_a_hanging_file_times_out_alone_and_frees_its_worker(
    tmp_path: Path, hooked_cluster: str
) -> None:
    """One worker, and the first file hangs it: the others can only be checked if the worker
    is restarted once the file has overrun."""
    batch, results = dask_batch(tmp_path, hooked_cluster, timeout=HANG_TIMEOUT)
    assert [Path(f.path).name for f in results] == ["a.txt", "b.txt", "c.txt", "d.txt"]
    assert [f.error.code if f.error else None for f in results] == ["timeout", None, None, None]
    assert results[3].findings  # the seed's defects, checked after the hang
    assert batch.errors == Counter({"timeout": 1})


@pytest.mark.parametrize("hooked_cluster", [("die_on", "c.txt", 2)], indirect=True)
def test_dask_a_file_that_kills_its_workers_costs_that_file_only(
    tmp_path: Path, hooked_cluster: str
) -> None:
    batch, results = dask_batch(tmp_path, hooked_cluster, timeout=60)
    assert [f.error.code if f.error else None for f in results] == [None, None, "worker_died", None]
    assert batch.errors == Counter({"worker_died": 1})
    _, local = batch_of([tmp_path], Options(jobs=1))
    assert [f for f in results if not f.error] == [f for f in local if Path(f.path).name != "c.txt"]


# --- deterministic, streamed output ---------------------------------------------------------


@pytest.mark.parametrize("fmt", ["jsonl", "json", "text", "csv"])
def test_batch_output_matches_a_plain_run(fmt: str) -> None:
    """Reports of different bodies: no set finding, so a batch writes what a plain run does."""
    paths = [*VALID, SEED]
    plain = invoke("check", "--format", fmt, *paths)
    for jobs in (1, 2):
        batch = invoke("check", "--format", fmt, "--jobs", jobs, *paths)
        assert batch.exit_code == plain.exit_code == 1
        assert batch.stdout == plain.stdout


def test_summary_and_statistics_on_stderr(tmp_path: Path) -> None:
    result = invoke(
        "check", "--jobs", 2, "--statistics", "--format", "jsonl", *four_files(tmp_path)
    )
    assert "4 files: 3 clean, 1 with errors, 0 unreadable" in result.stderr
    assert "OGI-N001" in result.stderr.split("statistics:")[1]
    assert all(json.loads(line) for line in result.stdout.splitlines())  # stdout stays JSON Lines


def test_duplicates_named_with_the_first(tmp_path: Path) -> None:
    shutil.copy(VALID[2], tmp_path / "a.txt")
    shutil.copy(VALID[2], tmp_path / "b.txt")
    result = invoke("check", "--jobs", 1, "--format", "jsonl", tmp_path)
    found = [json.loads(x) for x in result.stdout.splitlines() if '"finding"' in x]
    assert [(f["rule"], Path(f["path"]).name) for f in found] == [("OGI-X001", "b.txt")]
    assert "a.txt" in found[0]["message"]


def test_set_rules_can_be_disabled(tmp_path: Path) -> None:
    shutil.copy(VALID[2], tmp_path / "a.txt")
    shutil.copy(VALID[2], tmp_path / "b.txt")
    result = invoke("check", "--jobs", 1, "--disable", "duplicate-report", tmp_path)
    assert result.exit_code == 0, result.output


def test_one_result_whatever_the_flags(tmp_path: Path) -> None:
    """Two or more reports are a set: the cross-report rules run with or without --jobs, on
    every engine (issue 12; a plain run used to skip them)."""
    shutil.copy(VALID[2], tmp_path / "a.txt")
    shutil.copy(VALID[2], tmp_path / "b.txt")
    plain = invoke("check", "--format", "jsonl", tmp_path)
    assert '"OGI-X001"' in plain.stdout
    for jobs in (1, 2):
        batch = invoke("check", "--format", "jsonl", "--jobs", jobs, "-q", tmp_path)
        assert (batch.exit_code, batch.stdout) == (plain.exit_code, plain.stdout)
    assert plain.stderr == ""  # no progress or summary unless a batch is asked for


def test_one_report_alone_has_no_set_rules(tmp_path: Path) -> None:
    shutil.copy(VALID[2], tmp_path / "a.txt")
    assert invoke("check", tmp_path).exit_code == 0


# --- the manifest ---------------------------------------------------------------------------


def test_manifest_states_body_year_and_type(tmp_path: Path) -> None:
    shutil.copy(VALID[2], tmp_path / "a.txt")
    late = (
        VALID[2].read_text("utf-8").replace("发布时间：2024年01月18日", "发布时间：2024年02月20日")
    )
    (tmp_path / "b.txt").write_text(late, encoding="utf-8")
    (tmp_path / "m.csv").write_text(
        "文件,机关,年度,机关类型\na.txt,清河县人民政府,2023,政府\nb.txt,清河县人民政府,2023,government\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.json"
    invoke(
        "check",
        "--manifest",
        tmp_path / "m.csv",
        "--format",
        "json",
        "-o",
        out,
        tmp_path / "a.txt",
        tmp_path / "b.txt",
    )
    files = json.loads(out.read_text("utf-8"))["files"]
    rules = [{x["rule"] for x in f["findings"]} for f in files]
    # a government's deadline is 31 March: 20 February is on time; the two are one body's
    assert "OGI-F040" not in rules[1]
    assert "OGI-X001" in rules[1] and "OGI-X001" not in rules[0]
    assert files[0]["report"]["agency_kind"] == "government"
    plain = invoke("check", "--format", "json", tmp_path / "b.txt")
    assert "OGI-F040" in plain.stdout  # a department's deadline is 31 January


def test_manifest_rows_for_missing_files_are_reported(tmp_path: Path) -> None:
    """A row whose file is not there (a body that has not submitted, a typo) is named by its row
    number and path; under a folder being checked it is also a file that could not be read."""
    folder = tmp_path / "2023"
    folder.mkdir()
    shutil.copy(VALID[2], folder / "a.txt")
    manifest = tmp_path / "m.csv"
    manifest.write_text(
        "path,agency\n2023/a.txt,清河县人民政府\n2023/迟交.docx,丰川县人民政府\n\n"
        "2022/old.txt,丰川县人民政府\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.json"
    result = invoke("check", "--manifest", manifest, "--format", "json", "-o", out, folder)
    assert result.exit_code == 1, "a listed report that is not there fails the gate"
    notes = [line for line in result.stderr.splitlines() if line.startswith("报送清单")]
    assert notes == [
        f"报送清单 {manifest} 第3行：文件不存在 {tmp_path / '2023' / '迟交.docx'} "
        f"(manifest row 3: no such file {tmp_path / '2023' / '迟交.docx'})",
        f"报送清单 {manifest} 第5行：文件不存在 {tmp_path / '2022' / 'old.txt'} "
        f"(manifest row 5: no such file {tmp_path / '2022' / 'old.txt'})",
    ]
    files = json.loads(out.read_text("utf-8"))["files"]
    assert [f["status"] for f in files] == ["checked", "error"]
    assert files[1]["path"] == str(tmp_path / "2023" / "迟交.docx")
    assert files[1]["error"]["code"] == "not_found"
    quiet = invoke("check", "-q", "--manifest", manifest, "--format", "json", "-o", out, folder)
    assert quiet.exit_code == 1 and "报送清单" not in quiet.stderr


def test_manifest_with_every_file_present_notes_nothing(tmp_path: Path) -> None:
    shutil.copy(VALID[2], tmp_path / "a.txt")
    (tmp_path / "m.csv").write_text("path\na.txt\n", encoding="utf-8")
    result = invoke("check", "--manifest", tmp_path / "m.csv", tmp_path / "a.txt")
    assert result.exit_code == 0 and "报送清单" not in result.stderr


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("agency,year\nx,2023\n", "no 'path' column"),
        ("path,year\na.txt,23\n", "m.csv:2: year"),
        ("path,agency_kind\na.txt,ministry\n", "m.csv:2: agency_kind"),
        ("path\na.txt\na.txt\n", "m.csv:3: path: listed twice"),
    ],
)
def test_bad_manifest_stops_the_run(tmp_path: Path, text: str, message: str) -> None:
    (tmp_path / "m.csv").write_text(text, encoding="utf-8")
    result = invoke("check", "--manifest", tmp_path / "m.csv", VALID[0])
    assert result.exit_code == 2
    assert message in result.stderr


# --- the workbook ---------------------------------------------------------------------------


def test_workbook_holds_what_the_summary_says(
    corpus: tuple[Path, Expected], tmp_path: Path
) -> None:
    from openpyxl import load_workbook

    folder, expected = corpus
    target = tmp_path / "汇总.xlsx"
    result = invoke("check", folder, "-j", 2, "--format", "xlsx", "-o", target)
    assert result.exit_code == 1
    book = load_workbook(target)
    assert book.sheetnames == ["汇总", "报告", "问题", "规则统计"]
    summary = {row[0]: row[1] for row in book["汇总"].iter_rows(min_row=2, values_only=True)}
    assert summary["检查文件数"] == CORPUS_SIZE
    assert summary["无法读取"] == expected.unreadable
    assert (
        f"{CORPUS_SIZE} files: {summary['无问题']} clean, {summary['有错误的报告']} with errors"
        in result.stderr
    )
    reports = list(book["报告"].iter_rows(values_only=True))
    assert reports[0][:4] == ("序号", "文件", "机关", "年度")
    assert len(reports) == CORPUS_SIZE + 1
    statuses = Counter(r[7] for r in reports[1:])
    assert statuses["无法读取"] == expected.unreadable
    assert statuses["无问题"] == summary["无问题"]
    findings = list(book["问题"].iter_rows(values_only=True))
    rules = Counter(r[4] for r in findings[1:] if r[5] != "无法读取")
    assert rules == expected.findings
    stats = {r[0]: r[5] for r in book["规则统计"].iter_rows(min_row=2, values_only=True)}
    assert stats == dict(expected.findings)
    for sheet in ("报告", "问题", "规则统计"):
        assert book[sheet].freeze_panes == "A2"
        assert book[sheet].auto_filter.ref
    assert str(reports[1][1]).startswith('=HYPERLINK("')


def test_workbook_needs_an_output_file() -> None:
    result = invoke("check", "--format", "xlsx", VALID[0])
    assert result.exit_code == 2
    assert "--output" in result.stderr


def test_missing_optional_libraries_name_their_extra(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setitem(__import__("sys").modules, "openpyxl", None)
    result = invoke("check", "--format", "xlsx", "-o", tmp_path / "x.xlsx", VALID[0])
    assert result.exit_code == 2
    assert "ogi-checker[xlsx]" in result.stderr
    monkeypatch.setitem(__import__("sys").modules, "distributed", None)
    result = invoke("check", "--engine", "dask", VALID[0])
    assert result.exit_code == 2
    assert "ogi-checker[dask]" in result.stderr
