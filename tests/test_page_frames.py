"""Pages filled into a shared frame are byte-for-byte the pages Material renders in full."""

import pytest

from conftest import FixtureSite


@pytest.fixture(scope="module")
def twin_builds(tmp_path_factory):
    """The same content built with frames (the default) and with WARD_FRAMES=0."""
    sites = []
    for frames in ("1", "0"):
        site = FixtureSite(tmp_path_factory.mktemp(f"frames{frames}"))
        from conftest import FIXTURE_REGISTRY
        site.write("_portal/registry.yml", FIXTURE_REGISTRY)
        for number in range(14):
            site.article(f"2024/0{1 + number % 3}/bai-{number}.md", title=f"Bài số {number} “Ngọc Lâm” & <b>",
                         date=f"2024-0{1 + number % 3}-{10 + number} 08:{number:02d}",
                         unit=["dang-uy", "ubnd", "hoi-phu-nu"][number % 3],
                         category=["tin-hoat-dong", "bai-viet-chuyen-sau"][number % 2], views=number * 7,
                         body=f"Nội dung bài {number}.\n\n## Đổi mới {number}\n\nĐoạn hai của bài {number}.")
        site.build(strict=True, env={"WARD_FRAMES": frames}, page_size=3)
        sites.append(site)
    return sites


def _pages(site):
    return {path.relative_to(site.site).as_posix(): path.read_text(encoding="utf-8")
            for path in site.site.rglob("index.html")}


def test_framed_pages_equal_full_renders(twin_builds):
    framed, full = (_pages(site) for site in twin_builds)
    assert framed.keys() == full.keys()
    compared = [path for path in framed if path.startswith(("bai-viet/", "chuyen-muc/", "don-vi/", "luu-tru/",
                                                            "thong-ke/"))]
    assert any("/trang-2/" in path for path in compared) and len(compared) > 30
    # the quota pages outside the nav: periods, quarter and year totals, years, units
    assert {"thong-ke/2024/01/index.html", "thong-ke/2024/index.html", "thong-ke/don-vi/ubnd/index.html",
            "thong-ke/2024/quy-1/index.html", "thong-ke/2024/ca-nam/index.html"} <= set(compared)
    for path in compared:
        assert framed[path] == full[path], path


def test_framed_article_has_its_own_title_and_canonical(twin_builds):
    page = twin_builds[0].html("bai-viet/bai-so-3-ngoc-lam-b/")
    assert "<title>Bài số 3 “Ngọc Lâm” &amp; &lt;b&gt; - " in page
    assert 'rel="canonical" href="https://thuongthanh.example.vn/bai-viet/bai-so-3-ngoc-lam-b/"' in page
    assert "WARD-SLOT" not in page
