"""Printing a period page in Chromium gives a clean report: no site chrome, a report heading."""

from __future__ import annotations

import pytest

from browser_support import StaticServer, browser, screenshot  # noqa: F401  (fixture)
from conftest import FixtureSite
from quota_fixture import AS_OF, write_quota_site


@pytest.fixture(scope="module")
def quota_server(tmp_path_factory):
    site = write_quota_site(FixtureSite(tmp_path_factory.mktemp("quota-print")))
    site.build(strict=True, env={"WARD_AS_OF": AS_OF})
    server = StaticServer(site.site)
    yield server
    server.close()


def test_period_page_prints_as_a_clean_a4_report(browser, quota_server):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(quota_server.url("thong-ke/2024/03/"))
    heading = page.locator(".ward-stats__print-head")
    assert not heading.is_visible()  # on screen the site header says it already
    assert page.locator(".md-header").is_visible()
    page.emulate_media(media="print")
    assert heading.is_visible()
    text = heading.inner_text()
    assert "Cổng thông tin điện tử phường Thượng Thanh" in text
    assert "Tháng 3/2024" in text and "Ngày lập báo cáo: 15/04/2024" in text
    for chrome in (".md-header", ".md-sidebar--primary", ".md-footer", ".ward-stats__nav"):
        assert page.locator(chrome).first.is_hidden(), chrome
    table = page.locator(".ward-stats__table")
    assert table.is_visible()
    # The table fits the A4 printable width (210 mm − 24 mm margins ≈ 703 CSS px): nothing cut off.
    page.set_viewport_size({"width": 703, "height": 1000})
    assert page.evaluate("document.querySelector('.ward-stats__table').scrollWidth") <= 703
    screenshot(page, "quota-period-print")
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF") and pdf.count(b"/Type /Page") >= 2  # table, then the article lists
    page.close()
