"""Open a page in Chromium as on screen and as printed; print what a test needs as JSON.

Run as a subprocess by test_quota_print.py, so it never shares a Playwright instance (and its
asyncio loop) with the browser fixture that other test modules start in the same worker.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

from browser_support import CHROMIUM, CHROMIUM_ARGS

CHROME = (".md-header", ".md-sidebar--primary", ".md-footer", ".ward-stats__nav")


def probe(url: str, pdf_path: str) -> dict:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(url)
        heading = page.locator(".ward-stats__print-head")
        result = {"screen_heading": heading.is_visible(), "screen_header": page.locator(".md-header").is_visible()}
        page.emulate_media(media="print")
        result["print_heading"] = heading.is_visible() and heading.inner_text()
        result["print_chrome_visible"] = [sel for sel in CHROME if page.locator(sel).first.is_visible()]
        result["print_table"] = page.locator(".ward-stats__table").is_visible()
        page.set_viewport_size({"width": 703, "height": 1000})  # A4 width minus the @page margins
        result["table_width"] = page.evaluate("document.querySelector('.ward-stats__table').scrollWidth")
        Path(pdf_path).write_bytes(page.pdf(format="A4"))
        browser.close()
    return result


if __name__ == "__main__":
    print(json.dumps(probe(sys.argv[1], sys.argv[2]), ensure_ascii=False))
