"""Bad articles in a real build: each is reported as `content/…:line: message`, left out, and the
rest of the portal still builds; `--strict` fails and counts every problem."""

from __future__ import annotations

import re

import pytest

from conftest import FIXTURE_REGISTRY, FixtureSite, article_text
from html_tools import card_titles
from legacy_encoding import encode_cp1258

GOOD = ["Bài tốt thứ nhất", "Bài tốt thứ hai"]

# file name → (text, line named, words the message must contain)
BAD = {
    "thieu-tieu-de.md": (article_text(title=None), 2, ["thiếu tiêu đề", "`title: Tiêu đề bài viết`"]),
    "tieu-de-trong.md": (article_text(title=""), 2, ["tiêu đề (`title`) đang để trống"]),
    "sai-ngay.md": (article_text(title="Sai ngày", date="22/04/2021"), 3,
                    ["`22/04/2021`", "Các dạng được chấp nhận", "`2021-04-22 16:48`", "chỉ ngày `2021-04-22`"]),
    "luot-xem-am.md": (article_text(title="Lượt xem âm", views=-5), 6, ["không được âm", "-5"]),
    "luot-xem-dau-cham.md": ("---\ntitle: Lượt xem có dấu chấm\ndate: 2024-03-10 08:00\nunit: dang-uy\n"
                             "category: tin-hoat-dong\nviews: 1.204\n---\n\nNội dung.\n", 6,
                             ["số nguyên không âm", "`views: 1204`", "không dùng dấu chấm", "`1.204`"]),
    "luot-xem-chu.md": ("---\ntitle: Lượt xem bằng chữ\ndate: 2024-03-10 08:00\nunit: dang-uy\n"
                        "category: tin-hoat-dong\nviews: nhiều\n---\n\nNội dung.\n", 6,
                        ["số nguyên không âm", "`nhiều`"]),
    "don-vi-la.md": (article_text(title="Đơn vị lạ", unit="Đảng ủy xã"), 4,
                     ["đơn vị “Đảng ủy xã” không có trong danh mục", "Có phải là: “Đảng ủy phường”"]),
    "chuyen-muc-la.md": (article_text(title="Chuyên mục lạ", category="Tin tuc su kien"), 5,
                         ["chuyên mục “Tin tuc su kien” không có trong danh mục", "“Tin hoạt động”"]),
    "yaml-hong.md": ("---\ntitle: YAML hỏng\ndate: 2024-03-10 08:00\ntags: [môi trường\nunit: dang-uy\n"
                     "category: tin-hoat-dong\n---\n\nNội dung.\n", 5, ["lỗi cú pháp YAML"]),
    "cp1258.md": (encode_cp1258(article_text(title="Bài lưu bằng Windows-1258")), 2,
                  ["không phải UTF-8", "UTF-8"]),
    "truong-la.md": (article_text(title="Trường lạ", tac_gia="Minh Anh"), 6,
                     ["trường `tac_gia` không được hỗ trợ", "author"]),
    "z-trung.md": (article_text(title=GOOD[0], body="Bản sao có cùng tiêu đề."), 1,
                   ["trùng đường dẫn `bai-viet/bai-tot-thu-nhat/`", "với bài bai-viet/2024/03/a-tot.md"]),
}


def _write(site: FixtureSite) -> None:
    site.write("_portal/registry.yml", FIXTURE_REGISTRY)
    site.article("2024/03/a-tot.md", title=GOOD[0], body="Bản gốc của bài tốt thứ nhất.")
    site.article("2024/03/b-tot.md", title=GOOD[1], date="2024-03-11 08:00")
    for name, (text, _, _) in BAD.items():
        site.write(f"bai-viet/2024/03/{name}", text)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    site = FixtureSite(tmp_path_factory.mktemp("errors"))
    _write(site)
    return site, site.build().stdout


@pytest.mark.parametrize("name", list(BAD))
def test_each_problem_names_file_line_and_what_to_do(built, name):
    _, output = built
    _, line, words = BAD[name]
    located = f"content/bai-viet/2024/03/{name}:{line}: "
    reports = [entry for entry in output.splitlines() if located in entry]
    assert len(reports) == 1, f"{located} not reported once in:\n{output}"
    assert reports[0].startswith("WARNING")  # through MkDocs' logger, so --strict counts it
    for word in words:
        assert word in reports[0], reports[0]


def test_no_other_warnings_and_every_file_reported(built):
    _, output = built
    warnings = [entry for entry in output.splitlines() if entry.startswith("WARNING")]
    assert len(warnings) == len(BAD), "\n".join(warnings)


def test_faulty_articles_are_left_out_and_the_rest_builds(built):
    site, _ = built
    assert card_titles(site.html("chuyen-muc/tin-hoat-dong/")) == [GOOD[1], GOOD[0]]
    pages = sorted(p.name for p in (site.site / "bai-viet").iterdir())
    assert pages == ["bai-tot-thu-hai", "bai-tot-thu-nhat"]
    # the duplicate never replaced the first article silently
    assert "Bản gốc của bài tốt thứ nhất." in site.html("bai-viet/bai-tot-thu-nhat/")
    assert "Bản sao" not in "".join(p.read_text(encoding="utf-8") for p in site.site.rglob("*.html"))


def test_strict_build_fails_and_counts_every_problem(tmp_path):
    site = FixtureSite(tmp_path)
    _write(site)
    result = site.build(strict=True, check=False)
    assert result.returncode != 0
    # the portal counts its own problems (ward_mkdocs.problem_log), whatever the verbosity
    assert re.search(rf"{len(BAD)} lỗi nội dung, dừng vì chạy với --strict", result.stdout), result.stdout

