"""The desk in a real browser (Debian's chromium through Selenium, as the dashboard test): a body
clerk uploads the 2021 report with defects, sees the findings marked in the text, cannot file
without explanations, files with them; the office sees the status, confirms one finding,
dismisses another, sends the notice, downloads it and the annotated docx, accepts the corrected
version; another body cannot open the first body's submission. 1366×768, no request leaves the
desk, no console error. Screenshots of the main pages go to tests/artifacts/desk-*.png."""

from __future__ import annotations

import json
import shutil
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser import chromium, needs_browser
from tests.conftest import FIXTURES, ROOT
from tests.desk_support import PASSWORD, desk_cli, running_server

ARTIFACTS = ROOT / "tests" / "artifacts"
ROSTER = "机关名称,机关类型,上级机关\n清河县人民政府,government,\n清河县市场监督管理局,department,清河县人民政府\n清河县教育局,department,清河县人民政府\n"

pytestmark = needs_browser


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("desk")
    db, data = str(folder / "desk.sqlite3"), folder / "data"
    desk_cli(db, data, "init")
    (folder / "roster.csv").write_text(ROSTER, encoding="utf-8")
    desk_cli(db, data, "roster", "import", str(folder / "roster.csv"), "--year", "2023")
    for name, role, body in (("office", "office", ""), ("scjg", "body", "清河县市场监督管理局"),
                             ("jyj", "body", "清河县教育局")):  # fmt: skip
        extra = ["--body", body] if body else []
        desk_cli(db, data, "user", "add", name, "--role", role, *extra, stdin=PASSWORD + "\n")
    with running_server(db, data) as base:
        yield base


@pytest.fixture(scope="module")
def downloads() -> Iterator[Path]:
    folder = Path(tempfile.mkdtemp(prefix="ogi-desk-downloads-"))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="module")
def browser(downloads: Path) -> Iterator[Any]:
    prefs = {"download.default_directory": str(downloads), "download.prompt_for_download": False}
    with chromium("1366,768", ("--lang=zh-CN",), prefs) as driver:
        yield driver


def log_in(driver: Any, base: str, name: str) -> None:
    from selenium.webdriver.common.by import By

    driver.delete_all_cookies()
    driver.get(base + "/login/")
    driver.find_element(By.ID, "id_username").send_keys(name)
    driver.find_element(By.ID, "id_password").send_keys(PASSWORD)
    navigate(driver, driver.find_element(By.ID, "login"))


def navigate(driver: Any, element: Any) -> None:
    """Click what submits a form or follows a link, and wait for the next page."""
    from selenium.common.exceptions import WebDriverException
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    page = driver.find_element(By.TAG_NAME, "html")
    element.click()

    def gone(_: Any) -> bool:
        try:
            page.is_enabled()
        except WebDriverException:  # stale, or no longer in the document
            return True
        return False

    WebDriverWait(driver, 60).until(gone)


def shot(driver: Any, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    driver.save_screenshot(str(ARTIFACTS / f"desk-{name}.png"))


def wait_for(path: Path, timeout: float = 30) -> Path:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if path.exists() and path.stat().st_size > 0:
            return path
        time.sleep(0.2)
    raise AssertionError(f"{path.name} was not downloaded")


def upload(driver: Any, base: str, path: Path) -> None:
    from selenium.webdriver.common.by import By

    driver.get(base + "/body/")
    driver.find_element(By.ID, "file").send_keys(str(path))
    navigate(driver, driver.find_element(By.ID, "upload"))


def test_a_round_in_the_browser(server: str, browser: Any, downloads: Path) -> None:
    import docx
    from selenium.webdriver.common.by import By

    driver, find, finds = browser, browser.find_element, browser.find_elements
    driver.get(server + "/login/")
    shot(driver, "login")

    # The body's clerk uploads the report with defects: findings marked in the text.
    log_in(driver, server, "scjg")
    upload(driver, server, FIXTURES / "parity" / "defects_2021.docx")
    assert "/submissions/" in driver.current_url
    submission_url = driver.current_url
    assert len(finds(By.CSS_SELECTOR, "li.finding")) >= 5
    assert finds(By.CSS_SELECTOR, "table.grid td.hit .mark")  # a table cell marked
    assert finds(By.CSS_SELECTOR, "#doc p.hit .mark")  # a paragraph marked
    finds(By.CSS_SELECTOR, "li.finding")[0].find_element(By.CSS_SELECTOR, ".fmsg").click()
    assert finds(By.CSS_SELECTOR, "#doc .sel")  # a click on a finding selects its place
    shot(driver, "body-findings")

    # The filing gate: refused without explanations, accepted with them.
    navigate(driver, find(By.ID, "submit-version"))
    assert "没有填写说明" in find(By.CSS_SELECTOR, ".msg.error").text
    for area in finds(By.CSS_SELECTOR, "textarea"):
        area.send_keys("数据已与业务系统核对，系填报笔误")
    navigate(driver, find(By.ID, "submit-version"))
    assert "已报送" in find(By.CSS_SELECTOR, ".msg.success").text
    assert find(By.ID, "body-status").text == "待复核"

    # Another body cannot open it.
    log_in(driver, server, "jyj")
    driver.get(submission_url)
    assert "无权查看" in find(By.ID, "not-found").text
    assert not finds(By.CSS_SELECTOR, "li.finding")

    # The office: the roster shows the status; one finding confirmed, another dismissed.
    log_in(driver, server, "office")
    row = next(
        r for r in finds(By.CSS_SELECTOR, "#roster tbody tr") if "清河县市场监督管理局" in r.text
    )
    assert "待复核" in row.text
    assert "待复核 1" in find(By.ID, "counts").text and "未提交 2" in find(By.ID, "counts").text
    shot(driver, "office-roster")
    navigate(driver, row.find_element(By.CSS_SELECTOR, "a.latest"))
    first = finds(By.CSS_SELECTOR, "li.finding")[0]
    navigate(driver, first.find_element(By.CSS_SELECTOR, "button.confirm"))
    second = finds(By.CSS_SELECTOR, "li.finding")[1]
    second.find_element(By.NAME, "reason").send_keys("比例按另一基数计算无误")
    navigate(driver, second.find_element(By.CSS_SELECTOR, "button.dismiss"))
    items = finds(By.CSS_SELECTOR, "li.finding")
    assert "rev-confirmed" in items[0].get_attribute("class")
    assert "rev-dismissed" in items[1].get_attribute("class")
    driver.execute_script("document.getElementById('due').value = '2024-03-15'")
    navigate(driver, find(By.ID, "send-notice"))
    assert find(By.ID, "body-status").text == "已退回"
    shot(driver, "office-review")
    find(By.ID, "notice-docx").click()
    find(By.ID, "annotated").click()
    notice = docx.Document(str(wait_for(downloads / "清河县市场监督管理局-整改通知.docx")))
    assert "2024年3月15日" in "\n".join(p.text for p in notice.paragraphs)
    assert len(notice.tables[0].rows) == 2  # the header and the one confirmed finding
    annotated = docx.Document(str(wait_for(downloads / "defects_2021-批注.docx")))
    assert len(list(annotated.comments)) == len(items)

    # The corrected version (no errors, filed at once) is accepted.
    log_in(driver, server, "scjg")
    upload(driver, server, FIXTURES / "2021" / "valid_department.txt")
    corrected = driver.current_url
    assert "/submissions/" in corrected, find(By.TAG_NAME, "main").text
    log_in(driver, server, "office")
    driver.get(corrected)
    navigate(driver, find(By.ID, "accept"))
    assert find(By.ID, "body-status").text == "已通过"

    # Another body files the very same text: the office sees it as a near-identical report.
    log_in(driver, server, "jyj")
    upload(driver, server, FIXTURES / "2021" / "valid_department.txt")
    log_in(driver, server, "office")
    driver.get(server + "/office/")
    shot(driver, "office-roster-after")
    # The body's page: each status change with its date, the versions, cross-report findings.
    navigate(driver, find(By.LINK_TEXT, "清河县市场监督管理局"))
    changes = [r.text for r in finds(By.CSS_SELECTOR, "#changes tbody tr")]
    assert [c.split()[-2] for c in changes] == ["有错误", "待复核", "已退回", "待复核", "已通过"]
    assert "OGI-X006" in find(By.ID, "body-cross").text  # linked to 清河县教育局's page
    shot(driver, "office-body")
    driver.get(server + "/office/cross/")
    similar = next(r for r in finds(By.CSS_SELECTOR, "#cross tbody tr") if "OGI-X006" in r.text)
    assert "清河县市场监督管理局" in similar.text and "清河县教育局" in similar.text
    shot(driver, "office-cross")
    driver.get(server + "/office/")

    # English, switched by the office user in the page's header: chrome and findings.
    navigate(driver, find(By.ID, "lang-en"))
    assert "Roster for 2023" in find(By.TAG_NAME, "h1").text
    assert "Accepted 1" in find(By.ID, "counts").text
    driver.get(submission_url)
    assert find(By.ID, "body-status").text == "Accepted"
    messages = [e.text for e in finds(By.CSS_SELECTOR, "li.finding .fmsg")]
    assert any("template placeholder" in m for m in messages), messages
    assert "Confirmed" in finds(By.CSS_SELECTOR, "li.finding .review")[0].text
    shot(driver, "office-review-en")
    navigate(driver, find(By.ID, "lang-zh-hans"))
    assert find(By.ID, "body-status").text == "已通过"

    logs = driver.get_log("browser")
    assert [e for e in logs if e["level"] == "SEVERE" and "404" not in e["message"]] == []
    requests = [json.loads(e["message"])["message"] for e in driver.get_log("performance")]
    urls = {
        r["params"]["request"]["url"]
        for r in requests
        if r["method"] == "Network.requestWillBeSent"
    }
    outside = [u for u in urls if not u.startswith((server, "data:", "chrome", "about:"))]
    assert urls and outside == [], outside
