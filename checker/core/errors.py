"""The few expected failures. Anything else escaping the engine is a bug (exit code 3)."""

from __future__ import annotations


class CheckerError(Exception):
    """Base of the expected failures; `str()` is a message fit for the user."""


class ConfigError(CheckerError):
    """Bad command-line options or configuration (exit code 2)."""


class UnknownRuleError(ConfigError):
    """A rule named on the command line (`option`: --select, --disable, --severity) that no
    loaded pack defines; `suggestion` is the nearest id or name, if one is near. The command
    line words the message in the user's language."""

    def __init__(self, option: str, ident: str, suggestion: str | None):
        self.option, self.ident, self.suggestion = option, ident, suggestion
        super().__init__(unknown_rule_message(option, ident, suggestion, "zh"))


def unknown_rule_message(option: str, ident: str, suggestion: str | None, lang: str) -> str:
    if lang == "en":
        hint = f"did you mean {suggestion}?" if suggestion else "`ogi-check rules list` lists them"
        return f"{option}: unknown rule '{ident}': {hint}"
    hint = f"是否想写 {suggestion}？" if suggestion else "可用 ogi-check rules list 查看全部规则"
    return f"{option}：未知规则 '{ident}'，{hint}"


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
