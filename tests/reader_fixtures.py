"""A small portal built for the reader tests: one article per search case, one in NFD, a
long one, and articles that name people beside others holding the same words apart."""

from __future__ import annotations

import unicodedata

import pytest

from conftest import FIXTURE_REGISTRY, FixtureSite, article_text

FILLER = "Nội dung chi tiết của bài viết được ban biên tập cập nhật."
# ~3,000 words of varied text before the one word only this article holds
LONG_BODY = " ".join(f"Đoạn {n}: tổ dân phố số {n % 9 + 1} họp bàn kế hoạch vệ sinh, trồng cây và sinh hoạt cộng đồng "
                     f"trong tháng {n % 12 + 1}, có {n + 3} hộ tham gia." for n in range(150))

# slug → (title, body). Titles and first paragraphs carry the cases the search must find.
SEARCH_ARTICLES = {
    "phuong-thuong-thanh-ra-quan-lam-sach-moi-truong": (
        "Phường Thượng Thanh ra quân làm sạch môi trường", "Sáng chủ nhật, hàng trăm người dân tham gia."),
    "hoi-nghi-giao-ban-tai-phuong-bo-de": (
        "Hội nghị giao ban tại phường Bồ Đề", "Các đại biểu trao đổi kinh nghiệm cải cách hành chính."),
    "kinh-nghiem-cua-cac-phuong-ban": (
        "Kinh nghiệm của các phường bạn", "Đoàn đã đến thăm phường Bồ Đề và phường Thượng Thanh."),
    "nang-cao-van-hoa-doc-cho-thieu-nhi": (
        "Nâng cao văn hoá đọc cho thiếu nhi", "Thư viện tổ dân phố mở cửa cả ngày thứ bảy."),
    "bao-ve-cong-trinh-thuy-loi-noi-dong": (
        "Bảo vệ công trình thủy lợi nội đồng", "Người dân cùng nạo vét kênh mương trước mùa mưa."),
    "uy-ban-kiem-tra-hop-dinh-ky": (
        "Uỷ ban kiểm tra họp định kỳ quý III", "Hội nghị xem xét kết quả kiểm tra, giám sát."),
    "cham-soc-suc-khoe-nguoi-cao-tuoi": (
        "Chăm sóc sức khỏe người cao tuổi", "Trạm y tế khám miễn phí cho 200 cụ."),
    "trao-qua-cho-ho-ngheo": (
        "Trao quà cho hộ nghèo dịp cuối năm", "Đoàn công tác của phường và khu “Ngọc Lâm” đến thăm các hộ (UBND) tặng quà."),
    "thanh-nien-tinh-nguyen-mua-he-xanh": (
        "Thanh niên tình nguyện mùa hè xanh", "Các đoàn viên ra quân dọn vệ sinh."),
    "thanh-lap-cau-lac-bo-duong-sinh": (
        "Thành lập câu lạc bộ dưỡng sinh", "Câu lạc bộ có 40 hội viên."),
    "to-dan-pho-dong-thuy-lam-duong": (
        unicodedata.normalize("NFD", "Tổ dân phố Đồng Thụy làm đường bê tông"),
        unicodedata.normalize("NFD", "Bà con góp công xây dựng con đường mới.")),
    # words only in the body, one of them deep in a long article
    "kiem-tra-an-toan-dien-khu-tap-the": (
        "Kiểm tra an toàn điện ở khu tập thể", f"Đoàn kiểm tra đi từng nhà. {LONG_BODY}\n\n"
                                             "Cuối buổi, thợ điện thay mới chiếc aptomat ở cầu thang."),
    "tu-thuoc-gia-dinh-mua-dich": (
        "Tủ thuốc gia đình mùa dịch", "Bác sĩ khuyên không tự ý dùng aspirin cho trẻ nhỏ."),
    # full names: the article naming the person, and others holding its words apart
    "cuu-chien-binh-gap-mat-dau-nam": (
        "Cựu chiến binh gặp mặt đầu năm", "Ông Hoàng Văn Tư, Chủ tịch Hội, phát biểu chúc Tết các hội viên."),
    "van-nghe-tu-phap-phuong-hoang-liet": (
        "Văn nghệ về tư pháp tại phường Hoàng Liệt", "Đội văn nghệ biểu diễn tiểu phẩm về pháp luật."),
    "chi-hoi-phu-nu-van-dong-hoi-vien": (
        "Chi hội phụ nữ vận động hội viên", "Chị Đinh Thị Thủy, chi hội trưởng, đến từng nhà vận động."),
    "quy-dinh-thi-truong-thuy-san": (
        "Quy định mới về thị trường thủy sản", "Các hộ kinh doanh được hướng dẫn quy định mới."),
}
UNITS = {"trao-qua-cho-ho-ngheo": "ubnd", "cham-soc-suc-khoe-nguoi-cao-tuoi": "ubnd",
         "tu-thuoc-gia-dinh-mua-dich": "ubnd"}


def build_reader_site(root, **extra_ward) -> FixtureSite:
    site = FixtureSite(root)
    site.write("_portal/registry.yml", FIXTURE_REGISTRY)
    for number, (slug, (title, first)) in enumerate(SEARCH_ARTICLES.items()):
        category = "tin-hoat-dong" if number % 2 == 0 else "van-hoa-xa-hoi"
        day = f"03-{number + 1:02d}" if number < 11 else f"02-{number - 10:02d}"  # the search additions: older
        text = article_text(title=title, date=f"2026-{day} 08:{number:02d}", category=category,
                            body=f"{first}\n\n{FILLER}", slug=slug, unit=UNITS.get(slug, "dang-uy"))
        site.write(f"bai-viet/2026/03/{slug}.md", text)
    site.write("gioi-thieu/index.md", "# Giới thiệu phường\n\nPhường có trạm bơm Đông Trù và bến đò cổ.\n")
    site.build(strict=True, **extra_ward)
    return site


_BUILT: dict = {}  # built once per test process, though several modules import the fixture


@pytest.fixture(scope="session")
def reader_site(tmp_path_factory) -> FixtureSite:
    if "site" not in _BUILT:
        _BUILT["site"] = build_reader_site(tmp_path_factory.mktemp("reader"))
    return _BUILT["site"]


@pytest.fixture(scope="session")
def reader_site_in_parts(tmp_path_factory) -> FixtureSite:
    """The same portal with its search index in parts of at most 10 pages, as a large portal's
    (wardportal.search_shards): 2026-03, 2026-02 and the portal's own pages."""
    if "in parts" not in _BUILT:
        _BUILT["in parts"] = build_reader_site(tmp_path_factory.mktemp("reader-parts"), search_shard_pages=10)
    return _BUILT["in parts"]
