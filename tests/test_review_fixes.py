"""Regression tests for problems found in review: escaping, cache poisoning, unsafe slugs,
file modes, drafts at a taken URL, and search keeping pages named `trang-…`."""

import os
import stat
import subprocess
import sys

from conftest import FIXTURE_REGISTRY, ROOT
from search_tools import fragments

TRICKY_TITLE = 'Hội thi "Tiếng hát" <img src=x onerror=alert(1)>'


def test_titles_and_registry_names_are_escaped_everywhere(fixture_site):
    fixture_site.write("_portal/registry.yml", FIXTURE_REGISTRY.replace(
        "name: Tin hoạt động", 'name: Tin "hoạt động" <b>'))
    fixture_site.article("2024/03/a.md", title=TRICKY_TITLE, date="2024-03-05 08:00")
    fixture_site.build(strict=True)
    pages = [p.read_text(encoding="utf-8") for p in fixture_site.site.rglob("*.html")]
    assert pages and not any("<img src=x" in page for page in pages)
    assert not any('"Tiếng hát"' in page for page in pages)  # never raw inside an attribute
    assert not any("Tin \"hoạt động\" <b>" in page for page in pages)
    article = fixture_site.html("bai-viet/hoi-thi-tieng-hat-img-src-x-onerror-alert-1/")
    assert 'og:title" content="Hội thi &#34;Tiếng hát&#34; &lt;img' in article or \
        'og:title" content="Hội thi &quot;Tiếng hát&quot; &lt;img' in article


def test_verbose_build_does_not_hide_broken_anchors_from_strict(fixture_site):
    fixture_site.article("2024/03/a.md", title="Bài A", body="Xem [mục](b.md#khong-co-muc-nay). Đoạn đủ dài.")
    fixture_site.article("2024/03/b.md", title="Bài B")
    config = fixture_site.config()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "WARD_AS_OF": "2026-11-26"}
    verbose = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-v", "-f", str(config)],
                             cwd=fixture_site.root, env=env, capture_output=True, text=True)
    assert verbose.returncode == 0, verbose.stderr
    strict = fixture_site.build(strict=True, check=False)
    assert strict.returncode != 0 and "khong-co-muc-nay" in strict.stdout


def test_new_rejects_slugs_that_leave_the_folder(fixture_site, tmp_path):
    outside = tmp_path.parent / "ngoai.md"
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "new.py"), "Thử", "--unit", "dang-uy",
                             "--category", "tin-hoat-dong", "--slug", "../../../../ngoai",
                             "--content", str(fixture_site.content)], capture_output=True, text=True)
    assert result.returncode == 2 and "--slug" in result.stderr
    assert not outside.exists() and not list((fixture_site.content).rglob("*ngoai*"))


def test_new_files_are_readable_by_others(fixture_site):
    old = os.umask(0o022)
    try:
        subprocess.run([sys.executable, str(ROOT / "scripts" / "new.py"), "Bài mới", "--unit", "dang-uy",
                        "--category", "tin-hoat-dong", "--content", str(fixture_site.content)], check=True,
                       capture_output=True)
    finally:
        os.umask(old)
    (created,) = fixture_site.content.rglob("bai-moi.md")
    assert stat.S_IMODE(created.stat().st_mode) == 0o644


def test_a_draft_never_takes_the_url_of_a_published_article(fixture_site):
    fixture_site.article("2024/03/a-ban-nhap.md", title="Hội nghị sơ kết", draft=True, date="2024-03-01 08:00")
    fixture_site.article("2024/03/b-da-dang.md", title="Hội nghị sơ kết", date="2024-03-02 08:00",
                         body="Bài đã đăng chính thức với nội dung đầy đủ để làm tóm tắt.")
    result = fixture_site.build()
    assert "Bài đã đăng chính thức" in fixture_site.html("bai-viet/hoi-nghi-so-ket/")
    assert "a-ban-nhap.md" in result.stdout  # the draft is the one reported


def test_search_keeps_pages_whose_names_start_like_page_numbers(fixture_site):
    fixture_site.write("trang-thong-tin/index.md", "# Trang thông tin\n\nGiới thiệu về ban biên tập phường.\n")
    fixture_site.article("2024/03/a.md", title="Bài A")
    fixture_site.build()
    assert "/trang-thong-tin/" in fragments(fixture_site.site)
