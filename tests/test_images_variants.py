"""The image pipeline without MkDocs: decoding odd files, variants, thumbnails, share cards, cache."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

import image_samples as samples
from wardportal.images import sharecard
from wardportal.images.cache import ImageCache, Job
from wardportal.images.html import rewrite_images
from wardportal.images.refs import article_refs
from wardportal.images.settings import ImageSettings
from wardportal.images.thumbs import crop_box
from wardportal.images.throughput import images_per_second
from wardportal.images.variants import ProcessedImage, Variant, target_widths


def _process(tmp_path: Path, name: str, data: bytes, **settings) -> tuple[dict, Path]:
    source = tmp_path / name
    source.write_bytes(data)
    cache = ImageCache(ImageSettings(cache_dir=tmp_path / "cache", workers=1, **settings))
    key = cache.photo_key(source)
    meta = cache.run([Job("photo", key, str(source))])[key]
    return meta, cache.entry_dir(key)


def test_target_widths_never_upscale():
    assert target_widths(4000, (480, 960, 1600)) == [480, 960, 1600]
    assert target_widths(1200, (480, 960, 1600)) == [480, 960, 1200]
    assert target_widths(300, (480, 960, 1600)) == [300]
    assert target_widths(1, (480, 960, 1600)) == [1]


def test_phone_photo_is_rotated_and_stripped(tmp_path):
    meta, entry = _process(tmp_path, "phone.jpg", samples.phone_photo())
    image = ProcessedImage.from_json(meta)
    assert [v.width for v in image.of("jpg")] == [400]  # 600×400 stored, shown 400×600
    for variant in image.variants + image.thumbs:
        path = entry / variant.name
        assert samples.has_metadata(path) == [], variant.name
    with Image.open(entry / "400w.jpg") as published:
        assert published.size == (400, 600)
        top = published.convert("RGB").getpixel((200, 100))
        bottom = published.convert("RGB").getpixel((200, 500))
    assert top[0] > 180 and top[2] < 80, top  # red on top: orientation applied
    assert bottom[2] > 180 and bottom[0] < 80, bottom


@pytest.mark.parametrize("name, data, mode, alpha", [
    ("cmyk.jpg", samples.cmyk_jpeg(), "RGB", False),
    ("palette.png", samples.palette_png(), "RGB", False),
    ("transparent.png", samples.transparent_png(), "RGBA", True),
    ("gray16.png", samples.gray16_png(), "L", False),
    ("gray.jpg", samples.grayscale_jpeg(), "L", False),
    ("progressive.jpg", samples.progressive_jpeg(), "RGB", False),
    ("tiny.png", samples.tiny_png(), "RGB", False),
], ids=lambda value: value if isinstance(value, str) else "")
def test_odd_images_are_published(tmp_path, name, data, mode, alpha):
    meta, entry = _process(tmp_path, name, data)
    assert "error" not in meta, meta
    image = ProcessedImage.from_json(meta)
    assert image.alpha is alpha
    assert image.of("webp") and image.of("png" if alpha else "jpg")
    fallback = image.of(image.fallback_ext)[-1]
    with Image.open(entry / fallback.name) as published:
        assert published.mode == mode
        assert published.size == (fallback.width, fallback.height)
    with Image.open(entry / image.of("webp")[-1].name) as webp:
        assert webp.format == "WEBP"
        if alpha:
            assert webp.mode == "RGBA" and webp.getpixel((600, 10))[3] == 0  # still transparent
    if name == "gray16.png":
        with Image.open(entry / fallback.name) as published:
            assert 140 < published.getpixel((5, 5)) < 170  # 40000/65535 scaled, not clipped to white
    if name == "cmyk.jpg":
        with Image.open(entry / fallback.name) as published:
            red, green, blue = published.getpixel((10, 10))
            assert red > 200 and green < 80 and blue < 80  # C=0 M=255 Y=255 is red


def test_variant_widths_and_thumbs(tmp_path):
    meta, entry = _process(tmp_path, "wide.jpg", samples.progressive_jpeg())
    image = ProcessedImage.from_json(meta)
    assert [v.width for v in image.of("webp")] == [480, 960, 1600]
    assert [(v.width, v.height) for v in image.of("jpg", thumbs=True)] == [(320, 213), (640, 427)]
    with Image.open(entry / "thumb-640w.jpg") as thumb:
        assert thumb.size == (640, 427)


def test_crop_box_has_the_ratio():
    left, top, right, bottom = crop_box(4000, 1000, (3, 2))
    assert (right - left, bottom - top) == (1500, 1000)
    left, top, right, bottom = crop_box(1000, 4000, (3, 2))
    assert (right - left, bottom - top) == (1000, 667)


@pytest.mark.parametrize("name, data, expected", [
    ("broken.jpg", samples.truncated_jpeg(), "bị hỏng"),
    ("bomb.png", samples.bomb_png(), "quá nhiều điểm ảnh"),
    ("text.jpg", b"not an image at all", "không phải tệp ảnh"),
], ids=lambda value: value if isinstance(value, str) else "")
def test_bad_files_are_errors(tmp_path, name, data, expected):
    meta, _ = _process(tmp_path, name, data)
    assert expected in meta["error"]


def test_file_size_limit(tmp_path):
    meta, _ = _process(tmp_path, "big.jpg", samples.progressive_jpeg(), max_file_bytes=1000)
    assert "tệp ảnh quá lớn" in meta["error"]


def test_cache_reuses_entries_and_rehashes_only_changed_files(tmp_path):
    source = tmp_path / "a.jpg"
    source.write_bytes(samples.progressive_jpeg())
    settings = ImageSettings(cache_dir=tmp_path / "cache", workers=2)
    first = ImageCache(settings)
    key = first.photo_key(source)
    first.run([Job("photo", key, str(source))])
    assert (first.stats.processed, first.stats.hashed) == (1, 1)
    mtimes = {p: p.stat().st_mtime_ns for p in first.entry_dir(key).iterdir()}
    second = ImageCache(settings)
    assert second.photo_key(source) == key
    second.run([Job("photo", key, str(source))])
    assert (second.stats.processed, second.stats.reused, second.stats.hashed) == (0, 1, 0)
    assert {p: p.stat().st_mtime_ns for p in first.entry_dir(key).iterdir()} == mtimes
    other = ImageCache(ImageSettings(cache_dir=tmp_path / "cache", webp_quality=50))
    assert other.photo_key(source) != key  # other settings, other entry


def test_parallel_cold_run_processes_every_image(tmp_path):
    sources = []
    for number in range(4):
        path = tmp_path / f"p{number}.png"
        Image.new("RGB", (700 + number, 500), (number * 40, 80, 80)).save(path)
        sources.append(path)
    cache = ImageCache(ImageSettings(cache_dir=tmp_path / "cache", workers=2))
    jobs = [Job("photo", cache.photo_key(p), str(p)) for p in sources]
    metas = cache.run(jobs)
    assert cache.stats.processed == 4
    assert sorted(m["variants"][-1][0] for m in metas.values()) == [700, 701, 702, 703]


def test_share_card_size_and_text(tmp_path):
    card = sharecard.ShareCard("Cổng thông tin điện tử phường Thượng Thanh",
                               "Đảng ủy phường tổ chức hội nghị sơ kết 6 tháng đầu năm " * 3,
                               "Đảng ủy phường", "08/07/2026")
    path = sharecard.draw(card, tmp_path)
    with Image.open(path) as image:
        assert image.size == (1200, 630)
        assert image.format == "JPEG" and not image.info.get("exif")
        dark = image.convert("L").point(lambda value: 255 if value < 80 else 0).histogram()[255]
    assert dark > 5000  # the title was drawn


def test_share_card_font_missing_is_a_clear_error(monkeypatch):
    monkeypatch.setattr(sharecard, "FONT_DIRS", (Path("/nonexistent"),))
    with pytest.raises(sharecard.FontMissing, match="fonts-dejavu-core"):
        sharecard.font_path(sharecard.BOLD)


def test_references_and_lines():
    body = "Đoạn một.\n\n![Ảnh](../../../images/a.jpg \"Chú thích\")\n\n<img src='anh.png'>\n![x](https://example.org/x.jpg)"
    refs = article_refs("bai-viet/2026/07/bai.md", "images/bia.jpg", body, cover_line=8, body_line=12)
    assert [(r.path, r.line, r.cover) for r in refs] == [
        ("images/bia.jpg", 8, True), ("images/a.jpg", 14, False), ("bai-viet/2026/07/anh.png", 16, False),
        (None, 17, False)]
    assert refs[-1].external


def test_rewrite_makes_pictures_figures_and_drops_broken():
    image = ProcessedImage(960, 640, False, tuple(
        Variant(w, h, f"{w}w.{ext}") for w, h in ((480, 320), (960, 640)) for ext in ("webp", "jpg")))
    html = ('<p><img alt="Hội nghị" src="../../images/a.jpg" title="Toàn cảnh hội nghị" /></p>'
            '<p>Chữ <img alt="" src="../../images/a.jpg" /> giữa dòng</p>'
            '<p><img alt="x" src="../../images/missing.jpg" /></p>'
            '<p><img alt="y" src="../../images/a.jpg" /></p><p class="ward-caption">Ảnh: Minh Anh</p>')
    out = rewrite_images(html, "bai-viet/bai/", {"images/a.jpg": image}.get, prefix="../../", eager_first=True)
    assert out.count("<picture>") == 3 and "missing" not in out
    assert '<figure class="ward-figure"><picture>' in out
    assert "<figcaption>Toàn cảnh hội nghị</figcaption>" in out
    assert "<figcaption>Ảnh: Minh Anh</figcaption>" in out
    assert out.count('fetchpriority="high"') == 1 and out.count('loading="lazy"') == 2
    assert 'srcset="../../images/a-480w.webp 480w, ../../images/a-960w.webp 960w"' in out
    assert 'width="960" height="640"' in out


def test_images_per_second_reports_cold_and_warm(tmp_path):
    paths = []
    for number in range(3):
        path = tmp_path / f"b{number}.jpg"
        Image.new("RGB", (900, 600), (number * 60, 10, 10)).save(path)
        paths.append(path)
    result = images_per_second(paths, tmp_path / "bench-cache")
    assert result["images"] == 3
    assert result["cold_processed"] == 3 and result["warm_processed"] == 0
    assert result["cold_per_second"] > 0 and result["warm_per_second"] > 0
