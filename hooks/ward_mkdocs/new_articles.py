"""`mkdocs serve`: a new article is published without a build, with every page that shows it.

A new article changes more than its own page: its category's, unit's and month's lists shift
by one, the home page and the counts change, and the articles of its category show it among
their related articles. All of that is planned from the article index, so instead of
MkDocs' full rebuild this lane builds the index again with the new articles, plans every
generated page again (the same plan a build makes, wardportal.listings and the sections),
and compares the plan with the previous build's:
- a list page whose plan is unchanged is left as it is, a changed one rendered again (through
  the build's PageWriter, or MkDocs' own page step for the pages in the menu), a new one
  (a new month, a list one page longer) added as a framed page;
- an article page is rendered again when its related articles or neighbours changed.
Then the sitemap, the feeds and the search index are written as a build writes them.

It proves first, changing nothing, that a build would make the same site: each new file is
one MkDocs lists (not excluded, not a README.md) and parses without problems into an article
the site shows, at a free URL, showing no image the site has not processed; no page, article
or menu entry of the previous build linked to its path while it was missing (NotedFiles:
that page would change); no planned page goes away and every new one is a framed list page.
Anything else goes to the full rebuild.
"""

from __future__ import annotations

import bisect
import os
import posixpath
from pathlib import PurePath

from mkdocs.commands.build import _build_page, _build_theme_template
from mkdocs.structure.files import File, Files, InclusionLevel, set_exclusions

from ward_mkdocs.portal_pages import ArticleItem, ListingItem, PortalFile, PortalPages, add_to_sitemap, write_pages
from wardportal import urls
from wardportal.article import Article
from wardportal.checking import article_problems
from wardportal.corpus import read_corpus
from wardportal.index import ArticleIndex
from wardportal.listings import ListingPage
from wardportal.views.store import with_counted_views

# Pages a worker process takes at least: a fork of the serving process costs tens of ms
PARALLEL_MIN = 100


class NotedFiles(Files):
    """The build's files, noting every article path looked up and not found: a link from a
    page (or the menu) to an article not written yet, whatever the log level or the link
    validation settings. A new article there changes the linking page, so the lane leaves it
    to a build. Lookups in worker processes are not seen here: articles converted there
    name their missing links themselves (ArticleItem.missing_links)."""

    def __init__(self, files) -> None:
        super().__init__(files)
        self.missed: set[str] = set()

    def get_file_from_path(self, path: str) -> File | None:
        found = super().get_file_from_path(path)
        if found is None:
            path = PurePath(path).as_posix()
            if path.startswith(urls.ARTICLES_DIR + "/"):
                self.missed.add(path)
        return found


class _ListChanges:
    """How the planned list pages differ from the previous build's."""

    def __init__(self) -> None:
        self.framed: list[ListingPage] = []  # changed pages the portal renders (PageWriter)
        self.added: list[ListingPage] = []  # new framed pages
        self.in_menu: list[str] = []  # changed pages MkDocs renders (their source paths)


def publish_new(last, sources: list[str]) -> str | None:
    """Publish the new article files `sources` (content-relative) into the site `last` built;
    what was done, or None (nothing written) when a full rebuild is needed."""
    if last.sections.documents.problems:
        return None  # a build checks the documents' links to articles again
    linked = set(getattr(last.files, "missed", ())).union(*(item.missing_links for item in last.pages.articles))
    if linked.intersection(sources):
        return None  # a page links to the new file: it changes
    articles = [_new_article(last, source) for source in sources]
    if any(article is None for article in articles):
        return None
    slugs = {article.slug for article in articles}
    if len(slugs) < len(articles) or any(slug in last.index.by_slug for slug in slugs):
        return None  # a taken URL: the build reports it
    index = ArticleIndex(last.index.articles + articles, last.index.registry)
    planned = last.plan_lists(index)
    changes = _list_changes(last, planned)
    if changes is None:
        return None
    shifted = _shifted_articles(last, index, articles)
    # proven: from here on the site changes, as a build would change it
    cards = last.images.add(articles, last.files, last.config, last.memo)
    if cards is None:
        return None  # an image no article showed before: processed by a build
    items = _add_articles(last, articles)
    listing_items, listing_files = _update_lists(last, planned, changes)
    # what the next build's clean compares with (wardportal.keptfolders), before any is
    # written: should writing fail, the full rebuild that follows removes them
    added = [*(item.page.file for item in items), *listing_files, *cards]
    last.kept_wanted.update(os.path.normpath(file.abs_dest_path) for file in added)
    last.index = index
    last.use_index(index)
    write_pages(last.make_writer(), [*items, *listing_items, *(item for item, _ in shifted)],
                related_before={item.page.url: related for item, related in shifted if related is not None},
                min_per_worker=PARALLEL_MIN)
    _render_menu_pages(last, changes.in_menu)
    _build_theme_template("sitemap.xml", last.env, last.files, last.config, last.nav)
    add_to_sitemap(last.config.site_dir, last.pages.sitemap_entries())
    last.write_reader_files()
    pages = len(shifted) + len(listing_items) + len(changes.in_menu)
    return ", ".join(f"bài mới {item.page.url}" for item in items) + f" và {pages} trang hiện bài"


def _new_article(last, source: str) -> Article | None:
    """The article in a new file, if it has no problems and the site shows it."""
    try:
        article = saved_article(last, source, os.path.join(last.config.docs_dir, source))
    except OSError:
        return None
    return article if article is not None and _listed(last, source) else None


def saved_article(last, source: str, path: str) -> Article | None:
    """The article in a saved file (`source` content-relative, `path` on disk), parsed as a
    build parses it, with its counted views; None when it has a problem to report or the site
    does not show it (both quick lanes leave those to a build)."""
    with open(path, "rb") as handle:
        raw = handle.read()
    corpus = read_corpus([(source, lambda: raw)], last.data.registry, last.memo, last.registry_token)
    if corpus.problems or len(corpus.articles) != 1:
        return None
    article = with_counted_views(corpus.articles, last.views)[0]
    if article_problems([article], last.data) or not last.policy.shows(article):
        return None
    return article


def _listed(last, source: str) -> bool:
    """Whether MkDocs would list the file as a page, at a free address: not excluded
    (`exclude_docs`, a dot file or folder, a draft by `draft_docs`), not a README.md (MkDocs
    takes one for its folder's index, or drops it beside an index.md)."""
    if source in last.files.src_uris or posixpath.basename(source).lower() == "readme.md":
        return False
    config = last.config
    file = File(source, config.docs_dir, config.site_dir, config.use_directory_urls)
    set_exclusions([file], config)
    return file.inclusion.is_included()


def _list_changes(last, planned: list[ListingPage]) -> _ListChanges | None:
    """Which planned pages are new or changed; None when one went away or cannot be added."""
    framed = {item.listing.src_uri for item in last.pages.listings}
    changes = _ListChanges()
    seen = 0
    for listing in planned:
        before = last.listings.get(listing.src_uri)
        if before is None:
            if not last.is_framed(listing) or last.files.get_file_from_path(listing.src_uri) is not None:
                return None
            changes.added.append(listing)
            continue
        seen += 1
        if before == listing:
            continue
        if listing.src_uri in framed:
            changes.framed.append(listing)
        elif (file := last.files.get_file_from_path(listing.src_uri)) is not None and file.page is not None:
            changes.in_menu.append(listing.src_uri)
        else:
            return None
    if seen != len(last.listings):
        return None  # a page went away: a build removes it
    return changes


def _shifted_articles(last, index: ArticleIndex, articles: list[Article]) -> list[tuple[ArticleItem, list | None]]:
    """The pages of articles whose related articles or neighbours the new ones change: those
    of the same categories (wardportal.index: both come from the category's list). Each with
    its related articles before, when they are all that changed on it (else None)."""
    count = last.related_count
    shifted = []
    for category in sorted({article.category.id for article in articles}):
        for article in index.by_category[category]:
            number = last.by_path.get(article.source_path)
            if number is None:
                continue  # a new one
            related = last.index.related(article, count)
            if last.index.neighbours(article) != index.neighbours(article):
                shifted.append((last.pages.articles[number], None))
            elif related != index.related(article, count):
                shifted.append((last.pages.articles[number], related))
    return shifted


def _add_articles(last, articles: list[Article]) -> list[ArticleItem]:
    """The new articles' files and pages, in the build's order (by source path)."""
    config = last.config
    page_files = {}
    for article in articles:
        source = File(article.source_path, config.docs_dir, config.site_dir, config.use_directory_urls)
        page_files[article.source_path] = PortalFile.for_article(source, article.slug)
        last.files.append(page_files[article.source_path])
    items = PortalPages.convert_articles(articles, page_files, last.files, config, last.html_cache, last.images)
    paths = [kept.article.source_path for kept in last.pages.articles]
    for item in items:
        item.page.validate_anchor_links(files=last.files, log_level=config.validation.links.anchors)
        place = bisect.bisect(paths, item.article.source_path)
        paths.insert(place, item.article.source_path)
        last.pages.articles.insert(place, item)
    last.by_path.clear()
    last.by_path.update((item.article.source_path, number) for number, item in enumerate(last.pages.articles))
    return items


def _update_lists(last, planned: list[ListingPage], changes: _ListChanges) -> tuple[list[ListingItem], list[File]]:
    """The build's plan replaced by the new one; the framed pages to write (changed and new)
    and the new pages' files."""
    by_source = {item.listing.src_uri: item for item in last.pages.listings}
    written = []
    files = []
    for listing in changes.framed:
        by_source[listing.src_uri].listing = listing
        written.append(by_source[listing.src_uri])
    for listing in changes.added:
        file = PortalFile.for_listing(last.config, listing)
        last.files.append(file)
        files.append(file)
        by_source[listing.src_uri] = PortalPages.listing_item(listing, file, last.config)
        written.append(by_source[listing.src_uri])
    last.listings.clear()
    last.listings.update((listing.src_uri, listing) for listing in planned)
    last.pages.listings[:] = [by_source[listing.src_uri] for listing in planned if listing.src_uri in by_source]
    return written, files


def _render_menu_pages(last, sources: list[str]) -> None:
    """Pages MkDocs renders (in the menu, or hand-written), rendered by MkDocs' own page step:
    their plugin events read the new plan (hooks/portal.py's on_page_context)."""
    doc_files = last.files.documentation_pages(inclusion=InclusionLevel.is_in_serve)
    for source in sources:
        page = last.files.get_file_from_path(source).page
        _build_page(page, last.config, doc_files, last.nav, last.env)
