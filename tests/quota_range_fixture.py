"""A portal with a year of known counts, for the quota range tests (CLI, site, stats_public).

Today is 2026-11-15 (Vietnam). Đảng ủy's "Tin hoạt động" target changes from 3 to 5 in July,
its "Bài viết chuyên sâu" target applies April–September only; Chi bộ 1 ends in May, Hội Cựu
chiến binh starts in August, Đoàn thanh niên publishes nothing in 2026. Expected figures are
worked out by hand below (not by the code under test).
"""

from __future__ import annotations

from conftest import FixtureSite

AS_OF = "2026-11-15"

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
  - id: doan-thanh-nien
    name: Đoàn thanh niên phường
    order: 3
  - id: chi-bo-1
    name: Chi bộ tổ dân phố số 1
    order: 4
    end: 2026-05
  - id: hoi-cuu-chien-binh
    name: Hội Cựu chiến binh phường
    order: 5
    start: 2026-08
"""

TARGETS = """\
defaults:
  - category: tin-hoat-dong
    target: 2
    from: 2026-01
targets:
  - unit: dang-uy
    category: tin-hoat-dong
    target: 3
    from: 2026-01
  - unit: dang-uy
    category: tin-hoat-dong
    target: 5
    from: 2026-07
  - unit: dang-uy
    category: bai-viet-chuyen-sau
    target: 1
    from: 2026-04
    to: 2026-09
  - unit: ubnd
    category: bai-viet-chuyen-sau
    target: 1
    from: 2026-01
"""

TIN, SAU = "tin-hoat-dong", "bai-viet-chuyen-sau"

# (unit, category) -> {month of 2026: articles published that month}
COUNTS = {
    ("dang-uy", TIN): {1: 3, 2: 2, 3: 3, 4: 3, 5: 1, 6: 3, 7: 5, 8: 6, 9: 4, 10: 2, 11: 1},
    ("dang-uy", SAU): {3: 1, 4: 1, 5: 1, 6: 2, 9: 1},
    ("ubnd", TIN): {1: 2, 2: 2, 3: 1, 5: 2, 7: 2, 8: 1, 9: 2, 11: 1},  # July: one is the UTC edge
    ("ubnd", SAU): {2: 1, 4: 2, 8: 3, 9: 4},
    ("chi-bo-1", TIN): {1: 1, 3: 2, 5: 1, 6: 1},  # June: after the chi bộ ended, not counted
    ("hoi-cuu-chien-binh", TIN): {7: 1, 9: 2, 10: 1},  # July: before the hội started, not counted
}

# (file, title, date, unit, category, extra front matter): the edges of the counting rules
EDGES = [
    ("bien-utc.md", "UBND tin giờ quốc tế", "2026-06-30T20:00:00Z", "ubnd", TIN, {}),  # 1 July in Vietnam
    ("cuoi-quy.md", "Đảng ủy tin cuối quý", "2026-09-30 23:59", "dang-uy", TIN, {}),  # still September
    ("nhap.md", "Đảng ủy bản nháp", "2026-08-12 08:00", "dang-uy", TIN, {"draft": True}),
    ("hen-gio.md", "Đảng ủy tin hẹn giờ", "2026-11-20 08:00", "dang-uy", TIN, {}),  # after today
    ("doan-nam-truoc.md", "Đoàn tin năm trước", "2025-12-20 08:00", "doan-thanh-nien", TIN, {}),
]

# Expected (published, target, difference, status) per tracked (unit, category), by hand.
# Đảng ủy Tin hoạt động: target 3 × 6 months + 5 × 3 months = 33 (not 9 × 5 = 45).
EXPECTED = {
    "from-2026-01-to-2026-09": {
        ("dang-uy", TIN): (30, 33, -3, "behind"),
        ("dang-uy", SAU): (6, 6, 0, "met"),
        ("ubnd", TIN): (12, 18, -6, "behind"),
        ("ubnd", SAU): (10, 9, 1, "exceeded"),
        ("doan-thanh-nien", TIN): (0, 18, -18, "behind"),
        ("doan-thanh-nien", SAU): (0, None, None, "no_target"),
        ("chi-bo-1", TIN): (4, 10, -6, "behind"),
        ("chi-bo-1", SAU): (0, None, None, "no_target"),
        ("hoi-cuu-chien-binh", TIN): (2, 4, -2, "behind"),
        ("hoi-cuu-chien-binh", SAU): (0, None, None, "no_target"),
    },
    "quarter-2026-Q3": {  # the chi bộ ended before July: not listed
        ("dang-uy", TIN): (15, 15, 0, "met"),
        ("dang-uy", SAU): (1, 3, -2, "behind"),
        ("ubnd", TIN): (5, 6, -1, "behind"),
        ("ubnd", SAU): (7, 3, 4, "exceeded"),
        ("doan-thanh-nien", TIN): (0, 6, -6, "behind"),
        ("doan-thanh-nien", SAU): (0, None, None, "no_target"),
        ("hoi-cuu-chien-binh", TIN): (2, 4, -2, "behind"),
        ("hoi-cuu-chien-binh", SAU): (0, None, None, "no_target"),
    },
    "year-2026": {  # targets of every month of the year, articles up to today
        ("dang-uy", TIN): (33, 48, -15, "behind"),
        ("dang-uy", SAU): (6, 6, 0, "met"),
        ("ubnd", TIN): (13, 24, -11, "behind"),
        ("ubnd", SAU): (10, 12, -2, "behind"),
        ("doan-thanh-nien", TIN): (0, 24, -24, "behind"),
        ("doan-thanh-nien", SAU): (0, None, None, "no_target"),
        ("chi-bo-1", TIN): (4, 10, -6, "behind"),
        ("chi-bo-1", SAU): (0, None, None, "no_target"),
        ("hoi-cuu-chien-binh", TIN): (3, 10, -7, "behind"),
        ("hoi-cuu-chien-binh", SAU): (0, None, None, "no_target"),
    },
}
ARGS = {"from-2026-01-to-2026-09": ("--from", "2026-01", "--to", "2026-09"),
        "quarter-2026-Q3": ("--quarter", "2026-Q3"), "year-2026": ("--year", "2026")}
LABELS = {"from-2026-01-to-2026-09": ("9 tháng đầu năm 2026", "2026-01-01", "2026-09-30"),
          "quarter-2026-Q3": ("Quý III/2026", "2026-07-01", "2026-09-30"),
          "year-2026": ("Năm 2026", "2026-01-01", "2026-12-31")}
IDLE = ["doan-thanh-nien"]  # tracked in each range above, nothing counted


def write_range_site(site: FixtureSite, targets: str = TARGETS) -> FixtureSite:
    site.write("_portal/registry.yml", REGISTRY)
    site.write("_portal/targets.yml", targets)
    edges_in = {}  # the edge articles stand for some of the counted ones
    for _, _, date, unit, category, extra in EDGES:
        if not extra and date.startswith("2026-") and date < "2026-11-15":
            month = 7 if "T20:00:00Z" in date else int(date[5:7])
            edges_in[(unit, category, month)] = edges_in.get((unit, category, month), 0) + 1
    for (unit, category), months in COUNTS.items():
        for month, count in months.items():
            for number in range(count - edges_in.get((unit, category, month), 0)):
                site.article(f"2026/{month:02d}/{unit}-{category}-{number}.md",
                             title=f"{unit} {category} tháng {month} bài {number}",
                             date=f"2026-{month:02d}-{10 + number:02d} 08:00", unit=unit, category=category)
    for name, title, date, unit, category, extra in EDGES:
        site.article(f"2026/{name}", title=title, date=date, unit=unit, category=category, **extra)
    return site
