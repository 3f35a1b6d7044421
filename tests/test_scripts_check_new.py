"""scripts/check.py and scripts/new.py, run as editors run them (real processes, real files)."""

from __future__ import annotations

import subprocess
import sys
from datetime import datetime

import pytest

from conftest import FIXTURE_REGISTRY, ROOT, FixtureSite
from wardportal.dates import VIETNAM, parse_published
from wardportal.checking import check_content
from wardportal.frontmatter_io import read_article_file
from quota_fixture import write_quota_site


def run(script: str, *args: str, cwd) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "scripts" / script), *args], cwd=cwd,
                          capture_output=True, text=True)


@pytest.fixture
def content(fixture_site):
    fixture_site.article("2024/03/tot.md", title="Hội nghị sơ kết quý I")
    return fixture_site


def test_check_passes_on_good_content(content):
    result = run("check.py", "--content", "content", cwd=content.root)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Tất cả 1 bài viết hợp lệ." in result.stdout


def test_check_lists_every_problem_and_exits_1(content):
    content.article("2024/03/sai-ngay.md", title="Sai ngày", date="22/04/2021")
    content.article("2024/03/don-vi-la.md", title="Đơn vị lạ", unit="Dang uy xa")
    result = run("check.py", "--content", "content", cwd=content.root)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert any(line.startswith("content/bai-viet/2024/03/sai-ngay.md:3: ngày đăng không đúng định dạng") for line in lines)
    assert any(line.startswith("content/bai-viet/2024/03/don-vi-la.md:4: đơn vị “Dang uy xa”")
               and "“Đảng ủy phường”" in line for line in lines), lines
    assert "2 lỗi; 1 bài viết hợp lệ." in result.stderr


def test_check_reads_every_folder_the_build_reads(content):
    content.article("2024/03/_nhap/bai.md", title="Bản nháp trong thư mục gạch dưới", date="hôm nay")
    content.article("2024/03/.an/bai.md", title="Tệp ẩn", date="hôm nay")  # MkDocs skips dot folders too
    result = run("check.py", "--content", "content", cwd=content.root)
    assert result.returncode == 1
    assert "content/bai-viet/2024/03/_nhap/bai.md:3: ngày đăng không đúng định dạng" in result.stdout
    assert ".an/" not in result.stdout
    build = content.build(check=False)
    assert "content/bai-viet/2024/03/_nhap/bai.md:3: ngày đăng không đúng định dạng" in build.stdout
    assert ".an/" not in build.stdout


def test_check_reports_registry_problems_and_missing_folder(content, tmp_path):
    (content.content / "_portal/registry.yml").write_text("categories: []\nunits: []\n", encoding="utf-8")
    result = run("check.py", "--content", "content", cwd=content.root)
    assert result.returncode == 1
    assert "content/_portal/registry.yml:1: thiếu danh sách `categories:`" in result.stdout
    missing = run("check.py", "--content", str(tmp_path / "khong-co"), cwd=content.root)
    assert missing.returncode == 2 and "không tìm thấy thư mục nội dung" in missing.stderr


UNITS_WITH_MONTHS = FIXTURE_REGISTRY + """\
  - id: chi-bo-1
    name: Chi bộ tổ dân phố số 1
    end: 2024-03
  - id: to-moi
    name: Tổ dân phố mới
    start: 2024-05
"""


def test_check_names_an_article_outside_its_units_months_and_the_strict_build_publishes_it(content):
    """Check-only: the article is published (and not counted), so a strict build passes."""
    content.write("_portal/registry.yml", UNITS_WITH_MONTHS)
    content.article("2024/03/truoc-giai-the.md", title="Chi bộ sinh hoạt", date="2024-03-31 20:00", unit="chi-bo-1")
    content.article("2024/04/sau-giai-the.md", title="Chi bộ sau giải thể", date="2024-04-05 19:00",
                    unit="Chi bộ tổ dân phố số 1")
    content.article("2024/04/truoc-thanh-lap.md", title="Tổ mới chưa lập", date="2024-04-30", unit="to-moi",
                    draft=True)  # drafts too: the check runs before the board publishes them
    result = run("check.py", "--content", "content", cwd=content.root)
    assert result.returncode == 1, result.stdout + result.stderr
    problems = [line for line in result.stdout.splitlines() if line.startswith("content/")]
    assert problems == [
        "content/bai-viet/2024/04/sau-giai-the.md:4: đơn vị “Chi bộ tổ dân phố số 1” (`unit: chi-bo-1`) không "
        "hoạt động vào ngày đăng 05/04/2024 (kỳ 2024-04; danh mục ghi đơn vị hoạt động đến tháng 2024-03): bài "
        "vẫn lên cổng nhưng không được tính vào Thống kê. Hãy sửa ngày đăng `date`, chọn ở `unit` một đơn vị "
        "đang hoạt động, hoặc sửa `start`/`end` của đơn vị trong _portal/registry.yml.",
        "content/bai-viet/2024/04/truoc-thanh-lap.md:4: đơn vị “Tổ dân phố mới” (`unit: to-moi`) không hoạt động "
        "vào ngày đăng 30/04/2024 (kỳ 2024-04; danh mục ghi đơn vị hoạt động từ tháng 2024-05): bài vẫn lên cổng "
        "nhưng không được tính vào Thống kê. Hãy sửa ngày đăng `date`, chọn ở `unit` một đơn vị đang hoạt động, "
        "hoặc sửa `start`/`end` của đơn vị trong _portal/registry.yml.",
    ]
    assert "2 lỗi; 4 bài viết hợp lệ." in result.stderr
    checked = check_content(content.content)
    assert checked.problems == [] and {p.field for p in checked.check_only} == {"unit"}
    build = content.build(strict=True)  # not a build problem: the quota tracker keeps such articles published
    assert "sau-giai-the" not in build.stdout
    assert "Chi bộ sau giải thể</h1>" in content.html("bai-viet/chi-bo-sau-giai-the/")


def test_unit_months_follow_the_quota_periods(content):
    """With `period_start_day: 20`, 25/03 belongs to April's period, after the unit's end."""
    content.write("_portal/registry.yml", UNITS_WITH_MONTHS)
    content.article("2024/03/cuoi-thang.md", title="Chi bộ cuối tháng", date="2024-03-25 08:00", unit="chi-bo-1")
    assert check_content(content.content).check_only == []
    content.write("_portal/targets.yml", "period_start_day: 20\n")
    [problem] = check_content(content.content).check_only
    assert problem.path == "bai-viet/2024/03/cuoi-thang.md" and "(kỳ 2024-04;" in problem.message


def test_the_quota_fixtures_ended_unit_article_is_check_only(tmp_path):
    """The quota tracker's fixture publishes a11 (its unit ended in March) and does not count it;
    its strict build (tests/test_quota_site_and_cli.py) must stay green: check.py alone names it."""
    site = write_quota_site(FixtureSite(tmp_path))
    checked = check_content(site.content)
    assert checked.problems == []
    assert [(p.path, p.line, p.field) for p in checked.check_only] == [("bai-viet/2024/a11.md", 4, "unit")]


def test_new_creates_a_valid_draft_with_registry_ids_and_vietnam_time(content):
    before = datetime.now(VIETNAM).replace(second=0, microsecond=0)
    result = run("new.py", "Đảng uỷ phường hoà giải thành công", "--unit", "ĐẢNG UỶ",
                 "--category", "tin tức hoạt động", "--content", "content", cwd=content.root)
    after = datetime.now(VIETNAM)
    assert result.returncode == 0, result.stderr
    created = [p for p in (content.content / "bai-viet").rglob("*.md") if p.name != "tot.md"]
    assert len(created) == 1
    path = created[0]
    assert path.name == "dang-uy-phuong-hoa-giai-thanh-cong.md"
    assert f"Đã tạo content/bai-viet/{path.parent.parent.name}/{path.parent.name}/{path.name}" in result.stdout
    source = read_article_file(path)
    assert list(source.meta) == ["title", "date", "unit", "category", "views", "draft"]
    assert source.meta["title"] == "Đảng uỷ phường hoà giải thành công"  # as the editor wrote it
    assert (source.meta["unit"], source.meta["category"], source.meta["views"], source.meta["draft"]) == \
        ("dang-uy", "tin-hoat-dong", 0, True)
    published = parse_published(source.meta["date"])
    assert published.has_time and before <= published.moment <= after
    assert (path.parent.parent.name, path.parent.name) == (f"{published.moment:%Y}", f"{published.moment:%m}")
    assert run("check.py", "--content", "content", cwd=content.root).returncode == 0


def test_new_with_date_slug_and_publish(content):
    result = run("new.py", "Tin có ngày", "--unit", "ubnd", "--category", "van-hoa-xa-hoi", "--date",
                 "2025-12-31T18:30:00Z", "--slug", "tin-giao-thua", "--publish", "--content", "content",
                 cwd=content.root)
    assert result.returncode == 0, result.stderr
    path = content.content / "bai-viet/2026/01/tin-giao-thua.md"  # 01:30 on 1 January in Vietnam
    source = read_article_file(path)
    assert source.meta["date"] == "2026-01-01 01:30"
    assert source.meta["slug"] == "tin-giao-thua" and "draft" not in source.meta


def test_new_refuses_overwrite_and_taken_slug(content):
    args = ("--unit", "dang-uy", "--category", "tin-hoat-dong", "--date", "2024-03-12 09:00", "--content", "content")
    taken = run("new.py", "Hội nghị sơ kết quý I", *args, cwd=content.root)
    assert taken.returncode == 2
    assert "đã được bài bai-viet/2024/03/tot.md dùng" in taken.stderr
    # a file that is not a valid article (so not in the corpus) still is never overwritten
    existing = content.write("bai-viet/2024/03/ban-thao.md", "bản thảo dở dang\n")
    refused = run("new.py", "Bản thảo", *args, cwd=content.root)
    assert refused.returncode == 2 and "đã tồn tại: không ghi đè" in refused.stderr
    assert existing.read_text(encoding="utf-8") == "bản thảo dở dang\n"
    assert sorted(p.name for p in existing.parent.iterdir()) == ["ban-thao.md", "tot.md"]


@pytest.mark.parametrize("option, value, words", [
    ("--unit", "Doan thanh nien xa", ["đơn vị “Doan thanh nien xa” không có trong danh mục", "Đoàn thanh niên phường"]),
    ("--category", "Van hoa", ["chuyên mục “Van hoa” không có trong danh mục", "Văn hóa – Xã hội"]),
    ("--date", "22/04/2021", ["--date", "`22/04/2021`"]),
])
def test_new_refuses_unknown_values_with_suggestions(content, option, value, words):
    args = {"--unit": "dang-uy", "--category": "tin-hoat-dong", option: value}
    result = run("new.py", "Tin mới", *[x for pair in args.items() for x in pair], "--content", "content",
                 cwd=content.root)
    assert result.returncode == 2
    for word in words:
        assert word in result.stderr, result.stderr
    assert sorted(p.name for p in (content.content / "bai-viet").rglob("*.md")) == ["tot.md"]
