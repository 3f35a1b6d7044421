"""Article Markdown conversion through the disk cache of wardportal.htmlcache."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import mkdocs
from markdown import __version__ as markdown_version
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from wardportal import vntext
from wardportal.htmlcache import HtmlCache, fingerprint
from wardportal.memo import RebuildMemo


def html_cache_for(files: Files, config: MkDocsConfig, folder: Path, memo: RebuildMemo | None = None) -> HtmlCache:
    """The build's article HTML cache; its context covers every URL and the Markdown settings."""
    def name_of(value):
        return getattr(value, "__qualname__", type(value).__name__)

    settings = json.dumps([config.markdown_extensions, config.mdx_configs], default=name_of, sort_keys=True)
    urls_map = (f"{f.src_uri}>{f.url}" for f in sorted(files, key=lambda f: f.src_uri))
    context = fingerprint([mkdocs.__version__, markdown_version, settings,
                           Path(vntext.__file__).read_text(encoding="utf-8"), *urls_map])
    return HtmlCache(folder, context, memo)


def render_through_cache(page: Page, markdown: str, cache: HtmlCache) -> None:
    """Replace this article page's Markdown conversion by a cache lookup; convert and store on a miss.

    A conversion that logged a warning (a broken link, say) is not stored, so the warning
    comes back on every build until it is fixed. Articles show no table of contents: news
    pages need none, and it would differ per page inside the shared page frame.
    """
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
        page.toc = get_toc([])
        # MkDocs records links to anchors only above DEBUG level (`-v` builds don't): an
        # entry without them would skip anchor validation on every later cache hit.
        if not recorder.warned and page.links_to_anchors is not None:
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
