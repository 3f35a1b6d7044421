"""The "Thống kê" pages and every format of scripts/quota.py give the same, known numbers."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from html.parser import HTMLParser

import openpyxl
import pytest

from conftest import ROOT, FixtureSite
from quota_fixture import AS_OF, EXPECTED, write_quota_site

QUOTA = [sys.executable, str(ROOT / "scripts" / "quota.py")]
STATUS_BY_LABEL = {"Đạt": "met", "Vượt": "exceeded", "Chưa đạt": "behind", "Không giao chỉ tiêu": "no_target"}


@pytest.fixture(scope="module")
def quota_site(tmp_path_factory) -> FixtureSite:
    site = write_quota_site(FixtureSite(tmp_path_factory.mktemp("quota")))
    site.build(strict=True, env={"WARD_AS_OF": AS_OF})
    return site


def run_quota(site: FixtureSite, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([*QUOTA, "--content", str(site.content), "--as-of", AS_OF, *args],
                          capture_output=True, cwd=site.root)


class _Cells(HTMLParser):
    """(unit, category) -> (published, target, status) from the period table's data attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.unit = None
        self.cells = {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "tr" and "data-unit" in attrs:
            self.unit = attrs["data-unit"]
        if tag == "td" and "data-category" in attrs and self.unit not in (None, "tong"):
            if attrs["data-category"] != "tong":
                self.cells[(self.unit, attrs["data-category"])] = (
                    int(attrs["data-published"]), int(attrs["data-target"]) if attrs["data-target"] else None,
                    attrs["data-status"])


def site_cells(site: FixtureSite, month: str) -> dict:
    parser = _Cells()
    parser.feed(site.html(f"thong-ke/{month[:4]}/{month[5:]}/"))
    return parser.cells


@pytest.mark.parametrize("month", sorted(EXPECTED))
def test_period_page_has_the_expected_numbers(quota_site, month):
    assert site_cells(quota_site, month) == EXPECTED[month]


def test_period_page_shows_status_as_text_totals_and_print_heading(quota_site):
    html = quota_site.html("thong-ke/2024/03/")
    assert "Chưa đạt" in html and "Vượt" in html and "Đạt" in html and "Không giao chỉ tiêu" in html
    # dang-uy total: 3 published of 5 targeted; category total of tin-hoat-dong: 5 of 6.
    assert re.search(r'<tr data-unit="dang-uy">.*?data-category="tong" data-published="3" data-target="5" '
                     r'data-status="behind"', html, re.S)
    assert re.search(r'<tr data-unit="tong">.*?data-category="tin-hoat-dong" data-published="5" data-target="6"',
                     html, re.S)
    assert "Cổng thông tin điện tử phường Thượng Thanh" in html.split('class="ward-stats__print-head"')[1][:300]
    assert "Ngày lập báo cáo: 15/04/2024" in html
    assert "Còn thiếu" not in html  # a closed period has no days-left figures


def test_each_count_links_to_the_articles_it_counts(quota_site):
    html = quota_site.html("thong-ke/2024/03/")
    assert 'href="#bai-dang-uy--tin-hoat-dong"' in html
    listed = html.split('id="bai-dang-uy--tin-hoat-dong"')[1].split("</ol>")[0]
    assert re.findall(r'<a href="[^"]*">([^<]+)</a>', listed) == ["Tin cuối tháng ba", "Tin đầu tháng ba"]
    assert 'href="../../../bai-viet/tin-cuoi-thang-ba/"' in listed
    assert "Bản nháp UBND" not in html and "Tin hẹn giờ" not in quota_site.html("thong-ke/2024/04/")


def test_current_period_shows_days_left_and_still_needed(quota_site):
    html = quota_site.html("thong-ke/2024/04/")
    assert "Số liệu tính đến 15/04/2024" in html
    assert '<strong class="ward-stats__days-left">16 ngày</strong>' in html
    assert re.search(r'<tr data-unit="dang-uy">.*?data-needed="1"', html, re.S)
    assert re.search(r'<tr data-unit="hoi-phu-nu">.*?data-needed="1"', html, re.S)
    index = quota_site.html("thong-ke/")
    assert "Kỳ hiện tại" in index and '<li data-unit="ubnd">UBND phường: còn thiếu <strong>1</strong>' in index
    assert 'data-unit="chi-bo-1"' not in html  # the chi bộ ended in March


def test_year_overview_and_unit_history_with_svg(quota_site):
    year = quota_site.html("thong-ke/2024/")
    assert re.search(r'<tr data-unit="dang-uy">.*?data-month="3" data-published="3" data-target="5"', year, re.S)
    chi_bo = re.search(r'<tr data-unit="chi-bo-1">(.*?)</tr>', year, re.S).group(1)
    assert 'class="ward-stats__none" data-month="4"' in chi_bo
    history = quota_site.html("thong-ke/don-vi/dang-uy/")
    svg = re.search(r"<svg class=\"ward-chart\".*?</svg>", history, re.S).group(0)
    assert svg.count("<rect") == 2 and "Tháng 3/2024: 3/5 – Chưa đạt" in svg
    assert "<script" not in history.split('class="md-content"')[1].split("</article>")[0]
    assert 'href="thong-ke/"' in quota_site.html("")  # "Thống kê" is in the navigation


@pytest.mark.parametrize("month", sorted(EXPECTED))
def test_cli_json_has_the_expected_numbers_and_schema(quota_site, month):
    result = run_quota(quota_site, "--month", month, "--format", "json")
    assert result.returncode == 0, result.stderr.decode()
    data = json.loads(result.stdout)
    assert set(data) == {"period", "rows"} and set(data["period"]) == {"start", "end", "label"}
    assert data["period"]["label"] == f"Tháng {int(month[5:])}/2024"
    assert all(set(row) == {"unit", "unit_name", "category", "category_name", "published", "target", "difference",
                            "status"} for row in data["rows"])
    got = {(row["unit"], row["category"]): (row["published"], row["target"], row["status"]) for row in data["rows"]}
    assert got == EXPECTED[month]
    assert all(row["difference"] == (row["published"] - row["target"] if row["target"] else None)
               for row in data["rows"])


def test_cli_csv_and_table_have_the_expected_numbers(quota_site):
    raw = run_quota(quota_site, "--month", "2024-03", "--format", "csv").stdout
    assert raw.startswith("\ufeff".encode("utf-8"))
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    got = {(r["Mã đơn vị"], r["Mã chuyên mục"]): (int(r["Đã đăng"]), int(r["Chỉ tiêu"]) if r["Chỉ tiêu"] else None,
                                                 STATUS_BY_LABEL[r["Trạng thái"]]) for r in rows}
    assert got == EXPECTED["2024-03"]
    table = run_quota(quota_site, "--month", "2024-03").stdout.decode()
    assert "Đơn vị" in table and "Trạng thái" in table and "Số liệu tính đến 15/04/2024" in table
    names = {"Đảng ủy phường": "dang-uy", "UBND phường": "ubnd", "Chi bộ tổ dân phố số 1": "chi-bo-1",
             "Hội Liên hiệp phụ nữ phường": "hoi-phu-nu", "Tin hoạt động": "tin-hoat-dong",
             "Bài viết chuyên sâu": "bai-viet-chuyen-sau", "Văn hóa – Xã hội": "van-hoa-xa-hoi"}
    got = {}
    for line in table.splitlines():
        cells = re.split(r"\s{2,}", line.strip())
        if cells[0] in names:
            unit, category, published, target, difference, percent, needed, status = cells
            got[(names[unit], names[category])] = (int(published), None if target == "–" else int(target),
                                                  STATUS_BY_LABEL[status])
    assert got == EXPECTED["2024-03"]
    assert re.search(r"^UBND phường\s+Tin hoạt động\s+2\s+1\s+1\s+200\s+0\s+Vượt$", table, re.M)


def test_cli_xlsx_round_trip(quota_site, tmp_path):
    target = tmp_path / "bao-cao.xlsx"
    result = run_quota(quota_site, "--month", "2024-03", "--format", "xlsx", "--output", str(target))
    assert result.returncode == 0, result.stderr.decode()
    sheet = openpyxl.load_workbook(target).active
    header = [cell.value for cell in sheet[1]]
    assert header[:2] == ["Mã đơn vị", "Đơn vị"] and header[-1] == "Trạng thái"
    assert sheet[1][0].font.bold and sheet.column_dimensions["B"].width > 10
    col = {name: header.index(name) for name in header}
    got = {(r[col["Mã đơn vị"]], r[col["Mã chuyên mục"]]): (r[col["Đã đăng"]], r[col["Chỉ tiêu"]],
                                                          STATUS_BY_LABEL[r[col["Trạng thái"]]])
           for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert got == EXPECTED["2024-03"]


def test_cli_fail_under_filters_and_errors(quota_site, tmp_path):
    assert run_quota(quota_site, "--month", "2024-03", "--fail-under").returncode == 1
    assert run_quota(quota_site, "--month", "2024-03").returncode == 0
    met = run_quota(quota_site, "--month", "2024-03", "--unit", "chi-bo-1", "--category", "tin-hoat-dong",
                    "--fail-under", "--format", "json")
    assert met.returncode == 0 and [r["status"] for r in json.loads(met.stdout)["rows"]] == ["met"]
    bad_month = run_quota(quota_site, "--month", "2024-13")
    assert bad_month.returncode == 2 and "2024-13" in bad_month.stderr.decode()
    unknown = run_quota(quota_site, "--month", "2024-03", "--unit", "dang-uyy")
    assert unknown.returncode == 2 and "Đảng ủy phường" in unknown.stderr.decode()
    ended = run_quota(quota_site, "--month", "2024-04", "--unit", "chi-bo-1")
    assert ended.returncode == 2 and "không hoạt động" in ended.stderr.decode()
    existing = tmp_path / "cu.csv"
    existing.write_text("của biên tập viên", encoding="utf-8")
    refused = run_quota(quota_site, "--month", "2024-03", "--format", "csv", "--output", str(existing))
    assert refused.returncode == 2 and existing.read_text(encoding="utf-8") == "của biên tập viên"
    assert list(tmp_path.iterdir()) == [existing]  # no temporary file left behind
    forced = run_quota(quota_site, "--month", "2024-03", "--format", "csv", "--output", str(existing), "--force")
    assert forced.returncode == 0 and existing.read_bytes().startswith("\ufeff".encode())


def test_twentieth_to_nineteenth_period_on_site_and_cli(fixture_site):
    write_quota_site(fixture_site, targets="period_start_day: 20\n")
    fixture_site.build(strict=True, env={"WARD_AS_OF": AS_OF})
    html = fixture_site.html("thong-ke/2024/04/")
    assert "từ 20/03/2024 đến 19/04/2024" in html
    # 20/03 – 19/04: a12 (20/03), a01 (31/03 23:59), a02, a03 (01/04), a06, a11 (ended unit: not tracked).
    cells = site_cells(fixture_site, "2024-04")
    assert cells[("dang-uy", "tin-hoat-dong")][0] == 3 and cells[("ubnd", "van-hoa-xa-hoi")][0] == 1
    assert site_cells(fixture_site, "2024-03")[("dang-uy", "tin-hoat-dong")][0] == 1  # a04 only
    data = json.loads(run_quota(fixture_site, "--month", "2024-04", "--format", "json").stdout)
    assert data["period"] == {"start": "2024-03-20", "end": "2024-04-19", "label": "20/03/2024 – 19/04/2024"}
    got = {(r["unit"], r["category"]): (r["published"], r["target"], r["status"]) for r in data["rows"]}
    assert got == cells


def test_bad_targets_fail_strict_build_with_path_and_line(fixture_site):
    write_quota_site(fixture_site, targets="targets:\n  - unit: khong-co\n    category: tin-hoat-dong\n"
                                           "    target: 1\n    from: 2024-01\n")
    result = fixture_site.build(strict=True, check=False, env={"WARD_AS_OF": AS_OF})
    assert result.returncode != 0
    assert "content/_portal/targets.yml:2: đơn vị “khong-co” không có trong danh mục" in result.stdout
    cli = run_quota(fixture_site, "--month", "2024-03")
    assert cli.returncode == 2 and "targets.yml:2:" in cli.stderr.decode()
