"""Readers: one module per input format, picked by file suffix; each returns a Document."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from checker.errors import ReadError
from checker.readers.document import Document
from checker.readers.text import read_text

Reader = Callable[[bytes], Document]

READERS: dict[str, tuple[str, Reader]] = {
    ".txt": ("txt", read_text),
    ".text": ("txt", read_text),
    ".md": ("md", read_text),
    ".markdown": ("md", read_text),
}
DEFAULT_MAX_BYTES = 50 * 1024 * 1024


@dataclass(frozen=True)
class Limits:
    max_bytes: int = DEFAULT_MAX_BYTES


def is_report_file(path: Path) -> bool:
    return path.suffix.lower() in READERS


def read_path(path: Path, limits: Limits = Limits()) -> tuple[str, Document]:
    """Read one file (never written to) into a Document; every failure is a ReadError."""
    fmt, reader = READERS.get(path.suffix.lower(), ("txt", read_text))
    try:
        size = path.stat().st_size
        if size > limits.max_bytes:
            raise ReadError("too_large", f"文件过大（{size} 字节，上限 {limits.max_bytes} 字节）")
        with path.open("rb") as handle:
            data = handle.read(limits.max_bytes + 1)
    except IsADirectoryError as exc:
        raise ReadError("unreadable", "这是一个目录，不是文件") from exc
    except PermissionError as exc:
        raise ReadError("unreadable", "没有读取权限") from exc
    except FileNotFoundError as exc:
        raise ReadError("not_found", "文件不存在") from exc
    except OSError as exc:
        raise ReadError("unreadable", f"无法读取文件：{exc.strerror or exc}") from exc
    return fmt, reader(data)
