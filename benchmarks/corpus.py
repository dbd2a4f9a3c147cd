"""A generated corpus of annual reports with a known number of each defect.

    python benchmarks/corpus.py OUT_DIR --count 10000 [--seed 2024]

Every report is a mutation of a fixture (fixtures/20*/valid_*.txt, fixtures/parity/defects_2021.txt):
a new body name (its county or city), the descriptive paragraphs of sections 一 and 五 rewritten
from a phrase bank (so that no two bodies' reports are alike by accident), and at most one defect
planted, whose findings are known in advance — per-report defects (a template leftover, a wrong
share, a garbled date, a cell that breaks a table identity, late publication) and set defects
(a duplicate, last year's carried-forward row that does not match, a broken stock of documents in
force, text or tables copied from last year, a report copied from another body). The same seed
gives the same files, byte for byte; `generate` returns what a checker must find, rule by rule.
Nothing here is committed: tests and benchmarks generate it into a temporary folder.
"""

from __future__ import annotations

import argparse
import csv
import datetime
import random
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import product
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
DEADLINE = "OGI-F040"  # published after 31 January / 31 March (eras 2019 and 2021)
DEADLINE_2008 = "OGI-N005"
DUPLICATE, CARRY, STOCK, TEXT_COPY, TABLE_COPY, OTHER_BODY = (
    "OGI-X001", "OGI-X002", "OGI-X003", "OGI-X004", "OGI-X005", "OGI-X006",
)  # fmt: skip

_NAME_CHARS = (
    "安宁平和丰泰长永兴清白青松柏桂兰梅竹云龙凤鹤鸣川河江湖溪泉石岭山峰源田禾嘉瑞福寿康乐"
    "新华阳明光远东南西北中广德仁义信恒顺昌盛利通达富贵金玉文武"
)
_LEAD = (
    "本年度", "一年来", "工作中", "在具体工作中", "围绕中心工作", "对照上级部署", "结合本地实际",
    "立足职能定位", "坚持问题导向", "按照年度计划", "面向社会公众", "针对群众关切", "聚焦重点领域",
    "着眼长效常态", "注重统筹协调", "坚持守正创新", "紧扣发展大局", "贴近基层需求", "强化系统观念",
    "坚持依法依规", "同时", "此外", "与此同时", "在此基础上", "具体而言", "在实践中",
)  # fmt: skip
_ACTION = (
    "健全信息发布审核机制", "完善政务公开目录体系", "规范栏目内容更新流程", "加强政策文件解读工作",
    "优化网站信息检索功能", "推进基层政务公开标准化", "强化公开平台安全防护", "深化重点领域信息公开",
    "提升政务新媒体运营水平", "落实信息公开保密审查", "开展公开工作业务培训", "加强舆情收集研判回应",
    "规范公共企事业单位信息公开", "推动决策过程公开透明", "完善政民互动交流渠道", "夯实公开工作组织保障",
    "推进办事服务指南公开", "加强历史信息梳理归档", "建立信息公开协调联动机制", "优化政务服务事项公开方式",
    "提高公开内容的准确性", "增强公开信息的可读性", "拓展线下公开查阅场所", "加大政策宣传推广力度",
    "丰富公开内容呈现形式", "推进政务信息资源整合", "细化公开工作任务分工", "完善主动公开基本目录",
    "规范政府网站栏目设置", "加强图解视频解读产品制作", "健全政策咨询答复机制", "推动公开服务向基层延伸",
)  # fmt: skip
_RESULT = (
    "确保公开工作落到实处", "切实方便群众知情办事", "不断提升公开工作质效", "进一步增强政府公信力",
    "有效回应社会关切", "持续优化营商环境", "推动各项任务有序落实", "为群众提供更加便捷的服务",
    "形成上下联动的工作格局", "使公开工作更加规范有序", "促进政策落地见效", "保障公众知情权和参与权",
    "营造良好的公开氛围", "提升群众的获得感和满意度", "推动公开与业务深度融合", "夯实依法行政基础",
    "增强公开工作的系统性", "提高信息发布的时效性", "推进公开工作提质增效", "让权力在阳光下运行",
)  # fmt: skip
_WEAK = (
    "还不够深入", "仍需加强", "有待提升", "还不够及时", "还存在薄弱环节", "与群众期待仍有差距",
    "还不够规范", "需要进一步完善",
)  # fmt: skip


@dataclass(frozen=True)
class Template:
    key: str
    file: str
    place: str  # the county or city in every mention of the body
    year: int
    free_lines: tuple[int, ...]  # 1-based lines of sections 一 and 五 rewritten per report
    problem_lines: tuple[int, ...]  # those in section 五 (a report copying last year's copies all)


DEPT = Template(
    "dept2021", "2021/valid_department.txt", "清河县", 2023, (5, 11, 13, 71, 72), (71, 72)
)
GOV = Template(
    "gov2019", "2019/valid_government.txt", "丰川县", 2020, (5, 11, 13, 72, 73), (72, 73)
)
NARR = Template("narr2008", "2008/valid_narrative.txt", "江州市", 2016, (5, 17, 18), (17, 18))
DEFECTS = Template(
    "defects2021", "parity/defects_2021.txt", "清河县", 2023, (5, 11, 13, 71, 72), (71, 72)
)

# Per-report defects on the 2021 department template: (old, new) and the findings it gives.
DEPT_DEFECTS: dict[str, tuple[tuple[str, str], dict[str, int]]] = {
    "placeholder": (("由{place}市场监督管理局编制", "由XX局编制"), {"OGI-C002": 1}),
    # One wrong share, one finding: the share of a total the text states is OGI-N003's (issue 10).
    "share": (("部分公开7件，占13.2%", "部分公开7件，占15.2%"), {"OGI-N003": 1}),
    "date": (("全年组织政务公开业务培训", "于20233月组织政务公开业务培训"), {"OGI-C003": 1}),
    "t3cell": (
        ("一、本年新收政府信息公开申请数量 | 38 |", "一、本年新收政府信息公开申请数量 | 39 |"),
        {"OGI-F020": 1, "OGI-F022": 1},
    ),
    "t4cell": (
        ("2 | 0 | 1 | 0 | 3 | 1 |", "2 | 0 | 1 | 0 | 4 | 1 |"),
        {"OGI-F023": 1, "OGI-F030": 1},
    ),
}
DEFECTS_FINDINGS = {
    "OGI-C002": 1, "OGI-N003": 1, "OGI-C003": 1,
    "OGI-F020": 1, "OGI-F022": 1, "OGI-F023": 1, "OGI-F030": 1,
}  # fmt: skip
R2_2023 = (3, 1, 0, 0, 0, 0, 4)  # T3 上年结转 of the 2023 department report
R4_ROW = "四、结转下年度继续办理 | 2 | 1 | 0 | 0 | 0 | 0 | 3"
R1_ROW = "一、本年新收政府信息公开申请数量 | 38 | 9 | 0 | 1 | 4 | 0 | 52"

UNITS: tuple[tuple[str, float], ...] = (
    ("dept", 0.34),
    ("dept_defect", 0.20),
    ("gov", 0.08),
    ("narr", 0.08),
    ("defects", 0.04),
    ("pair", 0.07),
    ("pair_carry", 0.02),
    ("pair_stock", 0.02),
    ("pair_text", 0.02),
    ("pair_tables", 0.02),
    ("other_body", 0.04),
    ("duplicate", 0.02),
    ("late", 0.04),
    ("unreadable", 0.01),
)


@dataclass
class Expected:
    """What a checker must find in the corpus: findings per rule, unreadable files, files."""

    files: int = 0
    findings: Counter[str] = field(default_factory=Counter)
    unreadable: int = 0
    units: Counter[str] = field(default_factory=Counter)


class _Writer:
    def __init__(self, out: Path, rng: random.Random, expected: Expected):
        self.out, self.rng, self.expected = out, rng, expected
        self.manifest: list[tuple[str, str, int, str]] = []
        self.names = self._names(rng)

    @staticmethod
    def _names(rng: random.Random) -> Iterator[str]:
        """Distinct place names: every two-character one, then three-character ones."""
        for length in (2, 3):
            names = [
                "".join(t) for t in product(_NAME_CHARS, repeat=length) if len(set(t)) == length
            ]
            rng.shuffle(names)
            yield from names

    def body(self) -> str:
        return next(self.names)

    def file(
        self,
        text: str,
        agency: str | None,
        year: int | None,
        kind: str | None,
        findings: dict[str, int],
    ) -> None:
        name = f"{self.expected.files:05d}.txt"
        (self.out / name).write_text(text, encoding="utf-8")
        self.expected.files += 1
        self.expected.findings.update(findings)
        if agency and year and kind:
            self.manifest.append((name, agency, year, kind))


def _read(template: Template) -> list[str]:
    return (FIXTURES / template.file).read_text(encoding="utf-8").split("\n")


_BASE: dict[str, list[str]] = {}


def _base(template: Template) -> list[str]:
    if template.key not in _BASE:
        _BASE[template.key] = _read(template)
    return list(_BASE[template.key])


def _paragraph(rng: random.Random, sentences: int) -> str:
    out = []
    for _ in range(sentences):
        if rng.random() < 0.5:
            out.append(f"{rng.choice(_LEAD)}，{rng.choice(_ACTION)}，{rng.choice(_RESULT)}。")
        else:
            out.append(
                f"{rng.choice(_ACTION)}{rng.choice(_WEAK)}，{rng.choice(_LEAD)}，{rng.choice(_ACTION)}，{rng.choice(_RESULT)}。"
            )
    return "".join(out)


def _fillers(rng: random.Random, template: Template) -> dict[int, str]:
    return {line: _paragraph(rng, rng.randint(4, 6)) for line in template.free_lines}


def _render(
    template: Template, place: str, fillers: dict[int, str], year: int | None = None
) -> str:
    lines = _base(template)
    for line, text in fillers.items():
        lines[line - 1] = text
    text = "\n".join(lines).replace(template.place, place)
    if year is not None and year != template.year:
        shift = template.year - year
        text = re.sub(
            r"(?<!\d)(20\d\d)(?!\d)",
            lambda m: (
                str(int(m.group(1)) - shift)
                if int(m.group(1)) in (template.year, template.year + 1)
                else m.group(1)
            ),
            text,
        )
    return text


def _replace(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new)


def _prior_tables(text: str, r4: tuple[int, ...], in_force: int) -> str:
    """Last year's department report made consistent with its own tables: R4 as given, R1 moved
    by as much (identity I-3 keeps), the prose that quotes them, documents in force."""
    old_r4 = (2, 1, 0, 0, 0, 0, 3)
    old_r1 = (38, 9, 0, 1, 4, 0, 52)
    r1 = tuple(a + (b - c) for a, b, c in zip(old_r1, r4, old_r4, strict=True))
    text = _replace(text, R4_ROW, "四、结转下年度继续办理 | " + " | ".join(map(str, r4)))
    text = _replace(text, R1_ROW, "一、本年新收政府信息公开申请数量 | " + " | ".join(map(str, r1)))
    text = _replace(text, "收到政府信息公开申请52件", f"收到政府信息公开申请{r1[-1]}件")
    text = _replace(text, "结转下年度继续办理3件", f"结转下年度继续办理{r4[-1]}件")
    text = _replace(text, "行政规范性文件 | 3 | 1 | 12", f"行政规范性文件 | 3 | 1 | {in_force}")
    return _replace(text, "现行有效行政规范性文件12件", f"现行有效行政规范性文件{in_force}件")


# --- units: one or two files each, with what they must give -----------------------------------


def _dept(w: _Writer, defect: str | None = None) -> None:
    place = w.body() + "县"
    text = _render(DEPT, place, _fillers(w.rng, DEPT))
    findings: dict[str, int] = {}
    if defect:
        (old, new), findings = DEPT_DEFECTS[defect]
        text = _replace(text, old.format(place=place), new)
    w.file(text, f"{place}市场监督管理局", 2023, "department", findings)


def _late(w: _Writer) -> None:
    kind = w.rng.choice(("dept", "gov", "narr"))
    days = w.rng.randint(1, 120)
    template = {"dept": DEPT, "gov": GOV, "narr": NARR}[kind]
    place = w.body() + template.place[-1]
    text = _render(template, place, _fillers(w.rng, template))
    deadline = {
        "dept": datetime.date(2024, 1, 31),
        "gov": datetime.date(2021, 3, 31),
        "narr": datetime.date(2017, 3, 31),
    }[kind]
    when = deadline + datetime.timedelta(days=days)
    old = {
        "dept": "发布时间：2024年01月18日",
        "gov": "发布时间：2021-03-20",
        "narr": "发布时间：2017年03月20日",
    }[kind]
    text = _replace(text, old, f"发布时间：{when.year}年{when.month:02d}月{when.day:02d}日")
    rule = DEADLINE_2008 if kind == "narr" else DEADLINE
    agency = {
        "dept": f"{place}市场监督管理局",
        "gov": f"{place}人民政府",
        "narr": f"{place}住房和城乡建设局",
    }[kind]
    body_kind = "government" if kind == "gov" else "department"
    w.file(text, agency, template.year, body_kind, {rule: 1})


def _single(w: _Writer, template: Template, suffix: str, kind: str) -> None:
    place = w.body() + template.place[-1]
    w.file(
        _render(template, place, _fillers(w.rng, template)), place + suffix, template.year, kind, {}
    )


def _defects(w: _Writer) -> None:
    place = w.body() + "县"
    text = _render(DEFECTS, place, _fillers(w.rng, DEFECTS))
    w.file(text, f"{place}市场监督管理局", 2023, "department", DEFECTS_FINDINGS)


def _pair(w: _Writer, defect: str | None) -> None:
    """The same department's reports for 2022 and 2023."""
    place = w.body() + "县"
    agency = f"{place}市场监督管理局"
    before_fill, now_fill = _fillers(w.rng, DEPT), _fillers(w.rng, DEPT)
    if defect == "text":
        now_fill = dict(before_fill)
    before = _render(DEPT, place, before_fill, year=2022)
    findings: dict[str, int] = {}
    if defect == "carry":
        before = _prior_tables(before, (4, 1, 0, 0, 0, 0, 5), 10)
        findings = {CARRY: 2}  # NP and TOT
    elif defect == "stock":
        before = _prior_tables(before, R2_2023, 11)
        findings = {STOCK: 1}
    elif defect == "tables":
        findings = {TABLE_COPY: 2, CARRY: 2, STOCK: 1}  # T2 and T3 copied break both continuities
    else:
        before = _prior_tables(before, R2_2023, 10)
        if defect == "text":
            findings = {TEXT_COPY: 2}  # 总体情况 and 存在的主要问题及改进情况
    w.file(before, agency, 2022, "department", {})
    w.file(_render(DEPT, place, now_fill), agency, 2023, "department", findings)


def _other_body(w: _Writer) -> None:
    """Two departments, the second's report the first's with its name changed."""
    first, second = w.body() + "县", w.body() + "县"
    text = _render(DEPT, first, _fillers(w.rng, DEPT))
    w.file(text, f"{first}市场监督管理局", 2023, "department", {})
    w.file(
        text.replace(first, second), f"{second}市场监督管理局", 2023, "department", {OTHER_BODY: 1}
    )


def _duplicate(w: _Writer) -> None:
    place = w.body() + "县"
    text = _render(DEPT, place, _fillers(w.rng, DEPT))
    w.file(text, f"{place}市场监督管理局", 2023, "department", {})
    w.file(text, f"{place}市场监督管理局", 2023, "department", {DUPLICATE: 1})


def _unreadable(w: _Writer) -> None:
    w.file("", None, None, None, {})
    w.expected.unreadable += 1


_MAKERS: dict[str, Callable[[_Writer], None]] = {
    "dept": _dept,
    "dept_defect": lambda w: _dept(w, w.rng.choice(sorted(DEPT_DEFECTS))),
    "gov": lambda w: _single(w, GOV, "人民政府", "government"),
    "narr": lambda w: _single(w, NARR, "住房和城乡建设局", "department"),
    "defects": _defects,
    "pair": lambda w: _pair(w, None),
    "pair_carry": lambda w: _pair(w, "carry"),
    "pair_stock": lambda w: _pair(w, "stock"),
    "pair_text": lambda w: _pair(w, "text"),
    "pair_tables": lambda w: _pair(w, "tables"),
    "other_body": _other_body,
    "duplicate": _duplicate,
    "late": _late,
    "unreadable": _unreadable,
}
_TWO_FILES = {
    "pair",
    "pair_carry",
    "pair_stock",
    "pair_text",
    "pair_tables",
    "other_body",
    "duplicate",
}


def generate(out: Path, count: int, seed: int = 2024, manifest: bool = True) -> Expected:
    """Write `count` reports into `out` (which must exist) and say what they must give."""
    rng = random.Random(seed)
    expected = Expected()
    writer = _Writer(out, rng, expected)
    kinds, weights = zip(*UNITS, strict=True)
    while expected.files < count:
        unit = rng.choices(kinds, weights)[0]
        if unit in _TWO_FILES and count - expected.files < 2:
            unit = "dept"
        _MAKERS[unit](writer)
        expected.units[unit] += 1
    if manifest:
        with (out / "manifest.csv").open("w", encoding="utf-8", newline="") as f:
            table = csv.writer(f)
            table.writerow(["path", "agency", "year", "agency_kind"])
            table.writerows(writer.manifest)
    return expected


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=2024)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    expected = generate(args.out, args.count, args.seed)
    print(f"{expected.files} files, {expected.unreadable} unreadable, units {dict(expected.units)}")
    for rule, n in sorted(expected.findings.items()):
        print(f"{rule}\t{n}")


if __name__ == "__main__":
    main()
