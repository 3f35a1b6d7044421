"""The portal's own sections (issue 14), asserted on real builds: the news front page's blocks,
the footer on every page kind, documents with their fields and attachments, bad documents and
schedules named, the schedule's current week as of WARD_AS_OF, the site map, JSON-LD."""

from __future__ import annotations

import json
import re

from html_tools import parse_page

from conftest import article_text

PDF = b"%PDF-1.4\n" + b"0" * 3000 + b"\n%%EOF\n"


def _texts(html: str, block_class: str) -> list[str]:
    """Link texts inside the first element with `block_class` (up to its closing section/div)."""
    start = html.index(f'class="{block_class}') if f'class="{block_class}' in html else html.index(block_class)
    end = html.find("</section>", start)
    return [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", t)).strip()
            for t in re.findall(r"<a [^>]*>(.*?)</a>", html[start:end], re.S)]


def _ld(html: str) -> list[dict]:
    return [json.loads(block) for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)]


def _front_site(fixture_site):
    site = fixture_site
    site.write("bai-viet/2026/11/a.md", article_text("Bài nổi bật cũ", "2026-11-01 08:00", featured=True, views=5))
    site.write("bai-viet/2026/11/b.md", article_text("Bài nổi bật mới", "2026-11-10 08:00", featured=True, views=1))
    site.write("bai-viet/2026/11/c.md", article_text("Bài mới nhất", "2026-11-20 08:00", views=900))
    site.write("bai-viet/2026/11/d.md", article_text("Bài chuyên sâu", "2026-11-15 08:00",
                                                     category="bai-viet-chuyen-sau", views=50))
    site.write("bai-viet/2026/10/e.md", article_text("Bài tháng mười", "2026-10-15 08:00", views=300))
    site.write("van-ban/tep/kh.pdf", PDF)
    site.write("van-ban/tep/tb.pdf", PDF)
    site.write("van-ban/2026/ke-hoach-12.md", "---\nnumber: 12/KH-UBND\ndate: 2026-10-02\ntype: ke-hoach\n"
               "title: Kế hoạch cũ\nissuer: ubnd\nsigner: Trần Văn A\nfile: van-ban/tep/kh.pdf\n---\n")
    site.write("van-ban/2026/thong-bao-7.md", "---\nnumber: 7/TB-UBND\ndate: 2026-11-12\ntype: Thông báo\n"
               "title: Thông báo mới\nissuer: UBND phường\nsigner: Trần Văn B\nfile: van-ban/tep/tb.pdf\n"
               "article: bai-moi-nhat\n---\n")
    return site


def test_front_page_blocks_hold_the_right_articles_in_order(fixture_site):
    site = _front_site(fixture_site)
    site.build(strict=True)
    home = site.html("")
    lead = [t for t in _texts(home, "ward-lead") if t.startswith("Bài")]
    assert lead[0] == "Bài nổi bật mới"  # newest featured leads
    following = _texts(home, "ward-front__next")
    assert [t for t in following if t.startswith("Bài")] == ["Bài nổi bật cũ", "Bài mới nhất", "Bài chuyên sâu",
                                                             "Bài tháng mười"]
    assert _texts(home, "ward-home__latest") == ["Bài mới nhất", "Bài chuyên sâu", "Bài nổi bật mới",
                                                 "Bài nổi bật cũ", "Bài tháng mười"]
    assert _texts(home, "ward-home__popular") == ["Bài mới nhất", "Bài tháng mười", "Bài chuyên sâu",
                                                  "Bài nổi bật cũ", "Bài nổi bật mới"]  # by views
    category = [t for t in _texts(home, "ward-block ward-home__category") if t.startswith("Bài")]
    assert category == ["Bài mới nhất", "Bài nổi bật mới", "Bài nổi bật cũ", "Bài tháng mười"]
    documents = _texts(home, "ward-home__documents")
    assert documents == ["Văn bản mới", "Thông báo số 7/TB-UBND", "Kế hoạch số 12/KH-UBND"]
    assert "Cổng Dịch vụ công quốc gia" in _texts(home, "ward-home__links")
    assert 'data-md-component="sidebar" data-md-type="navigation"\n' not in home
    assert "md-sidebar--primary" not in home or 'hidden' in home.split("md-sidebar--primary")[1][:80]


def test_documents_render_fields_attachment_size_filters_and_structured_data(fixture_site):
    site = _front_site(fixture_site)
    site.build(strict=True)
    page = site.html("van-ban/thong-bao-7/")
    for text in ("7/TB-UBND", "12/11/2026", "Thông báo", "UBND phường", "Trần Văn B", "Thông báo mới",
                 "PDF, 3 KB", "Bài mới nhất", "data-pagefind-body"):
        assert text in page, text
    assert 'href="../tep/tb.pdf"' in page and (site.site / "van-ban/tep/tb.pdf").read_bytes() == PDF
    data = _ld(page)[0]
    assert data["@type"] == "Legislation" and data["legislationIdentifier"] == "7/TB-UBND"
    assert data["legislationDate"] == "2026-11-12" and data["publisher"]["name"]
    listing = site.html("van-ban/")
    assert listing.index("7/TB-UBND") < listing.index("12/KH-UBND")  # newest first
    assert "12/KH-UBND" in site.html("van-ban/loai/ke-hoach/") and "7/TB-UBND" not in site.html("van-ban/loai/ke-hoach/")
    assert "7/TB-UBND" in site.html("van-ban/nam/2026/")
    sitemap = (site.site / "sitemap.xml").read_text(encoding="utf-8")
    assert "van-ban/thong-bao-7/" in sitemap and "so-do-cong/" in sitemap


def test_bad_documents_are_named_and_left_out_the_others_stay(fixture_site):
    site = _front_site(fixture_site)
    site.write("van-ban/2026/thieu-tep.md", "---\nnumber: 9/KH-UBND\ndate: 2026-10-02\ntype: ke-hoach\n"
               "title: Thiếu tệp\nissuer: ubnd\nsigner: A\nfile: van-ban/tep/khong-co.pdf\n---\n")
    site.write("van-ban/2026/sai-ngay.md", "---\nnumber: 10/KH-UBND\ndate: 2026-02-30\ntype: ke-hoach\n"
               "title: Sai ngày\nissuer: ubnd\nsigner: A\nfile: van-ban/tep/kh.pdf\n---\n")
    site.write("van-ban/2026/sai-so.md", "---\nnumber: số mười một\ndate: 2026-10-02\ntype: ke-hoach\n"
               "title: Sai số\nissuer: ubnd\nsigner: A\nfile: van-ban/tep/kh.pdf\n---\n")
    result = site.build(strict=True, check=False)
    assert result.returncode != 0
    assert "van-ban/2026/thieu-tep.md:8: không tìm thấy tệp đính kèm `van-ban/tep/khong-co.pdf`" in result.stdout
    assert "van-ban/2026/sai-ngay.md:3: ngày ban hành `2026-02-30` không hợp lệ" in result.stdout
    assert "van-ban/2026/sai-so.md:2: số/ký hiệu `số mười một` không đúng dạng" in result.stdout
    site.build()
    assert not (site.site / "van-ban/thieu-tep").exists()
    assert "7/TB-UBND" in site.html("van-ban/")


SCHEDULE = """\
items:
  - day: {day}
    time: "08:00"
    content: {content}
    chair: Đồng chí Chủ tịch
    place: Hội trường
    attendees: Các ban ngành
"""


def test_schedule_shows_the_current_week_as_of_the_build_and_archives_the_past(fixture_site):
    site = fixture_site
    site.article("2026/11/a.md", title="Tin", date="2026-11-01 08:00")
    site.write("_portal/lich/2026-W47.yml", SCHEDULE.format(day="2026-11-16", content="Giao ban tuần trước"))
    site.write("_portal/lich/2026-W48.yml", SCHEDULE.format(day="2026-11-26", content="Tiếp công dân tuần này"))
    site.build(strict=True, env={"WARD_AS_OF": "2026-11-26"})
    page = site.html("lich-cong-tac/")
    assert "Tiếp công dân tuần này" in page and "Thứ Năm, 26/11/2026" in page
    assert "Giao ban tuần trước" not in page and 'href="2026-w47/"' in page
    assert "Giao ban tuần trước" in site.html("lich-cong-tac/2026-w47/")
    site.build(strict=True, env={"WARD_AS_OF": "2026-11-17"})
    assert "Giao ban tuần trước" in site.html("lich-cong-tac/")


def test_bad_schedule_lines_are_named(fixture_site):
    site = fixture_site
    site.article("2026/11/a.md", title="Tin", date="2026-11-01 08:00")
    site.write("_portal/lich/2026-W48.yml", SCHEDULE.format(day="2026-12-25", content="Sai tuần")
               + '  - {day: 2026-11-24, time: "25:00", content: X, chair: Y, place: Z}\n')
    site.write("_portal/lich/tuan-48.yml", "items: []\n")
    result = site.build(strict=True, check=False)
    assert result.returncode != 0
    assert "_portal/lich/2026-W48.yml:2: mục lịch thứ 1: ngày 25/12/2026 không thuộc tuần này" in result.stdout
    assert "_portal/lich/2026-W48.yml:8: mục lịch thứ 2: giờ `25:00` không hợp lệ" in result.stdout
    assert "_portal/lich/tuan-48.yml:1: tên tệp lịch phải là năm và số tuần ISO" in result.stdout


def test_missing_contact_values_are_named_in_strict_mode(fixture_site):
    site = fixture_site
    site.article("2026/11/a.md", title="Tin", date="2026-11-01 08:00")
    result = site.build(strict=True, check=False, contact={"body": "UBND phường", "email": "khong-phai-thu"})
    assert result.returncode != 0
    for key in ("responsible", "address", "phone"):
        assert f"mkdocs.yml: thiếu extra.ward.contact.{key}" in result.stdout
    assert "extra.ward.contact.email `khong-phai-thu` không phải địa chỉ thư hợp lệ" in result.stdout


def test_footer_is_on_every_page_kind_of_the_sample(sample_site):
    pages = ["", "bai-viet/chuyen-doi-so-du-lieu-dung-chung/", "chuyen-muc/tin-hoat-dong/",
             "chuyen-muc/tin-hoat-dong/trang-2/", "don-vi/dang-uy/", "luu-tru/", "luu-tru/2026/03/", "thong-ke/",
             "gioi-thieu/", "gioi-thieu/lanh-dao/", "van-ban/", "van-ban/ke-hoach-125-kh-ubnd/", "van-ban/loai/ke-hoach/",
             "lich-cong-tac/", "lien-he/", "so-do-cong/", "404.html"]
    for url in pages:
        html = sample_site.html(url) if url != "404.html" else (sample_site.site / "404.html").read_text(encoding="utf-8")
        footer = html[html.index('class="md-footer ward-footer"'):]
        for text in ("Ủy ban nhân dân phường Thượng Thanh", "Chịu trách nhiệm chính", "Số 1 phố Đức Giang",
                     "024 3877 0000", "ubndthuongthanh@example.vn", "Cổng Dịch vụ công quốc gia"):
            assert text in footer, (url, text)
        assert '<meta name="description" content="' in html, url


def test_site_map_lists_every_section_category_unit_type_and_year(sample_site):
    page = sample_site.html("so-do-cong/")
    for text in ("Trang chủ", "Giới thiệu", "Lãnh đạo phường", "Tổ chức bộ máy", "Tin tức", "Tin hoạt động",
                 "Văn hóa – Xã hội", "Đảng ủy phường", "Chi bộ tổ dân phố số 3", "Lưu trữ", "Năm 2026",
                 "Văn bản", "Kế hoạch", "Báo cáo", "Văn bản năm 2025", "Lịch công tác", "Liên hệ", "Thống kê"):
        assert text in page, text
    menu = parse_page(sample_site.html("")).nav_links if hasattr(parse_page(""), "nav_links") else None
    tabs = re.findall(r'class="md-tabs__link">\s*(.*?)\s*</a>', sample_site.html(""), re.S)
    assert [re.sub(r"\s+", " ", t).strip() for t in tabs][:8] == [
        "Trang chủ", "Giới thiệu", "Tin tức", "Văn bản", "Lịch công tác", "Dịch vụ công", "Liên hệ", "Sơ đồ cổng"]
    del menu


def test_sample_schedule_documents_intro_and_article_structured_data(sample_site):
    schedule = sample_site.html("lich-cong-tac/")  # the sample is built as of 2026-11-26 (W48)
    assert "Tuần 48 năm 2026" in schedule and "Tiếp công dân định kỳ" in schedule
    article = sample_site.html("bai-viet/chuyen-doi-so-du-lieu-dung-chung/")
    data = _ld(article)[0]
    assert data["@type"] == "NewsArticle" and data["headline"] and data["datePublished"].startswith("20")
    assert data["publisher"]["name"] == "Ủy ban nhân dân phường Thượng Thanh"
    assert data["image"] and data["image"][0].startswith("https://thuongthanh.example.vn/")
    leaders = sample_site.html("gioi-thieu/lanh-dao/")
    assert leaders.count('class="ward-leader"') == 5 and "anh/bi-thu.png" in leaders
    assert (sample_site.site / "gioi-thieu/anh/ban-do-dia-gioi.png").exists()
    home = sample_site.html("")
    assert len(home.encode("utf-8")) < 100_000


def test_check_script_reports_bad_documents_and_schedules_as_the_strict_build_does(fixture_site):
    """One list of checks: scripts/check.py names the same document and schedule lines."""
    import subprocess
    import sys
    from conftest import ROOT
    site = fixture_site
    site.article("2026/11/a.md", title="Tin", date="2026-11-01 08:00")
    site.write("van-ban/tep/kh.pdf", PDF)
    site.write("van-ban/2026/thieu-tep.md", "---\nnumber: 9/KH-UBND\ndate: 2026-10-02\ntype: ke-hoach\n"
               "title: Thiếu tệp\nissuer: ubnd\nsigner: A\nfile: van-ban/tep/khong-co.pdf\n---\n")
    site.write("van-ban/2026/sai-loai.md", "---\nnumber: 10/KH-UBND\ndate: 2026-02-30\ntype: ke-hoach\n"
               "title: Sai ngày\nissuer: ubnd\nsigner: A\nfile: van-ban/tep/kh.pdf\n---\n")
    site.write("_portal/lich/2026-W48.yml", SCHEDULE.format(day="2026-11-26", content="Đúng")
               + '  - {day: 2026-11-24, time: "25:00", content: X, chair: Y, place: Z}\n')
    expected = ["van-ban/2026/thieu-tep.md:8: không tìm thấy tệp đính kèm `van-ban/tep/khong-co.pdf`",
                "van-ban/2026/sai-loai.md:3: ngày ban hành `2026-02-30` không hợp lệ",
                "_portal/lich/2026-W48.yml:8: mục lịch thứ 2: giờ `25:00` không hợp lệ"]
    built = site.build(strict=True, check=False)
    checked = subprocess.run([sys.executable, str(ROOT / "scripts" / "check.py"), "--content", "content"],
                             cwd=site.root, capture_output=True, text=True)
    assert built.returncode != 0 and checked.returncode != 0
    for message in expected:
        assert message in built.stdout
        assert "content/" + message in checked.stdout
    site.write("van-ban/2026/thieu-tep.md", "---\nnumber: 9/KH-UBND\ndate: 2026-10-02\ntype: ke-hoach\n"
               "title: Đủ tệp\nissuer: ubnd\nsigner: A\nfile: van-ban/tep/kh.pdf\n---\n")
    site.write("van-ban/2026/sai-loai.md", "---\nnumber: 10/KH-UBND\ndate: 2026-02-03\ntype: ke-hoach\n"
               "title: Đúng ngày\nissuer: ubnd\nsigner: A\nfile: van-ban/tep/kh.pdf\n---\n")
    site.write("_portal/lich/2026-W48.yml", SCHEDULE.format(day="2026-11-26", content="Đúng"))
    checked = subprocess.run([sys.executable, str(ROOT / "scripts" / "check.py"), "--content", "content"],
                             cwd=site.root, capture_output=True, text=True)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    site.build(strict=True)
