"""The article HTML cache of one build (wardportal.htmlcache), keyed on MkDocs' settings."""

from __future__ import annotations

import json
from importlib.metadata import version
from pathlib import Path

import mkdocs
from markdown import __version__ as markdown_version
from mkdocs.config.defaults import MkDocsConfig

from wardportal import sanitise, vntext
from wardportal.htmlcache import HtmlCache, fingerprint
from wardportal.memo import RebuildMemo
from wardportal.stale import remove_stale_temps


def html_cache_for(config: MkDocsConfig, folder: Path, memo: RebuildMemo | None = None) -> HtmlCache:
    """The build's article HTML cache; its context covers the Markdown settings. What an
    article's links found is checked per entry (ward_mkdocs.article_convert), so publishing
    one article does not make every other one miss."""
    def name_of(value):
        return getattr(value, "__qualname__", type(value).__name__)

    settings = json.dumps([config.markdown_extensions, config.mdx_configs], default=name_of, sort_keys=True)
    # every entry holds HTML cleaned by the content policy: its code and nh3 are part of the key
    context = fingerprint([mkdocs.__version__, markdown_version, settings, repr(config.validation),
                           Path(vntext.__file__).read_text(encoding="utf-8"),
                           Path(sanitise.__file__).read_text(encoding="utf-8"), version("nh3")])
    remove_stale_temps(folder, subfolders=True)  # left by a killed build
    return HtmlCache(folder, context, memo)
