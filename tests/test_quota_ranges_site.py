"""The Thống kê pages' quarter and year totals, built with MkDocs: the CLI's figures, linked
from the index, the year overview and every period page."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from html.parser import HTMLParser

import pytest

from conftest import ROOT, FixtureSite
from quota_range_fixture import AS_OF, EXPECTED, TIN, write_range_site

QUOTA = [sys.executable, str(ROOT / "scripts" / "quota.py")]


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> FixtureSite:
    site = write_range_site(FixtureSite(tmp_path_factory.mktemp("quota-range-site")))
    site.build(strict=True, env={"WARD_AS_OF": AS_OF})
    return site


class _Figures(HTMLParser):
    """(row's data-unit, cell's data-category or data-range) -> the cell's data attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.unit = None
        self.cells: dict[tuple[str, str], dict] = {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "tr" and "data-unit" in attrs:
            self.unit = attrs["data-unit"]
        if tag == "td" and "data-published" in attrs and self.unit is not None:
            self.cells[(self.unit, attrs.get("data-category") or attrs.get("data-range"))] = attrs


def page_figures(site: FixtureSite, url: str) -> dict:
    parser = _Figures()
    parser.feed(site.html(url))
    return parser.cells


def cell_figures(site: FixtureSite, url: str) -> dict:
    """Units × categories, as (published, target, difference, status), totals left out."""
    number = lambda text: int(text) if text else None  # noqa: E731
    return {key: (int(a["data-published"]), number(a["data-target"]), number(a["data-difference"]),
                  a["data-status"])
            for key, a in page_figures(site, url).items() if "tong" not in key}


def cli_json(site: FixtureSite, *args: str) -> dict:
    result = subprocess.run([*QUOTA, "--content", str(site.content), "--as-of", AS_OF, *args, "--format", "json"],
                            capture_output=True, cwd=site.root)
    assert result.returncode == 0, result.stderr.decode()
    return json.loads(result.stdout)


@pytest.mark.parametrize("url, args, expected", [
    ("thong-ke/2026/quy-3/", ("--quarter", "2026-Q3"), "quarter-2026-Q3"),
    ("thong-ke/2026/ca-nam/", ("--year", "2026"), "year-2026"),
])
def test_range_page_has_the_cli_figures(built, url, args, expected):
    data = cli_json(built, *args)
    from_cli = {(r["unit"], r["category"]): (r["published"], r["target"], r["difference"], r["status"])
                for r in data["rows"]}
    assert cell_figures(built, url) == from_cli == EXPECTED[expected]
    html = built.html(url)
    assert f"<h1>Thống kê {data['period']['label']}</h1>" in html
    idle = re.search(r'<ul class="ward-stats__idle-list">(.*?)</ul>', html, re.S).group(1)
    assert re.findall(r'data-unit="([^"]+)"', idle) == [unit["unit"] for unit in data["idle_units"]]


def test_quarter_page_totals_months_and_labels(built):
    html = built.html("thong-ke/2026/quy-3/")
    figures = page_figures(built, "thong-ke/2026/quy-3/")
    # Đảng ủy: Tin 15/15 met + Chuyên sâu 1/3 behind = 16/18, behind as in a month's total
    assert {k: figures[("dang-uy", "tong")][k] for k in ("data-published", "data-target", "data-status")} == \
        {"data-published": "16", "data-target": "18", "data-status": "behind"}
    assert figures[("tong", TIN)]["data-published"] == "22" and figures[("tong", TIN)]["data-target"] == "31"
    assert 'data-unit="chi-bo-1"' not in html  # ended in May
    assert "Kỳ báo cáo: từ 01/07/2026 đến 30/09/2026, tổng của 3 kỳ" in " ".join(html.split())
    months = re.search(r'<section class="ward-stats__months">(.*?)</section>', html, re.S).group(1)
    assert re.findall(r'<a href="\.\./(\d\d)/">(Tháng \d+/2026)</a>', months) == [
        ("07", "Tháng 7/2026"), ("08", "Tháng 8/2026"), ("09", "Tháng 9/2026")]
    assert "Báo cáo thực hiện chỉ tiêu bài viết – Thống kê Quý III/2026" in html  # the printed heading
    assert 'href="#bai-' not in html  # no per-article anchors on a range page
    year_total = built.html("thong-ke/2026/ca-nam/")
    assert "<li data-month=\"2026-12\">Tháng 12/2026:" in year_total  # not come yet: no page to link


def test_year_overview_has_quarter_and_year_totals(built):
    figures = page_figures(built, "thong-ke/2026/")
    quarter = figures[("dang-uy", "Quý III/2026")]
    assert (quarter["data-published"], quarter["data-target"], quarter["data-status"]) == ("16", "18", "behind")
    year = figures[("dang-uy", "Năm 2026")]
    assert (year["data-published"], year["data-target"]) == ("39", "54")  # 33 + 6 of 48 + 6
    assert ("chi-bo-1", "Quý III/2026") not in figures and ("chi-bo-1", "Quý II/2026") in figures
    html = built.html("thong-ke/2026/")
    assert re.search(r'<tr data-unit="chi-bo-1">.*?<td class="ward-stats__none" data-range="Quý III/2026">–</td>',
                     html, re.S)
    for number, roman in enumerate(("I", "II", "III", "IV"), start=1):
        assert f'<a href="quy-{number}/">Quý {roman}/2026</a>' in html
    assert '<a href="ca-nam/">Năm 2026</a>' in html


def test_index_and_period_pages_link_to_the_totals(built):
    index = built.html("thong-ke/")
    assert '<a href="2026/quy-3/">Quý III/2026</a>' in index and '<a href="2026/ca-nam/">Năm 2026</a>' in index
    assert '<a href="2025/quy-4/">Quý IV/2025</a>' in index  # the year of the Đoàn's only article
    period = built.html("thong-ke/2026/08/")
    nav = re.search(r'<p class="ward-stats__nav">(.*?)</p>', period, re.S).group(1)
    assert '<a href="../quy-3/">Quý III/2026</a>' in nav and '<a href="../ca-nam/">Năm 2026</a>' in nav
