"""Every reader and extractor is linear in its input: 10^5-character pathological lines (runs
of spaces, full stops, digits, brackets, repeated 其中/共/占 clauses) are read, extracted and
checked within seconds. Each input runs in a subprocess with a generous timeout, so a
regression shows as a failure, not a hung suite, and a loaded machine does not make it flaky.
The bound is CPU time of the child, measured by the child itself (wall time under six parallel
test runs says little)."""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile
import zlib
from pathlib import Path

import pytest

from tests.conftest import ROOT, SEED

N = 100_000
CPU_BOUND = 15.0  # seconds of CPU for one input; a linear pass takes one or two
WALL_BOUND = 120.0
MEMORY_MB = 500  # peak resident memory of the child, interpreter and rules included

LINES = {
    "spaces": " " * N,
    "tabs": "\t" * N,
    "full-stops": "." * N,
    "ideographic-stops": "。" * N,
    "ellipses": "…" * N,
    "digits": "1" * N,
    "spaced-digits": "1 " * (N // 2),
    "digit-commas": "1," * (N // 2),
    "decimals": "1." * (N // 2),
    "brackets": "(" * N,
    "full-width-brackets": "（" * N,
    "qizhong-zhan": "其中1件占1%，" * (N // 8),
    "qizhong": "其中" * (N // 2),
    "zhan": "占" * N,
    "gong": "共" * N,
    "gong-jian": "共1件，" * (N // 5),
    "gong-qizhong": "共1件，其中1件" * (N // 8),
    "zhong-intro": "答复意见中，1件" * (N // 8),
    "counts": "1件" * (N // 2),
    "shares": "1件，占1%。" * (N // 8),
    "percent": "1%" * (N // 2),
    "years": "2019年" * (N // 5),
    "headings": "一、" * (N // 2),
    "pipes": "|" * N,
    "quotes": "“" * N,
    "sentence-then-intro": "1件，" * (N // 3) + "。答复中，1件",
    "scopes": "共1件。在答复的信息中，1件" * (N // 14),
}

CHILD = """
import resource, sys, time
from pathlib import Path
from checker.api import check_path, load_rules
rules = load_rules()
start = resource.getrusage(resource.RUSAGE_SELF).ru_utime
result = check_path([Path(sys.argv[1])], rules)
used = resource.getrusage(resource.RUSAGE_SELF).ru_utime - start
error = result.files[0].error
# VmHWM, not ru_maxrss: Linux carries ru_maxrss over exec from the forking test process
status = Path("/proc/self/status")
hwm = [l for l in status.read_text().splitlines() if l.startswith("VmHWM:")] if status.exists() else []
peak_mb = int(hwm[0].split()[1]) / 1024 if hwm else 0.0
print(f"{used:.2f} {error.code if error else 'checked'} {peak_mb:.0f}")
"""


def cpu_seconds(path: Path) -> tuple[float, str]:
    """CPU seconds and status of one check in a child; the child's peak memory must stay under
    the issue's bound (huge spans, a flate bomb and 10^5 brackets once took 730 MB and more)."""
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(path)],
        capture_output=True,
        text=True,
        timeout=WALL_BOUND,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    used, status, peak_mb = done.stdout.split()
    assert float(peak_mb) < MEMORY_MB, f"{path.name}: {peak_mb} MB"
    return float(used), status


@pytest.mark.parametrize("name", sorted(LINES))
@pytest.mark.parametrize("where", ["alone", "in-a-report"])
def test_text_line_is_checked_in_linear_time(tmp_path: Path, name: str, where: str) -> None:
    line = LINES[name]
    text = line if where == "alone" else SEED.read_text(encoding="utf-8") + "\n" + line + "\n"
    path = tmp_path / "report.txt"
    path.write_text(text, encoding="utf-8")
    used, _ = cpu_seconds(path)
    assert used < CPU_BOUND, f"{name}: {used:.1f} s"


def _html(body: str) -> str:
    return f'<html><head><meta charset="utf-8"></head><body>{body}</body></html>'


def _docx(paragraphs: int) -> bytes:
    docx = pytest.importorskip("docx")
    document = docx.Document()
    for index in range(paragraphs):
        document.add_paragraph(f"第{index}段，共1件，其中1件。")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _flate_pdf() -> bytes:
    """A small PDF whose one content stream inflates to 300 MB."""
    data = zlib.compress(b"0" * 300_000_000, 9)
    head = (
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
        b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
        b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]/Contents 4 0 R>>endobj\n"
    )
    stream = b"4 0 obj<</Length %d/Filter/FlateDecode>>stream\n" % len(data)
    return head + stream + data + b"\nendstream endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


TITLE = "<p>某某局2019年政府信息公开工作年度报告</p>"
DOCUMENTS = {
    "digits.html": lambda: _html(TITLE + "<p>" + "1" * N + "</p>"),
    "brackets.html": lambda: _html(TITLE + "<p>" + "(" * N + "</p>"),
    "nested.html": lambda: _html("<div>" * N + "报告" + "</div>" * N),
    "huge-spans.html": lambda: _html(
        TITLE
        + '<table><tr><td colspan="100000000">1</td></tr><tr><td rowspan="100000000">2</td></tr>'
        + '<tr><td colspan="1000" rowspan="65534">1</td></tr>' * 300
        + "</table>"
    ),
    "wide.html": lambda: _html(TITLE + "<table><tr>" + "<td>1</td>" * 10_000 + "</tr></table>"),
    "long.html": lambda: _html(TITLE + "<table>" + "<tr><td>1</td><td>2</td></tr>" * 10_000),
    "rows.md": lambda: "# 2019年政府信息公开工作年度报告\n\n|a|b|\n|-|-|\n" + "|1|2|\n" * 10_000,
    "headings.txt": lambda: "".join(f"{i}、标题\n" for i in range(10_000)),
    "20mb.txt": lambda: SEED.read_text(encoding="utf-8") * 700,
    "5mb-line.txt": lambda: "公开" * 2_500_000,
    "paragraphs.docx": lambda: _docx(10_000),
    "flate-bomb.pdf": _flate_pdf,
}


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_document_is_read_in_bounded_time(tmp_path: Path, name: str) -> None:
    content = DOCUMENTS[name]()
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    if name.endswith(".pdf"):
        pytest.importorskip("pdfplumber")
    used, status = cpu_seconds(path)
    assert used < CPU_BOUND, f"{name}: {used:.1f} s"
    if name in ("20mb.txt", "5mb-line.txt", "flate-bomb.pdf"):
        assert status == "too_large"


def test_zip_of_a_docx_is_not_inflated_past_the_limit(tmp_path: Path) -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"<w:document>" + b" " * 400_000_000)
    path = tmp_path / "bomb.docx"
    path.write_bytes(out.getvalue())
    used, status = cpu_seconds(path)
    assert used < CPU_BOUND
    assert status != "checked"
