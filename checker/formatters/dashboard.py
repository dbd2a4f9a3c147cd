"""The office dashboard (`--format html`): one self-contained HTML file — no network, no CDN —
with charts drawn as inline SVG (pass rate, most frequent defects, lateness), and a sortable,
filterable table of the reports in which a click opens the report's findings.

The charts are drawn here from the batch's totals; the table's rows are embedded as JSON,
written one report at a time from the spool, and laid out by a small script in the page."""

from __future__ import annotations

import html
import json
from collections import Counter
from collections.abc import Sequence
from datetime import datetime
from typing import Any, TextIO

from checker import __version__
from checker.batch.results import BatchResult
from checker.core.findings import FileResult, RuleMeta, Severity
from checker.formatters import office
from checker.kinds.sets.summary import ReportSummary

TOP_RULES = 10
COLORS = {"pass": "#2e7d32", "fail": "#c62828", "unreadable": "#757575", "bar": "#1565c0"}


def write(batch: BatchResult, catalog: Sequence[RuleMeta], lang: str, out: TextIO) -> None:
    metas = {m.id: m for m in catalog} | batch.metas
    out.write(_HEAD)
    out.write(_header(batch))
    out.write('<section class="charts">')
    out.write(_figure("通过率", _pass_chart(batch)))
    out.write(_figure("最常见的问题（前10条规则）", _rules_chart(batch, metas)))
    out.write(_figure("发布时效", _lateness_chart(batch)))
    out.write("</section>\n")
    out.write(_TABLE)
    out.write('<script type="application/json" id="ogi-data">[')
    for number, (summary, result) in enumerate(batch.iter_reports()):
        out.write(("," if number else "") + "\n" + _json(_row(summary, result)))
    out.write("\n]</script>\n")
    out.write(f"<script>{_SCRIPT}</script>\n</body>\n</html>\n")


def _json(value: Any) -> str:
    """JSON safe inside <script>: no '</' can close the element early."""
    return json.dumps(value, ensure_ascii=False).replace("</", "<\\/")


def _row(summary: ReportSummary, result: FileResult) -> dict[str, Any]:
    ident, tally = summary.identity, office.counts(result)
    findings = [
        [
            f.rule.id,
            f.severity.label,
            f.problem.where or f.problem.location.part or "",
            f.problem.message.zh,
            _text(f.problem.expected),
            _text(f.problem.actual),
            f.problem.location.line,
        ]
        for f in result.findings
    ]
    if result.error:
        findings.insert(
            0, ["无法读取", "error", result.error.code, result.error.message, "", "", None]
        )
    return {
        "path": summary.path,
        "agency": ident.agency or "",
        "year": ident.year,
        "kind": office.KIND_ZH.get(ident.agency_kind or "", ""),
        "status": office.status(result),
        "error": tally[Severity.ERROR],
        "warning": tally[Severity.WARNING],
        "info": tally[Severity.INFO],
        "late": office.late_days(summary),
        "findings": findings,
    }


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _header(batch: BatchResult) -> str:
    readable = batch.files - batch.unreadable
    passed = readable - batch.with_errors
    late = sum(1 for s in batch.summaries if (office.late_days(s) or 0) > 0)
    cards = [
        ("报告", batch.files),
        ("通过（无错误）", passed),
        ("有错误", batch.with_errors),
        ("无法读取", batch.unreadable),
        ("逾期发布", late),
        ("问题总数", sum(batch.severities.values())),
    ]
    stamp = datetime.now().strftime("%Y-%m-%d %H:%M")
    items = "".join(
        f'<div class="card"><div class="num">{n}</div><div class="label">{html.escape(t)}</div></div>'
        for t, n in cards
    )
    return (
        f"<header><h1>政府信息公开工作年度报告检查汇总</h1>"
        f"<p>ogi-check {__version__} · 生成于 {stamp} · 用时 {batch.elapsed:.1f} 秒</p></header>\n"
        f'<section class="cards">{items}</section>\n'
    )


def _figure(title: str, svg: str) -> str:
    return f"<figure><figcaption>{html.escape(title)}</figcaption>{svg}</figure>"


def _pass_chart(batch: BatchResult) -> str:
    """A donut: passed, with errors, unreadable."""
    readable = batch.files - batch.unreadable
    parts = [
        ("通过", readable - batch.with_errors, COLORS["pass"]),
        ("有错误", batch.with_errors, COLORS["fail"]),
        ("无法读取", batch.unreadable, COLORS["unreadable"]),
    ]
    total = max(1, batch.files)
    radius, circumference = 60, 2 * 3.141592653589793 * 60
    offset, arcs = 0.0, []
    for label, value, color in parts:
        length = circumference * value / total
        arcs.append(
            f'<circle r="{radius}" cx="90" cy="90" fill="none" stroke="{color}" stroke-width="28" '
            f'stroke-dasharray="{length:.2f} {circumference - length:.2f}" '
            f'stroke-dashoffset="{-offset:.2f}" transform="rotate(-90 90 90)">'
            f"<title>{label} {value}</title></circle>"
        )
        offset += length
    rate = (readable - batch.with_errors) / batch.files if batch.files else 0.0
    legend = "".join(
        f'<rect x="200" y="{40 + i * 26}" width="14" height="14" fill="{c}"/>'
        f'<text x="220" y="{52 + i * 26}">{label} {v}</text>'
        for i, (label, v, c) in enumerate(parts)
    )
    return (
        f'<svg class="chart" id="chart-pass" viewBox="0 0 360 180" role="img" aria-label="通过率 {rate:.1%}">'
        f'<circle r="{radius}" cx="90" cy="90" fill="none" stroke="#eee" stroke-width="28"/>'
        + "".join(arcs)
        + f'<text x="90" y="96" text-anchor="middle" class="big">{rate:.1%}</text>{legend}</svg>'
    )


def _bars(rows: Sequence[tuple[str, int, str]], chart_id: str, label_width: int = 170) -> str:
    """Horizontal bars: (label, value, tooltip) per row."""
    top = max((v for _, v, _ in rows), default=0) or 1
    height = 24 * len(rows) + 10
    width = 560
    bars = []
    for i, (label, value, tip) in enumerate(rows):
        y = 5 + i * 24
        length = (width - label_width - 60) * value / top
        bars.append(
            f"<g><title>{html.escape(tip)}</title>"
            f'<text x="{label_width - 6}" y="{y + 14}" text-anchor="end">{html.escape(label)}</text>'
            f'<rect x="{label_width}" y="{y + 2}" width="{length:.1f}" height="16" fill="{COLORS["bar"]}"/>'
            f'<text x="{label_width + length + 4:.1f}" y="{y + 14}">{value}</text></g>'
        )
    if not rows:
        bars.append('<text x="10" y="20">无</text>')
        height = 30
    return (
        f'<svg class="chart" id="{chart_id}" viewBox="0 0 {width} {height}" role="img">'
        + "".join(bars)
        + "</svg>"
    )


def _rules_chart(batch: BatchResult, metas: dict[str, RuleMeta]) -> str:
    top = sorted(batch.rule_files.items(), key=lambda item: (-item[1], item[0]))[:TOP_RULES]
    rows = []
    for rule_id, files in top:
        meta = metas.get(rule_id)
        title = meta.title.zh if meta else rule_id
        short = title if len(title) <= 9 else title[:8] + "…"
        rows.append((f"{rule_id} {short}", files, f"{rule_id} {title}：{files} 份报告"))
    return _bars(rows, "chart-rules", 230)


def _lateness_chart(batch: BatchResult) -> str:
    bands = Counter(office.lateness_band(s) for s in batch.summaries if s.readable)
    rows = [(band, bands[band], f"{band}：{bands[band]} 份报告") for band in office.LATENESS_BANDS]
    return _bars(rows, "chart-late", 120)


_HEAD = """<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<title>政府信息公开工作年度报告检查汇总</title>
<style>
body{font-family:"Microsoft YaHei","PingFang SC","Noto Sans CJK SC",sans-serif;margin:0;padding:0 24px 40px;color:#222;background:#fafafa}
header h1{font-size:22px;margin:20px 0 4px}header p{color:#666;margin:0 0 16px}
.cards{display:flex;flex-wrap:wrap;gap:12px;margin-bottom:16px}
.card{background:#fff;border:1px solid #ddd;border-radius:6px;padding:10px 18px;min-width:110px}
.card .num{font-size:24px;font-weight:bold}.card .label{color:#666;font-size:13px}
.charts{display:flex;flex-wrap:wrap;gap:16px}
figure{background:#fff;border:1px solid #ddd;border-radius:6px;margin:0;padding:10px 14px;flex:1 1 420px;max-width:620px}
figcaption{font-weight:bold;margin-bottom:6px}
svg.chart{width:100%;font-size:13px}svg.chart .big{font-size:20px;font-weight:bold}
#reports{margin-top:20px}
#filter{padding:6px 10px;width:320px;margin:8px 0;font-size:14px}
table{border-collapse:collapse;width:100%;background:#fff;font-size:13px}
th,td{border:1px solid #ddd;padding:5px 8px;text-align:left;vertical-align:top}
th{background:#ddebf7;cursor:pointer;user-select:none;position:sticky;top:0}
th.asc::after{content:" ▲"}th.desc::after{content:" ▼"}
tr.report{cursor:pointer}tr.report:hover{background:#f1f7ff}
tr.open{background:#e3f0ff}
td.num{text-align:right}
.s-有错误{color:#c62828;font-weight:bold}.s-无法读取{color:#757575;font-weight:bold}
.s-有警告{color:#e65100}.s-无问题,.s-仅有提示{color:#2e7d32}
tr.detail td{background:#fcfcfc}
.detail table{margin:4px 0}.detail .path{color:#666;margin-bottom:4px}
.sev-error{color:#c62828}.sev-warning{color:#e65100}.sev-info{color:#1565c0}
</style>
</head>
<body>
"""

_TABLE = """<section id="reports">
<h2>各机关报告</h2>
<input id="filter" type="search" placeholder="筛选：机关、文件、状态…" aria-label="筛选">
<span id="shown"></span>
<table id="report-table">
<thead><tr>
<th data-key="agency">机关</th><th data-key="year">年度</th><th data-key="kind">机关类型</th>
<th data-key="status">状态</th><th data-key="error">错误</th><th data-key="warning">警告</th>
<th data-key="info">提示</th><th data-key="late">逾期天数</th><th data-key="path">文件</th>
</tr></thead>
<tbody></tbody>
</table>
</section>
"""

_SCRIPT = r"""
(function () {
  "use strict";
  var rows = JSON.parse(document.getElementById("ogi-data").textContent);
  rows.forEach(function (r, i) { r.index = i; });
  var body = document.querySelector("#report-table tbody");
  var filter = document.getElementById("filter");
  var shown = document.getElementById("shown");
  var sortKey = null, sortDir = 1, openIndex = null;
  var LIMIT = 2000;
  var SEV = {error: "错误", warning: "警告", info: "提示"};

  function esc(text) {
    return String(text === null || text === undefined ? "" : text)
      .replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  }
  function compare(a, b) {
    var x = a[sortKey], y = b[sortKey];
    if (x === null || x === undefined) { x = typeof y === "number" ? -1 : ""; }
    if (y === null || y === undefined) { y = typeof x === "number" ? -1 : ""; }
    if (typeof x === "number" && typeof y === "number") { return (x - y) * sortDir || a.index - b.index; }
    return String(x).localeCompare(String(y), "zh-CN") * sortDir || a.index - b.index;
  }
  function visible() {
    var q = filter.value.trim();
    var list = rows.filter(function (r) {
      return !q || (r.agency + " " + r.path + " " + r.status + " " + r.kind + " " + r.year).indexOf(q) >= 0;
    });
    if (sortKey) { list.sort(compare); }
    return list;
  }
  function detail(r) {
    var items = r.findings.map(function (f) {
      return "<tr><td>" + esc(f[0]) + "</td><td class=\"sev-" + esc(f[1]) + "\">" + esc(SEV[f[1]] || f[1]) +
        "</td><td>" + esc(f[6]) + "</td><td>" + esc(f[2]) + "</td><td>" + esc(f[3]) + "</td><td>" + esc(f[4]) +
        "</td><td>" + esc(f[5]) + "</td></tr>";
    }).join("");
    var inner = r.findings.length ?
      "<table class=\"findings\"><thead><tr><th>规则</th><th>级别</th><th>行</th><th>位置</th><th>问题</th><th>应为</th><th>实为</th></tr></thead><tbody>" +
      items + "</tbody></table>" : "<p>未发现问题</p>";
    return "<tr class=\"detail\" data-detail=\"" + r.index + "\"><td colspan=\"9\"><div class=\"path\">" + esc(r.path) +
      "</div>" + inner + "</td></tr>";
  }
  function render() {
    var list = visible();
    var html = [];
    list.slice(0, LIMIT).forEach(function (r) {
      html.push("<tr class=\"report" + (openIndex === r.index ? " open" : "") + "\" data-index=\"" + r.index + "\">" +
        "<td>" + esc(r.agency) + "</td><td class=\"num\">" + esc(r.year) + "</td><td>" + esc(r.kind) +
        "</td><td class=\"s-" + esc(r.status) + "\">" + esc(r.status) + "</td><td class=\"num\">" + r.error +
        "</td><td class=\"num\">" + r.warning + "</td><td class=\"num\">" + r.info + "</td><td class=\"num\">" +
        esc(r.late) + "</td><td>" + esc(r.path) + "</td></tr>");
      if (openIndex === r.index) { html.push(detail(r)); }
    });
    body.innerHTML = html.join("");
    shown.textContent = "显示 " + Math.min(list.length, LIMIT) + " / " + list.length + " 份（共 " + rows.length + " 份）";
  }
  document.querySelectorAll("#report-table thead th").forEach(function (th) {
    th.addEventListener("click", function () {
      var key = th.getAttribute("data-key");
      sortDir = sortKey === key ? -sortDir : (["error", "warning", "info", "late", "year"].indexOf(key) >= 0 ? -1 : 1);
      sortKey = key;
      document.querySelectorAll("#report-table thead th").forEach(function (other) { other.className = ""; });
      th.className = sortDir > 0 ? "asc" : "desc";
      render();
    });
  });
  body.addEventListener("click", function (event) {
    var tr = event.target.closest("tr.report");
    if (!tr) { return; }
    var index = Number(tr.getAttribute("data-index"));
    openIndex = openIndex === index ? null : index;
    render();
  });
  filter.addEventListener("input", render);
  render();
})();
"""
