"""The correction notice (整改通知): a Word document listing a version's confirmed findings."""

from __future__ import annotations

import io
from datetime import date

from checker.desk.annotate import SEVERITY_ZH
from checker.desk.models import Notice, Submission


def _date(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def notice_bytes(submission: Submission, notice: Notice) -> bytes:
    import docx

    body, year = submission.body, submission.body.round.year
    confirmed = list(submission.findings.filter(review="confirmed"))
    document = docx.Document()
    document.add_heading(f"关于{body.name}{year}年政府信息公开工作年度报告的整改通知", level=1)
    document.add_paragraph(f"{body.name}：")
    document.add_paragraph(
        f"经审核，你单位报送的{year}年政府信息公开工作年度报告（第{submission.version}版，"
        f"文件“{submission.original_name}”）存在以下 {len(confirmed)} 个问题，"
        f"请于{_date(notice.due)}前完成整改，并重新报送。"
    )
    table = document.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    for cell, title in zip(table.rows[0].cells, ("序号", "位置", "问题", "级别"), strict=True):
        cell.text = title
    for number, finding in enumerate(confirmed, start=1):
        place = finding.part or finding.where or (f"第{finding.line}行" if finding.line else "全文")
        cells = table.add_row().cells
        cells[0].text = str(number)
        cells[1].text = place
        cells[2].text = f"{finding.message}（{finding.rule}）"
        cells[3].text = SEVERITY_ZH.get(finding.severity, finding.severity)
    document.add_paragraph("")
    document.add_paragraph(f"整改期限：{_date(notice.due)}")
    document.add_paragraph(f"政务公开办\n{_date(notice.created_at.date())}")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
