"""Print the royalty statement page (scripts/royalties.py --format html) in Chromium; report as JSON.

Run as a subprocess by test_royalties_print.py, so it never shares a Playwright instance with
the browser fixture other test modules start in the same worker.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

from browser_support import CHROMIUM, CHROMIUM_ARGS


def probe(html_path: str, pdf_path: str) -> dict:
    requests: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 703, "height": 1000})  # A4 width minus the @page margins
        page.on("request", lambda request: requests.append(request.url))
        page.goto(Path(html_path).resolve().as_uri())
        page.emulate_media(media="print")
        widest = page.evaluate("Math.max(...[...document.querySelectorAll('table')].map(t => t.scrollWidth))")
        signatures = page.locator(".signatures").inner_text()
        pdf = page.pdf(prefer_css_page_size=True)
        browser.close()
    Path(pdf_path).write_bytes(pdf)
    box = re.search(rb"/MediaBox \[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf)
    return {"widest_table": widest, "signatures": signatures, "requests": requests[1:],
            "page_size": [round(float(box.group(1))), round(float(box.group(2)))] if box else None}


if __name__ == "__main__":
    print(json.dumps(probe(sys.argv[1], sys.argv[2]), ensure_ascii=False))
