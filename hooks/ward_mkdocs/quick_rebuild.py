"""`mkdocs serve`: a save that changes only an article's own page is published without a build.

MkDocs rebuilds the whole site after every save, and at 10,000 articles that takes many
seconds even when every page but one is linked from the page store. Most saves in a newsroom
are corrections to a body, which nothing but the article's own page (and the search index)
shows: lists, neighbours, feeds and statistics show its fields, never its body.

The quick lane proves that from the previous build's state before it writes anything:
- every file changed since (wardportal.sourcestamps) is a published article's Markdown file;
- each parses without problems into an article equal to the old one in every field but the
  body (so its summary, place, card and counts are the same), with the same images;
- its converted body has the same heading anchors (other pages may link to them).
Then it converts and renders that page alone, through the same PageWriter a build uses (so
the page is byte for byte a full build's), publishes the search bundle again and keeps the
new article in the index for the next save. A save that only adds article files goes to the
lane of ward_mkdocs.new_articles. Anything else (a moved or deleted file, a data file, the
theme, mkdocs.yml, a changed title or date, a problem to report) goes to MkDocs' full
rebuild, which also takes the stamps the next quick rebuild compares against.
"""

from __future__ import annotations

import dataclasses
import gc
import logging
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from typing import Callable

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation

from ward_mkdocs.new_articles import publish_new, saved_article
from ward_mkdocs.portal_pages import ArticleItem, PageWriter, PortalPages
from ward_mkdocs.sections import SectionPlan
from ward_mkdocs.site_images import SiteImages
from wardportal.article import Article
from wardportal.checking import PortalData
from wardportal.corpus import PublishPolicy, is_article_path
from wardportal.htmlcache import HtmlCache
from wardportal.images.refs import article_refs
from wardportal.index import ArticleIndex
from wardportal.listings import ListingPage
from wardportal.memo import RebuildMemo
from wardportal.sourcestamps import Stamps, changed_paths, take_stamps

log = logging.getLogger("mkdocs.plugins.ward")
# Articles compare by identity (they key memos): these are compared one by one
_FIELDS_BUT_BODY = tuple(f.name for f in dataclasses.fields(Article) if f.compare and f.name != "body")


@dataclass
class LastBuild:
    """What the previous build of this `mkdocs serve` made, as far as a quick rebuild needs it."""

    config: MkDocsConfig
    files: Files
    watched: list[str]  # the folders and files whose stamps are compared
    stamps: Stamps  # taken before that build read anything
    pages: PortalPages
    index: ArticleIndex
    images: SiteImages
    html_cache: HtmlCache
    data: PortalData
    policy: PublishPolicy
    views: Counter
    registry_token: str
    memo: RebuildMemo
    make_writer: Callable[[], PageWriter]  # as the build's on_env makes it
    publish_search: Callable[[], None]  # the bundle from pages.articles, as the build does
    # for new articles (ward_mkdocs.new_articles)
    nav: Navigation
    env: Environment
    listings: dict[str, ListingPage]  # every planned page by source path, as the page events read it
    sections: SectionPlan
    related_count: int
    kept_wanted: set[str]  # the site files the next build's clean compares with
    plan_lists: Callable[[ArticleIndex], list[ListingPage]]  # the build's plan of generated pages
    is_framed: Callable[[ListingPage], bool]  # whether the build would frame a new list page
    use_index: Callable[[ArticleIndex], None]  # the build's state takes a new index
    write_reader_files: Callable[[], None]  # the feeds and the search index, as the build writes them
    next_due: datetime | None  # when an article held back for its date becomes due
    clock: Callable[[], datetime]  # the build's "now"
    by_path: dict[str, int] = field(default_factory=dict)  # source path -> position in pages.articles

    def __post_init__(self) -> None:
        self.by_path = {item.article.source_path: number for number, item in enumerate(self.pages.articles)}


class _Remembered:
    build: LastBuild | None = None


REMEMBERED = _Remembered()


def forget() -> None:
    """A build has started: until it ends well, there is nothing to build on quickly."""
    REMEMBERED.build = None
    gc.unfreeze()  # the previous build's objects may be garbage now


def remember(build: LastBuild) -> None:
    """After a build of `mkdocs serve`: what it made is kept for the saves to come, and out of
    the garbage collector's reach (gc.freeze) until the next build. Its million objects would
    otherwise be walked by every full collection, a fifth of a second that fell in the
    middle of a save's rebuild."""
    REMEMBERED.build = build
    gc.collect()  # the garbage of the build, not kept for good
    gc.freeze()


def install(server) -> None:
    """Let `server` (MkDocs' LiveReloadServer) try the quick lane before each full rebuild."""
    full = server.builder

    def builder(config: MkDocsConfig | None = None) -> None:
        last = REMEMBERED.build
        if config is None and last is not None:
            started = time.perf_counter()
            try:
                done = quick_rebuild(last)
            except Exception as exc:  # never worse than a full rebuild
                log.warning(f"Cập nhật nhanh gặp lỗi ({exc}); dựng lại toàn bộ.")
                done = None
            if done is not None:
                log.info(f"Cập nhật nhanh: {done} ({time.perf_counter() - started:.2f} s).")
                return
        forget()
        if config is None:
            full()
        else:
            full(config)

    server.builder = builder


def quick_rebuild(last: LastBuild) -> str | None:
    """Publish what changed since `last` if only article bodies did; what was done, or None
    (nothing written) when a full rebuild is needed."""
    if last.config.strict:
        return None  # --strict: every save goes through the build's own checks
    if last.next_due is not None and last.clock() >= last.next_due:
        return None  # a scheduled article is due: the build publishes it
    stamps = take_stamps(last.watched)
    changed = changed_paths(last.stamps, stamps)
    docs_dir = last.config.docs_dir.rstrip("/") + "/"
    updates: list[tuple[int, Article]] = []
    added: list[str] = []
    for path in changed:
        relative = path[len(docs_dir):] if path.startswith(docs_dir) else None
        if relative and is_article_path(relative) and path not in last.stamps and path in stamps:
            added.append(relative)  # a new article file
            continue
        number = last.by_path.get(relative) if relative and is_article_path(relative) else None
        if number is None:  # not a published article: a data file, an image, a new or deleted file …
            log.debug(f"Dựng lại toàn bộ: {path} đã đổi.")
            return None
        new = _body_only_change(last, last.pages.articles[number].article, path)
        if new is None:
            log.debug(f"Dựng lại toàn bộ: {path} đổi cả những gì các trang khác hiện ra.")
            return None
        if new is not last.pages.articles[number].article:
            updates.append((number, new))
    if added:
        done = publish_new(last, added) if not updates else None  # both at once: built in full
        if done is not None:
            last.stamps = stamps
        return done
    if not updates:
        last.stamps = stamps
        return "không có gì thay đổi"
    items = _converted(last, updates)
    if items is None:
        return None
    for (number, new), item in zip(updates, items):  # the pages shown are rendered from the index
        last.index.replace(last.pages.articles[number].article, new)
        last.pages.articles[number] = item
    writer = last.make_writer()
    for item in items:
        item.page.validate_anchor_links(files=last.files, log_level=last.config.validation.links.anchors)
        if not writer.publish_stored(item):
            writer.write(item)
    last.publish_search()
    last.stamps = stamps
    return ", ".join(f"trang {item.page.url}" for item in items)


def _body_only_change(last: LastBuild, old: Article, path: str) -> Article | None:
    """The saved article if only its body differs from `old` (`old` itself if nothing does);
    None when anything else changed or there is a problem to report."""
    new = saved_article(last, old.source_path, path)
    if new is None:
        return None
    if any(getattr(new, name) != getattr(old, name) for name in _FIELDS_BUT_BODY):
        return None  # a field shown elsewhere (title, summary, date, image …)
    if new.body == old.body:
        return old  # saved again unchanged
    if article_refs(old.source_path, old.image, old.body) != article_refs(new.source_path, new.image, new.body):
        return None  # its images: processed (and checked) by a build
    return new


def _converted(last: LastBuild, updates: list[tuple[int, Article]]) -> list[ArticleItem] | None:
    """The new pages, as the build converts them; None when a body's anchors changed."""
    olds = [last.pages.articles[number] for number, _ in updates]
    articles = [new for _, new in updates]
    files = {item.article.source_path: item.page.file for item in olds}
    items = PortalPages.convert_articles(articles, files, last.files, last.config, last.html_cache, last.images)
    if any(item.page.present_anchor_ids != old.page.present_anchor_ids for item, old in zip(items, olds)):
        return None  # (the full rebuild makes every file and page anew)
    return items
