"""The hostile-input suite (issue 13): make ≥ 1,000 hostile inputs from the fixtures and the
corpus, run each through the checker, and count what must never happen.

    python benchmarks/hostile.py            # the whole suite (.ci/run)
    python benchmarks/hostile.py --quick    # a fast subset (the test suite runs it)

Inputs: byte mutations and truncations of every fixture and corpus file, re-encodings (GB18030,
UTF-16/32, BOM mixes, CR-only, lone surrogates), huge inputs and regular-expression shapes,
containers (zip bombs, DTDs and entities in docx parts, `../` names, broken PDF xref,
encrypted), external references, structured data, configuration files, rule packs, baselines
and odd paths (dangling symlinks, loops, FIFOs). For each: no internal error, no hang (10 s for
a file under 1 MB), peak memory under 500 MB, a clear per-file error (a stable code and a short
message; exit-2 errors naming the file), and the input unchanged. The last line is the summary;
every count but `inputs` must be 0. Inputs run in one child process at a time (the machine is
shared), restarted after a hang or a memory excess.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import multiprocessing
import os
import random
import re
import shutil
import signal
import sys
import tempfile
import time
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
CORPUS = ROOT.parent / "shared" / "corpus"
SEED = FIXTURES / "seed" / "000_5c31920eb9a2e321.txt"
HANG_SECONDS = 10
MEMORY_MB = 500
KNOWN_CODES = re.compile(r"^[a-z_]+$")
MAX_MESSAGE = 400  # characters: an error quotes, it never dumps the document

# kind: "report" (read and checked), or "config", "rules", "baseline" (loaded like a run would)
Case = tuple[str, str, Path]


# --- generators -------------------------------------------------------------------------------


def sources() -> list[Path]:
    found = [p for p in sorted(FIXTURES.rglob("*")) if p.is_file() and p.suffix != ".py"]
    if CORPUS.is_dir():
        found += [p for p in sorted(CORPUS.rglob("*")) if p.is_file() and p.name != "labels.yaml"]
    return found


def mutations(data: bytes, rng: random.Random, count: int) -> Iterator[tuple[str, bytes]]:
    for index in range(count):
        kind = index % 4
        if kind == 0 and data:
            yield "truncate", data[: rng.randrange(len(data))]
        elif kind == 1 and data:
            out = bytearray(data)
            for _ in range(rng.randint(1, 20)):
                out[rng.randrange(len(out))] = rng.randrange(256)
            yield "flip", bytes(out)
        elif kind == 2 and data:
            at = rng.randrange(len(data))
            junk = rng.choice(
                [b"\x00" * 64, b"\xff\xfe", b"<!DOCTYPE x [<!ENTITY a 'b'>]>", b"(" * 500]
            )
            yield "insert", data[:at] + junk + data[at:]
        elif data:
            start = rng.randrange(len(data))
            yield "repeat", data[:start] + data[start : start + 4096] * 50 + data[start:]


def encodings(text: str) -> Iterator[tuple[str, bytes]]:
    yield "gb18030", text.encode("gb18030", "replace")
    yield "gb18030-4byte", (text + "\U00020000𠀀\u20ac").encode("gb18030", "replace")
    yield "utf16", text.encode("utf-16")
    yield "utf16be-nobom", text.encode("utf-16-be")
    yield "utf32", text.encode("utf-32")
    yield "bom-mix", b"\xef\xbb\xbf" + text.encode("utf-16-le")
    yield "double-bom", b"\xef\xbb\xbf\xef\xbb\xbf" + text.encode()
    yield "cr-only", text.replace("\n", "\r").encode()
    yield "lone-surrogates", text.encode() + b"\xed\xa0\x80\xed\xbf\xbf"
    yield "latin1", text.encode("utf-8").decode("latin-1").encode("utf-8")


N = 100_000
SHAPES = {
    "spaces": " " * N,
    "tabs": "\t" * N,
    "stops": "." * N,
    "cn-stops": "。" * N,
    "digits": "1" * N,
    "brackets": "(" * N,
    "cn-brackets": "（" * N,
    "qizhong-zhan": "其中1件占1%，" * (N // 8),
    "gong": "共" * N,
    "gong-jian": "共1件，" * (N // 5),
    "zhong-intro": "答复意见中，1件" * (N // 8),
    "scopes": "共1件。在答复的信息中，1件" * (N // 14),
    "headings": "一、标题\n" * 10_000,
    "pipes-table": "|1|2|3|\n" * 10_000,
    "5mb-line": "公开" * 2_500_000,
}


def html(body: str) -> str:
    return f'<html><head><meta charset="utf-8"></head><body>{body}</body></html>'


TITLE = "<p>某某局2019年政府信息公开工作年度报告</p>"


def huge_html() -> Iterator[tuple[str, str]]:
    yield "digits.html", html(TITLE + "<p>" + "1" * N + "</p>")
    yield "nested.html", html("<div>" * N + "报告" + "</div>" * N)
    yield (
        "spans.html",
        html(TITLE + '<table><tr><td colspan="99999999" rowspan="99999999">1</td></tr></table>'),
    )
    yield (
        "many-spans.html",
        html(
            TITLE
            + "<table>"
            + '<tr><td colspan="1000" rowspan="65534">1</td></tr>' * 300
            + "</table>"
        ),
    )
    yield "wide.html", html(TITLE + "<table><tr>" + "<td>1</td>" * 10_000 + "</tr></table>")
    yield (
        "long.html",
        html(TITLE + "<table>" + "<tr><td>1</td><td>2</td></tr>" * 10_000 + "</table>"),
    )
    yield (
        "external.html",
        html(
            TITLE
            + '<img src="http://127.0.0.1:9/x.png"><link rel="stylesheet" href="http://127.0.0.1:9/a.css"><iframe src="file:///etc/passwd"></iframe>'
        ),
    )
    for codec in ("base64", "hex", "zlib", "bz2", "uu", "quopri", "rot13", "undefined", "utf-7"):
        yield (
            f"charset-{codec}.html",
            f'<html><head><meta charset="{codec}"></head><body>{TITLE}</body></html>',
        )


def docx_bytes(document_xml: bytes, extra: dict[str, bytes] | None = None) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
        )
        archive.writestr("word/document.xml", document_xml)
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return out.getvalue()


W = b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def containers() -> Iterator[tuple[str, bytes]]:
    body = (
        b"<w:document "
        + W
        + b"><w:body><w:p><w:r><w:t>2019\xe5\xb9\xb4</w:t></w:r></w:p></w:body></w:document>"
    )
    yield (
        "bomb.docx",
        docx_bytes(b"<w:document " + W + b">" + b" " * 400_000_000 + b"</w:document>"),
    )
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa">'
        + b"".join(
            b'<!ENTITY %s "%s">' % (bytes([98 + i]), b"&" + bytes([97 + i]) + b";" * 1) * 1
            for i in range(9)
        )
        + b"]>"
    )
    yield (
        "entities.docx",
        docx_bytes(
            laughs
            + b"<w:document "
            + W
            + b"><w:body><w:p><w:r><w:t>&j;</w:t></w:r></w:p></w:body></w:document>"
        ),
    )
    yield (
        "external-entity.docx",
        docx_bytes(
            b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]><w:document '
            + W
            + b"><w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>"
        ),
    )
    yield "dotdot.docx", docx_bytes(body, {"../../evil.txt": b"x", "/abs.txt": b"y"})
    yield (
        "external-rel.docx",
        docx_bytes(
            body,
            {
                "word/_rels/document.xml.rels": b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="http://127.0.0.1:9/x.png" TargetMode="External"/></Relationships>'
            },
        ),
    )
    yield (
        "deep.docx",
        docx_bytes(
            b"<w:document " + W + b">" + b"<w:p>" * 100_000 + b"</w:p>" * 100_000 + b"</w:document>"
        ),
    )
    many = (
        b"<w:document "
        + W
        + b"><w:body>"
        + b"<w:p><w:r><w:t>\xe5\x85\xb11\xe4\xbb\xb6</w:t></w:r></w:p>" * 10_000
        + b"</w:body></w:document>"
    )
    yield "paragraphs.docx", docx_bytes(many)
    yield (
        "encrypted.docx",
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        + b"\x00" * 4096
        + "EncryptedPackage".encode("utf-16-le"),
    )
    yield "nested-zip.docx", docx_bytes(body, {"word/media/a.zip": docx_bytes(body)})
    stream = zlib.compress(b"0" * 300_000_000, 9)
    head = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]/Contents 4 0 R>>endobj\n"
    yield (
        "flate-bomb.pdf",
        head
        + b"4 0 obj<</Length %d/Filter/FlateDecode>>stream\n" % len(stream)
        + stream
        + b"\nendstream endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n",
    )
    yield (
        "bad-xref.pdf",
        head
        + b"xref\n0 99999999\n0000000000 65535 f \ntrailer<</Size 99999999/Root 1 0 R>>\nstartxref\n999999999\n%%EOF\n",
    )
    yield (
        "loop-pages.pdf",
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[2 0 R]/Count 1>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n",
    )
    yield (
        "encrypted.pdf",
        head
        + b"trailer<</Root 1 0 R/Encrypt<</Filter/Standard/V 2/R 3/O(x)/U(y)/P -4>>>>\n%%EOF\n",
    )


BIG = "9" * 5000
LAUGHS = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 9)}]\n" for i in range(8)
)


def structured() -> Iterator[tuple[str, str]]:
    yield "bigint.yaml", f"metadata:\n  title: x\n  year: {BIG}\nsections: []\n"
    yield "bigint.json", '{"metadata": {"title": "x", "year": ' + BIG + '}, "sections": []}'
    for day in ("2019-13-01", "2019-02-30", "0000-00-00"):
        yield (
            f"date-{day}.yaml",
            f"metadata:\n  title: x\n  year: 2019\n  published: {day}\nsections: []\n",
        )
        yield (
            f"date-{day}.json",
            '{"metadata": {"title": "x", "year": 2019, "published": "'
            + day
            + '"}, "sections": []}',
        )
    yield "laughs.yaml", "metadata: {title: x}\n" + LAUGHS
    yield "deep.yaml", "metadata: " + "[" * 5000 + "]" * 5000 + "\n"
    yield "deep.json", '{"metadata": ' + "[" * 5000 + "]" * 5000 + "}"
    yield "nul.yaml", "metadata:\n  title: x\x00y\n"
    yield "recursive.yaml", "metadata: &a\n  title: *a\n"


def configs() -> Iterator[tuple[str, str, bytes]]:
    values = [
        ("laughs", LAUGHS),
        ("deep", "exclude: " + "[" * 5000 + "]" * 5000 + "\n"),
        ("bigint", f"fail_on: {BIG}\n"),
        ("month13", "fail_on: 2019-13-01\n"),
        ("feb30", "baseline: 2019-02-30\n"),
        ("nul", "fail_on: er\x00ror\n"),
        ("control", 'fail_on: "e\x07"\n'),
        ("typo", "fail_onn: error\n"),
        ("glob", 'exclude: ["' + "*a" * 40 + '*b"]\n'),
        ("outside", "baseline: ../../etc/passwd\n"),
        ("recursive", "a: &a [*a]\n"),
        ("tab", "\tfail_on: error\n"),
        ("list", "- 1\n- 2\n"),
        ("unknown-rule", "rules: {disable: [OGI-Z999]}\n"),
        ("bad-severity", "rules: {severity: {OGI-N002: loud}}\n"),
    ]
    for name, text in values:
        yield f"yaml-{name}", ".ogi-check.yaml", text.encode("utf-8")
    tomls = [
        ("deep", "exclude = " + "[" * 5000 + "]" * 5000),
        ("bigint", f"fail_on = {BIG}"),
        ("nul", 'fail_on = "e\x00"'),
        ("month13", "fail_on = 2019-13-01"),
        ("typo", 'fail_onn = "error"'),
        ("glob", 'exclude = ["' + "*a" * 40 + '*b"]'),
    ]
    for name, text in tomls:
        yield f"toml-{name}", "pyproject.toml", f"[tool.ogi-check]\n{text}\n".encode()
    yield "toml-invalid-utf8", "pyproject.toml", b'[tool.ogi-check]\nfail_on = "\xff\xfe"\n'


# The tests' user pack with its one regular expression as a slot to fill.
PACK = (
    (FIXTURES / "packs" / "city.yaml")
    .read_text(encoding="utf-8")
    .replace('"@平安辽宁"', '"REGEX"', 1)
)


def packs() -> Iterator[tuple[str, str]]:
    for name, regex in [
        ("paren", "(" * 12),
        ("repeat", "x{9999999999}"),
        ("lookbehind", "(?<=a+)b"),
        ("bad-escape", "\\\\"),
    ]:
        yield f"regex-{name}", PACK.replace("REGEX", regex)
    yield (
        "no-params",
        PACK.replace(PACK[PACK.index("    params:") : PACK.index("    examples:")], ""),
    )
    yield "laughs", LAUGHS
    yield "deep", "pack: " + "[" * 5000 + "]" * 5000 + "\n"
    yield "bigint", PACK.replace('["2008"]}', f"[{BIG}]}}", 1)
    yield (
        "template-not-template",
        PACK.replace('extends: ["2008"]\n', 'extends: ["2008"]\ntemplates: [seed.yaml]\n'),
    )
    yield (
        "template-missing",
        PACK.replace('extends: ["2008"]\n', 'extends: ["2008"]\ntemplates: [nope.yaml]\n'),
    )
    yield "nul", PACK.replace("City rules", "City\x00rules")
    yield "unknown-kind", PACK.replace("kind: text_patterns", "kind: nope")
    yield "extends-self", PACK.replace('extends: ["2008"]', 'extends: ["my-office"]')


def baselines() -> Iterator[tuple[str, str]]:
    yield "deep", '{"schema_version": 1, "findings": ' + "[" * 5000 + "]" * 5000 + "}"
    yield "bigint", '{"schema_version": ' + BIG + ', "findings": []}'
    yield "nul", '{"schema_version": 1, "findings": [], "tool": "a\x00b"}'
    yield (
        "outside",
        '{"schema_version": 1, "findings": [{"fingerprint": "'
        + "0" * 32
        + '", "rule": "OGI-N002", "path": "../../x.txt"}]}',
    )
    yield (
        "unknown-rule",
        '{"schema_version": 1, "findings": [{"fingerprint": "'
        + "0" * 32
        + '", "rule": "OGI-Z999", "path": "x.txt"}]}',
    )
    yield "not-json", "{schema_version: 1"
    yield "list", "[1, 2, 3]"


def generate(out: Path, quick: bool) -> list[Case]:
    rng = random.Random(13)
    cases: list[Case] = []

    def add(kind: str, name: str, data: bytes | str, suffix: str = "") -> Path:
        folder = out / f"{len(cases):05d}"
        folder.mkdir()
        path = folder / (name + suffix)
        path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
        cases.append((kind, name, path))
        return path

    per_file = 3 if quick else 24
    for source in sources()[: 6 if quick else None]:
        data = source.read_bytes()
        for label, mutated in mutations(data, rng, per_file):
            add("report", f"{source.stem}-{label}", mutated, source.suffix)
        if source.suffix in (".txt", ".md") and not quick:
            text = data.decode("utf-8", "replace")
            for label, encoded in encodings(text):
                add("report", f"{source.stem}-{label}", encoded, source.suffix)
    seed = SEED.read_text(encoding="utf-8")
    for name, line in list(SHAPES.items())[: 3 if quick else None]:
        add("report", f"shape-{name}", line, ".txt")
        if not quick:
            add("report", f"seed-{name}", seed + "\n" + line + "\n", ".txt")
    for name, page in list(huge_html())[: 4 if quick else None]:
        add("report", name, page)
    for name, data in list(containers())[: 3 if quick else None]:
        add("report", name, data)
    for name, text in structured():
        add("report", name, text)
    for name, filename, data in configs():
        folder = out / f"{len(cases):05d}"
        folder.mkdir()
        (folder / filename).write_bytes(data)
        shutil.copy(SEED, folder / ("a" * 60 + ".txt"))
        cases.append(("config", name, folder / filename))
    for name, text in packs():
        path = add("rules", name, text, ".yaml")
        shutil.copy(SEED, path.parent / "seed.yaml")
    for name, text in baselines():
        add("baseline", name, text, ".json")
    for name, make in paths().items():
        folder = out / f"{len(cases):05d}"
        folder.mkdir()
        cases.append(("report", name, make(folder)))
    return cases


def paths() -> dict[str, Callable[[Path], Path]]:
    def dangling(folder: Path) -> Path:
        (folder / "r.txt").symlink_to(folder / "missing.txt")
        return folder / "r.txt"

    def loop(folder: Path) -> Path:
        (folder / "a.txt").symlink_to(folder / "b.txt")
        (folder / "b.txt").symlink_to(folder / "a.txt")
        return folder / "a.txt"

    def dir_loop(folder: Path) -> Path:
        (folder / "sub").mkdir()
        (folder / "sub" / "up").symlink_to(folder)
        shutil.copy(SEED, folder / "sub" / "r.txt")
        return folder

    def fifo(folder: Path) -> Path:
        os.mkfifo(folder / "r.txt")
        return folder / "r.txt"

    def fifo_in_folder(folder: Path) -> Path:
        os.mkfifo(folder / "r.txt")
        return folder

    def odd_name(folder: Path) -> Path:
        name = "-- 报告 \u202e\n\t;$(x).txt"
        shutil.copy(SEED, folder / name)
        return folder / name

    def dev_zero(folder: Path) -> Path:
        (folder / "zero.txt").symlink_to("/dev/zero")
        return folder / "zero.txt"

    return {"dangling": dangling, "loop": loop, "dir-loop": dir_loop, "fifo": fifo,
            "fifo-in-folder": fifo_in_folder, "odd-name": odd_name, "dev-zero": dev_zero}  # fmt: skip


# --- running ----------------------------------------------------------------------------------


@dataclass
class Outcome:
    internal: str = ""
    hang: bool = False
    memory_mb: float = 0.0
    unclear: str = ""
    modified: bool = False


def digest(path: Path) -> str:
    if path.is_symlink() or not path.exists() or path.is_dir() or not path.is_file():
        return os.readlink(path) if path.is_symlink() else "-"
    return hashlib.sha256(path.read_bytes()).hexdigest()


def run_case(kind: str, path: Path) -> Outcome:
    """In the child process: one input through the checker, as a run would take it."""
    from checker.core.errors import CheckerError

    outcome = Outcome()
    try:
        if kind == "report":
            _check_report(path, outcome)
        else:
            _load_project(kind, path, outcome)
    except CheckerError as exc:
        outcome.unclear = f"{type(exc).__name__} escaped: {str(exc)[:200]}"
    except TimeoutError:
        raise  # the alarm: counted as a hang by the caller
    except Exception as exc:  # an internal error: a bug
        outcome.internal = f"{type(exc).__name__}: {str(exc)[:200]}"
    return outcome


def _check_report(path: Path, outcome: Outcome) -> None:
    from checker.api import check_path

    for file in check_path([path]).files:
        if file.error is not None:
            code, message = file.error.code, file.error.message
            if not KNOWN_CODES.match(code) or not message or len(message) > MAX_MESSAGE:
                outcome.unclear = f"[{code}] {message[:200]}"
        for finding in file.findings:
            if "内部错误" in finding.problem.message.zh:
                outcome.internal = finding.problem.message.zh[:200]


def _load_project(kind: str, path: Path, outcome: Outcome) -> None:
    from checker.core.errors import ConfigError, RuleFileError
    from checker.project.build import build_project
    from checker.project.config import Settings

    report = next(path.parent.glob("a*.txt"), SEED)
    try:
        if kind == "config":
            project = build_project([report], None, Settings())
        elif kind == "rules":
            project = build_project([SEED], None, Settings(), rule_paths=[path])
        else:
            project = build_project([SEED], None, Settings(), baseline_file=path)
        project.run(project.jobs([report]))
    except (ConfigError, RuleFileError) as exc:
        if str(path.parent) not in str(exc) and path.name not in str(exc):
            outcome.unclear = f"error does not name the file: {str(exc)[:200]}"  # or its template
        elif len(str(exc)) > 2 * MAX_MESSAGE:  # a list of the known kinds is allowed
            outcome.unclear = f"message too long ({len(str(exc))} chars)"


def _peak_mb() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return 0.0


def _reset_peak() -> None:
    try:
        with open("/proc/self/clear_refs", "w") as refs:
            refs.write("5")  # resets VmHWM to the current size
    except OSError:
        pass


def _alarm(signum: int, frame: object) -> None:
    raise TimeoutError("hang")


def child(
    jobs: multiprocessing.Queue[tuple[int, str, str] | None],
    results: multiprocessing.Queue[tuple[int, dict[str, object]]],
) -> None:
    signal.signal(signal.SIGALRM, _alarm)
    import checker.api  # noqa: F401  (loaded before the clock starts)

    while (job := jobs.get()) is not None:
        index, kind, name = job
        path = Path(name)
        _reset_peak()
        signal.alarm(HANG_SECONDS * 3)
        started = time.process_time()
        try:
            outcome = run_case(kind, path)
        except TimeoutError:  # the wall-clock cap (3 x 10 s)
            outcome = Outcome(hang=True)
        finally:
            signal.alarm(0)
        elapsed = time.process_time() - started  # CPU: six test runs share two cores
        if elapsed > HANG_SECONDS and _size(path) < 1 << 20:
            outcome.hang = True
        outcome.memory_mb = _peak_mb()
        results.put((index, outcome.__dict__ | {"seconds": elapsed}))


def _size(path: Path) -> int:
    try:
        return path.stat().st_size if path.is_file() else 0
    except OSError:
        return 0


def run_all(cases: list[Case]) -> tuple[dict[str, int], list[str]]:
    context = multiprocessing.get_context("fork")
    jobs: multiprocessing.Queue[tuple[int, str, str] | None] = context.Queue()
    results: multiprocessing.Queue[tuple[int, dict[str, object]]] = context.Queue()
    before = {i: digest(path) for i, (_, _, path) in enumerate(cases)}
    for index, (kind, _, path) in enumerate(cases):
        jobs.put((index, kind, str(path)))
    jobs.put(None)
    worker = context.Process(target=child, args=(jobs, results), daemon=True)
    worker.start()
    counts = {
        "inputs": len(cases),
        "internal_errors": 0,
        "hangs": 0,
        "memory": 0,
        "unclear_errors": 0,
        "modified_inputs": 0,
    }
    problems: list[str] = []
    seen = 0
    while seen < len(cases):
        try:
            index, outcome = results.get(timeout=HANG_SECONDS * 6)
        except Exception:  # the child died or is stuck past its own alarm
            problems.append(f"child stopped after {seen} inputs")
            counts["hangs"] += 1
            break
        seen += 1
        kind, name, path = cases[index]
        label = f"{kind}:{name} ({path})"
        if outcome["internal"]:
            counts["internal_errors"] += 1
            problems.append(f"INTERNAL {label}: {outcome['internal']}")
        if outcome["hang"]:
            counts["hangs"] += 1
            problems.append(f"HANG {label}: {outcome['seconds']:.1f} s")
        if float(outcome["memory_mb"]) > MEMORY_MB:  # type: ignore[arg-type]
            counts["memory"] += 1
            problems.append(f"MEMORY {label}: {outcome['memory_mb']:.0f} MB")
        if outcome["unclear"]:
            counts["unclear_errors"] += 1
            problems.append(f"UNCLEAR {label}: {outcome['unclear']}")
        if digest(path) != before[index]:
            counts["modified_inputs"] += 1
            problems.append(f"MODIFIED {label}")
    worker.join(timeout=5)
    if worker.is_alive():
        worker.kill()
    return counts, problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="a fast subset (the test suite)")
    parser.add_argument("--keep", type=Path, help="write the inputs here and keep them")
    args = parser.parse_args(argv)
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="ogi-hostile-") as temporary:
        out = args.keep or Path(temporary)
        out.mkdir(parents=True, exist_ok=True)
        cases = generate(out, args.quick)
        counts, problems = run_all(cases)
    for problem in problems:
        print(problem)
    elapsed = time.monotonic() - started
    summary = " ".join(f"{key}={value}" for key, value in counts.items())
    print(f"hostile: {summary} seconds={elapsed:.0f}")
    failed = any(value for key, value in counts.items() if key != "inputs")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
