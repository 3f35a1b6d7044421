"""Gzip twins written by the build for nginx's gzip_static: present, smaller, and in step."""

from __future__ import annotations

import gzip
import os
from pathlib import Path

from wardportal.precompress import COMPRESSED_KINDS, precompress_site


def _twins(site: Path) -> dict[str, Path]:
    return {str(p.relative_to(site))[:-3]: p for p in site.rglob("*.gz")}


def test_the_build_writes_twins_in_step(fixture_site) -> None:
    for number in range(3):
        fixture_site.article(f"2026/11/bai-{number}.md", title=f"Bài số {number} của phường", date="2026-11-1{} 08:00".format(number))
    fixture_site.build(strict=True)
    site = fixture_site.site
    twins = _twins(site)
    kinds = {Path(name).suffix for name in twins}
    assert {".html", ".css", ".js", ".json", ".xml"} <= kinds
    for name, twin in twins.items():
        original = site / name
        assert gzip.decompress(twin.read_bytes()) == original.read_bytes(), name
        assert twin.stat().st_size < original.stat().st_size
    assert "bai-viet/bai-so-1-cua-phuong/index.html" in twins
    assert "sitemap.xml" in twins and "pagefind/pagefind-entry.json" in twins
    for path in site.rglob("*"):  # every text file big enough has its twin
        if path.is_file() and path.suffix in COMPRESSED_KINDS and path.stat().st_size > 2000:
            assert str(path.relative_to(site)) in twins, path

    # an edited article gets a new twin, a deleted one loses its twin
    fixture_site.article("2026/11/bai-1.md", title="Bài số 1 của phường", date="2026-11-11 08:00",
                         body="Nội dung mới hoàn toàn của bài số một, đủ dài để làm tóm tắt.")
    (fixture_site.content / "bai-viet/2026/11/bai-2.md").unlink()
    fixture_site.build(strict=True)
    twins = _twins(site)
    page = "bai-viet/bai-so-1-cua-phuong/index.html"
    assert "Nội dung mới hoàn toàn" in gzip.decompress(twins[page].read_bytes()).decode()
    assert "bai-viet/bai-so-2-cua-phuong/index.html" not in twins
    assert not (site / "bai-viet/bai-so-2-cua-phuong").exists()


def test_stale_twins_are_removed_and_changed_files_recompressed(tmp_path: Path) -> None:
    site, cache = tmp_path / "site", tmp_path / "cache"
    site.mkdir()
    page, tiny = site / "a.html", site / "b.css"
    page.write_text("<p>xin chào</p>" * 500, encoding="utf-8")
    tiny.write_text("a{}", encoding="utf-8")
    (site / "gone.html.gz").write_bytes(gzip.compress(b"old"))
    (site / "photo.jpg").write_bytes(b"\xff\xd8" * 100)
    (site / "b.css.gz").write_bytes(gzip.compress(b"a{}"))  # a twin that does not gain
    first = precompress_site(site, cache, workers=1)
    assert first.compressed == 1 and first.removed == 1 and first.not_smaller == 1
    assert sorted(p.name for p in site.iterdir()) == ["a.html", "a.html.gz", "b.css", "photo.jpg"]
    again = precompress_site(site, cache, workers=1)
    assert again.kept == 1 and again.compressed == 0
    page.write_text("<p>tạm biệt</p>" * 500, encoding="utf-8")
    os.utime(page, ns=(1, 1_000_000_000))
    changed = precompress_site(site, cache, workers=1)
    assert changed.compressed == 1
    assert gzip.decompress((site / "a.html.gz").read_bytes()) == page.read_bytes()
    # a fresh folder with the same content: linked from the cache, nothing compressed
    fresh = tmp_path / "fresh"
    fresh.mkdir()
    (fresh / "a.html").write_bytes(page.read_bytes())
    linked = precompress_site(fresh, cache, workers=1)
    assert linked.linked == 1 and linked.compressed == 0
