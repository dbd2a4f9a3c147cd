"""Debian's chromium driven by Selenium through chromedriver (nothing downloaded), for the tests
that look at a page: the batch dashboard and the review desk. Headless, with the flags that keep
it from reaching out to the network on its own (this machine has none, and the tests assert
that no request leaves the page)."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")

needs_browser = pytest.mark.skipif(
    CHROMIUM is None or DRIVER is None,
    reason="chromium and chromedriver are not installed (apt-get install chromium chromium-driver)",
)


@contextmanager
def chromium(
    window: str, extra_flags: tuple[str, ...] = (), prefs: Mapping[str, Any] | None = None
) -> Iterator[Any]:
    """A headless chromium with a fresh profile (removed afterwards) and its console and network
    logs kept; `window` is "WIDTH,HEIGHT"."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="ogi-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in (
        "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--no-first-run", "--disable-extensions", f"--user-data-dir={profile}",
        f"--window-size={window}", *extra_flags,
    ):  # fmt: skip
        options.add_argument(flag)
    if prefs:
        options.add_experimental_option("prefs", dict(prefs))
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    driver = webdriver.Chrome(service=Service(executable_path=str(DRIVER)), options=options)
    driver.set_page_load_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)
