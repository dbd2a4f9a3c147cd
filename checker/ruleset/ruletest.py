"""Run the PASS and FAIL examples written in rule packs (`ogi-check rules test`, the test suite).

A PASS example must give no finding of its rule (cannot-assess notes aside); a FAIL example must
give at least one, a cannot-assess note included (or exactly `count`), one of them at `where`
when stated. An example is a
small `text`, or a `file` with `replace` pairs applied; the file is looked for beside the pack,
then in the pack folder's parent (the bundled packs' files are in the project's `fixtures/`). Each rule runs as
its own pack defines it, with the eras of every pack that includes it.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from checker.core.document import Document
from checker.core.errors import RuleFileError
from checker.core.rules import Example, Rule, RuleSet
from checker.core.textnorm import split_lines
from checker.engine import iter_findings
from checker.extract.report import Overrides, build_report
from checker.ruleset.load import bundled_pack_dir, is_set_rule, load_rules

PASS, FAIL, SKIP = "pass", "fail", "skip"


@dataclass(frozen=True)
class Case:
    rule: Rule
    example: Example
    outcome: str  # "pass" | "fail": what the example expects
    index: int

    @property
    def name(self) -> str:
        return f"{self.rule.meta.id}-{self.outcome}-{self.index}"

    @property
    def pack_file(self) -> Path:
        return Path(self.rule.source.rsplit(":", 1)[0])

    @property
    def place(self) -> str:
        return f"{display_path(self.pack_file)}:{self.example.line or '?'}"


@dataclass(frozen=True)
class CaseResult:
    case: Case
    status: str  # "pass" | "fail" | "skip"
    detail: str = ""


class MissingExampleFile(Exception):
    """An example's `file` is not there (a bundled fixture in an install without fixtures)."""


def load_all_packs(extra: Sequence[Path] = ()) -> RuleSet:
    """Every pack, profiles included, so that every rule's examples can run."""
    rules = load_rules(extra)
    profiles = [p.id for p in rules.packs.values() if p.profile]
    return load_rules(extra, profiles) if profiles else rules


def pack_rules(rules: RuleSet, packs: Iterable[str] | None = None) -> list[Rule]:
    """The rules defined by `packs` (all packs when None), as their pack writes them."""
    resolved = {r.meta.id: r for r in rules.rules}
    chosen = list(rules.packs) if packs is None else list(packs)
    out = []
    for pack_id in chosen:
        for rule in rules.packs[pack_id].rules:
            known = resolved.get(rule.meta.id)
            out.append(replace(rule, eras=known.eras) if known else rule)
    return sorted(out, key=lambda r: r.meta.id)


def iter_cases(rules: Iterable[Rule]) -> Iterator[Case]:
    for rule in rules:
        for outcome, examples in ((PASS, rule.passes), (FAIL, rule.fails)):
            for index, example in enumerate(examples):
                yield Case(rule, example, outcome, index)


def run_case(case: Case, rules: RuleSet | None = None) -> CaseResult:
    try:
        found = findings_for(case, rules)
    except MissingExampleFile as exc:
        bundled = case.pack_file.resolve().is_relative_to(bundled_pack_dir().resolve())
        return CaseResult(case, SKIP if bundled else FAIL, str(exc))
    except ValueError as exc:
        return CaseResult(case, FAIL, str(exc))
    problem = judge(case, found)
    return CaseResult(case, FAIL if problem else PASS, problem or "")


def judge(case: Case, found: Sequence[tuple[str, str | None]]) -> str | None:
    """What is wrong with the findings for this case; None when it behaves as written."""
    example = case.example
    if case.outcome == PASS:
        return f"expected no finding, got {len(found)}: {_show(found)}" if found else None
    if not found:
        return "expected a finding, got none"
    if example.count is not None and len(found) != example.count:
        return f"expected {example.count} finding(s), got {len(found)}: {_show(found)}"
    if example.where is not None and example.where not in [where for _, where in found]:
        return f"expected a finding at {example.where!r}, got: {_show(found)}"
    return None


def _show(found: Sequence[tuple[str, str | None]]) -> str:
    return "; ".join(f"{message} [{where}]" if where else message for message, where in found)


def findings_for(case: Case, rules: RuleSet | None = None) -> list[tuple[str, str | None]]:
    """(message, where) of each finding the case's rule gives on its example."""
    rule, example = case.rule, case.example
    if is_set_rule(rule) or example.reports:
        return _set_findings(case, rules)
    era = example.era or (min(rule.eras) if rule.eras else None)
    overrides = Overrides(
        era=era if example.file is None else example.era, agency_kind=example.agency_kind
    )
    document = Document(lines=split_lines(example_text(case)))
    templates = rules.table_templates if rules is not None else None
    report = build_report(document, "<example>", "txt", overrides, templates)
    return [
        (f.problem.message.zh, f.problem.where)
        for f in iter_findings(report, [rule])
        if case.outcome == FAIL or not f.problem.cannot_assess  # a PASS may say "cannot assess"
    ]


def _set_findings(case: Case, rules: RuleSet | None) -> list[tuple[str, str | None]]:
    """A set rule's case: each report of the example built and summarised, then the rule run
    over them all, as a batch runs it."""
    from checker.engine import extract_set_data, iter_set_findings
    from checker.kinds.sets.reportset import ReportSet
    from checker.kinds.sets.summary import Identity, ReportSummary

    rule = case.rule
    if not is_set_rule(rule) or not case.example.reports:
        raise ValueError("a set rule's example is a `set` of reports; other rules' are not")
    summaries = []
    for index, member in enumerate(case.example.reports):
        overrides = Overrides(era=member.era, agency_kind=member.agency_kind)
        document = Document(lines=split_lines(example_text(replace(case, example=member))))
        templates = rules.table_templates if rules is not None else None
        report = build_report(document, f"<example {index + 1}>", "txt", overrides, templates)
        meta = report.metadata
        identity = Identity(meta.agency, meta.year, meta.agency_kind)
        data = extract_set_data(report, [rule])
        summaries.append(ReportSummary(index, report.path, identity, meta.era, data=data))
    reports = ReportSet(summaries)
    try:
        return [
            (f.problem.message.zh, f.problem.where)
            for _, f in iter_set_findings(reports, lambda _: {rule.meta.id: rule})
            if case.outcome == FAIL or not f.problem.cannot_assess
        ]
    finally:
        reports.close()


def example_text(case: Case) -> str:
    example = case.example
    if example.text is not None:
        return example.text
    if example.file is None:
        raise ValueError("example has neither text nor file")
    text = _example_file(case.pack_file, example.file).read_text(encoding="utf-8")
    for old, new in example.replace:
        if old not in text:
            raise ValueError(f"replacement target not in {example.file}: {old!r}")
        text = text.replace(old, new)
    return text


def _example_file(pack_file: Path, name: str) -> Path:
    folder = pack_file.parent
    bundled = bundled_pack_dir().resolve()
    extra = [bundled.parent] if folder.resolve().is_relative_to(bundled) else []
    for base in (folder, folder.parent, *extra):
        if (base / name).is_file():
            return base / name
    raise MissingExampleFile(f"example file not found beside {pack_file}: {name}")


def select_packs(rules: RuleSet, names: Iterable[str]) -> list[str]:
    """Pack ids from what the user named: pack ids, pack files, or folders of packs."""
    chosen: list[str] = []
    for name in names:
        path = Path(name)
        if path.exists():
            found = [p.id for p in rules.packs.values() if _within(Path(p.path), path)]
        else:
            found = [name] if name in rules.packs else []
        if not found:
            known = ", ".join(rules.packs)
            raise RuleFileError(name, f"no such pack (known: {known})")
        chosen.extend(f for f in found if f not in chosen)
    return chosen


def _within(pack_file: Path, named: Path) -> bool:
    pack, target = pack_file.resolve(), named.resolve()
    return pack == target or (named.is_dir() and pack.is_relative_to(target))


def display_path(path: Path) -> str:
    """Bundled packs as `rules/…`; a user's pack relative to the working directory."""
    absolute = Path(os.path.abspath(path))
    bundled = Path(os.path.abspath(bundled_pack_dir()))
    if absolute.is_relative_to(bundled):
        return "rules/" + absolute.relative_to(bundled).as_posix()
    try:
        return absolute.relative_to(Path.cwd()).as_posix()
    except ValueError:
        return path.as_posix()
