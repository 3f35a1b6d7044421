"""The printable statement (scripts/royalties.py --format html) prints on A4 in Chromium: tables
within the page width, the signature block, nothing fetched from anywhere."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from browser_support import require_chromium
from conftest import ROOT, FixtureSite
from royalty_fixture import AS_OF, write_royalty_site

PROBE = Path(__file__).with_name("royalty_print_probe.py")


def test_statement_prints_on_a4_with_its_signature_block(tmp_path):
    require_chromium()
    site = write_royalty_site(FixtureSite(tmp_path))
    html = tmp_path / "bang-ke.html"
    made = subprocess.run([sys.executable, str(ROOT / "scripts" / "royalties.py"), "--content", "content",
                           "--as-of", AS_OF, "--year", "2026", "--format", "html", "--output", str(html)],
                          capture_output=True, text=True, cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    pdf = tmp_path / "bang-ke.pdf"
    run = subprocess.run([sys.executable, str(PROBE), str(html), str(pdf)], capture_output=True, text=True,
                         cwd=PROBE.parent)
    assert run.returncode == 0, run.stderr
    seen = json.loads(run.stdout)
    assert seen["page_size"] == [595, 842]  # A4 in points, from the statement's own @page rule
    assert seen["widest_table"] <= 703  # nothing cut off on A4
    assert "Người lập biểu" in seen["signatures"] and "Trưởng ban biên tập" in seen["signatures"]
    assert seen["requests"] == []
    assert pdf.read_bytes().startswith(b"%PDF")
