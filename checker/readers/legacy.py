"""Legacy Word (.doc) and WPS (.wps) files: converted to .docx by LibreOffice, then read as docx.

The binary formats are not worth a parser of our own: LibreOffice reads them as well as anyone.
The conversion runs on a copy in a private temporary folder with its own throw-away profile (a
user's running LibreOffice is not disturbed, the input file is never touched), under the time
limit. Without `soffice` on PATH the user is told how to convert the file.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from checker.core.document import Document
from checker.core.errors import ReadError
from checker.readers.docx import read_docx
from checker.readers.limits import DEFAULT_LIMITS, Limits

HOW_TO_CONVERT = (
    "旧版 Word/WPS 文档（.doc / .wps）需要先转换：请用 Word 或 WPS 打开后“另存为” .docx 或 PDF，"
    "或安装 LibreOffice（命令 soffice）后重新检查"
)


def read_legacy(data: bytes, limits: Limits = DEFAULT_LIMITS) -> Document:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise ReadError("needs_conversion", HOW_TO_CONVERT)
    return read_docx(convert(data, soffice, limits.timeout), limits)


def convert(data: bytes, soffice: str, timeout: float) -> bytes:
    with tempfile.TemporaryDirectory(prefix="ogi-doc-") as folder:
        work = Path(folder)
        source = work / "report.doc"
        source.write_bytes(data)
        command = [
            soffice,
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(work / "out"),
            str(source),
        ]
        _run(command, timeout)
        converted = work / "out" / "report.docx"
        if not converted.is_file():
            raise ReadError(
                "broken_doc", f"LibreOffice 无法转换此文件，文件可能已损坏；{HOW_TO_CONVERT}"
            )
        return converted.read_bytes()


def _run(command: list[str], timeout: float) -> None:
    """Run in a session of its own, so a time-out ends soffice.bin too, not just its launcher."""
    try:
        process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
    except OSError as exc:
        raise ReadError(
            "needs_conversion", f"无法运行 LibreOffice（{exc}）；{HOW_TO_CONVERT}"
        ) from exc
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired as exc:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        raise ReadError(
            "timeout", f"LibreOffice 转换超时（超过 {timeout:g} 秒）；{HOW_TO_CONVERT}"
        ) from exc
