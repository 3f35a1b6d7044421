"""A small portal with known royalty figures (types, points, two rates), shared by the royalty tests.

Today is 2026-08-20 (Vietnam). The rate changes in July: until June one point is 150.000 đ,
paid in full, amounts rounded to 1 đồng; from July one point is 10% of a 2.340.000 đ base
salary (234.000 đ), the site is paid half (117.000 đ a point), rounded half up to 1.000 đ.
Every expected figure below is worked out by hand in the comments.
"""

from __future__ import annotations

from conftest import FixtureSite

AS_OF = "2026-08-20"
PORTAL_NAME = "Cổng thông tin điện tử phường Thử Nghiệm"

REGISTRY = """\
categories:
  - id: tin-hoat-dong
    name: Tin hoạt động
    order: 1
  - id: bai-viet-chuyen-sau
    name: Bài viết chuyên sâu
    order: 2
units:
  - id: dang-uy
    name: Đảng ủy phường
    order: 1
  - id: ubnd
    name: UBND phường
    order: 2
  - id: hoi-phu-nu
    name: Hội Liên hiệp phụ nữ phường
    order: 3
"""

ROYALTIES = """\
portal_name: Cổng thông tin điện tử phường Thử Nghiệm
default_type: tin
types:
  - id: tin
    name: Tin không ảnh
    points: 1.0
  - id: tin-anh
    name: Tin có ảnh
    points: 1.5
  - id: bai-chuyen-sau
    name: Bài chuyên sâu
    points: 1.5
    min: 1.2
    max: 2.5
  - id: dang-lai
    name: Bài đăng lại
    points: 0.5
rates:
  - from: 2026-01
    point_value: 150000
  - from: 2026-07
    base_salary: 2340000
    percent: 10
    fraction: 0.5
    rounding: 1000
"""

TWO_AUTHORS = ["Nguyễn Thu Hà", "Vũ Hoàng Anh"]
THREE_AUTHORS = ["Nguyễn Thu Hà", "Vũ Hoàng Anh", "Bùi Thị Mai"]
OWN_SHARES = [{"name": "Nguyễn Thu Hà", "points": 1.2}, {"name": "Vũ Hoàng Anh", "points": 0.6}]

# (file, slug, date, unit, category, extra front matter)
ARTICLES = [
    ("r00.md", "tin-thang-muoi-hai", "2025-12-15 09:00", "dang-uy", "tin-hoat-dong",
     {"type": "tin", "author": "Trần Minh Đức"}),  # before any rate: a statement of 2025-12 is refused
    ("r01.md", "tin-cuoi-thang-nam", "2026-05-31 23:59", "dang-uy", "tin-hoat-dong",
     {"type": "tin", "author": "Trần Minh Đức"}),
    ("r02.md", "tin-anh-thang-sau", "2026-06-05 08:00", "dang-uy", "tin-hoat-dong",
     {"type": "tin-anh", "author": "Trần Minh Đức"}),
    ("r03.md", "tin-khong-ghi-loai", "2026-06-10 08:00", "dang-uy", "tin-hoat-dong",
     {"author": "Trần Minh Đức"}),  # no `type`: the default type, tin, 1.0
    ("r04.md", "chuyen-sau-hai-tac-gia", "2026-06-20 10:00", "ubnd", "bai-viet-chuyen-sau",
     {"type": "bai-chuyen-sau", "points": 2.0, "author": TWO_AUTHORS}),  # 1.0 each
    ("r05.md", "tin-phut-cuoi-thang-sau", "2026-06-30 23:59", "ubnd", "tin-hoat-dong",
     {"type": "tin", "author": "Nguyễn Thu Hà"}),
    ("r06.md", "ban-nhap-thang-sau", "2026-06-12 08:00", "dang-uy", "tin-hoat-dong",
     {"type": "tin", "author": "Trần Minh Đức", "draft": True}),  # a draft: not counted
    ("r07.md", "tin-anh-dau-thang-bay", "2026-07-01 00:00", "dang-uy", "tin-hoat-dong",
     {"type": "tin-anh", "author": "Trần Minh Đức"}),
    ("r08.md", "chuyen-sau-diem-tung-nguoi", "2026-07-15 09:00", "ubnd", "bai-viet-chuyen-sau",
     {"type": "bai-chuyen-sau", "author": OWN_SHARES}),  # 1.2 + 0.6 = 1.8, within 1.2–2.5
    ("r09.md", "bai-dang-lai", "2026-07-20 09:00", "hoi-phu-nu", "tin-hoat-dong",
     {"type": "dang-lai", "author": "Bùi Thị Mai"}),
    ("r10.md", "tin-khong-tac-gia", "2026-07-22 09:00", "hoi-phu-nu", "tin-hoat-dong",
     {"type": "tin"}),  # nobody to pay: listed as uncredited
    ("r11.md", "chuyen-sau-qua-diem", "2026-07-25 09:00", "dang-uy", "bai-viet-chuyen-sau",
     {"type": "bai-chuyen-sau", "points": 3.0, "author": "Trần Minh Đức"}),  # out of range: warned, left out
    ("r12.md", "loai-bai-la", "2026-07-26 09:00", "dang-uy", "tin-hoat-dong",
     {"type": "phong-su", "author": "Trần Minh Đức"}),  # unknown type: warned, left out, still built
    ("r17.md", "loai-bai-viet-tay", "2026-07-27 09:00", "dang-uy", "tin-hoat-dong",
     {"type": "Tin Ảnh", "author": "Trần Minh Đức"}),  # a name, not an id: warned, left out, still built
    ("r13.md", "tin-anh-ba-tac-gia", "2026-07-28 09:00", "ubnd", "tin-hoat-dong",
     {"type": "tin-anh", "author": THREE_AUTHORS}),  # 0.5 each
    ("r14.md", "tin-thang-tam", "2026-08-10 09:00", "dang-uy", "tin-hoat-dong",
     {"type": "tin", "author": "Trần Minh Đức"}),
    ("r15.md", "tin-doan-thanh-tam", "2026-08-05 09:00", "ubnd", "tin-hoat-dong",
     {"type": "tin", "author": "Đỗ Thanh Tâm"}),
    ("r16.md", "tin-hen-gio", "2026-08-25 09:00", "dang-uy", "tin-hoat-dong",
     {"type": "tin", "author": "Trần Minh Đức"}),  # after today: not counted yet
]

UNKNOWN_TYPE_FILE = "bai-viet/2026/r12.md"
OUT_OF_RANGE_FILE = "bai-viet/2026/r11.md"


def url(slug: str) -> str:
    return f"bai-viet/{slug}/"


# month -> [(author, unit, [(slug, type, points)], points, amount)], in Vietnamese order of names
# (one name in two units: in the registry's order of units).
EXPECTED = {
    "2026-05": [
        ("Trần Minh Đức", "dang-uy", [("tin-cuoi-thang-nam", "tin", 1.0)], 1.0, 150000),
    ],
    "2026-06": [  # 150.000 đ a point, paid in full
        ("Nguyễn Thu Hà", "ubnd", [("chuyen-sau-hai-tac-gia", "bai-chuyen-sau", 1.0),
                                   ("tin-phut-cuoi-thang-sau", "tin", 1.0)], 2.0, 300000),
        ("Trần Minh Đức", "dang-uy", [("tin-anh-thang-sau", "tin-anh", 1.5),
                                      ("tin-khong-ghi-loai", "tin", 1.0)], 2.5, 375000),
        ("Vũ Hoàng Anh", "ubnd", [("chuyen-sau-hai-tac-gia", "bai-chuyen-sau", 1.0)], 1.0, 150000),
    ],
    "2026-07": [  # 117.000 đ a point, rounded half up to 1.000 đ per author
        ("Bùi Thị Mai", "ubnd", [("tin-anh-ba-tac-gia", "tin-anh", 0.5)], 0.5, 59000),  # 58.500 → 59.000
        ("Bùi Thị Mai", "hoi-phu-nu", [("bai-dang-lai", "dang-lai", 0.5)], 0.5, 59000),  # (units in registry order)
        ("Nguyễn Thu Hà", "ubnd", [("chuyen-sau-diem-tung-nguoi", "bai-chuyen-sau", 1.2),
                                   ("tin-anh-ba-tac-gia", "tin-anh", 0.5)], 1.7, 199000),  # 198.900
        ("Trần Minh Đức", "dang-uy", [("tin-anh-dau-thang-bay", "tin-anh", 1.5)], 1.5, 176000),  # 175.500
        ("Vũ Hoàng Anh", "ubnd", [("chuyen-sau-diem-tung-nguoi", "bai-chuyen-sau", 0.6),
                                  ("tin-anh-ba-tac-gia", "tin-anh", 0.5)], 1.1, 129000),  # 128.700
    ],
    "2026-08": [
        ("Đỗ Thanh Tâm", "ubnd", [("tin-doan-thanh-tam", "tin", 1.0)], 1.0, 117000),  # Đ after D, before N
        ("Trần Minh Đức", "dang-uy", [("tin-thang-tam", "tin", 1.0)], 1.0, 117000),
    ],
}
# (points, amount) of each month: the sums of its authors.
MONTH_TOTALS = {"2026-05": (1.0, 150000), "2026-06": (5.5, 825000), "2026-07": (5.3, 622000),
                "2026-08": (2.0, 234000)}
UNIT_NAMES = {"dang-uy": "Đảng ủy phường", "ubnd": "UBND phường", "hoi-phu-nu": "Hội Liên hiệp phụ nữ phường"}


def write_royalty_site(site: FixtureSite, royalties: str = ROYALTIES) -> FixtureSite:
    site.write("_portal/registry.yml", REGISTRY)
    site.write("_portal/royalties.yml", royalties)
    for name, slug, date, unit, category, extra in ARTICLES:
        site.article(f"2026/{name}", title=f"Bài {slug.replace('-', ' ')}", slug=slug, date=date, unit=unit,
                     category=category, **extra)
    return site
