"""Images in real builds: published variants, privacy, HTML, share cards, cache reuse, errors."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PIL import Image

import image_samples as samples
from conftest import FIXTURE_REGISTRY, FixtureSite, article_text

BODY = """Đoạn mở đầu của bài viết về hội nghị, đủ dài để làm phần tóm tắt của bài.

![Toàn cảnh hội nghị](../../../images/2026/cmyk.jpg "Toàn cảnh hội nghị sơ kết")

![Logo](../../../images/2026/trong-suot.png)

![Ảnh hỏng](../../../images/2026/hong.jpg)

![Ảnh quá lớn](../../../images/2026/bom.png)

![Ảnh không có](../../../images/2026/khong-co.jpg)
"""


@pytest.fixture(scope="module")
def image_site(tmp_path_factory) -> tuple[FixtureSite, object]:
    site = FixtureSite(tmp_path_factory.mktemp("images"))
    site.write("_portal/registry.yml", FIXTURE_REGISTRY)
    for name, data in [("dien-thoai.jpg", samples.phone_photo(2400, 1600)), ("cmyk.jpg", samples.cmyk_jpeg()),
                       ("trong-suot.png", samples.transparent_png()), ("hong.jpg", samples.truncated_jpeg()),
                       ("bom.png", samples.bomb_png()), ("xam-16.png", samples.gray16_png())]:
        site.write(f"images/2026/{name}", data)
    site.write("bai-viet/2026/07/hoi-nghi.md", article_text(
        title="Đảng ủy phường tổ chức hội nghị sơ kết", date="2026-07-08 08:30", body=BODY,
        image="images/2026/dien-thoai.jpg", image_caption="Đồng chí Bí thư phát biểu"))
    site.write("bai-viet/2026/07/khong-anh.md", article_text(title="Tin không có ảnh bìa", date="2026-07-09 09:00"))
    site.write("bai-viet/2026/07/xam.md", article_text(title="Ảnh xám", date="2026-07-07 09:00",
                                                       image="images/2026/xam-16.png"))
    result = site.build()
    return site, result


def _published_images(site: FixtureSite) -> list[Path]:
    return [p for p in (site.site / "images").rglob("*") if p.is_file()]


def test_bad_images_are_reported_and_the_build_goes_on(image_site):
    site, result = image_site
    out = result.stdout
    article = "content/bai-viet/2026/07/hoi-nghi.md"
    assert re.search(rf"{article}:\d+: ảnh `\.\./\.\./\.\./images/2026/hong\.jpg` .*bị hỏng", out), out
    assert re.search(rf"{article}:\d+: ảnh `\.\./\.\./\.\./images/2026/bom\.png` .*quá nhiều điểm ảnh", out), out
    assert f"{article}:20: không tìm thấy ảnh `../../../images/2026/khong-co.jpg`" in out, out
    html = site.html("bai-viet/dang-uy-phuong-to-chuc-hoi-nghi-so-ket/")
    assert "hong.jpg" not in html and "bom.png" not in html and "khong-co.jpg" not in html
    assert "cmyk-960w" not in html and "cmyk-500w.webp" in html  # the good ones are there


def test_strict_build_fails_on_a_bad_image(tmp_path):
    site = FixtureSite(tmp_path)
    site.write("_portal/registry.yml", FIXTURE_REGISTRY)
    site.write("bai-viet/2026/07/bai.md", article_text(date="2026-07-08 08:30", image="images/khong-co.jpg"))
    result = site.build(strict=True, check=False)
    assert result.returncode != 0
    assert "content/bai-viet/2026/07/bai.md:6: không tìm thấy ảnh `images/khong-co.jpg`" in result.stdout, result.stdout


def test_originals_are_not_published_and_variants_carry_no_metadata(image_site):
    site, _ = image_site
    published = _published_images(site)
    names = {p.name for p in published}
    assert not names & {"dien-thoai.jpg", "cmyk.jpg", "trong-suot.png", "hong.jpg", "bom.png", "xam-16.png"}
    assert {"dien-thoai-480w.webp", "dien-thoai-960w.jpg", "dien-thoai-1600w.webp", "dien-thoai-thumb-640w.jpg",
            "trong-suot-640w.png", "trong-suot-640w.webp"} <= names
    for path in published:
        assert samples.has_metadata(path) == [], path
    with Image.open(site.site / "images/2026/dien-thoai-1600w.jpg") as photo:
        assert photo.width < photo.height  # orientation 6 applied: portrait
        assert photo.convert("RGB").getpixel((photo.width // 2, 50))[0] > 180  # red on top
    with Image.open(site.site / "images/2026/trong-suot-640w.webp") as webp:
        assert webp.mode == "RGBA" and webp.getpixel((600, 10))[3] == 0


def test_article_html_has_responsive_pictures(image_site):
    site, _ = image_site
    html = site.html("bai-viet/dang-uy-phuong-to-chuc-hoi-nghi-so-ket/")
    cover = re.search(r'<figure class="ward-figure ward-figure--cover">(.*?)</figure>', html, re.S).group(1)
    assert '<source type="image/webp" srcset="../../images/2026/dien-thoai-480w.webp 480w, ' in cover
    assert 'sizes="' in cover and 'width="1600" height="2400"' in cover
    assert 'fetchpriority="high"' in cover and 'loading="lazy"' not in cover
    assert "<figcaption>Đồng chí Bí thư phát biểu</figcaption>" in cover
    body = html.split("ward-article__body", 1)[1]
    assert '<figcaption>Toàn cảnh hội nghị sơ kết</figcaption>' in body
    images = re.findall(r"<img [^>]*>", body.split("ward-related")[0])
    assert images and all('loading="lazy"' in tag and 'decoding="async"' in tag and "width=" in tag
                          and "height=" in tag and "srcset=" in tag for tag in images)


def test_first_body_image_is_eager_without_a_cover(tmp_path):
    site = FixtureSite(tmp_path)
    site.write("_portal/registry.yml", FIXTURE_REGISTRY)
    site.write("images/a.png", samples.palette_png())
    site.write("bai-viet/2026/07/bai.md", article_text(
        title="Bài có ảnh trong thân", date="2026-07-08 08:30",
        body="Đoạn đầu của bài viết đủ dài để làm phần tóm tắt của bài viết này.\n\n![Một](/images/a.png)\n\n![Hai](/images/a.png)\n"))
    site.build(strict=True)
    html = site.html("bai-viet/bai-co-anh-trong-than/")
    tags = re.findall(r"<img [^>]*>", html.split("ward-article__body", 1)[1])
    assert 'fetchpriority="high"' in tags[0] and 'loading="lazy"' in tags[1]


def test_listing_uses_cropped_thumbnails(image_site):
    site, _ = image_site
    html = site.html("chuyen-muc/tin-hoat-dong/")
    assert "dien-thoai-thumb-320w.webp 320w, ../../images/2026/dien-thoai-thumb-640w.webp 640w" in html
    assert 'width="640" height="427"' in html
    assert "dien-thoai.jpg" not in html


def test_share_card_and_meta_tags(image_site):
    site, _ = image_site
    html = site.html("bai-viet/dang-uy-phuong-to-chuc-hoi-nghi-so-ket/")
    card_url = "https://thuongthanh.example.vn/bai-viet/dang-uy-phuong-to-chuc-hoi-nghi-so-ket/anh-chia-se.jpg"
    assert f'<meta property="og:image" content="{card_url}">' in html
    assert '<meta property="og:image:width" content="1200">' in html
    assert '<meta property="og:image:height" content="630">' in html
    assert '<meta property="og:title" content="Đảng ủy phường tổ chức hội nghị sơ kết">' in html
    assert '<meta name="twitter:card" content="summary_large_image">' in html
    assert f'<meta name="twitter:image" content="{card_url}">' in html
    with Image.open(site.site / "bai-viet/dang-uy-phuong-to-chuc-hoi-nghi-so-ket/anh-chia-se.jpg") as card:
        assert card.size == (1200, 630)
    assert (site.site / "bai-viet/tin-khong-co-anh-bia/anh-chia-se.jpg").is_file()


def test_second_build_reuses_the_cache(image_site):
    site, first = image_site
    cache = site.root / ".cache" / "images"
    entries = {p: p.stat().st_mtime_ns for p in cache.rglob("*") if p.is_file() and p.name != "files.json"}
    assert any(p.name == "1600w.webp" for p in entries)
    assert re.search(r"Ảnh: [1-9]\d* mục xử lý mới, 0 mục lấy từ bộ nhớ đệm", first.stdout), first.stdout
    second = site.build()
    assert re.search(r"Ảnh: 0 mục xử lý mới, [1-9]\d* mục lấy từ bộ nhớ đệm", second.stdout), second.stdout
    assert {p: p.stat().st_mtime_ns for p in entries} == entries
    assert "hong.jpg" in second.stdout  # still reported on every build


def test_two_images_differing_only_by_extension_are_reported(fixture_site):
    site = fixture_site
    site.write("images/2026/anh.jpg", samples.grayscale_jpeg())
    site.write("images/2026/anh.png", samples.transparent_png())
    site.article("2026/03/mot.md", title="Bài một", image="images/2026/anh.jpg", date="2026-03-01 08:00")
    site.article("2026/03/hai.md", title="Bài hai", image="images/2026/anh.png", date="2026-03-02 08:00")
    result = site.build()
    assert re.search(r"content/bai-viet/2026/03/hai\.md:\d+: ảnh `images/2026/anh\.png` .*trùng tên với content/images/2026/anh\.jpg",
                     result.stdout), result.stdout
    assert "ward-figure--cover" in site.html("bai-viet/bai-mot/")  # the first keeps its cover
    assert "ward-figure--cover" not in site.html("bai-viet/bai-hai/")  # the second shows no one else's photo
    assert site.build(strict=True, check=False).returncode != 0
