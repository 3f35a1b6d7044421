"""MkDocs hooks: connect MkDocs' build events to the wardportal package.

Only this file knows MkDocs. Each handler orchestrates; the work lives in wardportal.
MkDocs puts hooks/ on sys.path only while this file executes, so every import of the
package happens here at the top. `mkdocs serve` keeps this module loaded between
rebuilds: all per-build state lives in STATE and is reset in on_config.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import pass_context
from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from wardportal import urls
from wardportal.article import Article, format_count
from wardportal.corpus import Corpus, PublishPolicy, is_article_path, read_corpus
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
    images: PublishedImages = field(default_factory=PublishedImages)
    targets: QuotaTargets = field(default_factory=QuotaTargets)


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
    for listing in plan_listing_pages(STATE.index, STATE.settings.page_size, STATE.settings.home) + _stats_pages():
        STATE.listings_by_src[listing.src_uri] = listing
        if files.get_file_from_path(listing.src_uri) is None:  # a hand-written page wins
            files.append(File.generated(config, listing.src_uri, content=""))
    return files


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    article = STATE.articles_by_src.get(page.file.src_uri)
    if article is not None:
        page.meta = {"template": "ward/article.html", "title": article.title,
                     "description": article.summary}
        return markdown
    listing = STATE.listings_by_src.get(page.file.src_uri)
    if listing is not None:
        page.meta.setdefault("template", listing.template)
        page.meta.setdefault("title", listing.title)
    return markdown


def on_page_context(context: dict, *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    article = STATE.articles_by_src.get(page.file.src_uri)
    if article is not None:
        context["article"] = article
        context["related"] = STATE.index.related(article, STATE.settings.related_count)
        context["neighbours"] = STATE.index.neighbours(article)
        context["share"] = _share_meta(article, config)
        return context
    listing = STATE.listings_by_src.get(page.file.src_uri)
    if listing is not None:
        context["listing"] = listing
    return context


def on_env(env, *, config: MkDocsConfig, files: Files):
    env.filters["entry_url"] = lambda entry: urls.category(entry.id) if entry.kind == "category" else urls.unit(entry.id)
    env.filters["month_url"] = lambda month: urls.archive_month(month.year, month.month)
    env.filters["vn_count"] = format_count
    env.filters["picture"] = _picture_filter
    env.filters["thumbnail"] = _thumbnail_filter
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
        files.append(File.generated(config, site_path, abs_src_path=str(cached), inclusion=InclusionLevel.INCLUDED))
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
