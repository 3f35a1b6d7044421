"""A hostile-input portal: malicious, careless and corrupted editors' files beside good ones.

Written into a FixtureSite by `write_hostile_portal`. BAD_ARTICLES and BAD_DATA name every
bad file with words its problem must contain, so that a test can check that each is named.
"""

from __future__ import annotations

from conftest import FIXTURE_REGISTRY, FixtureSite, article_text

GOOD = {"2024/03/tot-mot.md": "Hội nghị sơ kết quý I", "2024/03/tot-hai.md": "Ra quân vệ sinh môi trường"}
HEADER = "---\ndate: 2024-03-12 08:00\nunit: dang-uy\ncategory: tin-hoat-dong\n"


def _alias_bomb() -> str:
    """A few hundred bytes that name 9^9 strings once PyYAML has expanded the aliases."""
    lol = ",".join(['"lol"'] * 9)
    parts, previous = [f"&a [{lol}]"], "a"
    for name in "bcdefghi":
        parts.append(f"&{name} [" + ",".join([f"*{previous}"] * 9) + "]")
        previous = name
    return "tags: [" + ", ".join(parts) + "]\n"


# file under bai-viet/2024/03/ → (text, line, words of the message)
BAD_ARTICLES = {
    "bom-alias.md": (HEADER + "title: Bom alias\n" + _alias_bomb() + "---\n\nNội dung.\n", 6, ["neo `&a`"]),
    "khoa-gop.md": (HEADER + "title: Khóa gộp\n<<: {draft: false}\n---\n\nNội dung.\n", 6, ["khóa gộp `<<`"]),
    "nhi-phan.md": (HEADER + "title: !!binary aGVsbG8=\n---\n\nNội dung.\n", 5, ["`!!binary`"]),
    "ky-tu-dieu-khien.md": (HEADER + 'title: "Thông báo: tải biểu mẫu tại thư mục D:\\bieu-mau"\n---\n\nNội dung.\n',
                            5, ["U+0008", "ngoặc đơn"]),
    "trung-khoa.md": (HEADER + "title: Trùng khóa\ndraft: true\ndraft: false\n---\n\nNội dung.\n", 7,
                      ["khóa `draft` bị ghi hai lần", "dòng 6"]),
    "tieu-de-danh-sach.md": (HEADER + "title: [a, b]\n---\n\nNội dung.\n", 5, ["`title` phải là một đoạn chữ"]),
    "tom-tat-cap.md": (article_text(title="Tóm tắt là cặp khóa", summary={"a": 1}), 6,
                       ["`summary` phải là một đoạn chữ"]),
    "luot-xem-lon.md": (article_text(title="Lượt xem quá lớn", views=99999999999999999999999), 6,
                        ["quá lớn", "1.000.000.000"]),
    "tu-khoa-long.md": (article_text(title="Từ khóa lồng", tags=[["a"], "b"]), 6, ["`tags` phải là danh sách"]),
    "long-sau.md": (HEADER + "title: Lồng sâu\nx: " + "[" * 20000 + "]" * 20000 + "\n---\n\nNội dung.\n", 6,
                    ["lồng nhau quá sâu"]),
    "qua-dai.md": (HEADER + "title: Quá dài\nsummary: '" + "a" * 70000 + "'\n---\n\nNội dung.\n", 1, ["quá dài"]),
    "ngay-khong-co.md": (article_text(title="Ngày không có", date="2024-02-30"), 3,
                         ["ngày giờ không tồn tại", "ngày có trong tháng"]),
}
# A published article whose body holds a control character: it is stripped, with a warning.
BODY_CONTROL = ("2024/03/than-bai-dieu-khien.md", "Thân bài có ký tự lạ")

BAD_REGISTRY_TAIL = """\
  - id: bi-trung
    name: Đơn vị bị trùng khóa
    name: Tên thứ hai
  - id: ten-danh-sach
    name: [a, b]
"""
# data file → (line, words) for each problem it must report
BAD_DATA = {
    "_portal/registry.yml": [(FIXTURE_REGISTRY.count("\n") + 3, ["khóa `name` bị ghi hai lần"]),
                             (FIXTURE_REGISTRY.count("\n") + 4, ["`name` của mục `ten-danh-sach`"])],
    "_portal/targets.yml": [(2, ["neo `&x`"])],
}
TARGETS = "period_start_day: 1\ntargets: &x [*x]\n"


def write_hostile_portal(site: FixtureSite) -> None:
    site.write("_portal/registry.yml", FIXTURE_REGISTRY + BAD_REGISTRY_TAIL)
    site.write("_portal/targets.yml", TARGETS)
    for path, title in GOOD.items():
        site.article(path, title=title)
    site.article(BODY_CONTROL[0], title=BODY_CONTROL[1],
                 body="Đoạn đầu của bài viết thử nghiệm, có ký tự lạ \x08 ở giữa câu, đủ dài để làm tóm tắt.")
    for name, (text, _, _) in BAD_ARTICLES.items():
        site.write(f"bai-viet/2024/03/{name}", text)
