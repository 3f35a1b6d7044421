"""scripts/royalties.py gives the known figures of the fixture portal in every format.

Figures are in tests/royalty_fixture.py, worked out by hand: two rates (a change in July), a
shared article, per-author shares, a custom `points`, a default type, and articles that do
not count (a draft, a future one, a bad type, one out of range, one without author).
"""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys

import openpyxl
import pytest

from conftest import ROOT, FixtureSite
from royalty_fixture import (AS_OF, ARTICLES, EXPECTED, MONTH_TOTALS, OUT_OF_RANGE_FILE, PORTAL_NAME, UNIT_NAMES,
                             UNKNOWN_TYPE_FILE, url, write_royalty_site)

ROYALTIES = [sys.executable, str(ROOT / "scripts" / "royalties.py")]
DATES = {slug: date for _, slug, date, *_ in ARTICLES}
LABELS = {"2026-05": "Tháng 5/2026", "2026-06": "Tháng 6/2026", "2026-07": "Tháng 7/2026", "2026-08": "Tháng 8/2026"}
LAST_DAY = {"2026-05": "31", "2026-06": "30", "2026-07": "31", "2026-08": "31"}
OLD_RATE = {"point_value": 150000, "fraction": 1, "rounding": 1}
NEW_RATE = {"point_value": 234000, "fraction": 0.5, "rounding": 1000}


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> FixtureSite:
    return write_royalty_site(FixtureSite(tmp_path_factory.mktemp("royalties")))


def run(site: FixtureSite, *args: str, as_of: str = AS_OF) -> subprocess.CompletedProcess:
    return subprocess.run([*ROYALTIES, "--content", "content", "--as-of", as_of, *args],
                          capture_output=True, cwd=site.root)


def json_of(site: FixtureSite, *args: str) -> dict:
    result = run(site, *args, "--format", "json")
    assert result.returncode == 0, result.stderr.decode()
    return json.loads(result.stdout)


def expected_authors(months: list[str]) -> list[dict]:
    """The issue's shape, each author's figures the sum of the months' (each month at its rate)."""
    merged: dict[tuple[str, str], dict] = {}
    for month in months:
        for name, unit, lines, points, amount in EXPECTED.get(month, []):
            entry = merged.setdefault((name, unit), {"author": name, "unit": unit, "articles": [],
                                                     "points": 0.0, "amount": 0})
            entry["articles"] += [{"url": url(slug), "title": f"Bài {slug.replace('-', ' ')}",
                                   "date": DATES[slug].replace("T", " "), "type": kind, "points": share}
                                  for slug, kind, share in lines]
            entry["points"] = round(entry["points"] + points, 2)
            entry["amount"] += amount
    order = [key for month in months for name, unit, *_ in EXPECTED.get(month, []) for key in [(name, unit)]]
    names = sorted(set(order), key=lambda key: _vietnamese_rank(key))
    return [merged[key] for key in names]


_NAME_ORDER = ["Bùi Thị Mai", "Đỗ Thanh Tâm", "Nguyễn Thu Hà", "Trần Minh Đức", "Vũ Hoàng Anh"]  # Vietnamese order
_UNIT_ORDER = ["dang-uy", "ubnd", "hoi-phu-nu"]


def _vietnamese_rank(key: tuple[str, str]) -> tuple[int, int]:
    return _NAME_ORDER.index(key[0]), _UNIT_ORDER.index(key[1])


@pytest.mark.parametrize("month", sorted(EXPECTED))
def test_json_of_each_month_has_the_known_figures_in_the_issues_shape(site, month):
    data = json_of(site, "--month", month)
    assert list(data) == ["period", "point_value", "rates", "authors", "total_points", "total_amount"]
    assert data["period"] == {"start": f"{month}-01", "end": f"{month}-{LAST_DAY[month]}", "label": LABELS[month]}
    rate = OLD_RATE if month < "2026-07" else NEW_RATE
    assert data["point_value"] == rate["point_value"]
    assert data["rates"] == [{"from": month, "to": month, **rate}]
    assert data["authors"] == expected_authors([month])
    for entry in data["authors"]:
        assert list(entry) == ["author", "unit", "articles", "points", "amount"]
        assert all(list(article) == ["url", "title", "date", "type", "points"] for article in entry["articles"])
    assert (data["total_points"], data["total_amount"]) == MONTH_TOTALS[month]
    assert data["total_amount"] == sum(entry["amount"] for entry in data["authors"])


def test_half_up_rounding_per_author_and_month_after_the_rate_change(site):
    july = {(e["author"], e["unit"]): e["amount"] for e in json_of(site, "--month", "2026-07")["authors"]}
    assert july[("Bùi Thị Mai", "hoi-phu-nu")] == 59000  # 0,5 × 117.000 = 58.500 → 59.000 (half up)
    assert july[("Nguyễn Thu Hà", "ubnd")] == 199000  # 1,7 × 117.000 = 198.900 → 199.000
    assert july[("Vũ Hoàng Anh", "ubnd")] == 129000  # 1,1 × 117.000 = 128.700 → 129.000
    june = {(e["author"], e["unit"]): e["amount"] for e in json_of(site, "--month", "2026-06")["authors"]}
    assert june[("Trần Minh Đức", "dang-uy")] == 375000  # the old rate: 2,5 × 150.000, to the đồng


@pytest.mark.parametrize("args, months, label", [
    (("--quarter", "2026-Q2"), ["2026-04", "2026-05", "2026-06"], "Quý II/2026"),
    (("--quarter", "2026-Q3"), ["2026-07", "2026-08", "2026-09"], "Quý III/2026"),
    (("--year", "2026"), [f"2026-{m:02d}" for m in range(1, 13)], "Năm 2026"),
    (("--from", "2026-05", "--to", "2026-07"), ["2026-05", "2026-06", "2026-07"], "Tháng 5–7/2026"),
])
def test_a_range_is_the_sum_of_its_months_each_at_its_own_rate(site, args, months, label):
    data = json_of(site, *args)
    assert data["period"]["label"] == label
    assert data["period"]["start"] == f"{months[0]}-01"
    assert data["authors"] == expected_authors(months)
    assert data["total_amount"] == sum(MONTH_TOTALS.get(m, (0, 0))[1] for m in months)
    assert data["total_points"] == round(sum(MONTH_TOTALS.get(m, (0, 0))[0] for m in months), 2)
    # the same as asking month by month
    by_month = [json_of(site, "--month", m) for m in months if m in EXPECTED]
    assert data["total_amount"] == sum(month["total_amount"] for month in by_month)
    old = [m for m in months if m < "2026-07"]
    new = [m for m in months if m >= "2026-07"]
    rates = ([{"from": old[0], "to": old[-1], **OLD_RATE}] if old else []) + \
            ([{"from": new[0], "to": new[-1], **NEW_RATE}] if new else [])
    assert data["rates"] == rates
    assert data["point_value"] == (rates[0]["point_value"] if len(rates) == 1 else None)


def test_drafts_future_other_periods_and_rejected_articles_are_not_counted(site):
    counted = {article["url"] for month in ("2026-06", "2026-07", "2026-08")
               for entry in json_of(site, "--month", month)["authors"] for article in entry["articles"]}
    for slug in ("ban-nhap-thang-sau", "tin-hen-gio", "chuyen-sau-qua-diem", "loai-bai-la", "loai-bai-viet-tay",
                 "tin-khong-tac-gia",
                 "tin-cuoi-thang-nam", "tin-thang-muoi-hai"):
        assert url(slug) not in counted
    # the future article counts once its day has come: the same model as the quota tracker
    later = json.loads(run(site, "--month", "2026-08", "--format", "json", as_of="2026-08-31").stdout)
    assert url("tin-hen-gio") in {a["url"] for e in later["authors"] for a in e["articles"]}


def test_bad_type_and_points_are_warned_with_file_line_and_left_out(site):
    result = run(site, "--month", "2026-07")
    assert result.returncode == 0
    err = result.stderr.decode()
    assert re.search(rf"Cảnh báo: content/{UNKNOWN_TYPE_FILE}:\d+: loại bài `type: phong-su` không có trong "
                     r"content/_portal/royalties.yml\. Hãy ghi một trong các mã: tin, tin-anh, bai-chuyen-sau, "
                     r"dang-lai\.", err)
    assert re.search(rf"Cảnh báo: content/{OUT_OF_RANGE_FILE}:\d+: `points` 3 nằm ngoài khung điểm của loại "
                     r"“Bài chuyên sâu” \(1\.2–2\.5\)", err)
    assert "Traceback" not in err


def test_table_shows_money_the_vietnamese_way_with_unit_subtotals(site):
    result = run(site, "--month", "2026-07")
    text = result.stdout.decode()
    assert text.splitlines()[:4] == [
        PORTAL_NAME, "BẢNG KÊ NHUẬN BÚT", "Kỳ: Tháng 7/2026 (01/07/2026 – 31/07/2026)",
        "Giá trị một điểm 234.000 đ × tỷ lệ hưởng 0,5 (tháng 2026-07; làm tròn đến 1.000 đ)"]
    assert "  Nguyễn Thu Hà: 2 bài, 1,7 điểm, 199.000 đ" in text
    assert "  Cộng UBND phường: 3,3 điểm, 387.000 đ" in text  # 59.000 + 199.000 + 129.000
    assert "Tổng cộng: 5,3 điểm, 622.000 đ" in text
    assert "bai-viet/2026/r10.md" in text.split("không ghi tác giả")[1]  # uncredited, named


def test_csv_has_one_line_per_author_and_the_total(site):
    result = run(site, "--month", "2026-07", "--format", "csv")
    assert result.returncode == 0
    text = result.stdout.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[0] == ["Tác giả", "Mã đơn vị", "Đơn vị", "Số bài", "Điểm", "Thành tiền (đồng)"]
    expected = [[name, unit, UNIT_NAMES[unit], str(len(lines)), f"{points:g}" if points % 1 else f"{points:.1f}",
                 str(amount)] for name, unit, lines, points, amount in EXPECTED["2026-07"]]
    assert rows[1:-1] == expected
    assert rows[-1] == ["Tổng cộng", "", "", "7", "5.3", "622000"]


def test_xlsx_has_heading_unit_subtotals_total_and_signatures(site, tmp_path):
    out = tmp_path / "nhuan-but.xlsx"
    result = run(site, "--quarter", "2026-Q3", "--format", "xlsx", "--output", str(out))
    assert result.returncode == 0, result.stderr.decode()
    sheet = openpyxl.load_workbook(out).active
    rows = list(sheet.iter_rows(values_only=True))
    first = [row[0] for row in rows[:5]]
    assert first[0] == PORTAL_NAME and first[1] == "BẢNG KÊ NHUẬN BÚT"
    assert first[2] == "Kỳ: Quý III/2026 (01/07/2026 – 30/09/2026)"
    assert first[3].startswith("Giá trị một điểm 234.000 đ × tỷ lệ hưởng 0,5 (tháng 2026-07 đến 2026-09")
    labels = {row[1]: (row[5], row[6]) for row in rows if isinstance(row[1], str) and row[1].startswith("Cộng")}
    q3 = {entry["author"] + "/" + entry["unit"]: entry for entry in expected_authors(["2026-07", "2026-08"])}
    assert labels["Cộng Trần Minh Đức"] == (2.5, 293000)  # 176.000 (July) + 117.000 (August)
    assert labels["Cộng Nguyễn Thu Hà"] == (q3["Nguyễn Thu Hà/ubnd"]["points"], q3["Nguyễn Thu Hà/ubnd"]["amount"])
    assert labels["Cộng đơn vị: Đảng ủy phường"] == (2.5, 293000)
    assert labels["Cộng đơn vị: UBND phường"] == (4.3, 504000)  # 387.000 + 117.000 (Đỗ Thanh Tâm)
    assert labels["Cộng đơn vị: Hội Liên hiệp phụ nữ phường"] == (0.5, 59000)
    total = next(row for row in rows if row[1] == "TỔNG CỘNG")
    assert tuple(total[5:7]) == (7.3, 856000)  # 622.000 (July) + 234.000 (August)
    article_rows = [row for row in rows if isinstance(row[0], int)]
    assert [row[0] for row in article_rows] == list(range(1, len(article_rows) + 1))
    assert ("Nguyễn Thu Hà", "Bài chuyen sau diem tung nguoi", "2026-07-15 09:00", "bai-chuyen-sau", 1.2) in \
        {tuple(row[1:6]) for row in article_rows}
    signers = next(row for row in rows if "Người lập biểu" in row)
    assert "Trưởng ban biên tập" in signers
    assert int(sheet.page_setup.paperSize) == 9 and sheet.sheet_properties.pageSetUpPr.fitToPage  # A4, one page wide
    amount_cell = next(c for c in sheet["G"] if c.value == 856000)
    assert "đ" in amount_cell.number_format


def test_html_is_a_printable_a4_statement_written_only_where_asked(site, tmp_path):
    out = tmp_path / "nhuan-but.html"
    result = run(site, "--month", "2026-07", "--format", "html", "--output", str(out))
    assert result.returncode == 0, result.stderr.decode()
    html = out.read_text(encoding="utf-8")
    assert "@page { size: A4" in html and "<script" not in html
    assert not re.search(r'(?:src|href)="', html)  # self-contained: nothing loads from anywhere
    assert "<h2>UBND phường</h2>" in html and "199.000 đ" in html and "622.000 đ" in html
    assert "Người lập biểu" in html and "Trưởng ban biên tập" in html
    assert "Ngày 20 tháng 8 năm 2026" in html
    assert not (site.root / "site").exists()  # generated by the command, nothing built or published


def test_unit_and_author_filters(site):
    data = json_of(site, "--month", "2026-07", "--unit", "UBND phường")
    assert [(e["author"], e["unit"]) for e in data["authors"]] == [
        ("Bùi Thị Mai", "ubnd"), ("Nguyễn Thu Hà", "ubnd"), ("Vũ Hoàng Anh", "ubnd")]
    assert data["total_amount"] == 59000 + 199000 + 129000
    data = json_of(site, "--year", "2026", "--author", "trần minh đức")
    assert [e["author"] for e in data["authors"]] == ["Trần Minh Đức"]
    assert data["authors"][0]["amount"] == 150000 + 375000 + 176000 + 117000
    unknown = run(site, "--month", "2026-07", "--author", "Không Có Ai")
    assert unknown.returncode == 2 and unknown.stderr.decode().strip().splitlines()[-1].startswith("Lỗi: không có bài")
    bad_unit = run(site, "--month", "2026-07", "--unit", "khong-co")
    assert bad_unit.returncode == 2 and "không có trong danh mục" in bad_unit.stderr.decode()


def test_output_is_never_overwritten_without_force(site, tmp_path):
    out = tmp_path / "bang-ke.csv"
    out.write_text("sổ sách của kế toán\n", encoding="utf-8")
    refused = run(site, "--month", "2026-07", "--format", "csv", "--output", str(out))
    assert refused.returncode == 2
    assert refused.stderr.decode().strip().splitlines()[-1] == (
        f"Lỗi: tệp {out} đã tồn tại: không ghi đè. Chọn tên khác hoặc thêm --force.")
    assert out.read_text(encoding="utf-8") == "sổ sách của kế toán\n"
    forced = run(site, "--month", "2026-07", "--format", "csv", "--output", str(out), "--force")
    assert forced.returncode == 0 and "622000" in out.read_text(encoding="utf-8-sig")
    needs_file = run(site, "--month", "2026-07", "--format", "xlsx")
    assert needs_file.returncode == 2 and "xlsx cần --output" in needs_file.stderr.decode()


@pytest.mark.parametrize("args, message", [
    (("--month", "2025-12"), "chưa có mức nhuận bút (`rates:` trong content/_portal/royalties.yml) áp dụng cho "
                             "tháng 2025-12"),
    (("--month", "2026-13"), "--month: tháng không hợp lệ `2026-13`"),
    (("--quarter", "2026-Q5"), "--quarter `2026-Q5` không hợp lệ"),
    (("--month", "2026-07", "--year", "2026"), "chỉ dùng một trong --month và --year"),
    (("--as-of", "20-08-2026"), "--as-of `20-08-2026` không hợp lệ"),
])
def test_bad_arguments_end_in_one_vietnamese_line_and_exit_2(site, args, message):
    result = subprocess.run([*ROYALTIES, "--content", "content", *args], capture_output=True, cwd=site.root,
                            env={"WARD_AS_OF": AS_OF, "PATH": "/usr/bin:/bin"})
    err = result.stderr.decode()
    assert result.returncode == 2 and "Traceback" not in err
    last = err.strip().splitlines()[-1]
    assert last.startswith("Lỗi: ") and message in last


def test_as_of_decides_the_default_period(site):
    assert json_of(site)["period"]["label"] == "Tháng 8/2026"  # --as-of 2026-08-20
    result = run(site, "--format", "json", as_of="2026-06-15")
    data = json.loads(result.stdout)
    assert data["period"]["label"] == "Tháng 6/2026"
    # on 15 June, the articles of 20 and 30 June are not out yet
    assert [e["points"] for e in data["authors"]] == [2.5]


def test_periods_start_on_the_boards_start_day_as_in_the_quota_tracker(tmp_path):
    site = write_royalty_site(FixtureSite(tmp_path))
    site.write("_portal/targets.yml", "period_start_day: 20\n")
    data = json_of(site, "--month", "2026-07")
    assert data["period"] == {"start": "2026-06-20", "end": "2026-07-19", "label": "20/06/2026 – 19/07/2026"}
    counted = {article["url"] for entry in data["authors"] for article in entry["articles"]}
    assert counted == {url(slug) for slug in ("chuyen-sau-hai-tac-gia", "tin-phut-cuoi-thang-sau",
                                              "tin-anh-dau-thang-bay", "chuyen-sau-diem-tung-nguoi")}
    quota = subprocess.run([sys.executable, str(ROOT / "scripts" / "quota.py"), "--content", "content", "--as-of",
                            AS_OF, "--month", "2026-07", "--format", "json"], capture_output=True, cwd=site.root)
    assert quota.returncode == 0, quota.stderr.decode()
    assert sum(row["published"] for row in json.loads(quota.stdout)["rows"]) == len(counted)  # the same articles
