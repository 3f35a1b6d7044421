"""Article pages built by the portal itself, outside MkDocs' page loop.

MkDocs sends every page through the same loop: a new Markdown instance, a template
context, every plugin's events, the full theme template. At 10,000 articles that loop costs
more than converting the articles. Articles all look alike, so the portal converts them
with one Markdown instance per process (ward_mkdocs.article_convert), renders each into the
shared page frame (ward_mkdocs.page_renderer) and writes the files, on every core when
there are many.

Articles remain MkDocs files with real Page objects: links to and from them resolve and
are validated as for any page; MkDocs only leaves building them to this module.
"""

from __future__ import annotations

import dataclasses
import gzip
import hashlib
import html
import multiprocessing
import os
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

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
from wardportal import urls
from wardportal.article import Article
from wardportal.htmlcache import HtmlCache, fingerprint
from wardportal.index import ArticleIndex
from wardportal.pagestore import PageStore

# Below this many pages, starting worker processes costs more than it saves.
PARALLEL_MIN = 200


class ArticleFile(File):
    """An article's source: MkDocs resolves links to it, ArticlePages builds its page."""

    def is_documentation_page(self) -> bool:
        return False

    def copy_file(self, dirty: bool = False) -> None:
        """Nothing to copy: the page is written by ArticlePages.write."""

    @classmethod
    def replacing(cls, file: File, slug: str) -> "ArticleFile":
        return cls(file.src_uri, file.src_dir, file.dest_dir, file.use_directory_urls,
                   dest_uri=urls.article(slug) + "index.html", inclusion=InclusionLevel.NOT_IN_NAV)


@dataclass
class ArticlePage:
    article: Article
    page: Page


class ArticlePages:
    """One build's article pages: converted in on_files, written once the theme is ready."""

    def __init__(self, pages: list[ArticlePage]) -> None:
        self.pages = pages

    @classmethod
    def convert(cls, articles: list[Article], article_files: dict[str, File], files: Files,
                config: MkDocsConfig, cache: HtmlCache, images: SiteImages) -> "ArticlePages":
        """Each article's Page, with its HTML (images rewritten) and anchors for link checks."""
        items = [(article_files[article.source_path], article.body) for article in articles]
        pages = []
        for article, (file, _), conversion in zip(articles, items, convert_articles(items, config, files, cache)):
            log_records(conversion)
            page = Page(None, file, config)
            page.meta = {"title": html.escape(article.title),  # Material prints these unescaped
                         "description": html.escape(article.summary), "hide": ["toc"]}
            page.content = images.rewrite_article_html(conversion.html, page.url, article)
            page.present_anchor_ids = set(conversion.anchors)
            page.links_to_anchors = {target: links for uri, links in conversion.links.items()
                                     if (target := files.get_file_from_path(uri)) is not None}
            pages.append(ArticlePage(article, page))
        return cls(pages)

    def validate_anchor_links(self, files: Files, config: MkDocsConfig) -> None:
        """What MkDocs does for its own pages, once every page's anchors are known."""
        for item in self.pages:
            item.page.validate_anchor_links(files=files, log_level=config.validation.links.anchors)

    def write(self, writer: "ArticleWriter") -> None:
        """Write every article page: unchanged ones from the page store, the others rendered,
        on every core when there are many; then drop stored pages this build did not use."""
        rendered = [item for item in self.pages if not writer.publish_stored(item)]
        if rendered:
            writer.write(rendered[0])  # the frame and shared parts, made once before any fork
        rest = rendered[1:]
        workers = min(os.cpu_count() or 1, len(rest) // PARALLEL_MIN)
        if workers <= 1 or "fork" not in multiprocessing.get_all_start_methods():
            for item in rest:
                writer.write(item)
        else:
            global _WORK
            _WORK = (writer, rest)
            try:
                # fork: the children inherit the theme environment, the frame and the pages
                with multiprocessing.get_context("fork").Pool(workers) as pool:
                    failures = [failure for failure in pool.map(_write_one, range(len(rest)), chunksize=64)
                                if failure]
            finally:
                _WORK = None
            if failures:
                raise PluginError(failures[0])
        writer.prune_store()

    def sitemap_entries(self) -> str:
        """<url> entries for sitemap.xml (MkDocs lists only the pages it builds itself)."""
        return "".join(f"\n    <url>\n         <loc>{html.escape(item.page.canonical_url or item.page.abs_url or '')}"
                       f"</loc>\n         <lastmod>{item.article.published.moment.date().isoformat()}</lastmod>"
                       "\n    </url>" for item in self.pages)


class ArticleWriter:
    """Renders one article page (framed, or in full with WARD_FRAMES=0) and writes it.

    With a page store, a page whose inputs are all unchanged is linked from the store
    instead: its key covers the frame's text, the templates and hooks code, the article,
    its HTML, its related articles and neighbours, its share card and cover image.
    """

    def __init__(self, config: MkDocsConfig, files: Files, nav: Navigation, renderer: PageRenderer,
                 index: ArticleIndex, images: SiteImages, related_count: int, frames: bool,
                 store: PageStore | None = None) -> None:
        self.config = config
        self.files = files
        self.nav = nav
        self.renderer = renderer
        self.index = index
        self.images = images
        self.related_count = related_count
        self.frames = frames
        self.store = store if frames else None
        self._shared: dict | None = None  # the context every framed article page has in common
        self._build_key = ""
        self._digests: dict[int, str] = {}
        self._keys: dict[str, str] = {}  # by source path

    def publish_stored(self, item: ArticlePage) -> bool:
        """Link the page from the store if one with the same inputs is there."""
        if self.store is None:
            return False
        return self.store.publish(self._key(item), item.page.file.abs_dest_path)

    def write(self, item: ArticlePage) -> None:
        """Render one page and write it (into the store too, when there is one)."""
        output = self._render(self._context(item), item.page).encode("utf-8", errors="xmlcharrefreplace")
        if self.store is None:
            utils.write_file(output, item.page.file.abs_dest_path)
        else:
            self.store.keep(self._key(item), output, item.page.file.abs_dest_path)

    def prune_store(self) -> None:
        if self.store is not None:
            self.store.prune(self._keys.values())

    def _context(self, item: ArticlePage) -> dict:
        article, page = item.article, item.page
        if self.frames:
            if self._shared is None:  # all articles sit at the same depth: same base_url, css
                self._shared = dict(get_context(self.nav, self.files, self.config, page))
            context = {**self._shared, "page": page}
        else:
            context = dict(get_context(self.nav, self.files, self.config, page))
        context["article"] = article
        context["related"] = self.index.related(article, self.related_count)
        context["neighbours"] = self.index.neighbours(article)
        context["share"] = self.images.share_meta(article, self.config)
        return context

    def _render(self, context: dict, page: Page) -> str:
        page.active = True
        try:
            context["related_html"] = self.renderer.related_html(context)
            if self.frames:
                return self.renderer.article_page(context, page)
            return self.renderer.env.get_template("ward/article.html").render(context)
        finally:
            page.active = False

    def _key(self, item: ArticlePage) -> str:
        key = self._keys.get(item.article.source_path)
        if key is None:
            key = self._keys[item.article.source_path] = self._compute_key(item)
        return key

    def _compute_key(self, item: ArticlePage) -> str:
        if not self._build_key:
            page = item.page
            page.active = True
            try:
                frame = self.renderer.article_frame(self._context(item), page)
            finally:
                page.active = False
            self._build_key = fingerprint([frame.fingerprint, _code_and_theme_fingerprint(self.config),
                                           self.config.site_name, self.config.site_url or "",
                                           repr(self.config.extra)])
        article = item.article
        neighbours = self.index.neighbours(article)
        share = self.images.share_meta(article, self.config)
        cover = self.images.published.image(article.image) if article.image else None
        return fingerprint([self._build_key, item.page.url, self._digest(article), item.page.content,
                            *(self._digest(other) for other in self.index.related(article, self.related_count)),
                            self._digest(neighbours.newer), self._digest(neighbours.older),
                            repr(sorted(share.items())), repr(cover)])

    def _digest(self, article: Article | None) -> str:
        """Everything an article shows of itself: its fields but the body (whose HTML is keyed
        separately, and whose summary is a field)."""
        if article is None:
            return ""
        digest = self._digests.get(id(article))
        if digest is None:
            shown = tuple(getattr(article, name) for name in _SHOWN_FIELDS)
            digest = self._digests[id(article)] = hashlib.sha1(repr(shown).encode("utf-8")).hexdigest()
        return digest


_SHOWN_FIELDS = tuple(f.name for f in dataclasses.fields(Article) if f.name != "body")


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


# What forked workers write: set just before the pool starts, inherited by the children.
_WORK: tuple[ArticleWriter, list[ArticlePage]] | None = None


def _write_one(number: int) -> str | None:
    writer, items = _WORK  # type: ignore[misc]
    item = items[number]
    try:
        writer.write(item)
    except Exception as exc:  # reported by the main process, naming the article
        return f"Lỗi khi dựng trang bài viết {item.article.source_path}: {exc}"
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
    data = (text[:end].rstrip() + entries + "\n</urlset>" + text[end + len("</urlset>"):]).encode("utf-8")
    path.write_bytes(data)
    with open(str(path) + ".gz", "wb") as handle:
        with gzip.GzipFile(fileobj=handle, filename=str(path) + ".gz", mode="wb",
                           mtime=utils.get_build_timestamp()) as compressed:
            compressed.write(data)
