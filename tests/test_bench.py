"""The benchmark keeps working: a tiny run produces every figure it promises."""

import json
import subprocess
import sys

from conftest import ROOT

KEYS = {"articles", "pages", "cold_s", "warm_s", "cold_pages_s", "edit_s", "publish_s", "floor_s", "blog_s",
        "peak_rss_mib", "rss_mib", "pagefind_s", "pagefind_rss_mib", "pagefind_parts", "pagefind_fragments", "pagefind_fragment_bytes", "pagefind_index_chunks",
        "pagefind_bundle_bytes", "first_view_bytes", "first_view_pages", "search_query_bytes", "home_html_bytes",
        "images_cold_per_s", "images_warm_per_s", "ratios"}


def test_bench_small_run_reports_every_figure(tmp_path):
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "bench.py"), "--articles", "25", "--json",
                             "--workdir", str(tmp_path)], capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    figures = json.loads(result.stdout)
    assert KEYS <= figures.keys()
    assert figures["precompress_cold_s"] > 0 and figures["twins_gz"] > 25 and figures["twins_br_bytes"] > 0
    assert figures["articles"] == 25 and figures["blog_s"] is None
    assert figures["pages"] > 25  # articles plus listing pages
    assert all(figures[key] > 0 for key in ("cold_s", "warm_s", "cold_pages_s", "edit_s", "publish_s", "floor_s",
                                            "peak_rss_mib", "pagefind_s", "pagefind_rss_mib", "pagefind_parts",
                                            "pagefind_fragment_bytes", "home_html_bytes", "images_cold_per_s"))
    assert figures["pagefind_fragments"] >= 25  # one per article, plus the hand-written pages
    if figures["first_view_bytes"] is not None:  # measured in Chromium when it is installed
        assert figures["first_view_bytes"] > figures["home_html_bytes"] / 20  # gzipped page, CSS, JS seen
        assert set(figures["search_query_bytes"]) == {"phuong", "dang uy", "hoang van tu"}
        assert all(size > 0 for size in figures["search_query_bytes"].values())
    assert len(list((tmp_path / "project" / "content" / "bai-viet").rglob("*.md"))) == 25
    assert set(figures["ratios"]) == {"cold/floor", "warm/floor", "cold_pages/floor", "blog/cold"}


def test_bench_corpus_is_deterministic(tmp_path):
    sys.path.insert(0, str(ROOT / "scripts"))
    import bench_corpus

    first = bench_corpus.generate(tmp_path / "a", 12)
    second = bench_corpus.generate(tmp_path / "b", 12)
    texts = [{p.relative_to(root).as_posix(): p.read_bytes() for p in (root / "bai-viet").rglob("*.md")}
             for root in (first, second)]
    assert texts[0] == texts[1] and len(texts[0]) == 12
