"""A portal whose articles try to run scripts and load from other hosts, beside good ones.

Written into a FixtureSite by `write_hostile_portal`; used by the content-policy build test
and its Chromium test. Every hostile article is still published, cleaned; every trick in it
must be named in a warning with its file and line.
"""

from __future__ import annotations

import image_samples as samples
from conftest import FIXTURE_REGISTRY, FixtureSite, article_text

OTHER = "other.example"  # never resolvable: a request to it is the failure the tests look for
LEAD = "Đoạn mở đầu của bài viết, đủ dài để làm phần tóm tắt hiện trong danh sách bài.\n\n"

HOSTILE = {
    # article file → (body, texts that must be named in a warning at the given body line)
    "2024/05/ma-chay.md": (LEAD + "<script>alert('script')</script>\n\n"
                           "<p onclick=\"alert('click')\" onmouseover=\"alert('hover')\">Di chuột vào đây.</p>\n\n"
                           "<img src=\"/images/2024/tot.jpg\" onerror=\"alert('onerror')\" alt=\"ảnh\">\n\n"
                           "<svg onload=\"alert('svg')\"><script>alert('svg2')</script></svg>\n\n"
                           "Đoạn có thuộc tính lạ.\n{ onclick=\"alert('attr-list')\" }\n",
                           ["<script>", "onclick", "onmouseover", "onerror", "<svg>"]),
    "2024/05/nhung-trang-khac.md": (LEAD + f"<iframe src=\"https://{OTHER}/embed\"></iframe>\n\n"
                                    f"<object data=\"https://{OTHER}/x.swf\"></object>\n\n"
                                    f"<embed src=\"https://{OTHER}/x.swf\">\n\n"
                                    f"<form action=\"https://{OTHER}/login\"><input name=\"mat-khau\"></form>\n\n"
                                    f"<link rel=\"stylesheet\" href=\"https://{OTHER}/x.css\">\n\n"
                                    f"<style>body {{ background: url(https://{OTHER}/nen.png) }}</style>\n",
                                    ["<iframe>", "<object>", "<embed>", "<form>", "<link>", "<style>"]),
    "2024/05/anh-trang-khac.md": (LEAD + f"![Ảnh ngoài](http://{OTHER}/a.jpg)\n\n"
                                  f"<img src=\"//{OTHER}/b.png\" alt=\"ảnh ngoài 2\">\n\n"
                                  f"<picture><source srcset=\"https://{OTHER}/c.webp 1x\">"
                                  "<img src=\"/images/2024/tot.jpg\" alt=\"ảnh\"></picture>\n\n"
                                  f"Đoạn có nền.\n{{ style=\"background: url(https://{OTHER}/d.png)\" }}\n",
                                  [f"http://{OTHER}/a.jpg", f"//{OTHER}/b.png", f"https://{OTHER}/c.webp", "style"]),
    "2024/05/lien-ket-ma.md": (LEAD + "<a href=\"javascript:alert('link')\">Bấm vào đây</a>\n\n"
                               "[Liên kết Markdown](javascript:alert(2))\n\n"
                               "<a href=\"data:text/html,<script>alert('data')</script>\">Dữ liệu</a>\n",
                               ["javascript:alert('link')", "javascript:alert(2)", "data:text/html"]),
}

GOOD = {
    "2024/05/tin-tot.md": (LEAD + "| Cột trái | Cột giữa |\n| :--- | :---: |\n| a | b |\n\n"
                           "!!! note \"Lưu ý\"\n    Người dân mang theo căn cước.\n\n"
                           "![Hội nghị](/images/2024/tot.jpg \"Toàn cảnh hội nghị\")\n\n"
                           "Xem thêm trên [Cổng Chính phủ](https://chinhphu.vn/) và "
                           "[bài khác](../../2024/05/tin-tot-2.md).\n\n"
                           "<div markdown=\"1\" class=\"ghi-chu\">\n**Chữ đậm** trong khối HTML.\n</div>\n"),
    "2024/05/tin-tot-2.md": LEAD + "Một bài bình thường, không có gì lạ.\n",
}
TITLES = {
    "2024/05/ma-chay.md": "Bài có mã chạy",
    "2024/05/nhung-trang-khac.md": "Bài nhúng trang khác",
    "2024/05/anh-trang-khac.md": "Bài có ảnh trang khác",
    "2024/05/lien-ket-ma.md": "Bài có liên kết mã",
    "2024/05/tin-tot.md": "Tin tốt có bảng và ảnh",
    "2024/05/tin-tot-2.md": "Tin tốt thứ hai",
}
BODY_LINE = 8  # article_text: 6 front-matter lines, a blank line, then the body


def write_hostile_portal(site: FixtureSite) -> None:
    site.write("_portal/registry.yml", FIXTURE_REGISTRY)
    site.write("images/2024/tot.jpg", samples.phone_photo(1200, 800))
    for number, (name, title) in enumerate(TITLES.items()):
        body = HOSTILE[name][0] if name in HOSTILE else GOOD[name]
        site.write(f"bai-viet/{name}", article_text(title=title, date=f"2024-05-{10 + number:02d} 08:00", body=body))
