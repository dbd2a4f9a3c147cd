"""Inline suppressions: a comment in the report that silences a rule, with a reason.

Only formats with comments have them: Markdown and HTML (`<!-- … -->`) and YAML (`# …`); a
plain-text report has no comment syntax (adopt the checker there with a baseline instead). The
comments are read from the file's own text, since readers drop markup; a finding's line in the
file is its line (Markdown keeps lines one to one) or the source line its place names
("源文件第57行", HTML and structured data).

    <!-- ogi-check: disable=OGI-N002 reason=分项含上年结转，总数不含 -->
    <!-- ogi-check: disable=OGI-C005,balanced-brackets reason=原文如此 -->
    <!-- ogi-check: disable-file=OGI-C003 reason=日期格式由上级模板决定 -->
    # ogi-check: disable=OGI-N002 reason=…          (YAML)

- `disable=` covers the findings of those rules on the next non-blank line (other suppression
  comments in between are skipped, so two can be stacked); a comment that shares its line with
  report text covers that line instead.
- `disable-file=` covers the whole file, wherever the comment stands.
- Rules are named by id or name, comma-separated. `reason=` (the rest of the comment) is
  required.
- A suppression that silences nothing is reported (OGI-S001, warning); a malformed one — no
  reason, an unknown directive or rule — is reported (OGI-S002, error) and silences nothing.
- A suppression of a cross-report rule (a batch's set rules, run after every file) is kept
  aside (`Deferred`) and applied to those rules' findings once they have run.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from checker.core.findings import FileResult, Finding, Problem, RuleMeta, Severity
from checker.core.model import Location, Message

UNUSED = RuleMeta(
    id="OGI-S001",
    name="unused-suppression",
    title=Message("行内抑制注释未抑制任何问题", "Suppression comment silences nothing"),
    severity=Severity.WARNING,
    category="format",
    basis="ogi-check 行内抑制注释约定（docs/ci.md） / ogi-check inline suppression convention",
    doc="docs/ci.md#inline-suppressions",
)
INVALID = RuleMeta(
    id="OGI-S002",
    name="invalid-suppression",
    title=Message("行内抑制注释格式错误", "Malformed suppression comment"),
    severity=Severity.ERROR,
    category="format",
    basis="ogi-check 行内抑制注释约定（docs/ci.md） / ogi-check inline suppression convention",
    doc="docs/ci.md#inline-suppressions",
)
RULES = (UNUSED, INVALID)

_COMMENTS = {
    "md": re.compile(r"<!--\s*ogi-check\s*:(?P<body>.*?)-->"),
    "html": re.compile(r"<!--\s*ogi-check\s*:(?P<body>.*?)-->"),
    "yaml": re.compile(r"(?:^|\s)#\s*ogi-check\s*:(?P<body>.*)$"),
}
_DIRECTIVE = re.compile(
    r"^(?P<kind>disable|disable-file)=(?P<codes>\S*)(?:\s+reason=(?P<reason>.*))?$"
)

_SOURCE_LINE = re.compile(r"源文件第(\d+)行")

Resolve = Callable[[str], str | None]  # a rule id or name -> the rule id, None if unknown


@dataclass(frozen=True)
class Suppression:
    """An inline comment that silences rules on a line (or the whole file), and why."""

    line: int  # 1-based line of the comment
    codes: frozenset[str]  # rule ids
    reason: str
    target: int | None  # the line covered; None for the whole file (or nothing to cover)
    whole_file: bool = False


@dataclass(frozen=True)
class Deferred:
    """A file's suppressions of rules that run later, over a set of reports (a batch's
    cross-report rules), kept to be applied to their findings."""

    fmt: str
    items: tuple[tuple[Suppression, bool], ...]  # each with: did it silence a finding already?
    report_unused: bool = True  # False when OGI-S001 is switched off


@dataclass(frozen=True)
class Outcome:
    """A file's result once its inline suppressions are applied."""

    result: FileResult
    suppressed: int  # findings silenced
    deferred: Deferred | None = None


def supports(fmt: str) -> bool:
    return fmt in _COMMENTS


def apply(
    result: FileResult,
    lines: Sequence[str],
    fmt: str,
    resolve: Resolve,
    later: frozenset[str] = frozenset(),
    off: frozenset[str] = frozenset(),
) -> Outcome:
    """Silence what the comments in the file's `lines` cover; report unused and malformed ones.

    A suppression naming a rule of `later` (rules run afterwards over a set of reports) is not
    unused yet: it is returned as deferred, for `apply_deferred` once those rules have run (a
    plain run, which never runs them, drops it without a word). One whose rules are all `off`
    (switched off by --disable or --select) cannot be judged and is not reported either; nor are
    unused or malformed suppressions when OGI-S001 or OGI-S002 is itself off."""
    if fmt not in _COMMENTS or result.error:
        return Outcome(result, 0)
    found, problems = parse(lines, fmt, resolve)
    kept, used = _filter(result.findings, found, fmt)
    judged = [s for s in found if not s.codes <= off]
    waiting = tuple((s, s in used) for s in judged if s.codes & later)
    extra = [_unused(s) for s in judged if s not in used and not s.codes & later]
    extra = [*(extra if UNUSED.id not in off else ()), *(problems if INVALID.id not in off else ())]
    findings = tuple(sorted([*kept, *extra], key=Finding.sort_key))
    deferred = Deferred(fmt, waiting, UNUSED.id not in off) if waiting else None
    return Outcome(replace(result, findings=findings), len(result.findings) - len(kept), deferred)


def apply_deferred(findings: Sequence[Finding], deferred: Deferred) -> tuple[list[Finding], int]:
    """The set rules' findings about a file, less what its deferred suppressions cover, plus an
    unused-suppression finding for each that silenced nothing at all; and how many were
    silenced."""
    found = [s for s, _ in deferred.items]
    kept, used = _filter(findings, found, deferred.fmt)
    unused = [_unused(s) for s, before in deferred.items if not before and s not in used]
    if not deferred.report_unused:
        unused = []
    return [*kept, *unused], len(findings) - len(kept)


def parse(
    lines: Sequence[str], fmt: str, resolve: Resolve
) -> tuple[list[Suppression], list[Finding]]:
    pattern = _COMMENTS[fmt]
    found: list[Suppression] = []
    problems: list[Finding] = []
    for index, line in enumerate(lines):
        for match in pattern.finditer(line):
            parsed = _directive(match.group("body").strip(), resolve)
            if isinstance(parsed, str):
                problems.append(_invalid(index + 1, match.start() + 1, parsed))
                continue
            kind, codes, reason = parsed
            whole = kind == "disable-file"
            target = None if whole else _target(lines, index, pattern)
            found.append(Suppression(index + 1, codes, reason, target, whole))
    return found, problems


def _directive(body: str, resolve: Resolve) -> tuple[str, frozenset[str], str] | str:
    """(kind, rule ids, reason), or what is wrong with the comment."""
    match = _DIRECTIVE.match(body)
    if match is None:
        return f"无法识别的指令 unrecognised directive: {body!r} (expected disable=RULES reason=…)"
    reason = (match.group("reason") or "").strip()
    if not reason:
        return "缺少原因 reason= is required"
    names = [c for c in match.group("codes").split(",") if c]
    if not names:
        return "未指明规则 no rule named"
    unknown = [n for n in names if resolve(n) is None]
    if unknown:
        return f"未知规则 unknown rule: {', '.join(unknown)}"
    return match.group("kind"), frozenset(str(resolve(n)) for n in names), reason


def _target(lines: Sequence[str], index: int, pattern: re.Pattern[str]) -> int | None:
    """The line a `disable=` comment on line `index` covers (1-based), if any."""
    if pattern.sub("", lines[index]).strip():
        return index + 1
    for later in range(index + 1, len(lines)):
        if pattern.sub("", lines[later]).strip():  # blank and comment-only lines are skipped
            return later + 1
    return None


def _filter(
    findings: Sequence[Finding], found: Sequence[Suppression], fmt: str
) -> tuple[list[Finding], set[Suppression]]:
    kept: list[Finding] = []
    used: set[Suppression] = set()
    for finding in findings:
        line = source_line(finding.problem.location, fmt)
        covering = [s for s in found if _covers(s, finding.rule.id, line)]
        used.update(covering)
        if not covering:
            kept.append(finding)
    return kept, used


def _covers(suppression: Suppression, rule_id: str, line: int | None) -> bool:
    if rule_id not in suppression.codes:
        return False
    return suppression.whole_file or (line is not None and suppression.target == line)


def source_line(location: Location, fmt: str) -> int | None:
    """The line of the file a finding is on, where that is known."""
    labelled = _SOURCE_LINE.search(location.part or "")
    if labelled:
        return int(labelled.group(1))
    return location.line if fmt == "md" else None


def _unused(s: Suppression) -> Finding:
    codes = ", ".join(sorted(s.codes))
    message = Message(
        f"抑制注释未抑制任何问题（{codes}），请删除：{s.reason}",
        f"suppression of {codes} silences nothing; remove it ({s.reason})",
    )
    problem = Problem(message, Location(s.line, 1), where=f"ogi-check:{codes}")
    return Finding(UNUSED, UNUSED.severity, problem)


def _invalid(line: int, column: int, detail: str) -> Finding:
    message = Message(f"抑制注释无效：{detail}", f"invalid suppression comment: {detail}")
    problem = Problem(message, Location(line, column), where="ogi-check")
    return Finding(INVALID, INVALID.severity, problem)
