"""Printing a period page in Chromium gives a clean report: no site chrome, a report heading."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from browser_support import CHROMIUM, StaticServer
from conftest import FixtureSite
from quota_fixture import AS_OF, write_quota_site

PROBE = Path(__file__).with_name("quota_print_probe.py")


def test_period_page_prints_as_a_clean_a4_report(tmp_path):
    if not os.access(CHROMIUM, os.X_OK):
        if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
            pytest.fail(f"{CHROMIUM} is missing (CI: browser tests must run)")
        pytest.skip(f"{CHROMIUM} is missing: run tests/run.sh (installs it)")
    site = write_quota_site(FixtureSite(tmp_path))
    site.build(strict=True, env={"WARD_AS_OF": AS_OF})
    server = StaticServer(site.site)
    try:
        pdf = tmp_path / "report.pdf"
        run = subprocess.run([sys.executable, str(PROBE), server.url("thong-ke/2024/03/"), str(pdf)],
                             capture_output=True, text=True, cwd=PROBE.parent)
    finally:
        server.close()
    assert run.returncode == 0, run.stderr
    seen = json.loads(run.stdout)
    assert seen["screen_header"] and not seen["screen_heading"]  # on screen the site header is enough
    assert "Cổng thông tin điện tử phường Thượng Thanh" in seen["print_heading"]
    assert "Tháng 3/2024" in seen["print_heading"] and "Ngày lập báo cáo: 15/04/2024" in seen["print_heading"]
    assert seen["print_chrome_visible"] == [] and seen["print_table"]
    assert seen["table_width"] <= 703  # nothing cut off on A4
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF") and data.count(b"/Type /Page") >= 2  # table, then the article lists
