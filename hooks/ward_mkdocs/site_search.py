"""The portal's search in a MkDocs build: the search page, and the Pagefind records of pages.

Articles are indexed from the model and their converted HTML (wardportal.search_records);
pages MkDocs renders itself are indexed when they hold text of their own: hand-written pages
and the statistics pages. Lists (home, categories, units, archive, their pages 2, 3, …) are
not: they only repeat articles' titles.
"""

from __future__ import annotations

import logging
import re
import time
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from ward_mkdocs.site_images import SiteImages
from wardportal import urls
from wardportal.article import Article
from wardportal.forkpool import fork_map
from wardportal.memo import RebuildMemo
from wardportal.pagefind_index import IndexingMode, PagefindError, publish_bundle
from wardportal.recordcache import RecordCache, record_key
from wardportal.search_records import SearchRecord, article_record, page_record
from wardportal.search_shards import DEFAULT_MOST, plan_shards

log = logging.getLogger("mkdocs.plugins.ward")

SEARCH_PAGE = urls.source_path(urls.search())
_SEARCH_PAGE_MARKDOWN = "---\ntemplate: ward/search.html\ntitle: Tìm kiếm\n---\n"
_CONTENT_RE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.S)


def add_search_page(files: Files, config: MkDocsConfig) -> None:
    """`tim-kiem/`: the search page (a hand-written page at that path wins)."""
    if files.get_file_from_path(SEARCH_PAGE) is None:
        files.append(File.generated(config, SEARCH_PAGE, content=_SEARCH_PAGE_MARKDOWN))


class SiteSearch:
    """Collects one build's records; writes the Pagefind bundle after the build."""

    def __init__(self) -> None:
        self.pages: dict[str, SearchRecord] = {}  # by URL: a page rendered again replaces its record

    def add_page(self, page: Page, output: str, *, generated: bool, kind: str | None) -> None:
        """A page MkDocs rendered: kept when hand-written or the statistics overview."""
        if page.file.src_uri == SEARCH_PAGE:
            return
        if not generated:
            self.pages[page.url] = page_record(page.url, page.title or "", page.content or "")
        elif kind == "stats":  # the period, year and unit tables name every unit: noise in results
            match = _CONTENT_RE.search(output)
            self.pages[page.url] = page_record(page.url, page.title or "", match.group(1) if match else "",
                                               secondary=True)

    def publish(self, articles: list[tuple[Article, str]], images: SiteImages, config: MkDocsConfig,
                cache_dir: Path, records_file: Path, memo: RebuildMemo, *, shard_pages: int = DEFAULT_MOST,
                serving: bool = False) -> None:
        start = time.perf_counter()
        records = article_records(articles, images, records_file, memo, serving=serving)
        dated = [(article.published.moment, record) for (article, _), record in zip(articles, records)]
        shards = plan_shards(dated, [self.pages[url] for url in sorted(self.pages)], shard_pages)
        try:
            done = publish_bundle(shards, Path(config.site_dir), cache_dir, deferred=IndexingMode.deferred)
        except (OSError, PagefindError) as exc:
            raise PluginError(f"Không lập được chỉ mục tìm kiếm (Pagefind): {exc}") from None
        what = {"reused": "dùng lại chỉ mục của", "indexed": "lập chỉ mục", "deferred": "đang lập chỉ mục (nền) cho"}
        count = sum(len(shard.records) for shard in shards)
        parts = f", {len(shards)} phần" if len(shards) > 1 else ""
        log.info(f"Tìm kiếm (Pagefind): {what[done]} {count} trang{parts} ({time.perf_counter() - start:.1f} s).")


# Per rebuild of `mkdocs serve`, only the saved articles' records are made again (the memo
# holds the others): reading the whole record file for them would cost more than it saves.
_SERVED_ONCE = ("search-records", "served once")


def article_records(articles: list[tuple[Article, str]], images: SiteImages, records_file: Path,
                    memo: RebuildMemo, *, serving: bool = False) -> list[SearchRecord]:
    """Each article's record: from the previous rebuild (memo), the record file
    (wardportal.recordcache) or made now, on every core when many are missing."""
    kept = RecordCache(records_file) if memo.first_time(_SERVED_ONCE) or not serving else None
    records: list[SearchRecord | None] = []
    missing: list[tuple[int, tuple, str]] = []
    for number, (article, html) in enumerate(articles):
        inputs = (article, html, images.thumbnail_path(article.image))
        record = memo.recall(("search-record", *inputs))
        key = record_key(*inputs) if kept is not None else ""
        if kept is not None:
            if record is None:
                pair = kept.get(key)
                record = SearchRecord.of_bytes("/" + article.url, *pair) if pair is not None else None
            else:
                kept.put(key, record.html_bytes, record.text_bytes)
        if record is None:
            missing.append((number, inputs, key))
        else:
            memo.keep(("search-record", *inputs), record)
        records.append(record)
    made = fork_map(lambda n: article_record(*missing[n][1]), len(missing), min_per_worker=200)
    for (number, inputs, key), record in zip(missing, made):
        records[number] = record
        memo.keep(("search-record", *inputs), record)
        if kept is not None:
            kept.put(key, record.html_bytes, record.text_bytes)
    if kept is not None:
        kept.save()
    return records  # type: ignore[return-value]
