"""Heavy libraries are optional extras: a reader whose library is missing says what to install."""

from __future__ import annotations

import importlib
from types import ModuleType

from checker.core.errors import ReadError


def require(module: str, extra: str, what: str) -> ModuleType:
    """Import `module`, or fail with the pip command that installs the extra holding it."""
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise ReadError(
            "missing_library",
            f"读取{what}需要安装可选组件：pip install 'ogi-checker[{extra}]'（缺少 {module}）",
        ) from exc
