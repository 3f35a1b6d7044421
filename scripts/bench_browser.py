"""What a reader's browser downloads: the first view of a page and a first search, in Chromium.

The built site is served on 127.0.0.1 by a small server that gzips text responses as a real
web server does (`gzip on` for HTML, CSS, JS, JSON, XML, SVG); Pagefind's files are already
compressed and served as they are. Bytes are what crossed the wire (headers and encoded
bodies), each page in a fresh browser context (nothing cached).

    python scripts/bench_browser.py SITE_DIR ARTICLE_URL   # a built site: print the figures
"""

from __future__ import annotations

import functools
import gzip
import http.server
import os
import json
import re
import threading
from pathlib import Path

import _bootstrap

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
VIEWPORT = {"width": 1280, "height": 900}
QUERIES = ("phuong", "dang uy", "hoang van tu")  # a common word, two words, a full name without diacritics
GZIP_TYPES = ("text/", "application/javascript", "application/json", "application/xml", "image/svg+xml")


class _GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files; text types gzipped (level 6, like nginx's `gzip_comp_level` defaults)."""

    def log_message(self, format, *args):
        pass

    def send_head(self):
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            path = os.path.join(path, "index.html")
        kind = self.guess_type(path)
        if not os.path.isfile(path) or "gzip" not in self.headers.get("Accept-Encoding", "") \
                or not kind.startswith(GZIP_TYPES):
            return super().send_head()
        body = gzip.compress(Path(path).read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return _Body(body)


class _Body:
    def __init__(self, data: bytes) -> None:
        self.data = data

    def read(self, *_):
        data, self.data = self.data, b""
        return data

    def close(self) -> None:
        pass


class GzipServer:
    def __init__(self, directory: Path) -> None:
        handler = functools.partial(_GzipHandler, directory=str(directory))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def url(self, path: str = "") -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}/{path}"

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def _transferred(responses: list) -> int:
    return sum(_transferred_by_kind(responses).values())


def _transferred_by_kind(responses: list) -> dict[str, int]:
    """Bytes per kind of file: Pagefind's code, its entry and meta, index chunks, fragments,
    the results' texts, images, the rest."""
    kinds: dict[str, int] = {}
    for response in responses:
        try:
            sizes = response.request.sizes()
        except Exception:  # a response without a finished body (aborted)
            continue
        kind = _kind(response.url)
        kinds[kind] = kinds.get(kind, 0) + sizes["responseHeadersSize"] + sizes["responseBodySize"]
    return kinds


def _kind(url: str) -> str:
    path = url.split("?")[0]
    for folder in ("index", "fragment", "text", "filter"):
        if re.search(f"/pagefind/[^/]+/{folder}/", path):
            return folder
    if "/pagefind/" in path:
        return "meta" if path.endswith((".pf_meta", "-entry.json", "/parts.json")) else "code"
    return "image" if path.endswith((".webp", ".jpg", ".jpeg", ".png", ".avif", ".svg")) else "other"


def measure_site(site: Path, article_url: str) -> dict | None:
    """first_view_bytes (the larger of the home page and an article), per page, and each
    query's search bytes; None without Chromium."""
    if not os.access(CHROMIUM, os.X_OK):
        return None
    from playwright.sync_api import sync_playwright

    server = GzipServer(site)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            views = {name: _first_view(browser, server.url(path)) for name, path in
                     (("home", ""), ("article", article_url), ("search_page", "tim-kiem/"))}
            queries = {query: _first_query(browser, server.url("tim-kiem/"), query) for query in QUERIES}
            browser.close()
    finally:
        server.close()
    return {"first_view_bytes": max(views["home"], views["article"]), "first_view_pages": views,
            "search_query_bytes": {query: sum(parts.values()) for query, parts in queries.items()},
            "search_query_parts": queries}


def _first_view(browser, url: str) -> int:
    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    responses: list = []
    page.on("response", lambda response: responses.append(response))
    page.goto(url, wait_until="networkidle")
    total = _transferred(responses)
    context.close()
    return total


def _first_query(browser, url: str, query: str) -> dict[str, int]:
    """Bytes by kind from typing the query to its result list being shown (page load not counted)."""
    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    page.goto(url, wait_until="networkidle")
    responses: list = []
    page.on("response", lambda response: responses.append(response))
    page.fill("#ward-search-q", query)
    page.press("#ward-search-q", "Enter")
    page.wait_for_function("q => document.querySelector('.ward-search__status').textContent.includes('“' + q + '”')",
                           arg=query, timeout=120_000)
    page.wait_for_load_state("networkidle")
    parts = _transferred_by_kind(responses)
    context.close()
    return parts


def bundle_figures(site: Path) -> dict:
    """Pagefind's bundles on disk, all parts together: fragment files (one per indexed page),
    index chunks, sizes."""
    bundle = site / "pagefind"
    fragments = list(bundle.glob("*/fragment/*.pf_fragment"))
    chunks = list(bundle.glob("*/index/*.pf_index"))
    texts = [path for part in bundle.iterdir() if part.is_dir() for path in (part / "text").rglob("*.txt")]
    return {
        "pagefind_parts": len([part for part in bundle.iterdir() if part.is_dir()]),
        "pagefind_fragments": len(fragments),
        "pagefind_fragment_bytes": sum(path.stat().st_size for path in fragments),
        "pagefind_index_chunks": len(chunks),
        "pagefind_texts": len(texts),
        "pagefind_text_bytes": sum(path.stat().st_size for path in texts),
        "pagefind_bundle_bytes": sum(path.stat().st_size for path in bundle.rglob("*") if path.is_file()),
    }


def main(argv: list[str] | None = None) -> int:
    parser = _bootstrap.ArgumentParser(description="Đo dung lượng tải về của một trang đã dựng (Chromium).")
    parser.add_argument("site", help="thư mục site/ đã dựng")
    parser.add_argument("article", help="đường dẫn một bài viết có ảnh bìa, ví dụ bai-viet/ten-bai/")
    args = parser.parse_args(argv)
    if not (Path(args.site) / "pagefind").is_dir():
        print(f"Lỗi: {args.site} không phải thư mục site/ đã dựng (không có pagefind/).", file=sys.stderr)
        return 2
    figures = measure_site(Path(args.site), args.article)
    if figures is None:
        print(f"Lỗi: không tìm thấy Chromium ở {CHROMIUM}.", file=sys.stderr)
        return 2
    print(json.dumps({**bundle_figures(Path(args.site)), **figures}, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    _bootstrap.run(main)
