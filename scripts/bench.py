#!/usr/bin/env python3
"""Benchmark: build a synthetic N-article portal cold, warm, and serve it while editing.

    python scripts/bench.py --articles 10000 [--json] [--compare-blog] [--workdir DIR]

Every build runs in its own process (as `mkdocs build` does), so peak memory is that
process's own. The floor is the least any Python-Markdown site generator must do: read,
parse front matter, convert with the same extensions, write one HTML file per article.
Edit and publish times come from a running `mkdocs serve`, timed from the outside
(scripts/bench_serve.py).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import frontmatter
import yaml

import _bootstrap
import bench_browser
import bench_corpus
import bench_serve
from wardportal.images.settings import DEFAULT_CACHE as DEFAULT_IMAGE_CACHE
from wardportal.pagefind_index import STAGING_DIR, pagefind_command
from wardportal.precompress import LAST_RUN, TWIN_SUFFIXES
from wardportal.urls import article as article_url
from wardportal.vntext import slugify
from wardportal.images.throughput import images_per_second

PYTHON = sys.executable
PUBLISH_WHEN = "2026-11-26 09:00"  # the newest article: after the corpus, before `as_of`
IMAGE_CACHE = Path(DEFAULT_IMAGE_CACHE).name  # under .cache/: photos and share cards

_FLOOR_SCRIPT = """
import sys, os, frontmatter, markdown, yaml
from pathlib import Path
content, out, config_file = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
config = yaml.safe_load(open(config_file, encoding="utf-8"))
extensions, configs = [], {}
for item in config.get("markdown_extensions", []):
    name, options = (next(iter(item.items())) if isinstance(item, dict) else (item, None))
    extensions.append(name)
    if options:
        configs[name] = options
out.mkdir(parents=True, exist_ok=True)
md = markdown.Markdown(extensions=extensions, extension_configs=configs)
for number, path in enumerate(sorted((content / "bai-viet").rglob("*.md"))):
    post = frontmatter.loads(path.read_text(encoding="utf-8"))
    html = md.reset().convert(post.content)
    (out / f"{number}.html").write_text(html, encoding="utf-8")
"""


def _run_measured(command: list[str], cwd: Path) -> tuple[float, float, str]:
    """Like _run, but reads the child's peak RSS from wait4."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    start = time.perf_counter()
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=out, stderr=err, text=True)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if process.returncode != 0:
            raise SystemExit(f"Lỗi khi chạy {' '.join(command)}:\n{err.read()[-4000:]}")
        return seconds, usage.ru_maxrss / 1024, out.read()


def write_config(project: Path, *, blog: bool = False) -> Path:
    """The project's own mkdocs.yml, pointed at the synthetic content."""
    config = yaml.safe_load((_bootstrap.ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    config["docs_dir"] = str(project / "content")
    config["site_dir"] = str(project / "site")
    config["theme"]["custom_dir"] = str(_bootstrap.ROOT / "theme")
    config["hooks"] = [str(_bootstrap.ROOT / "hooks" / "portal.py")]
    ward = config.setdefault("extra", {}).setdefault("ward", {})
    ward["cache_dir"] = str(project / ".cache")
    ward["as_of"] = "2026-11-26"
    path = project / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def blog_build(project: Path, content: Path) -> float:
    """The same corpus as Material blog posts (categories from our categories)."""
    blog = project / "blog-project"
    posts = blog / "docs" / "blog" / "posts"
    if blog.exists():
        shutil.rmtree(blog)
    posts.mkdir(parents=True)
    (blog / "docs" / "blog" / "index.md").write_text("# Blog\n", encoding="utf-8")
    for number, path in enumerate(sorted((content / "bai-viet").rglob("*.md"))):
        post = frontmatter.loads(path.read_text(encoding="utf-8"))
        meta = {"date": date.fromisoformat(str(post["date"])[:10]), "categories": [post["category"]],
                "title": post["title"]}
        (posts / f"{number}.md").write_text(frontmatter.dumps(frontmatter.Post(post.content, **meta)), encoding="utf-8")
    config = {"site_name": "Blog", "theme": {"name": "material", "font": False, "language": "vi"},
              "plugins": ["search", "blog"]}
    (blog / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    seconds, _, _ = _run_measured([PYTHON, "-m", "mkdocs", "build", "-q"], blog)
    return seconds


def cold_pages_build(project: Path, build: list[str]) -> tuple[float, float]:
    """A build from empty caches and an empty site/, except processed photos and share cards
    (their cache kept warm): the pages' own cost, without Pillow's."""
    cache = project / ".cache"
    for entry in cache.iterdir() if cache.exists() else ():
        if entry.name != IMAGE_CACHE:
            shutil.rmtree(entry) if entry.is_dir() else entry.unlink()
    shutil.rmtree(project / "site", ignore_errors=True)
    seconds, rss, _ = _run_measured(build, project)
    return seconds, rss


def measure(articles: int, workdir: Path, compare_blog: bool = False) -> dict:
    project = workdir / "project"
    project.mkdir(parents=True, exist_ok=True)
    shutil.rmtree(project / "image-throughput", ignore_errors=True)
    content = bench_corpus.generate(project, articles)
    config = write_config(project)
    build = [PYTHON, "-m", "mkdocs", "build", "-q", "-f", str(config)]
    shutil.rmtree(project / ".cache", ignore_errors=True)
    cold_s, cold_rss, _ = _run_measured(build, project)
    precompress = _precompress_figures(project, "cold")
    warm_s, warm_rss, _ = _run_measured(build, project)
    precompress.update(_precompress_figures(project, "warm"))
    cold_pages_s, pages_rss = cold_pages_build(project, build)
    floor_s, _, _ = _run_measured([PYTHON, "-c", _FLOOR_SCRIPT, str(content), str(project / "floor"), str(config)],
                                  project)
    sources = sorted((content / "bai-viet").rglob("*.md"))
    edited = [sources[len(sources) * n // 4] for n in (1, 2, 3)]  # old, middle and recent articles
    served = bench_serve.serve_figures(project, config, content, edited, PUBLISH_WHEN)
    site = project / "site"
    pagefind_s, pagefind_rss = _time_pagefind(project)
    result = {
        "articles": articles,
        "pages": sum(1 for _ in site.rglob("*.html")),
        "cold_s": round(cold_s, 2),
        "warm_s": round(warm_s, 2),
        "cold_pages_s": round(cold_pages_s, 2),
        "edit_s": served["edit_s"],
        "publish_s": served["publish_s"],
        "floor_s": round(floor_s, 2),
        "blog_s": None,
        "peak_rss_mib": round(max(cold_rss, warm_rss, pages_rss, served["serve_rss_mib"]), 1),
        "rss_mib": {"cold": round(cold_rss, 1), "warm": round(warm_rss, 1), "cold_pages": round(pages_rss, 1),
                    "serve": served["serve_rss_mib"]},
        "pagefind_s": round(pagefind_s, 2),
        "pagefind_rss_mib": round(pagefind_rss, 1),
        **bench_browser.bundle_figures(site),
        "home_html_bytes": (site / "index.html").stat().st_size,
        **precompress,
    }
    browser = bench_browser.measure_site(site, _covered_article(sources))
    result["first_view_bytes"] = browser["first_view_bytes"] if browser else None
    result["first_view_pages"] = browser["first_view_pages"] if browser else None
    result["search_query_bytes"] = browser["search_query_bytes"] if browser else None
    images = images_per_second(sorted((content / "images").rglob("*.jpg")), project / "image-throughput")
    result["images_cold_per_s"] = round(images["cold_per_second"], 1)
    result["images_warm_per_s"] = round(images["warm_per_second"], 1)
    print(json.dumps(result, ensure_ascii=False), file=sys.stderr)  # kept if the slow blog build fails
    if compare_blog:
        result["blog_s"] = round(blog_build(project, content), 2)
    return result


def _precompress_figures(project: Path, build: str) -> dict:
    """The gzip/Brotli twins step of the build just run (wardportal.precompress records it),
    and after the cold build the twins' count and bytes."""
    figures = json.loads((project / ".cache" / "gzip" / LAST_RUN).read_text(encoding="utf-8"))
    result = {f"precompress_{build}_s": round(figures["seconds"], 2)}
    if build == "cold":
        for suffix in TWIN_SUFFIXES:
            twins = [path.stat().st_size for path in (project / "site").rglob(f"*{suffix}")]
            result[f"twins{suffix.replace('.', '_')}"] = len(twins)
            result[f"twins{suffix.replace('.', '_')}_bytes"] = sum(twins)
    return result


def _time_pagefind(project: Path) -> tuple[float, float]:
    """Pagefind alone over each part's staged records, one run after another: what indexing
    adds to a cold build (a save indexes its own part only); and the largest run's peak RSS."""
    out = project / "pagefind-timing"
    total, peak = 0.0, 0.0
    for staging in sorted(path for path in (project / ".cache" / "pagefind" / STAGING_DIR).iterdir() if path.is_dir()):
        shutil.rmtree(out, ignore_errors=True)
        seconds, rss, _ = _run_measured(pagefind_command(staging, out), project)
        total, peak = total + seconds, max(peak, rss)
    shutil.rmtree(out, ignore_errors=True)
    return total, peak


def _covered_article(sources: list[Path]) -> str:
    """The URL of the first article with a cover photo (its first view includes the photo)."""
    for path in sources:
        post = frontmatter.loads(path.read_text(encoding="utf-8"))
        if post.get("image"):
            return article_url(post.get("slug") or slugify(post["title"]))
    return article_url(slugify(frontmatter.loads(sources[0].read_text(encoding="utf-8"))["title"]))


def ratios(result: dict) -> dict:
    floor = result["floor_s"] or 1e-9
    return {
        "cold/floor": round(result["cold_s"] / floor, 2),
        "warm/floor": round(result["warm_s"] / floor, 2),
        "cold_pages/floor": round(result["cold_pages_s"] / floor, 2),
        "blog/cold": round(result["blog_s"] / result["cold_s"], 1) if result["blog_s"] else None,
    }


def print_table(result: dict) -> None:
    rows = list(result.items()) + list(ratios(result).items())
    width = max(len(key) for key, _ in rows)
    for key, value in rows:
        print(f"{key:<{width}}  {'—' if value is None else value}")


def main(argv: list[str] | None = None) -> int:
    parser = _bootstrap.ArgumentParser(description="Đo thời gian dựng cổng với N bài viết tổng hợp.")
    parser.add_argument("--articles", type=int, default=1000, help="số bài viết (mặc định 1000)")
    parser.add_argument("--json", action="store_true", help="in kết quả dạng JSON")
    parser.add_argument("--compare-blog", action="store_true", help="đo thêm plugin blog của Material (chậm)")
    parser.add_argument("--workdir", help="thư mục làm việc (mặc định: thư mục tạm, xóa khi xong)")
    args = parser.parse_args(argv)
    if args.articles < 1:
        print("Lỗi: --articles phải ≥ 1.", file=sys.stderr)
        return 2
    if args.workdir:
        result = measure(args.articles, Path(args.workdir), args.compare_blog)
    else:
        with tempfile.TemporaryDirectory(prefix="ward-bench-") as workdir:
            result = measure(args.articles, Path(workdir), args.compare_blog)
    if args.json:
        print(json.dumps({**result, "ratios": ratios(result)}, ensure_ascii=False))
    else:
        print_table(result)
    return 0


if __name__ == "__main__":
    _bootstrap.run(main)
