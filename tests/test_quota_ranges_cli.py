"""scripts/quota.py over a range (--from/--to, --quarter, --year): known sums, every format,
sums of the months, and a clear exit 2 on bad range arguments."""

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
from quota_range_fixture import ARGS, AS_OF, EXPECTED, IDLE, LABELS, SAU, TARGETS, TIN, write_range_site
from wardportal.checking import check_content
from wardportal.dates import parse_as_of
from wardportal.quota.periods import months_between
from wardportal.quota.ranges import make_span, range_report
from wardportal.quota.tally import QuotaTally
from wardportal.quota.targets import load_targets
from wardportal.registry import YearMonth

QUOTA = [sys.executable, str(ROOT / "scripts" / "quota.py")]
STATUS_BY_LABEL = {"Đạt": "met", "Vượt": "exceeded", "Chưa đạt": "behind", "Không giao chỉ tiêu": "no_target"}
NAMES = {"Đảng ủy phường": "dang-uy", "UBND phường": "ubnd", "Đoàn thanh niên phường": "doan-thanh-nien",
         "Chi bộ tổ dân phố số 1": "chi-bo-1", "Hội Cựu chiến binh phường": "hoi-cuu-chien-binh",
         "Tin hoạt động": TIN, "Bài viết chuyên sâu": SAU}


@pytest.fixture(scope="module")
def range_site(tmp_path_factory) -> FixtureSite:
    return write_range_site(FixtureSite(tmp_path_factory.mktemp("quota-ranges")))


def run_quota(site: FixtureSite, *args: str, as_of: str = AS_OF) -> subprocess.CompletedProcess:
    return subprocess.run([*QUOTA, "--content", str(site.content), "--as-of", as_of, *args],
                          capture_output=True, cwd=site.root)


def quota_json(site: FixtureSite, *args: str, as_of: str = AS_OF) -> dict:
    result = run_quota(site, *args, "--format", "json", as_of=as_of)
    assert result.returncode == 0, result.stderr.decode()
    return json.loads(result.stdout)


def figures(data: dict) -> dict:
    return {(r["unit"], r["category"]): (r["published"], r["target"], r["difference"], r["status"])
            for r in data["rows"]}


def judge(published: int, target: int | None) -> str:
    """The status rule as the README states it, written out again for the check."""
    if not target:
        return "no_target"
    return "exceeded" if published > target else "met" if published == target else "behind"


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_range_json_has_the_hand_worked_sums(range_site, name):
    data = quota_json(range_site, *ARGS[name])
    label, start, end = LABELS[name]
    assert data["period"] == {"start": start, "end": end, "label": label}
    assert set(data) == {"period", "rows", "months", "idle_units"}
    assert all(set(row) == {"unit", "unit_name", "category", "category_name", "published", "target",
                            "difference", "status"} for row in data["rows"])
    assert figures(data) == EXPECTED[name]
    assert [unit["unit"] for unit in data["idle_units"]] == IDLE
    first, last = (YearMonth.parse(day[:7]) for day in (start, end))
    assert data["months"] == [str(month) for month in months_between(first, last)]


@pytest.fixture(scope="module")
def months_json(range_site) -> dict[str, dict]:
    """Every month's own report, from the monthly command."""
    months = months_between(YearMonth(2025, 11), YearMonth(2026, 12))
    return {str(month): quota_json(range_site, "--month", str(month)) for month in months}


def summed(months_json: dict[str, dict], first: str, last: str) -> dict:
    """A range's figures as the sums of its months' JSON, each month with its own targets."""
    sums: dict = {}
    for month in months_between(YearMonth.parse(first), YearMonth.parse(last)):
        for row in months_json[str(month)]["rows"]:
            published, targets = sums.get((row["unit"], row["category"]), (0, []))
            sums[(row["unit"], row["category"])] = (published + row["published"],
                                                    targets + ([row["target"]] if row["target"] else []))
    out = {}
    for key, (published, targets) in sums.items():
        target = sum(targets) if targets else None
        out[key] = (published, target, published - target if target else None, judge(published, target))
    return out


@pytest.mark.parametrize("args, first, last", [
    (("--quarter", "2026-Q1"), "2026-01", "2026-03"), (("--quarter", "2026-Q2"), "2026-04", "2026-06"),
    (("--quarter", "2026-Q3"), "2026-07", "2026-09"), (("--quarter", "2026-Q4"), "2026-10", "2026-12"),
    (("--from", "2026-01", "--to", "2026-06"), "2026-01", "2026-06"),
    (("--from", "2025-11", "--to", "2026-02"), "2025-11", "2026-02"),
    (("--from", "2026-05", "--to", "2026-08"), "2026-05", "2026-08"),
    (("--from", "2026-07", "--to", "2026-07"), "2026-07", "2026-07"),
    (("--year", "2026"), "2026-01", "2026-12"),
])
def test_cli_range_equals_the_sum_of_its_months(range_site, months_json, args, first, last):
    data = quota_json(range_site, *args)
    assert figures(data) == summed(months_json, first, last)
    published = {row["unit"]: 0 for row in data["rows"]}
    for row in data["rows"]:
        published[row["unit"]] += row["published"]
    assert [unit["unit"] for unit in data["idle_units"]] == [unit for unit, count in published.items() if not count]


def test_one_month_range_is_that_month(range_site, months_json):
    single = quota_json(range_site, "--from", "2026-07", "--to", "2026-07")
    assert single["rows"] == months_json["2026-07"]["rows"] and single["period"] == months_json["2026-07"]["period"]


def test_every_range_of_two_years_sums_its_months_in_process(range_site):
    """Property check over all 300 ranges of 2025–2026, through the library the CLI uses."""
    content = check_content(range_site.content)
    targets, problems = load_targets(range_site.content, content.registry)
    assert problems == []
    tally = QuotaTally(content.corpus.articles, content.registry, targets, parse_as_of(AS_OF))
    months = months_between(YearMonth(2025, 1), YearMonth(2026, 12))
    reports = {month: tally.report(month) for month in months}
    checked = 0
    for i, first in enumerate(months):
        for last in months[i:]:
            report = range_report(tally, make_span(first, last))
            for row in report.rows:
                cells = [reports[m].cell(row.unit.id, row.category.id) for m in months_between(first, last)
                         if row.unit in reports[m].units]
                targets_in = [cell.target for cell in cells if cell.target]
                target = sum(targets_in) if targets_in else None
                published = sum(cell.published for cell in cells)
                assert (row.published, row.target, row.status) == (published, target, judge(published, target))
                assert len(row.articles) == published
                checked += 1
    assert checked > 2000


def test_as_of_moves_what_counts(range_site):
    later = figures(quota_json(range_site, "--year", "2026", as_of="2026-11-25"))
    assert later[("dang-uy", TIN)] == (34, 48, -14, "behind")  # the article set for 20/11 is out now
    earlier = figures(quota_json(range_site, "--year", "2026", as_of="2026-07-31"))
    assert earlier[("ubnd", TIN)] == (9, 24, -15, "behind")  # Jan–Jul, the 1 July (UTC) one included


def _table_figures(table: str) -> dict:
    got = {}
    for line in table.splitlines():
        cells = re.split(r"\s{2,}", line.strip())
        if cells[0] in NAMES and len(cells) == 8:
            unit, category, published, target, difference, _percent, _needed, status = cells
            got[(NAMES[unit], NAMES[category])] = (int(published), None if target == "–" else int(target),
                                                  None if difference == "–" else int(difference),
                                                  STATUS_BY_LABEL[status])
    return got


def test_range_table_csv_and_xlsx_figure_by_figure(range_site, tmp_path):
    args = ARGS["from-2026-01-to-2026-09"]
    expected = EXPECTED["from-2026-01-to-2026-09"]
    table = run_quota(range_site, *args).stdout.decode()
    assert table.startswith("Kỳ: 9 tháng đầu năm 2026 (01/01/2026 – 30/09/2026)\n")
    assert "Tổng của 9 kỳ, mỗi kỳ so với chỉ tiêu áp dụng trong kỳ đó." in table
    assert _table_figures(table) == expected
    assert re.search(r"^UBND phường\s+Bài viết chuyên sâu\s+10\s+9\s+1\s+111\s+0\s+Vượt$", table, re.M)
    assert table.rstrip().endswith("Đơn vị không đăng bài nào trong kỳ: Đoàn thanh niên phường.")

    raw = run_quota(range_site, *args, "--format", "csv").stdout.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(raw)))
    number = lambda text: int(text) if text else None  # noqa: E731
    assert {(r["Mã đơn vị"], r["Mã chuyên mục"]): (int(r["Đã đăng"]), number(r["Chỉ tiêu"]), number(r["Chênh lệch"]),
                                                 STATUS_BY_LABEL[r["Trạng thái"]]) for r in rows} == expected
    assert {r["Còn thiếu"] for r in rows if r["Mã đơn vị"] == "doan-thanh-nien"} == {"18", ""}

    target = tmp_path / "bao-cao-9-thang.xlsx"
    result = run_quota(range_site, *args, "--format", "xlsx", "--output", str(target))
    assert result.returncode == 0, result.stderr.decode()
    workbook = openpyxl.load_workbook(target)
    sheet = workbook.active
    assert sheet.title == "2026-01 đến 2026-09"
    assert workbook.properties.title == "Chỉ tiêu bài viết – 9 tháng đầu năm 2026 (01/01/2026 – 30/09/2026)"
    header = [cell.value for cell in sheet[1]]
    col = {name: header.index(name) for name in header}
    values = list(sheet.iter_rows(min_row=2, values_only=True))
    blank = values.index(tuple([None] * len(header)))
    got = {(r[col["Mã đơn vị"]], r[col["Mã chuyên mục"]]): (r[col["Đã đăng"]], r[col["Chỉ tiêu"]],
                                                          r[col["Chênh lệch"]], STATUS_BY_LABEL[r[col["Trạng thái"]]])
           for r in values[:blank]}
    assert got == expected
    assert values[blank + 1][:2] == ("Đơn vị không đăng bài nào trong kỳ:", "Đoàn thanh niên phường")


def test_monthly_report_keeps_its_shape_with_the_difference(range_site):
    data = quota_json(range_site, "--month", "2026-07")
    assert set(data) == {"period", "rows"}  # months, idle units: ranges only
    assert figures(data)[("dang-uy", TIN)] == (5, 5, 0, "met")
    assert figures(data)[("ubnd", TIN)] == (2, 2, 0, "met")  # the 30/06 20:00 UTC article is July's


def test_range_filters_and_fail_under(range_site):
    only = quota_json(range_site, "--quarter", "2026-Q3", "--unit", "Đảng ủy phường")
    assert figures(only) == {key: value for key, value in EXPECTED["quarter-2026-Q3"].items() if key[0] == "dang-uy"}
    assert only["idle_units"] == []
    idle = quota_json(range_site, "--quarter", "2026-Q3", "--unit", "doan-thanh-nien", "--category", TIN)
    assert figures(idle) == {("doan-thanh-nien", TIN): (0, 6, -6, "behind")} and len(idle["idle_units"]) == 1
    ended = run_quota(range_site, "--quarter", "2026-Q3", "--unit", "chi-bo-1")
    assert ended.returncode == 2 and "không hoạt động trong kỳ Quý III/2026" in ended.stderr.decode()
    assert run_quota(range_site, "--quarter", "2026-Q3", "--fail-under").returncode == 1
    met = run_quota(range_site, "--quarter", "2026-Q3", "--unit", "dang-uy", "--category", TIN, "--fail-under")
    assert met.returncode == 0


@pytest.mark.parametrize("args, named", [
    (("--from", "2026-13", "--to", "2026-09"), "--from: tháng không hợp lệ `2026-13`"),
    (("--from", "2026-01", "--to", "2026-13"), "--to: tháng không hợp lệ `2026-13`"),
    (("--from", "2026-09", "--to", "2026-01"), "--to 2026-01 trước --from 2026-09"),
    (("--from", "2027-03"), "--from 2027-03 sau kỳ hiện tại 2026-11"),
    (("--quarter", "2026-Q5"), "--quarter `2026-Q5` không hợp lệ"),
    (("--quarter", "Q3-2026"), "--quarter `Q3-2026` không hợp lệ"),
    (("--year", "26"), "--year `26` không hợp lệ"),
    (("--year", "0999"), "--year: năm phải trong khoảng 1900–2999"),
    (("--month", "2026-03", "--year", "2026"), "chỉ dùng một trong --month và --year"),
    (("--quarter", "2026-Q1", "--from", "2026-01"), "chỉ dùng một trong --from/--to và --quarter"),
])
def test_bad_range_arguments_exit_2_with_one_line(range_site, args, named):
    result = run_quota(range_site, *args)
    stderr = result.stderr.decode()
    assert result.returncode == 2 and result.stdout == b""
    assert stderr.startswith("Lỗi: ") and named in stderr and stderr.count("\n") == 1, stderr
    assert "Traceback" not in stderr


def test_quarter_with_a_twentieth_start_day(range_site, tmp_path):
    site = write_range_site(FixtureSite(tmp_path), targets="period_start_day: 20\n" + TARGETS)
    data = quota_json(site, "--quarter", "2026-Q3")
    assert data["period"] == {"start": "2026-06-20", "end": "2026-09-19", "label": "Quý III/2026"}
    months = {month: quota_json(site, "--month", month) for month in ("2026-07", "2026-08", "2026-09")}
    assert figures(data) == summed(months, "2026-07", "2026-09")
    # 20/06 – 19/09: Đảng ủy's June articles are dated 10–12/06, its September ones 10–12/09 and 30/09
    assert figures(data)[("dang-uy", TIN)][0] == 5 + 6 + 3
