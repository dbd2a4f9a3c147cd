"""The office dashboard (`--format html`) in a real headless browser: Debian's chromium driven by
Selenium through /usr/bin/chromedriver (nothing downloaded). It loads without console errors and
without any network request, the table sorts, a click opens a report's findings. A screenshot
is kept under tests/artifacts/ (git-ignored). CI installs chromium (.ci/run); the test skips
only where the browser is genuinely absent."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from benchmarks.corpus import generate
from checker.cli import main
from tests.browser import chromium, needs_browser
from tests.conftest import ROOT

ARTIFACTS = ROOT / "tests" / "artifacts"

pytestmark = needs_browser


@pytest.fixture(scope="module")
def dashboard(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("reports")
    generate(folder, 120, seed=3)
    target = tmp_path_factory.mktemp("out") / "dashboard.html"
    result = CliRunner().invoke(
        main, ["check", str(folder), "-j", "2", "--format", "html", "-o", str(target), "-q"]
    )
    assert result.exit_code == 1, result.output
    return target


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with chromium("1400,1000") as driver:
        yield driver


def test_dashboard_in_a_browser(dashboard: Path, browser: object) -> None:
    import json

    from selenium.webdriver.common.by import By

    driver: object = browser
    driver.get(dashboard.as_uri())  # type: ignore[attr-defined]
    logs = driver.get_log("browser")  # type: ignore[attr-defined]
    assert [e for e in logs if e["level"] in ("SEVERE", "WARNING")] == []
    requests = [
        json.loads(e["message"])["message"]
        for e in driver.get_log("performance")  # type: ignore[attr-defined]
    ]
    urls = {
        r["params"]["request"]["url"]
        for r in requests
        if r["method"] == "Network.requestWillBeSent"
    }
    # chrome-untrusted: the browser's own new-tab page, loaded before the dashboard (not a
    # network fetch; newer chromium builds log it)
    local = ("file", "data", "chrome", "chrome-untrusted", "about")
    outside = [u for u in urls if u.split(":", 1)[0] not in local]
    assert outside == []  # self-contained: nothing fetched over the network

    find = driver.find_element  # type: ignore[attr-defined]
    finds = driver.find_elements  # type: ignore[attr-defined]
    for chart in ("chart-pass", "chart-rules", "chart-late"):
        assert find(By.ID, chart).tag_name == "svg"
    rows = finds(By.CSS_SELECTOR, "#report-table tbody tr.report")
    assert len(rows) == 120

    errors_header = find(By.CSS_SELECTOR, 'th[data-key="error"]')
    errors_header.click()  # most errors first
    counts = [
        int(r.find_elements(By.TAG_NAME, "td")[4].text) for r in finds(By.CSS_SELECTOR, "tr.report")
    ]
    assert counts == sorted(counts, reverse=True) and counts[0] > 0
    errors_header.click()  # then fewest first
    counts = [
        int(r.find_elements(By.TAG_NAME, "td")[4].text) for r in finds(By.CSS_SELECTOR, "tr.report")
    ]
    assert counts == sorted(counts)
    errors_header.click()

    worst = finds(By.CSS_SELECTOR, "tr.report")[0]
    worst.find_elements(By.TAG_NAME, "td")[0].click()  # drill down
    detail = find(By.CSS_SELECTOR, "tr.detail")
    assert detail.is_displayed()
    rules = [
        td.text for td in detail.find_elements(By.CSS_SELECTOR, "table.findings td:first-child")
    ]
    assert rules and all(r.startswith("OGI-") for r in rules)

    ARTIFACTS.mkdir(exist_ok=True)
    driver.save_screenshot(str(ARTIFACTS / "dashboard.png"))  # type: ignore[attr-defined]
    assert driver.get_log("browser") == []  # type: ignore[attr-defined]
