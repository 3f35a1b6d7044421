"""A rebuild with warm caches after any kind of change gives exactly what a clean build of
the same content gives (empty site/, empty caches): no cache key misses an input."""

from __future__ import annotations

import shutil

from conftest import FIXTURE_REGISTRY, ROOT, FixtureSite

SAME_TIME = {"SOURCE_DATE_EPOCH": "1764115200"}  # sitemap.xml.gz carries the build time


def _tree(root):
    return {path.relative_to(root).as_posix(): path.read_bytes() for path in sorted(root.rglob("*"))
            if path.is_file() and not path.relative_to(root).as_posix().startswith("pagefind/")}


def _searched(site: FixtureSite):
    """What Pagefind indexed: its staged records. Its own output is not byte-reproducible (two
    clean builds name their filter and meta chunks differently), so the site's pagefind/ is
    compared through its input, plus the set of kinds of file it holds."""
    kinds = {path.suffix for path in (site.site / "pagefind").rglob("*") if path.is_file()}
    return _tree(site.root / ".cache" / "pagefind" / "records"), kinds


def _portal(site: FixtureSite) -> None:
    site.write("_portal/registry.yml", FIXTURE_REGISTRY)
    for number in range(8):
        site.article(f"2024/0{1 + number % 2}/bai-{number}.md", title=f"Bài số {number} của phường",
                     date=f"2024-0{1 + number % 2}-{10 + number} 08:00", views=number,
                     unit=["dang-uy", "ubnd"][number % 2],
                     category=["tin-hoat-dong", "bai-viet-chuyen-sau"][number % 2],
                     body=f"Nội dung bài {number}.\n\n## Mục {number}\n\nĐoạn hai.")


def _retheme(site: FixtureSite) -> None:
    body = site.theme / "ward" / "stats-period-body.html"
    body.write_text(body.read_text(encoding="utf-8").replace("Kỳ tính:", "Kỳ được tính:"), encoding="utf-8")
    card = site.theme / "ward" / "partials" / "article-card.html"
    card.write_text(card.read_text(encoding="utf-8") + "<!-- thẻ bài -->\n", encoding="utf-8")


CHANGES = {
    "edit": lambda s: s.article("2024/01/bai-0.md", title="Bài số 0 của phường", date="2024-01-10 08:00",
                                body="Nội dung đã sửa.\n\n## Mục mới\n\nĐoạn khác."),
    "retitle": lambda s: s.article("2024/02/bai-1.md", title="Bài số 1 đổi tên", date="2024-02-11 08:00",
                                   unit="ubnd", category="bai-viet-chuyen-sau"),
    "new": lambda s: s.article("2024/02/bai-moi.md", title="Bài mới đăng", date="2024-02-28 09:00",
                               category="tin-hoat-dong", body="Bài mới."),
    "delete": lambda s: (s.content / "bai-viet/2024/01/bai-2.md").unlink(),
    "date": lambda s: s.article("2024/01/bai-4.md", title="Bài số 4 của phường", date="2024-03-02 08:00",
                                body="Nội dung bài 4."),
    "registry": lambda s: s.write("_portal/registry.yml",
                                  FIXTURE_REGISTRY.replace("name: UBND phường", "name: Ủy ban nhân dân phường")),
    "template": _retheme,
    "config": lambda s: setattr(s, "site_name", "Cổng thông tin phường (đổi tên)"),
}


def test_rebuild_after_each_kind_of_change_equals_a_clean_build(tmp_path):
    site = FixtureSite(tmp_path / "portal")
    site.theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", site.theme)
    _portal(site)
    site.build(strict=True, env=SAME_TIME)
    for name, change in CHANGES.items():
        change(site)
        site.build(strict=True, env=SAME_TIME)
        rebuilt = _tree(site.site)
        clean = FixtureSite(tmp_path / f"clean-{name}")
        clean.theme, clean.site_name = site.theme, site.site_name
        shutil.copytree(site.content, clean.content)
        clean.build(strict=True, env=SAME_TIME)
        fresh = _tree(clean.site)
        assert rebuilt.keys() == fresh.keys(), name
        assert [path for path in fresh if rebuilt[path] != fresh[path]] == [], name
        assert _searched(site) == _searched(clean), name
        shutil.rmtree(clean.root)
