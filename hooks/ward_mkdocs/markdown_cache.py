"""The article HTML cache of one build (wardportal.htmlcache), keyed on MkDocs' settings."""

from __future__ import annotations

import json
from pathlib import Path

import mkdocs
from markdown import __version__ as markdown_version
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

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
