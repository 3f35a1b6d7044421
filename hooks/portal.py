"""MkDocs hooks: connect MkDocs' build events to the wardportal package.

Only this file knows MkDocs. Each handler orchestrates; the work lives in wardportal.
MkDocs puts hooks/ on sys.path only while this file executes, so every import of the
package happens here at the top. `mkdocs serve` keeps this module loaded between
rebuilds: all per-build state lives in STATE and is reset in on_config.
"""

from __future__ import annotations

import functools
import html
import json
import logging
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import mkdocs
from jinja2 import Environment, pass_context
from markdown import __version__ as markdown_version
from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from wardportal import urls
from wardportal.article import Article, format_count
from wardportal.corpus import Corpus, PublishPolicy, is_article_path, read_corpus
from wardportal import vntext
from wardportal.htmlcache import HtmlCache, fingerprint
from wardportal.frames import FrameSlots, PageFrame
from wardportal.feeds import plan_feeds, write_feeds
from wardportal.images.html import picture, rewrite_images
from wardportal.images.lines import article_lines
from wardportal.images.publish import ArticleImages, PublishedImages, publish_images
from wardportal.images.refs import IMAGES_DIR, is_image_path
from wardportal.images.settings import ImageSettingsError, read_image_settings
from wardportal.images.sharecard import ShareCard, share_meta
from wardportal.index import ArticleIndex
from wardportal.listings import ListingPage, plan_listing_pages
from wardportal.quota.pages import plan_stats_pages
from wardportal.quota.tally import QuotaTally
from wardportal.quota.targets import QuotaTargets, load_targets
from wardportal.registry import Registry, load_registry
from wardportal.search import rewrite_index_file
from wardportal.settings import PortalSettings, SettingsError, read_settings
from wardportal.vntext import heading_slug

log = logging.getLogger("mkdocs.plugins.ward")


@dataclass
class BuildState:
    settings: PortalSettings = field(default_factory=PortalSettings)
    registry: Registry = field(default_factory=Registry)
    index: ArticleIndex | None = None
    articles_by_src: dict[str, Article] = field(default_factory=dict)
    listings_by_src: dict[str, ListingPage] = field(default_factory=dict)
    env: Environment | None = None
    frames: dict[tuple, PageFrame] = field(default_factory=dict)
    related_html: dict[tuple, str] = field(default_factory=dict)
    cards_html: dict[tuple, str] = field(default_factory=dict)
    nav_sources: set[str] = field(default_factory=set)
    generated_sources: set[str] = field(default_factory=set)
    html_cache: HtmlCache | None = None
    targets: QuotaTargets = field(default_factory=QuotaTargets)
    images: PublishedImages = field(default_factory=PublishedImages)


STATE = BuildState()


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global STATE
    STATE = BuildState()
    try:
        STATE.settings = read_settings(config.extra.get("ward"), os.environ)
    except SettingsError as exc:
        raise PluginError(str(exc)) from None
    STATE.registry, problems = load_registry(Path(config.docs_dir))
    _report(problems, config)
    STATE.targets, problems = load_targets(Path(config.docs_dir), STATE.registry)
    _report(problems, config)
    config.mdx_configs.setdefault("toc", {})["slugify"] = heading_slug
    if not config.nav:
        config.nav = _portal_nav(STATE.registry)
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    article_files = {f.src_uri: f for f in files.documentation_pages() if is_article_path(f.src_uri)}
    corpus = read_corpus([(uri, lambda f=f: f.content_bytes) for uri, f in article_files.items()],
                         STATE.registry)
    _report(corpus.problems, config)
    policy = PublishPolicy(STATE.settings.now, STATE.settings.preview)
    published = _publish_articles(corpus, policy, article_files, files)
    _publish_images(published, files, config)
    STATE.index = ArticleIndex(published, STATE.registry)
    STATE.html_cache = _html_cache(files, config)
    for listing in plan_listing_pages(STATE.index, STATE.settings.page_size, STATE.settings.home) + _stats_pages():
        STATE.listings_by_src[listing.src_uri] = listing
        if files.get_file_from_path(listing.src_uri) is None:  # a hand-written page wins
            files.append(File.generated(config, listing.src_uri, content=""))
            STATE.generated_sources.add(listing.src_uri)
    return files


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    article = STATE.articles_by_src.get(page.file.src_uri)
    if article is not None:
        # Articles are filled into the shared frame (see _fill_article_page); no toc sidebar.
        page.meta = {"template": "ward/filled-page.html" if STATE.settings.frames else "ward/article.html",
                     # Material prints these unescaped, in text and in attributes
                     "title": html.escape(article.title), "description": html.escape(article.summary),
                     "hide": ["toc"],
                     # indexed from the model after the build (wardportal.search), not from HTML
                     "search": {"exclude": True}}
        _render_through_cache(page, markdown)
        return markdown
    listing = STATE.listings_by_src.get(page.file.src_uri)
    if listing is not None:
        page.meta.setdefault("template", listing.template)
        page.meta.setdefault("title", html.escape(listing.title))
        if _framed_listing(page, listing):
            page.meta["template"] = "ward/filled-page.html"
        if listing.pager is not None and listing.pager.page > 1:
            page.meta["search"] = {"exclude": True}  # page 1 stands for the list in search
    return markdown


def on_nav(nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
    STATE.nav_sources = {page.file.src_uri for page in nav.pages}
    return nav


def on_page_context(context: dict, *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    article = STATE.articles_by_src.get(page.file.src_uri)
    if article is not None:
        context["article"] = article
        context["related"] = STATE.index.related(article, STATE.settings.related_count)
        context["neighbours"] = STATE.index.neighbours(article)
        context["related_html"] = _related_html(context)
        context["share"] = _share_meta(article, config)
        if STATE.settings.frames:
            context["ward_page_html"] = _fill_article_page(context, page)
        return context
    listing = STATE.listings_by_src.get(page.file.src_uri)
    if listing is not None:
        context["listing"] = listing
        if _framed_listing(page, listing):
            context["ward_page_html"] = _fill_listing_page(context, page, listing)
    return context


def _framed_listing(page: Page, listing: ListingPage) -> bool:
    """Generated category, unit and month pages outside the nav look alike but for their list."""
    return (STATE.settings.frames and listing.kind in ("category", "unit", "month")
            and page.file.src_uri in STATE.generated_sources
            and page.file.src_uri not in STATE.nav_sources)


def on_env(env, *, config: MkDocsConfig, files: Files):
    STATE.env = env
    env.filters["entry_url"] = lambda entry: urls.category(entry.id) if entry.kind == "category" else urls.unit(entry.id)
    env.filters["month_url"] = lambda month: urls.archive_month(month.year, month.month)
    env.filters["vn_count"] = format_count
    env.filters["picture"] = _picture_filter
    env.filters["thumbnail"] = _thumbnail_filter
    env.filters["article_card"] = _article_card_filter
    return env


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    article = STATE.articles_by_src.get(page.file.src_uri)
    if article is None:
        return html
    prefix = (page.url.count("/") * "../") or "./"
    return rewrite_images(html, page.url, STATE.images.image, prefix=prefix,
                          eager_first=STATE.images.image(article.image) is None)


def on_post_build(*, config: MkDocsConfig) -> None:
    _write_reader_files(config)


def _write_reader_files(config: MkDocsConfig) -> None:
    """RSS feeds and the compact search index, from the same index the pages came from."""
    if STATE.index is None:
        return
    site_dir = Path(config.site_dir)
    search_index = site_dir / "search" / "search_index.json"
    if search_index.exists():
        rewrite_index_file(search_index, {article.url: article for article in STATE.index.articles})
    if config.site_url:
        feeds = plan_feeds(STATE.index, config.site_name, config.site_description or "")
        write_feeds(feeds, site_dir, config.site_url, STATE.settings.now)
    else:
        log.info("Không tạo RSS: thiếu `site_url` trong mkdocs.yml (RSS cần địa chỉ đầy đủ).")


def _render_through_cache(page: Page, markdown: str) -> None:
    """Replace this page's Markdown conversion by a cache lookup; convert and store on a miss.

    A conversion that logged a warning (a broken link, say) is not stored, so the warning
    comes back on every build until it is fixed.
    """
    cache = STATE.html_cache
    key = cache.key(markdown, page.url)
    convert = page.render

    def render(config: MkDocsConfig, files: Files) -> None:
        entry = cache.get(key)
        if entry is not None:
            page.content = entry["html"]
            page.present_anchor_ids = set(entry["anchors"])
            page.links_to_anchors = {target: links for uri, links in entry["links"].items()
                                     if (target := files.get_file_from_path(uri)) is not None}
            return
        recorder = _WarningRecorder()
        logging.getLogger("mkdocs").addHandler(recorder)
        try:
            convert(config, files)
        finally:
            logging.getLogger("mkdocs").removeHandler(recorder)
        page.toc = get_toc([])  # news articles show no table of contents (see _fill_frame)
        if not recorder.warned:
            cache.put(key, {"html": page.content,
                            "anchors": sorted(page.present_anchor_ids or ()),
                            "links": {f.src_uri: links for f, links in (page.links_to_anchors or {}).items()}})

    page.render = render


class _WarningRecorder(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.warned = False

    def emit(self, record: logging.LogRecord) -> None:
        self.warned = True


def _html_cache(files: Files, config: MkDocsConfig) -> HtmlCache:
    """The article HTML cache; its context covers the URL map and the Markdown settings."""
    def name_of(value):
        return getattr(value, "__qualname__", type(value).__name__)

    settings = json.dumps([config.markdown_extensions, config.mdx_configs], default=name_of, sort_keys=True)
    urls_map = (f"{f.src_uri}>{f.url}" for f in sorted(files, key=lambda f: f.src_uri))
    context = fingerprint([mkdocs.__version__, markdown_version, settings,
                           Path(vntext.__file__).read_text(encoding="utf-8"), *urls_map])
    return HtmlCache(STATE.settings.cache_dir(config.config_file_path) / "html", context)


def _related_html(context: dict) -> str:
    """The related-articles block, rendered once per distinct list: every article page sits at
    the same depth, so the same list gives the same HTML."""
    key = tuple(article.slug for article in context["related"])
    if key not in STATE.related_html:
        STATE.related_html[key] = STATE.env.get_template("ward/partials/related.html").render(context)
    return STATE.related_html[key]


def _fill_article_page(context: dict, page: Page) -> str:
    """The article's full HTML: its own head and body templates inside the shared frame."""
    article = context["article"]
    return _fill_frame(context, page, "ward/article.html", ("article",), title=article.title,
                       description=article.summary, head="ward/article-head.html", body="ward/article-body.html",
                       blank={"article": None, "related": [], "neighbours": None})


def _fill_listing_page(context: dict, page: Page, listing: ListingPage) -> str:
    """A listing page outside the nav: one frame per template, URL depth and category."""
    category = listing.entry.id if listing.entry is not None and listing.entry.kind == "category" else None
    key = (listing.template, page.url.count("/"), category)
    return _fill_frame(context, page, listing.template, key, title=listing.title, description=None,
                       head=None, body="ward/listing-body.html")


def _fill_frame(context: dict, page: Page, template: str, key: tuple, *, title: str, description: str | None,
                head: str | None, body: str, blank: dict | None = None) -> str:
    """Render `template` once per key with slot markers; fill it with this page's parts.

    Only pages without a table of contents are framed: Material prints the toc (and a
    "skip to content" link to its first heading) outside the content block.
    """
    frame = STATE.frames.get(key)
    if frame is None:
        slots = FrameSlots()
        own_meta = page.meta
        page.meta = {**own_meta, "title": slots.title}
        if description is not None:
            page.meta["description"] = slots.description
        try:
            rendered = STATE.env.get_template(template).render({**context, **(blank or {}), "ward_frame": slots})
        finally:
            page.meta = own_meta
        frame = STATE.frames[key] = PageFrame(rendered, page.canonical_url)
    return frame.fill(title=title, description=description or "", canonical=page.canonical_url or "",
                      head=STATE.env.get_template(head).render(context) if head else "",
                      body=STATE.env.get_template(body).render(context))


def _link_from_cache(file: File, dirty: bool = False) -> None:
    """Publish a processed image by hard link: thousands of cached files cost no copying.

    Falls back to a copy when site/ is on another file system.
    """
    target = file.abs_dest_path
    os.makedirs(os.path.dirname(target), exist_ok=True)
    if os.path.lexists(target):
        os.unlink(target)
    try:
        os.link(file.abs_src_path, target)
    except OSError:
        shutil.copyfile(file.abs_src_path, target)


def _publish_articles(corpus: Corpus, policy: PublishPolicy, article_files: dict[str, File],
                      files: Files) -> list[Article]:
    """Give each shown article its URL; take faulty and unpublished files out of the build."""
    shown: list[Article] = []
    for article in corpus.articles:
        if not policy.shows(article):
            continue
        file = article_files.pop(article.source_path)
        file.content_string = article.body  # MkDocs must not parse the front matter again
        file.dest_uri = urls.article(article.slug) + "index.html"
        file.url = urls.article(article.slug)
        file.inclusion = InclusionLevel.NOT_IN_NAV
        STATE.articles_by_src[file.src_uri] = article
        shown.append(article)
    for file in article_files.values():  # faulty (reported above), drafts, future
        files.remove(file)
    return shown


def _publish_images(published: list[Article], files: Files, config: MkDocsConfig) -> None:
    """Process every published article's images (cached, in parallel); publish only the variants."""
    try:
        settings = read_image_settings(config.extra.get("ward", {}).get("images"), os.environ,
                                       Path(config.config_file_path or ".").resolve().parent)
    except ImageSettingsError as exc:
        raise PluginError(str(exc)) from None
    items = [ArticleImages(article.source_path, article.image, article.body,
                           ShareCard(config.site_name, article.title, article.unit.name, article.published.date_label),
                           urls.article(article.slug)) for article in published]
    docs_dir = Path(config.docs_dir)
    STATE.images = publish_images(items, docs_dir, settings, lambda path: article_lines(docs_dir, path))
    _report(STATE.images.problems, config)
    for file in files:  # originals carry EXIF/GPS: never copied into the site
        if file.src_dir == config.docs_dir and is_image_path(file.src_uri) and (
                file.src_uri.startswith((IMAGES_DIR + "/", urls.ARTICLES_DIR + "/")) or file.src_uri in STATE.images.images):
            file.inclusion = InclusionLevel.EXCLUDED
    for site_path, cached in STATE.images.outputs.items():
        file = File.generated(config, site_path, abs_src_path=str(cached), inclusion=InclusionLevel.INCLUDED)
        file.copy_file = functools.partial(_link_from_cache, file)
        files.append(file)
    stats = STATE.images.stats
    log.info(f"Ảnh: {stats.processed} mục xử lý mới, {stats.reused} mục lấy từ bộ nhớ đệm ({settings.cache_dir}).")


def _share_meta(article: Article, config: MkDocsConfig) -> dict:
    base = config.site_url or ""
    card = STATE.images.cards.get(article.source_path)
    return share_meta(title=article.title, description=article.summary, page_url=base + article.url,
                      image_url=base + card if card else "", site_name=config.site_name)


@pass_context
def _picture_filter(context, content_path: str | None, alt: str = "", eager: bool = True) -> Markup:
    image = STATE.images.image(content_path)
    if image is None:
        return Markup("")
    return Markup(picture(content_path, image, alt=alt, prefix=context["base_url"].rstrip("/") + "/", eager=eager))


@pass_context
def _thumbnail_filter(context, content_path: str | None) -> Markup:
    image = STATE.images.image(content_path)
    if image is None:
        return Markup("")
    return Markup(picture(content_path, image, alt="", prefix=context["base_url"].rstrip("/") + "/", thumbs=True))


_SITE_ROOT = "\u2063WARD-ROOT\u2063"  # stands for the site root in cached cards


@pass_context
def _article_card_filter(context, article: Article, compact: bool = False) -> Markup:
    """An article's card in a list, rendered once per build and placed on every list page.

    The card is rendered with its links under a root marker, which each page replaces by
    its own way up to the site root (`../../`): 10,000 articles appear on some 30,000 list
    places, and rendering each card once is most of what listing pages cost.
    """
    key = (article.slug, bool(compact))
    card = STATE.cards_html.get(key)
    if card is None:
        card = STATE.cards_html[key] = STATE.env.get_template("ward/partials/article-card.html").render(
            {**context.get_all(), "a": article, "compact": compact, "page": None, "base_url": _SITE_ROOT})
    page = context.get("page")
    return Markup(card.replace(_SITE_ROOT + "/", "../" * page.url.count("/") if page else ""))


def _stats_pages() -> list[ListingPage]:
    """The "Thống kê" pages, counted from the same articles the site publishes."""
    tally = QuotaTally(STATE.index.articles, STATE.registry, STATE.targets, STATE.settings.now)
    return plan_stats_pages(tally)


def _portal_nav(registry: Registry) -> list:
    categories = [{entry.name: urls.source_path(urls.category(entry.id))} for entry in registry.categories]
    return [
        {"Trang chủ": "index.md"},
        {"Chuyên mục": categories},
        {"Đơn vị": urls.source_path(urls.units_index())},
        {"Lưu trữ": urls.source_path(urls.archive_index())},
        {"Thống kê": urls.source_path(urls.stats_index())},
    ]


def _report(problems, config: MkDocsConfig) -> None:
    """Log each problem as a warning under `mkdocs.`, so that `--strict` fails on it."""
    folder = os.path.relpath(config.docs_dir)
    for problem in problems:
        log.warning(str(problem.located_in(folder)))
