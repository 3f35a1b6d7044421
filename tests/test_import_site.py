"""Imported articles pass the content check and build into real pages; review drafts show in preview."""

from pathlib import Path

import import_legacy
from wardportal.checking import check_content

FIXTURES = Path(__file__).parent / "fixtures" / "legacy"
GOOD = ["layout-a-sinh-hoat-chi-bo.txt", "layout-b-tinh-nguyen.txt", "layout-c-an-toan-thuc-pham.txt"]
# Layout A whose view count cannot be read: a review draft that is otherwise complete.
UNREADABLE_VIEWS = """Tin hoạt động
Chi bộ tổ dân phố số 2 ra mắt mô hình “Ngõ phố văn minh”
Ngày đăng 09/04/2024 | 16:20 | Lượt xem: chưa thống kê

Chiều ngày 08/4/2024, Chi bộ tổ dân phố số 2 ra mắt mô hình “Ngõ phố văn minh” với sự tham gia của 120 hộ gia đình.
"""


def import_into(site, capsys, *paths, **options):
    args = [str(p) for p in paths] + ["--content", str(site.content)]
    for key, value in options.items():
        args += [f"--{key}", value]
    code = import_legacy.main(args)
    capsys.readouterr()
    return code


def test_imported_articles_pass_the_check_and_build(fixture_site, tmp_path, capsys):
    draft_source = tmp_path / "luot-xem.txt"
    draft_source.write_text(UNREADABLE_VIEWS, encoding="utf-8")
    assert import_into(fixture_site, capsys, *(FIXTURES / name for name in GOOD), draft_source,
                       unit="ubnd", category="tin-hoat-dong") == 0
    checked = check_content(fixture_site.content)
    assert checked.problems == []
    assert len(checked.corpus.articles) == 4
    [draft] = [a for a in checked.corpus.articles if a.draft]
    assert draft.review and "lượt xem" in draft.review[0]

    fixture_site.build(strict=True)
    page = fixture_site.html("bai-viet/phuong-ngoc-thuy-nang-cao-chat-luong-sinh-hoat-chi-bo-o-khu-dan-cu/")
    assert "Ngày đăng 12/03/2024 | 14:05 | Lượt xem: 2.317" in page
    assert '<p class="ward-caption">Ảnh: Đồng chí Bí thư Đảng ủy phường dự sinh hoạt tại chi bộ số 4</p>' in page
    assert "<p>1. Chuẩn bị kỹ nội dung, tài liệu trước mỗi kỳ sinh hoạt.</p>" in page  # not turned into a list
    assert "Đảng uỷ phường Ngọc Thụy" in page and "thúc đẩy văn hóa dân chủ" in page
    assert "Các Bài Viết" not in page  # the category line is chrome
    b_page = fixture_site.html("bai-viet/doan-thanh-nien-phuong-ra-mat-doi-hinh-tinh-nguyen-ho-tro-nguoi-cao-tuoi/")
    assert '<p class="ward-article__author">Lê Thị Hồng Nhung</p>' in b_page
    assert "Ý kiến bạn đọc" not in b_page and "EmailPrintAa" not in b_page
    c_page = fixture_site.html("bai-viet/ubnd-phuong-to-chuc-doi-thoai-voi-ho-kinh-doanh-ve-an-toan-thuc-pham/")
    assert "Ngày đăng 22/08/2023 | Lượt xem: 0" in c_page and "Chung nhan" not in c_page
    draft_url = "bai-viet/chi-bo-to-dan-pho-so-2-ra-mat-mo-hinh-ngo-pho-van-minh/"
    assert not (fixture_site.site / draft_url).exists()

    fixture_site.build(strict=True, env={"WARD_PREVIEW": "1"})
    assert "120 hộ gia đình" in fixture_site.html(draft_url)


def test_review_draft_with_unknown_unit_is_flagged_by_the_check(fixture_site, capsys):
    assert import_into(fixture_site, capsys, FIXTURES / "layout-c-don-vi-la.txt", FIXTURES / GOOD[1],
                       category="van-hoa-xa-hoi") == 0
    checked = check_content(fixture_site.content)
    [problem] = checked.problems
    assert problem.path == "bai-viet/2023/11/ban-van-hoa-phuong-tuyen-duong-gia-dinh-van-hoa-tieu-bieu.md"
    assert problem.field == "unit" and problem.line == 4
    result = fixture_site.build()  # a plain build leaves the unfinished draft out and builds the rest
    assert "Ban Văn hóa – Thông tin phường Hòa Phong" in result.stdout
    assert "Đội hình sẽ thăm hỏi" in fixture_site.html(
        "bai-viet/doan-thanh-nien-phuong-ra-mat-doi-hinh-tinh-nguyen-ho-tro-nguoi-cao-tuoi/")
