"""Gzip and Brotli twins written by the build for nginx's gzip_static and brotli_static:
present, smaller, and in step."""

from __future__ import annotations

import gzip
import hashlib
import json
import os
from pathlib import Path

import brotli

from wardportal.precompress import COMPRESSED_KINDS, LAST_RUN, precompress_site

DECOMPRESS = {".gz": gzip.decompress, ".br": brotli.decompress}


def _twins(site: Path, suffix: str) -> dict[str, Path]:
    return {str(p.relative_to(site))[: -len(suffix)]: p for p in site.rglob(f"*{suffix}")}


def test_the_build_writes_twins_in_step(fixture_site) -> None:
    for number in range(3):
        fixture_site.article(f"2026/11/bai-{number}.md", title=f"Bài số {number} của phường", date="2026-11-1{} 08:00".format(number))
    fixture_site.build(strict=True)
    site = fixture_site.site
    page = "bai-viet/bai-so-1-cua-phuong/index.html"
    for suffix, decompress in DECOMPRESS.items():
        twins = _twins(site, suffix)
        kinds = {Path(name).suffix for name in twins}
        assert {".html", ".css", ".js", ".json", ".xml"} <= kinds, suffix
        for name, twin in twins.items():
            original = site / name
            assert decompress(twin.read_bytes()) == original.read_bytes(), name
            assert twin.stat().st_size < original.stat().st_size
        assert page in twins
        assert "sitemap.xml" in twins and "pagefind/tat-ca/pagefind-entry.json" in twins
        for path in site.rglob("*"):  # every text file big enough has its twin
            if path.is_file() and path.suffix in COMPRESSED_KINDS and path.stat().st_size > 2000:
                assert str(path.relative_to(site)) in twins, path
    assert (site / f"{page}.br").stat().st_size < (site / f"{page}.gz").stat().st_size
    first_run = json.loads((fixture_site.root / ".cache" / "gzip" / LAST_RUN).read_text())
    assert first_run["compressed"] > 0 and first_run["seconds"] > 0

    # an edited article gets new twins, a deleted one loses its twins
    fixture_site.article("2026/11/bai-1.md", title="Bài số 1 của phường", date="2026-11-11 08:00",
                         body="Nội dung mới hoàn toàn của bài số một, đủ dài để làm tóm tắt.")
    (fixture_site.content / "bai-viet/2026/11/bai-2.md").unlink()
    fixture_site.build(strict=True)
    for suffix, decompress in DECOMPRESS.items():
        twins = _twins(site, suffix)
        assert "Nội dung mới hoàn toàn" in decompress(twins[page].read_bytes()).decode()
        assert "bai-viet/bai-so-2-cua-phuong/index.html" not in twins
    assert not (site / "bai-viet/bai-so-2-cua-phuong").exists()
    again = json.loads((fixture_site.root / ".cache" / "gzip" / LAST_RUN).read_text())
    assert again["kept"] + again["linked"] > again["compressed"] > 0  # unchanged pages: no compression


def test_stale_twins_are_removed_and_changed_files_recompressed(tmp_path: Path) -> None:
    site, cache = tmp_path / "site", tmp_path / "cache"
    site.mkdir()
    page, tiny = site / "a.html", site / "b.css"
    page.write_text("<p>xin chào</p>" * 500, encoding="utf-8")
    tiny.write_text("a{}", encoding="utf-8")
    (site / "gone.html.gz").write_bytes(gzip.compress(b"old"))
    (site / "gone.html.br").write_bytes(brotli.compress(b"old"))
    (site / "photo.jpg").write_bytes(b"\xff\xd8" * 100)
    (site / "b.css.gz").write_bytes(gzip.compress(b"a{}"))  # twins that do not gain
    (site / "b.css.br").write_bytes(brotli.compress(b"a{}" * 10))
    first = precompress_site(site, cache, workers=1)
    assert first.compressed == 2 and first.removed == 2 and first.not_smaller == 2
    assert sorted(p.name for p in site.iterdir()) == ["a.html", "a.html.br", "a.html.gz", "b.css", "photo.jpg"]
    again = precompress_site(site, cache, workers=1)
    assert again.kept == 2 and again.compressed == 0
    page.write_text("<p>tạm biệt</p>" * 500, encoding="utf-8")
    os.utime(page, ns=(1, 1_000_000_000))
    changed = precompress_site(site, cache, workers=1)
    assert changed.compressed == 2
    assert gzip.decompress((site / "a.html.gz").read_bytes()) == page.read_bytes()
    assert brotli.decompress((site / "a.html.br").read_bytes()) == page.read_bytes()
    # a fresh folder with the same content: copied from the cache, nothing compressed
    fresh = tmp_path / "fresh"
    fresh.mkdir()
    (fresh / "a.html").write_bytes(page.read_bytes())
    linked = precompress_site(fresh, cache, workers=1)
    assert linked.linked == 2 and linked.compressed == 0
    assert brotli.decompress((fresh / "a.html.br").read_bytes()) == page.read_bytes()
    # a damaged cache entry is a miss, compressed again; entries no page uses are pruned
    (entry,) = cache.glob("*/*.br")
    entry.write_bytes(b"not brotli")
    (fresh / "a.html.br").unlink()
    repaired = precompress_site(fresh, cache, workers=1)
    assert repaired.compressed == 1 and repaired.kept == 1
    assert brotli.decompress((fresh / "a.html.br").read_bytes()) == page.read_bytes()
    other = tmp_path / "other"
    other.mkdir()
    (other / "c.html").write_text("<p>khác</p>" * 500, encoding="utf-8")
    precompress_site(other, cache, workers=1)  # a fresh folder: the cache keeps only what it uses
    key = hashlib.sha1((other / "c.html").read_bytes()).hexdigest()
    assert sorted(p.name for p in cache.glob("*/*")) == [f"{key}.br", f"{key}.gz"]
