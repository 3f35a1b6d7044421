"""MkDocs hooks: connect MkDocs' build events to the wardportal package.

Only hooks/ knows MkDocs: this file's event handlers orchestrate, the MkDocs-side helpers
live in hooks/ward_mkdocs/, and the work itself in hooks/wardportal/. MkDocs puts hooks/ on
sys.path only while this file executes, so every import happens here at the top.
`mkdocs serve` executes this file again for each rebuild but keeps the imported packages:
per-build state lives in STATE (reset in on_config), what may outlive a build in
wardportal.memo.
"""

from __future__ import annotations

import functools
import hashlib
import html
import logging
import os
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from jinja2 import FileSystemBytecodeCache
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from ward_mkdocs.portal_pages import PageWriter, PortalFile, PortalPages, add_to_sitemap
from ward_mkdocs.markdown_cache import html_cache_for
from ward_mkdocs.page_renderer import PageRenderer
from ward_mkdocs.problem_log import ProblemLog
from ward_mkdocs import quick_rebuild
from ward_mkdocs.new_articles import NotedFiles
from ward_mkdocs.serve_watch import watch_portal_files, watched_paths
from ward_mkdocs.site_images import SiteImages
from ward_mkdocs.sections import WIDE_KINDS, SectionPlan, intro_nav, read_sections, section_pages
from ward_mkdocs.editor_site import publish_editor_site
from ward_mkdocs.site_search import SEARCH_PAGE, SiteSearch, add_search_page
from wardportal import urls
from wardportal.article import Article, format_count
from wardportal.articlestore import ArticleStore, parsing_code
from wardportal.checking import PortalData, article_problems, read_portal_data
from wardportal.corpus import Corpus, PublishPolicy, is_article_path, read_corpus
from wardportal.feeds import plan_feeds, write_feeds
from wardportal.filerecord import trusted_stamp
from wardportal.htmlcache import HtmlCache
from wardportal.images.settings import ImageSettingsError, read_image_settings
from wardportal.index import ArticleIndex
from wardportal.listings import ListingPage, plan_listing_pages
from wardportal.quota.pages import plan_stats_pages
from wardportal.quota.tally import QuotaTally
from wardportal.quota.targets import QuotaTargets
from wardportal.images.refs import IMAGES_DIR
from wardportal.keptfolders import KeptFolders
from wardportal.memo import PROCESS_MEMO
from wardportal.pagestore import PageStore
from wardportal.pagefind_index import BUNDLE_DIR, IndexingMode, stop_background
from wardportal.portal.contact import Contact, read_contact
from wardportal.portal.sections import CONTACT_URL, DOCUMENTS_URL, SCHEDULE_URL, SITEMAP_URL
from wardportal.precompress import precompress_site
from wardportal.registry import REGISTRY_PATH, Registry
from wardportal.sanitise import clean_body, located
from wardportal.settings import PortalSettings, ServeMode, SettingsError, read_settings
from wardportal.sourcestamps import Stamps, take_stamps
from wardportal.views.store import counted_views, with_counted_views
from wardportal.vntext import heading_slug

log = logging.getLogger("mkdocs.plugins.ward")

# Generated list pages built into a shared frame when outside the nav (ward_mkdocs.portal_pages)
FRAMED_KINDS = ("category", "unit", "month", "stats-period", "stats-range", "stats-year", "stats-unit")


@dataclass
class BuildState:
    settings: PortalSettings = field(default_factory=PortalSettings)
    registry: Registry = field(default_factory=Registry)
    index: ArticleIndex | None = None
    listings_by_src: dict[str, ListingPage] = field(default_factory=dict)
    renderer: PageRenderer | None = None
    generated_sources: set[str] = field(default_factory=set)
    html_cache: HtmlCache | None = None
    portal_pages: PortalPages = field(default_factory=lambda: PortalPages([], []))
    nav: Navigation | None = None
    files: Files | None = None
    kept: KeptFolders | None = None
    targets: QuotaTargets = field(default_factory=QuotaTargets)
    data: PortalData | None = None  # the data files as read in on_config
    images: SiteImages = field(default_factory=SiteImages)
    search: SiteSearch = field(default_factory=SiteSearch)
    problems: ProblemLog = field(default_factory=lambda: ProblemLog(log))
    contact: Contact = field(default_factory=Contact)
    sections: SectionPlan = field(default_factory=SectionPlan)
    in_nav: set[str] = field(default_factory=set)  # page paths the nav config names
    next_due: datetime | None = None  # when an article held back for its date becomes due
    # for `mkdocs serve`'s quick rebuilds (ward_mkdocs.quick_rebuild)
    stamps: Stamps | None = None  # every watched file, before the build read any
    registry_token: str = ""
    policy: PublishPolicy | None = None
    views: Counter = field(default_factory=Counter)


STATE = BuildState()
# Kept across `mkdocs serve` rebuilds on purpose (not reset with STATE): results computed from
# unchanged inputs, keyed by those inputs.
MEMO = PROCESS_MEMO


def on_startup(*, command: str, dirty: bool) -> None:
    # `mkdocs serve` does not wait for Pagefind after each save (wardportal.pagefind_index)
    IndexingMode.deferred = IndexingMode.deferred or command == "serve"
    # the editors' preview: internal sections are built, deployed-only work is skipped
    ServeMode.active = command == "serve"


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global STATE
    STATE = BuildState()
    if ServeMode.active:
        quick_rebuild.forget()  # until this build ends well
        STATE.stamps = take_stamps(watched_paths(config))  # before anything is read
    MEMO.start_build()
    try:
        STATE.settings = read_settings(config.extra.get("ward"), os.environ)
    except SettingsError as exc:
        raise PluginError(str(exc)) from None
    data = read_portal_data(Path(config.docs_dir))  # the same checks as scripts/check.py
    STATE.registry, STATE.targets, STATE.data = data.registry, data.targets, data
    _report(data.problems, config)
    config.mdx_configs.setdefault("toc", {})["slugify"] = heading_slug
    ward = config.extra.get("ward") or {}
    STATE.contact, problems = read_contact(ward.get("contact"), ward.get("links"))
    STATE.problems.report_settings(problems)  # named in mkdocs.yml, not under content/
    if not config.nav:
        config.nav = _portal_nav(STATE.registry, intro_nav(config.docs_dir), STATE.contact,
                                 STATE.settings.stats_built)
    return config


def on_pre_build(*, config: MkDocsConfig) -> None:
    stop_background()  # a deferred Pagefind run must not write into site/ while it is emptied
    _kept_folders(config).set_aside()  # before MkDocs cleans site/


def on_files(files: Files, config: MkDocsConfig) -> Files:
    _kept_folders(config).restore()
    files = NotedFiles(files)  # which missing articles pages link to (ward_mkdocs.new_articles)
    if not STATE.settings.stats_built:  # kept internal (extra.ward.stats_public: false)
        _drop_stats_files(files)
    article_files = {f.src_uri: f for f in files.documentation_pages() if is_article_path(f.src_uri)}
    # a file whose stat is unchanged is not read (wardportal.corpus: the memo, then the store)
    stamps = {uri: trusted_stamp(f.abs_src_path) for uri, f in article_files.items() if f.abs_src_path}
    token = STATE.registry_token = _registry_token(config)
    # parsed articles on disk, for plain builds and the first of `mkdocs serve` (then the memo)
    store = ArticleStore(STATE.settings.cache_dir(config.config_file_path) / "articles.pickle", token + parsing_code()) \
        if MEMO.first_time(("article store", "used once")) or not ServeMode.active else None
    corpus = read_corpus([(uri, lambda f=f: f.content_bytes) for uri, f in article_files.items()],
                         STATE.registry, MEMO, token, stamps, store)
    _report(corpus.problems + article_problems(corpus.articles, STATE.data), config)
    views, problems = counted_views(Path(config.docs_dir))  # counted from the access logs (scripts/views.py)
    _report(problems, config)
    corpus.articles = with_counted_views(corpus.articles, views)
    policy = STATE.policy = PublishPolicy(STATE.settings.now, STATE.settings.preview)
    STATE.next_due = policy.next_due(corpus.articles)
    STATE.views = views
    published, page_files = _publish_articles(corpus, policy, article_files, files)
    _publish_images(published, files, config)
    STATE.index = ArticleIndex(published, STATE.registry)
    framed = []
    STATE.in_nav = _nav_sources(config.nav)
    sections = STATE.sections = read_sections(files, config, STATE.index, STATE.registry)
    _report(sections.problems, config)
    for listing in _plan_lists(STATE, STATE.index):
        STATE.listings_by_src[listing.src_uri] = listing
        if files.get_file_from_path(listing.src_uri) is not None:  # a hand-written page wins
            continue
        if _is_framed(STATE, listing):
            file = PortalFile.for_listing(config, listing)
            framed.append(PortalPages.listing_item(listing, file, config))
        else:
            file = File.generated(config, listing.src_uri, content="")
            STATE.generated_sources.add(listing.src_uri)
        files.append(file)
    add_search_page(files, config)
    STATE.html_cache = html_cache_for(config, STATE.settings.cache_dir(config.config_file_path) / "html", MEMO)
    # converted now: other pages' links to article anchors are checked against them
    articles = PortalPages.convert_articles(published, page_files, files, config, STATE.html_cache, STATE.images)
    STATE.portal_pages = PortalPages(articles, framed)
    STATE.files = files
    return files


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    listing = STATE.listings_by_src.get(page.file.src_uri)
    if listing is not None:
        page.meta.setdefault("template", listing.template)
        page.meta.setdefault("title", html.escape(listing.title))
        if listing.kind in WIDE_KINDS:
            page.meta.setdefault("hide", ["navigation", "toc"])
        if listing.data.get("description"):
            page.meta.setdefault("description", html.escape(listing.data["description"]))
        if page.file.src_uri in STATE.generated_sources:
            page.render = functools.partial(_render_empty, page)
    return markdown


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Hand-written pages follow the same content policy as articles (wardportal.sanitise)."""
    if not html or page.file.src_uri in STATE.generated_sources:
        return html
    body = clean_body(html)
    folder = os.path.relpath(config.docs_dir)
    for message, line in located(body.findings, page.file.content_string):
        log.warning(f"{folder}/{page.file.src_uri}:{line}: {message}")
    return body.html


def on_nav(nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
    STATE.nav = nav
    return nav


def on_page_context(context: dict, *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    listing = STATE.listings_by_src.get(page.file.src_uri)
    if listing is not None:
        context["listing"] = listing
    if page.file.src_uri == SEARCH_PAGE:
        context["search_filters"] = STATE.registry  # its categories and units
    return context


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    listing = STATE.listings_by_src.get(page.file.src_uri)
    STATE.search.add_page(page, output, generated=page.file.generated_by is not None,
                          kind=listing.kind if listing else None)
    return output


def _render_empty(page: Page, config: MkDocsConfig, files: Files) -> None:
    """A generated page has no Markdown: what Page.render would give, without building a
    Markdown instance for each of thousands of listing pages."""
    page.content, page.toc, page.present_anchor_ids, page.links_to_anchors = "", get_toc([]), set(), {}


def _nav_sources(nav) -> set[str]:
    """Every page path named in the nav config (nested lists of {title: path or list})."""
    found: set[str] = set()
    for item in nav or []:
        value = next(iter(item.values())) if isinstance(item, dict) else item
        if isinstance(value, list):
            found |= _nav_sources(value)
        elif isinstance(value, str):
            found.add(value)
    return found


def on_env(env, *, config: MkDocsConfig, files: Files):
    # compiled templates kept on disk (keyed by their source): every build makes a new env
    jinja_cache = STATE.settings.cache_dir(config.config_file_path) / "jinja"
    jinja_cache.mkdir(parents=True, exist_ok=True)
    env.bytecode_cache = FileSystemBytecodeCache(str(jinja_cache))
    STATE.renderer = PageRenderer(env)
    env.filters["entry_url"] = lambda entry: urls.category(entry.id) if entry.kind == "category" else urls.unit(entry.id)
    env.filters["month_url"] = lambda month: urls.archive_month(month.year, month.month)
    env.filters["vn_count"] = format_count
    env.filters["picture"] = STATE.images.picture_filter
    env.filters["thumbnail"] = STATE.images.thumbnail_filter
    env.filters["article_card"] = STATE.renderer.card_filter
    env.globals["ward_contact"] = STATE.contact
    env.globals["ward_stats_url"] = urls.stats_index() if STATE.settings.stats_built else None
    # every other page is populated by now: article links to their anchors can be checked
    STATE.portal_pages.validate_anchor_links(files, config)
    STATE.portal_pages.write(_page_writer(STATE, config, files))
    STATE.images.wait_for_cards()  # MkDocs links them into site/ next
    return env


def on_post_build(*, config: MkDocsConfig) -> None:
    kept = _kept_folders(config)
    # under serve, the files the previous rebuild left are known: only those are compared
    left_key = ("kept files", config.site_dir)
    kept.remove_unexpected((file.abs_dest_path for file in STATE.files or () if file.inclusion.is_included()),
                           MEMO.recall(left_key) if ServeMode.active else None)  # type: ignore[arg-type]
    if ServeMode.active:
        MEMO.keep(left_key, kept.wanted)
    add_to_sitemap(config.site_dir, STATE.portal_pages.sitemap_entries())
    _write_reader_files(STATE, config)
    publish_editor_site(config, STATE.registry)  # the newsroom at /quan-tri/ (wardportal.newsroom)
    # gzip and Brotli twins for nginx (deploy/nginx/); `mkdocs serve` never sends them
    if os.environ.get("WARD_PRECOMPRESS", "1") != "0" and not ServeMode.active:
        stats = precompress_site(Path(config.site_dir), STATE.settings.cache_dir(config.config_file_path) / "gzip")
        log.info(f"Nén sẵn (gzip, brotli): {stats.compressed} tệp nén mới, {stats.linked} lấy từ bộ nhớ đệm, "
                 f"{stats.kept} không đổi, {stats.removed} bản nén cũ đã xóa.")
    STATE.problems.fail_if_strict(config.strict)
    if ServeMode.active and STATE.index is not None and STATE.stamps is not None:
        _remember_for_quick_rebuilds(STATE, config)


def on_serve(server, *, config: MkDocsConfig, builder):
    server = watch_portal_files(server, config)  # the theme too: template saves rebuild
    quick_rebuild.install(server)  # a save that changes one article's page alone skips the build
    return server


def on_build_error(*, error: Exception) -> None:
    if STATE.kept is not None:
        STATE.kept.discard()


def _kept_folders(config: MkDocsConfig) -> KeptFolders:
    """site/ folders only the portal writes to: kept across MkDocs' clean (wardportal.keptfolders)."""
    if STATE.kept is None:
        STATE.kept = KeptFolders(config.site_dir, (urls.ARTICLES_DIR, IMAGES_DIR), self_managed=(BUNDLE_DIR,))
    return STATE.kept


def _page_writer(state: BuildState, config: MkDocsConfig, files: Files) -> PageWriter:
    store = PageStore(state.settings.cache_dir(config.config_file_path) / "pages" / _store_name(config))
    return PageWriter(config, files, state.nav, state.renderer, state.index, state.images,
                      state.settings.related_count, state.settings.frames, store, MEMO)


def _publish_search(state: BuildState, config: MkDocsConfig) -> None:
    """The Pagefind bundle, from the article pages as they are now (wardportal.pagefind_index)."""
    cache = state.settings.cache_dir(config.config_file_path)
    state.search.publish([(item.article, item.page.content) for item in state.portal_pages.articles], state.images,
                         config, cache / "pagefind", cache / "search-records.json", MEMO,
                         shard_pages=state.settings.search_shard_pages, serving=ServeMode.active)


def _is_framed(state: BuildState, listing: ListingPage) -> bool:
    """A generated list page outside the nav: built into its shared frame (ward_mkdocs.portal_pages)."""
    return state.settings.frames and listing.kind in FRAMED_KINDS and listing.src_uri not in state.in_nav


def _use_index(state: BuildState, index: ArticleIndex) -> None:
    state.index = index


def _remember_for_quick_rebuilds(state: BuildState, config: MkDocsConfig) -> None:
    """What the next save's quick rebuild builds on (ward_mkdocs.quick_rebuild)."""
    quick_rebuild.remember(quick_rebuild.LastBuild(
        config=config, files=state.files, watched=watched_paths(config), stamps=state.stamps,
        pages=state.portal_pages, index=state.index, images=state.images, html_cache=state.html_cache,
        data=state.data, policy=state.policy, views=state.views, registry_token=state.registry_token, memo=MEMO,
        make_writer=lambda: _page_writer(state, config, state.files),
        publish_search=lambda: _publish_search(state, config),
        nav=state.nav, env=state.renderer.env, listings=state.listings_by_src, sections=state.sections,
        related_count=state.settings.related_count, kept_wanted=_kept_folders(config).wanted,
        next_due=state.next_due, clock=lambda: state.settings.now,
        plan_lists=functools.partial(_plan_lists, state), is_framed=functools.partial(_is_framed, state),
        use_index=functools.partial(_use_index, state),
        write_reader_files=functools.partial(_write_reader_files, state, config)))


def _write_reader_files(state: BuildState, config: MkDocsConfig) -> None:
    """RSS feeds and the search index, from the same index the pages came from."""
    if state.index is None:
        return
    site_dir = Path(config.site_dir)
    _publish_search(state, config)
    if config.site_url:
        feeds = plan_feeds(state.index, config.site_name, config.site_description or "")
        write_feeds(feeds, site_dir, config.site_url, state.settings.now)
    else:
        log.info("Không tạo RSS: thiếu `site_url` trong mkdocs.yml (RSS cần địa chỉ đầy đủ).")


def _publish_articles(corpus: Corpus, policy: PublishPolicy, article_files: dict[str, File],
                      files: Files) -> tuple[list[Article], dict[str, File]]:
    """The shown articles and their page files (by source path, ward_mkdocs.portal_pages);
    faulty and unpublished files are taken out of the build."""
    shown: list[Article] = []
    page_files: dict[str, File] = {}
    for article in corpus.articles:
        if not policy.shows(article):
            continue
        file = article_files.pop(article.source_path)
        files.remove(file)
        page_files[article.source_path] = PortalFile.for_article(file, article.slug)
        files.append(page_files[article.source_path])
        shown.append(article)
    for file in article_files.values():  # faulty (reported above), drafts, future
        files.remove(file)
    return shown, page_files


def _publish_images(published: list[Article], files: Files, config: MkDocsConfig) -> None:
    """Process every published article's images (cached, in parallel); publish only the variants."""
    try:
        settings = read_image_settings(config.extra.get("ward", {}).get("images"), os.environ,
                                       Path(config.config_file_path or ".").resolve().parent)
    except ImageSettingsError as exc:
        raise PluginError(str(exc)) from None
    STATE.images = SiteImages.publish(published, files, config, settings, MEMO)
    _report(STATE.images.published.problems, config)
    stats = STATE.images.published.stats
    dropped = f", {stats.dropped} mục hỏng hoặc bị sửa đã bỏ và làm lại" if stats.dropped else ""
    log.info(f"Ảnh: {stats.processed} mục xử lý mới, {stats.reused} mục lấy từ bộ nhớ đệm{dropped} "
             f"({settings.cache_dir}).")


def _store_name(config: MkDocsConfig) -> str:
    """One page store per site address and preview mode: `mkdocs serve` (its own address) and
    `mkdocs build` would otherwise prune each other's pages on every switch."""
    return hashlib.sha1(f"{config.site_url}|{STATE.settings.preview}".encode("utf-8")).hexdigest()[:12]


def _registry_token(config: MkDocsConfig) -> str:
    """Parsed articles hold registry entries: a changed registry means parsing them again."""
    try:
        return hashlib.sha1((Path(config.docs_dir) / REGISTRY_PATH).read_bytes()).hexdigest()
    except OSError:
        return ""


def _plan_lists(state: BuildState, index: ArticleIndex) -> list[ListingPage]:
    """Every generated page's plan (lists, statistics, the sections' pages), from one index:
    in on_files, and again in `mkdocs serve`'s quick lane for new articles."""
    listings = plan_listing_pages(index, state.settings.page_size, state.settings.home) + _stats_pages(state, index)
    return listings + section_pages(state.sections, index, state.contact, listings, state.settings.now)


def _stats_pages(state: BuildState, index: ArticleIndex) -> list[ListingPage]:
    """The "Thống kê" pages, counted from the same articles the site publishes; none in a
    public build of a portal that keeps them internal."""
    if not state.settings.stats_built:
        return []
    tally = QuotaTally(index.articles, state.registry, state.targets, state.settings.now)
    return plan_stats_pages(tally)


def _drop_stats_files(files: Files) -> None:
    """Hand-written pages and files under thong-ke/ leave the build with the section."""
    for file in [f for f in files if f.src_uri.startswith(urls.STATS_DIR + "/")]:
        files.remove(file)


def _portal_nav(registry: Registry, intro: list[str], contact: Contact, stats: bool) -> list:
    """The portal's menu: Trang chủ, Giới thiệu, Tin tức, Văn bản, Lịch công tác, Dịch vụ công,
    Liên hệ, Sơ đồ cổng (and the staff's Thống kê, unless kept internal)."""
    # Material prints nav titles (and pages take them as their titles) unescaped
    categories = [{html.escape(entry.name): urls.source_path(urls.category(entry.id))}
                  for entry in registry.categories]
    news = [urls.source_path(urls.categories_index()), *categories,
            {"Đơn vị": urls.source_path(urls.units_index())},
            {"Lưu trữ": urls.source_path(urls.archive_index())}]
    return [
        {"Trang chủ": "index.md"},
        {"Giới thiệu": intro},
        {"Tin tức": news},
        {"Văn bản": urls.source_path(DOCUMENTS_URL)},
        {"Lịch công tác": urls.source_path(SCHEDULE_URL)},
        *([{"Dịch vụ công": [{html.escape(link.title): link.url} for link in contact.links]}] if contact.links else []),
        {"Liên hệ": urls.source_path(CONTACT_URL)},
        {"Sơ đồ cổng": urls.source_path(SITEMAP_URL)},
        *([{"Thống kê": urls.source_path(urls.stats_index())}] if stats else []),
    ]


def _report(problems, config: MkDocsConfig) -> None:
    """Log and count each problem (ward_mkdocs.problem_log: `--strict -q` fails on them too)."""
    STATE.problems.report(problems, config.docs_dir)
