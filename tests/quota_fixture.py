"""A small portal with known quota figures, shared by the quota tests (site and CLI).

Today is 2024-04-15 (Vietnam). Expected figures are written out by hand below.
"""

from __future__ import annotations

from conftest import FixtureSite

AS_OF = "2024-04-15"

REGISTRY = """\
categories:
  - id: tin-hoat-dong
    name: Tin hoạt động
    order: 1
  - id: bai-viet-chuyen-sau
    name: Bài viết chuyên sâu
    order: 2
  - id: van-hoa-xa-hoi
    name: Văn hóa – Xã hội
    order: 3
units:
  - id: dang-uy
    name: Đảng ủy phường
    order: 1
  - id: ubnd
    name: UBND phường
    order: 2
  - id: chi-bo-1
    name: Chi bộ tổ dân phố số 1
    order: 3
    end: 2024-03
  - id: hoi-phu-nu
    name: Hội Liên hiệp phụ nữ phường
    order: 4
"""

TARGETS = """\
period_start_day: 1
defaults:
  - category: tin-hoat-dong
    target: 1
    from: 2024-01
targets:
  - unit: dang-uy
    category: tin-hoat-dong
    target: 3
    from: 2024-01
  - unit: dang-uy
    category: bai-viet-chuyen-sau
    target: 2
    from: 2024-01
  - unit: Đảng uỷ phường
    category: Bài viết chuyên sâu
    target: 1
    from: 2024-04
"""

# (file, title, date, unit, category, extra front matter)
ARTICLES = [
    ("a01.md", "Tin cuối tháng ba", "2024-03-31 23:59", "dang-uy", "tin-hoat-dong", {}),
    ("a02.md", "Tin đầu tháng tư", "2024-04-01 00:00", "dang-uy", "tin-hoat-dong", {}),
    ("a03.md", "Tin giờ quốc tế", "2024-03-31T20:00:00Z", "dang-uy", "tin-hoat-dong", {}),
    ("a04.md", "Tin đầu tháng ba", "2024-03-01 00:00", "dang-uy", "tin-hoat-dong", {}),
    ("a05.md", "Chuyên sâu tháng ba", "2024-03-15 09:00", "dang-uy", "bai-viet-chuyen-sau", {}),
    ("a06.md", "Chuyên sâu tháng tư", "2024-04-10 09:00", "dang-uy", "bai-viet-chuyen-sau", {}),
    ("a07.md", "Bản nháp UBND", "2024-03-05 08:00", "ubnd", "tin-hoat-dong", {"draft": True}),
    ("a08.md", "UBND tin một", "2024-03-06 08:00", "ubnd", "tin-hoat-dong", {}),
    ("a09.md", "UBND tin hai", "2024-03-07", "ubnd", "tin-hoat-dong", {}),
    ("a10.md", "Chi bộ sinh hoạt", "2024-03-10 19:00", "chi-bo-1", "tin-hoat-dong", {}),
    ("a11.md", "Chi bộ sau giải thể", "2024-04-05 19:00", "chi-bo-1", "tin-hoat-dong", {}),
    ("a12.md", "Văn hóa phường", "2024-03-20 10:00", "ubnd", "van-hoa-xa-hoi", {}),
    ("a13.md", "Tin hẹn giờ", "2024-04-20 08:00", "dang-uy", "tin-hoat-dong", {}),
]

# (unit, category) -> (published, target, status), for every tracked pair.
EXPECTED = {
    "2024-03": {
        ("dang-uy", "tin-hoat-dong"): (2, 3, "behind"),
        ("dang-uy", "bai-viet-chuyen-sau"): (1, 2, "behind"),
        ("dang-uy", "van-hoa-xa-hoi"): (0, None, "no_target"),
        ("ubnd", "tin-hoat-dong"): (2, 1, "exceeded"),
        ("ubnd", "bai-viet-chuyen-sau"): (0, None, "no_target"),
        ("ubnd", "van-hoa-xa-hoi"): (1, None, "no_target"),
        ("chi-bo-1", "tin-hoat-dong"): (1, 1, "met"),
        ("chi-bo-1", "bai-viet-chuyen-sau"): (0, None, "no_target"),
        ("chi-bo-1", "van-hoa-xa-hoi"): (0, None, "no_target"),
        ("hoi-phu-nu", "tin-hoat-dong"): (0, 1, "behind"),
        ("hoi-phu-nu", "bai-viet-chuyen-sau"): (0, None, "no_target"),
        ("hoi-phu-nu", "van-hoa-xa-hoi"): (0, None, "no_target"),
    },
    "2024-04": {
        ("dang-uy", "tin-hoat-dong"): (2, 3, "behind"),
        ("dang-uy", "bai-viet-chuyen-sau"): (1, 1, "met"),
        ("dang-uy", "van-hoa-xa-hoi"): (0, None, "no_target"),
        ("ubnd", "tin-hoat-dong"): (0, 1, "behind"),
        ("ubnd", "bai-viet-chuyen-sau"): (0, None, "no_target"),
        ("ubnd", "van-hoa-xa-hoi"): (0, None, "no_target"),
        ("hoi-phu-nu", "tin-hoat-dong"): (0, 1, "behind"),
        ("hoi-phu-nu", "bai-viet-chuyen-sau"): (0, None, "no_target"),
        ("hoi-phu-nu", "van-hoa-xa-hoi"): (0, None, "no_target"),
    },
}


def write_quota_site(site: FixtureSite, targets: str = TARGETS) -> FixtureSite:
    site.write("_portal/registry.yml", REGISTRY)
    site.write("_portal/targets.yml", targets)
    for name, title, date, unit, category, extra in ARTICLES:
        site.article(f"2024/{name}", title=title, date=date, unit=unit, category=category, **extra)
    return site
