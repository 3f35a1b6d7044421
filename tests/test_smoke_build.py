"""The bundled sample portal builds with --strict and has its main pages."""


def test_sample_site_builds_strict_with_main_pages(sample_site):
    for url in ("", "chuyen-muc/", "don-vi/", "luu-tru/", "chuyen-muc/tin-hoat-dong/"):
        assert "md-content" in sample_site.html(url)


def test_fixture_site_reports_bad_article_and_builds_the_rest(fixture_site):
    fixture_site.article("2024/03/tot.md", title="Bài tốt")
    fixture_site.article("2024/03/hong.md", title="Bài hỏng", date="22/04/2021")
    result = fixture_site.build()
    assert "content/bai-viet/2024/03/hong.md:3:" in result.stdout
    assert "Bài tốt" in fixture_site.html("bai-viet/bai-tot/")
    assert not (fixture_site.site / "bai-viet" / "bai-hong").exists()
    strict = fixture_site.build(strict=True, check=False)
    assert strict.returncode != 0
