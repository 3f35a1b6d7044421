"""A small portal built for the reader tests: one article per search case, one in NFD."""

from __future__ import annotations

import unicodedata

import pytest

from conftest import FIXTURE_REGISTRY, FixtureSite, article_text

FILLER = "Nội dung chi tiết của bài viết được ban biên tập cập nhật."

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
}


def build_reader_site(root) -> FixtureSite:
    site = FixtureSite(root)
    site.write("_portal/registry.yml", FIXTURE_REGISTRY)
    for number, (slug, (title, first)) in enumerate(SEARCH_ARTICLES.items()):
        category = "tin-hoat-dong" if number % 2 == 0 else "van-hoa-xa-hoi"
        text = article_text(title=title, date=f"2026-03-{number + 1:02d} 08:{number:02d}", category=category,
                            body=f"{first}\n\n{FILLER}", slug=slug)
        site.write(f"bai-viet/2026/03/{slug}.md", text)
    site.build(strict=True)
    return site


_BUILT: dict = {}  # built once per test process, though several modules import the fixture


@pytest.fixture(scope="session")
def reader_site(tmp_path_factory) -> FixtureSite:
    if "site" not in _BUILT:
        _BUILT["site"] = build_reader_site(tmp_path_factory.mktemp("reader"))
    return _BUILT["site"]
