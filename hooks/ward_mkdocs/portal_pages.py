"""Article and list pages built by the portal itself, outside MkDocs' page loop.

MkDocs sends every page through the same loop: a new Markdown instance, a template
context, every plugin's events, the full theme template. At 10,000 articles that loop costs
more than converting the articles. Articles all look alike, and so do the generated
category, unit and month pages outside the navigation, so the portal converts articles with
one Markdown instance per process (ward_mkdocs.article_convert), renders each page into its
shared frame (ward_mkdocs.page_renderer) and writes the files, on every core when there are
many. A page whose inputs are all unchanged is linked from the page store instead
(wardportal.pagestore): warm builds and `mkdocs serve` rebuilds render only what changed.

These pages remain MkDocs files with real Page objects: links to and from them resolve and
are validated as for any page; MkDocs only leaves building them to this module.
"""

from __future__ import annotations

import dataclasses
import functools
import gzip
import hashlib
import html
import logging
import os
import re
from dataclasses import dataclass
from datetime import date
from importlib.metadata import version
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs import utils
from mkdocs.commands.build import get_context
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from ward_mkdocs.article_convert import convert_articles, log_records
from ward_mkdocs.page_renderer import PageRenderer
from ward_mkdocs.site_images import SiteImages
from ward_mkdocs.sections import WIDE_KINDS
from wardportal import urls
from wardportal.article import Article
from wardportal.forkpool import fork_map
from wardportal.htmlcache import HtmlCache, fingerprint
from wardportal.index import ArticleIndex
from wardportal.listings import ListingPage
from wardportal.memo import RebuildMemo
from wardportal.pagestore import PageStore
from wardportal.textsafety import xml_safe

# Below this many pages, starting worker processes costs more than it saves.
PARALLEL_MIN = 200


class PortalFile(File):
    """A page's source that MkDocs resolves links to, while PortalPages builds the page."""

    def is_documentation_page(self) -> bool:
        return False

    def copy_file(self, dirty: bool = False) -> None:
        """Nothing to copy: the page is written by PortalPages.write."""

    @classmethod
    def for_article(cls, file: File, slug: str) -> "PortalFile":
        return cls(file.src_uri, file.src_dir, file.dest_dir, file.use_directory_urls,
                   dest_uri=urls.article(slug) + "index.html", inclusion=InclusionLevel.NOT_IN_NAV)

    @classmethod
    def for_listing(cls, config: MkDocsConfig, listing: ListingPage) -> "PortalFile":
        return cls(listing.src_uri, None, config.site_dir, config.use_directory_urls,
                   dest_uri=listing.url + "index.html", inclusion=InclusionLevel.NOT_IN_NAV)


class PortalPage(Page):
    """A Page whose addresses are joined without urljoin, which alone cost a second per build
    at 12,000 pages; the portal's URLs (`bai-viet/<slug>/`) are plain relative paths."""

    def _set_canonical_url(self, base: str | None) -> None:
        if not base or not _PLAIN_URL.fullmatch(self.url):
            return super()._set_canonical_url(base)
        prefix, path = _site_base(base)
        self.canonical_url = prefix + self.url
        self.abs_url = path + self.url


_PLAIN_URL = re.compile(r"(?:[A-Za-z0-9_-]+/)*")


@functools.lru_cache(maxsize=8)
def _site_base(base: str) -> tuple[str, str]:
    """What urljoin(base, url) and its path start with, for a plain relative url."""
    base = base if base.endswith("/") else base + "/"
    return base, urlsplit(base).path


@dataclass
class ArticleItem:
    article: Article
    page: Page
    html_key: str = ""  # names page.content in store keys, when no image rewriting changed it
    missing_links: tuple[str, ...] = ()  # linked files that were not found (their links left as written)


@dataclass
class ListingItem:
    listing: ListingPage
    page: Page


class PortalPages:
    """One build's article and framed list pages: made in on_files, written in on_env."""

    def __init__(self, articles: list[ArticleItem], listings: list[ListingItem]) -> None:
        self.articles = articles
        self.listings = listings

    @staticmethod
    def convert_articles(articles: list[Article], article_files: dict[str, File], files: Files,
                         config: MkDocsConfig, cache: HtmlCache, images: SiteImages) -> list[ArticleItem]:
        """Each article's Page, with its HTML (images rewritten) and anchors for link checks."""
        items = [(article_files[article.source_path], article.body) for article in articles]
        pages = []
        for article, (file, _), conversion in zip(articles, items, convert_articles(items, config, files, cache)):
            log_records(conversion)
            page = PortalPage(None, file, config)
            page.markdown = article.body  # MkDocs takes a page without Markdown for an unread one
            page.meta = {"title": html.escape(article.title),  # Material prints these unescaped
                         "description": html.escape(article.summary), "hide": ["toc"]}
            page.content = images.rewrite_article_html(conversion.html, page.url, article)
            page.present_anchor_ids = set(conversion.anchors)
            page.links_to_anchors = {target: links for uri, links in conversion.links.items()
                                     if (target := files.get_file_from_path(uri)) is not None}
            pages.append(ArticleItem(article, page, conversion.content_key if page.content is conversion.html else "",
                                     tuple(path for path, found in conversion.lookups.items() if found is None)))
        return pages

    @staticmethod
    def listing_item(listing: ListingPage, file: File, config: MkDocsConfig) -> ListingItem:
        page = PortalPage(None, file, config)
        page.markdown = ""  # MkDocs takes a page without Markdown for an unread one
        page.meta = {"title": html.escape(listing.title)}  # as on_page_markdown
        if listing.kind in WIDE_KINDS:
            page.meta["hide"] = ["navigation", "toc"]
        if listing.data.get("description"):
            page.meta["description"] = html.escape(listing.data["description"])
        page.content, page.present_anchor_ids, page.links_to_anchors = "", set(), {}
        return ListingItem(listing, page)

    def validate_anchor_links(self, files: Files, config: MkDocsConfig) -> None:
        """What MkDocs does for its own pages, once every page's anchors are known."""
        for item in self.articles:
            item.page.validate_anchor_links(files=files, log_level=config.validation.links.anchors)

    def write(self, writer: "PageWriter") -> None:
        """Write every page: unchanged ones from the page store, the others rendered, on
        every core when there are many; then drop stored pages this build did not use."""
        write_pages(writer, [*self.articles, *self.listings])
        writer.prune_store()

    def sitemap_entries(self) -> str:
        """<url> entries for sitemap.xml (MkDocs lists only the pages it builds itself)."""
        entries = [(item.page, item.article.published.moment.date().isoformat()) for item in self.articles]
        entries += [(item.page, item.page.update_date) for item in self.listings]
        return "".join(f"\n    <url>\n         <loc>{html.escape(page.canonical_url or page.abs_url or '')}"
                       f"</loc>\n         <lastmod>{lastmod}</lastmod>\n    </url>" for page, lastmod in entries)


class PageWriter:
    """Renders one page (framed, or in full with WARD_FRAMES=0) and writes it.

    With a page store, a page whose inputs are all unchanged is linked from the store
    instead. Its key covers the frame's text, the templates and hooks code, the site's
    settings and the page's own parts: an article's fields, HTML, related articles,
    neighbours and share card; a list's title, pager and articles.
    """

    def __init__(self, config: MkDocsConfig, files: Files, nav: Navigation, renderer: PageRenderer,
                 index: ArticleIndex, images: SiteImages, related_count: int, frames: bool,
                 store: PageStore | None = None, memo: RebuildMemo | None = None) -> None:
        self.config = config
        self.files = files
        # listed once: get_context would list them again for every page
        self.doc_pages = files.documentation_pages()
        self.nav = nav
        self.renderer = renderer
        self.index = index
        self.images = images
        self.related_count = related_count
        self.frames = frames
        self.store = store if frames else None
        self.memo = memo or RebuildMemo()
        self._article_context: dict | None = None  # what every framed article page has in common
        self._site_key = ""
        self._article_frame = ""  # the article frame's fingerprint, once known
        self._digests: dict[int, str] = {}
        self._keys: dict[str, str] = {}  # by page URL
        self._shown_objects: dict[int, tuple[object, str]] = {}

    def publish_stored(self, item: ArticleItem | ListingItem) -> bool:
        """Link the page from the store if one with the same inputs is there."""
        if self.store is None:
            return False
        return self.store.publish(self._key(item), item.page.file.abs_dest_path)

    def write(self, item: ArticleItem | ListingItem) -> None:
        """Render one page and write it (into the store too, when there is one)."""
        output = _page_bytes(self._render(item, self._context(item)))
        if self.store is None:  # a new file: the old one may be a link into the store
            dest = item.page.file.abs_dest_path
            if os.path.lexists(dest):
                os.unlink(dest)
            utils.write_file(output, dest)
        else:
            self.store.keep(self._key(item), output, item.page.file.abs_dest_path)

    def write_related_only(self, item: ArticleItem, old_related: list[Article]) -> bool:
        """Write an article page whose related articles alone changed since it was written
        (with `old_related`), from that page: the related block is all of the page they show
        (theme/ward/article-body.html prints it once), so it is replaced in the page's text, the
        rest kept, and stored under the page's new key as if rendered. False, nothing written,
        when the page is not there or the old block is not found exactly once in it."""
        if self.store is None:
            return False
        dest = item.page.file.abs_dest_path
        try:
            with open(dest, "rb") as handle:
                page = handle.read()
        except OSError:
            return False
        context = self._context(item)
        # in bytes, as written: found once, the block's bytes can only be the block itself
        old_block = _page_bytes(self.renderer.related_html({**context, "related": old_related}))
        if not old_block or page.count(old_block) != 1:
            return False
        self.store.keep(self._key(item), page.replace(old_block, _page_bytes(self.renderer.related_html(context))), dest)
        return True

    def prune_store(self) -> None:
        if self.store is not None:
            if self.store.dropped:
                logging.getLogger("mkdocs.plugins.ward").info(
                    f"Bộ nhớ đệm trang: {len(self.store.dropped)} trang lưu sẵn đã bị thay đổi hoặc hỏng, "
                    f"đã bỏ và dựng lại ({self.store.folder}).")
            self.store.prune(self._keys.values())

    def _context(self, item: ArticleItem | ListingItem) -> dict:
        page = item.page
        if isinstance(item, ListingItem):
            return {**get_context(self.nav, self.doc_pages, self.config, page), "listing": item.listing}
        if self.frames:
            if self._article_context is None:  # all articles sit at the same depth: same base_url, css
                self._article_context = dict(get_context(self.nav, self.doc_pages, self.config, page))
            context = {**self._article_context, "page": page}
        else:
            context = dict(get_context(self.nav, self.doc_pages, self.config, page))
        article = item.article
        context["article"] = article
        context["related"] = self.index.related(article, self.related_count)
        context["neighbours"] = self.index.neighbours(article)
        context["share"] = self.images.share_meta(article, self.config)
        return context

    def _frame(self, item: ArticleItem | ListingItem, context: dict):
        item.page.active = True
        try:
            if isinstance(item, ListingItem):
                return self.renderer.listing_frame(context, item.page, item.listing)
            return self.renderer.article_frame(context, item.page)
        finally:
            item.page.active = False

    def _render(self, item: ArticleItem | ListingItem, context: dict) -> str:
        page = item.page
        page.active = True
        try:
            if isinstance(item, ListingItem):
                if self.frames:
                    return self.renderer.listing_page(context, page, item.listing)
                return self.renderer.env.get_template(item.listing.template).render(context)
            context["related_html"] = self.renderer.related_html(context)
            if self.frames:
                return self.renderer.article_page(context, page)
            return self.renderer.env.get_template("ward/article.html").render(context)
        finally:
            page.active = False

    def _key(self, item: ArticleItem | ListingItem) -> str:
        key = self._keys.get(item.page.url)
        if key is None:
            key = self._keys[item.page.url] = self._compute_key(item)
        return key

    def _compute_key(self, item: ArticleItem | ListingItem) -> str:
        if not self._site_key:
            self._site_key = fingerprint([_code_and_theme_fingerprint(self.config), self.config.site_name,
                                          self.config.site_url or "", repr(self.config.extra)])
        if isinstance(item, ArticleItem) and self._article_frame:
            return self._article_key(item)
        frame = self._frame(item, self._context(item)).fingerprint
        if isinstance(item, ArticleItem):
            self._article_frame = frame  # one frame for every article (PageRenderer.article_frame)
        if isinstance(item, ListingItem):
            if item.listing.kind not in _ARTICLE_LISTS:
                return self._listing_key_of(item, frame)
            listing = item.listing  # as _article_key: the same things shown, the same key
            inputs = (self._site_key, frame, listing.kind, listing.title, listing.entry, listing.pager,
                      listing.total_articles, listing.data, tuple(listing.articles),
                      tuple(self.images.published.image(article.image) for article in listing.articles))
            return self._diffed_key(item, inputs, lambda: self._listing_key_of(item, frame))
        return self._article_key_of(item, frame)

    def _listing_key_of(self, item: ListingItem, frame: str) -> str:
        listing = item.listing
        return fingerprint([self._site_key, frame, item.page.url, listing.title, repr(listing.entry),
                            repr(listing.pager), str(listing.total_articles), self._shown(listing.data),
                            *(self._digest(article) for article in listing.articles)])

    def _diffed_key(self, item: ArticleItem | ListingItem, inputs: tuple, compute) -> str:
        """The key of the previous rebuild of this process when the page's inputs are the same
        objects or equal values, else computed now (and remembered for the next rebuild)."""
        known = self.memo.recall(("page-inputs", item.page.url))
        if known is not None and known[0] == inputs:  # type: ignore[index]
            return known[1]  # type: ignore[index]
        key = compute()
        self.memo.keep(("page-inputs", item.page.url), (inputs, key))
        return key

    def _article_key_of(self, item: ArticleItem, frame: str) -> str:
        article = item.article
        neighbours = self.index.neighbours(article)
        share = self.images.share_meta(article, self.config)
        content = item.html_key or item.page.content  # hashing 10,000 pages of HTML costs
        return fingerprint([self._site_key, frame, item.page.url, self._digest(article), content,
                            *(self._digest(other) for other in self.index.related(article, self.related_count)),
                            self._digest(neighbours.newer), self._digest(neighbours.older),
                            repr(sorted(share.items()))])

    def _article_key(self, item: ArticleItem) -> str:
        """An article page's key, diffed against the previous rebuild of this process (mkdocs
        serve): when the page shows the very same things (the same article objects, which
        wardportal.corpus keeps while their files are unchanged; the same HTML, images, card
        and frame), its key is the one computed then. Only the pages a saved article appears on
        (its own, its neighbours', those listing it as related) are keyed again."""
        article = item.article
        neighbours = self.index.neighbours(article)
        shown = (article, *self.index.related(article, self.related_count), neighbours.newer, neighbours.older)
        share = self.images.share_meta(article, self.config)
        inputs = (self._site_key, self._article_frame, item.html_key or item.page.content, shown,
                  tuple(self.images.published.image(other.image) for other in shown if other is not None),
                  tuple(sorted(share.items())))
        return self._diffed_key(item, inputs,
                                lambda: self._article_key_of(item, self._frame(item, self._context(item)).fingerprint))

    def _shown(self, value) -> str:
        """A list's data (the quota figures) as text for its key, each article by its digest:
        the figures hold the counted articles, whose bodies they do not show."""
        if isinstance(value, _PLAIN):
            return repr(value)
        if isinstance(value, Article):
            return self._digest(value)
        if isinstance(value, dict):
            return "{" + ",".join(f"{self._shown(k)}:{self._shown(v)}" for k, v in value.items()) + "}"
        if isinstance(value, (list, tuple)):
            return "[" + ",".join([self._shown(item) for item in value]) + "]"
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            # registry entries, months and periods recur in every row: each is spelled once
            known = self._shown_objects.get(id(value))
            if known is None or known[0] is not value:
                text = type(value).__name__ + "(" + ",".join(
                    [self._shown(getattr(value, name)) for name in _field_names(type(value))]) + ")"
                known = self._shown_objects[id(value)] = (value, text)
            return known[1]
        return repr(value)

    def _digest(self, article: Article | None) -> str:
        """Everything an article shows of itself, on its page or in lists: its fields but the
        body (whose HTML is keyed separately, and whose summary is a field), and its image."""
        if article is None:
            return ""
        digest = self._digests.get(id(article))
        if digest is None:
            # an Article is immutable, and the same object in the next `mkdocs serve` rebuild
            # when its file did not change
            fields = self.memo.get(("shown", article), lambda: hashlib.sha1(repr(
                tuple(getattr(article, name) for name in _SHOWN_FIELDS)).encode("utf-8")).hexdigest())
            image = repr(self.images.published.image(article.image)) if article.image else ""
            digest = self._digests[id(article)] = fields + image
        return digest


_PLAIN = (str, int, float, bool, type(None), date)
# Lists whose data holds no articles: their keys are diffed (PageWriter._diffed_key); the
# statistics pages' figures hold counted articles, spelled by digest every time
_ARTICLE_LISTS = ("category", "unit", "month")
_SHOWN_FIELDS = tuple(f.name for f in dataclasses.fields(Article) if f.name != "body")


@functools.lru_cache(maxsize=None)
def _field_names(kind: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(kind))


def _code_and_theme_fingerprint(config: MkDocsConfig) -> str:
    """The hooks' code, the theme folder and the versions of what renders pages."""
    folders = [Path(__file__).resolve().parents[1]]
    if config.theme.custom_dir:
        folders.append(Path(config.theme.custom_dir).resolve())
    parts = [f"{name}={version(name)}" for name in ("mkdocs", "mkdocs-material", "jinja2", "markdown")]
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                parts.append(f"{path.relative_to(folder)}\0{hashlib.sha1(path.read_bytes()).hexdigest()}")
    return fingerprint(parts)


def _page_bytes(text: str) -> bytes:
    """A page's file, as MkDocs writes its own (characters UTF-8 cannot hold as references)."""
    return text.encode("utf-8", errors="xmlcharrefreplace")


def write_pages(writer: "PageWriter", items: list[ArticleItem | ListingItem], *,
                related_before: dict[str, list[Article]] | None = None, min_per_worker: int = PARALLEL_MIN) -> None:
    """Link each page from the store or write it, on every core when there are many. A page
    in `related_before` (by URL) shows new related articles only: its related block is
    replaced (PageWriter.write_related_only) unless that fails."""
    # the store keys are made here, before any fork, and with them every frame
    rendered = [item for item in items if not writer.publish_stored(item)]
    before = related_before or {}
    failures = [failure for failure in fork_map(
        lambda number: _write_one(writer, rendered[number], before.get(rendered[number].page.url)),
        len(rendered), min_per_worker=min_per_worker, chunksize=64) if failure]
    if failures:
        raise PluginError(failures[0])


def _write_one(writer: PageWriter, item: ArticleItem | ListingItem,
               related_before: list[Article] | None = None) -> str | None:
    """Write one page; an error comes back as a message naming the page (from a worker too)."""
    try:
        if related_before is None or not writer.write_related_only(item, related_before):
            writer.write(item)
    except Exception as exc:
        source = item.article.source_path if isinstance(item, ArticleItem) else item.page.url
        return f"Lỗi khi dựng trang {source}: {exc}"
    return None


def add_to_sitemap(site_dir: str, entries: str) -> None:
    """Append article entries to MkDocs' sitemap.xml and its .gz twin."""
    path = Path(site_dir) / "sitemap.xml"
    if not entries or not path.exists():
        return
    text = path.read_text(encoding="utf-8")
    end = text.rfind("</urlset>")
    if end < 0:
        return
    # xml_safe: a last line of defence, whatever reached a URL or a template
    data = xml_safe(text[:end].rstrip() + entries + "\n</urlset>" + text[end + len("</urlset>"):]).encode("utf-8")
    path.write_bytes(data)
    with open(str(path) + ".gz", "wb") as handle:
        with gzip.GzipFile(fileobj=handle, filename=str(path) + ".gz", mode="wb",
                           mtime=utils.get_build_timestamp()) as compressed:
            compressed.write(data)
