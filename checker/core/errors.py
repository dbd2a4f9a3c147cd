"""The few expected failures. Anything else escaping the engine is a bug (exit code 3)."""

from __future__ import annotations


class CheckerError(Exception):
    """Base of the expected failures; `str()` is a message fit for the user."""


class ConfigError(CheckerError):
    """Bad command-line options or configuration (exit code 2)."""


class RuleFileError(CheckerError):
    """A rule pack that cannot be loaded: names the file, the line and the key (exit code 2)."""

    def __init__(self, path: str, message: str, line: int | None = None, key: str | None = None):
        self.path, self.line, self.key, self.detail = path, line, key, message
        where = f"{path}:{line}" if line else path
        super().__init__(f"{where}: {f'{key}: ' if key else ''}{message}")


class ReadError(CheckerError):
    """An input file that cannot be read as a report; `code` is stable, for tools."""

    def __init__(self, code: str, message: str):
        self.code = code
        super().__init__(message)


class PatternTimeout(CheckerError):
    """A rule's regular expression ran past its time budget on one report."""

    def __init__(self, pattern: str, seconds: float):
        self.pattern = pattern
        shown = pattern if len(pattern) <= 60 else pattern[:57] + "..."
        super().__init__(
            f"正则表达式 {shown!r} 超过 {seconds:g} 秒仍未匹配完（可能存在灾难性回溯）"
        )
