"""Article Markdown to HTML with MkDocs' own Markdown set-up, one instance per process.

MkDocs builds a new `markdown.Markdown` for every page, which at 10,000 articles costs
seconds on its own. Articles are converted here with one instance per process, reset
between articles, carrying the same MkDocs tree processors as `Page.render`: relative
`.md` links become URLs (with MkDocs' warnings for broken ones) and anchors are recorded
for validation. Conversions are looked up in the disk cache (wardportal.htmlcache) first;
when many miss (a cold build), they are shared among the machine's cores.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from pathlib import Path

import markdown
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import _ExtractAnchorsTreeprocessor, _RawHTMLPreprocessor, _RelativePathTreeprocessor

from wardportal.forkpool import fork_map
from wardportal.htmlcache import HtmlCache, fingerprint
from wardportal.images.lines import article_lines
from wardportal.problems import Problem
from wardportal.sanitise import Finding, clean_body, located

# Below this many cache misses, starting worker processes costs more than it saves.
PARALLEL_MIN = 64
_PAGES_LOGGER = "mkdocs.structure.pages"
_WARD_LOGGER = "mkdocs.plugins.ward"


@dataclass
class Conversion:
    html: str
    anchors: list[str]
    links: dict[str, dict[str, str]]  # linked file's src_uri -> {anchor: link as written}
    # (logger, level, message): logged again by the main process, where --strict counts them
    records: list[tuple[str, int, str]] = field(default_factory=list)
    key: str = ""  # the HTML cache key (the article's text, URL and the Markdown settings)
    # every path the link processor looked up, and the URL it found (None: no such file)
    lookups: dict[str, str | None] = field(default_factory=dict)

    @property
    def content_key(self) -> str:
        """Names this HTML as well as the HTML itself does: the key and what links found."""
        return fingerprint([self.key, *(f"{path}>{found}" for path, found in sorted(self.lookups.items()))])

    @property
    def warned(self) -> bool:
        return any(level >= logging.WARNING for _, level, _ in self.records)

    def entry(self) -> dict:
        return {"html": self.html, "anchors": self.anchors, "links": self.links, "lookups": self.lookups}


class ArticleConverter:
    """One Markdown instance with MkDocs' extensions, converting one article at a time."""

    def __init__(self, config: MkDocsConfig, files: Files) -> None:
        self.config = config
        self.files = files
        self.pid = os.getpid()
        self.md = markdown.Markdown(extensions=config.markdown_extensions,
                                    extension_configs=config.mdx_configs or {})

    def convert(self, file: File, text: str) -> Conversion:
        md = self.md.reset()
        raw_html = _RawHTMLPreprocessor()
        raw_html._register(md)
        anchors = _ExtractAnchorsTreeprocessor(file, self.files, self.config)
        anchors._register(md)
        lookups = _Lookups(self.files)
        links = _RelativePathTreeprocessor(file, lookups, self.config)  # type: ignore[arg-type]
        links._register(md)
        with _Recorder(_PAGES_LOGGER) as recorder:
            html = md.convert(text)
        body = clean_body(html)  # the content policy (wardportal.sanitise): what a cached entry holds
        records = recorder.records + [(_WARD_LOGGER, logging.WARNING, message)
                                      for message in self._located(file, text, body.findings)]
        return Conversion(html=body.html, anchors=sorted(anchors.present_anchor_ids | raw_html.present_anchor_ids),
                          links={target.src_uri: found for target, found in links.links_to_anchors.items()},
                          records=records, lookups=lookups.seen)

    def _located(self, file: File, text: str, findings: list[Finding]) -> list[str]:
        """`content/…:LINE: message` for each finding (the file is read only when there are some)."""
        if not findings:
            return []
        _, body_line = article_lines(Path(self.config.docs_dir), file.src_uri)
        folder = os.path.relpath(self.config.docs_dir)
        return [str(Problem(file.src_uri, message, line=line if body_line else None).located_in(folder))
                for message, line in located(findings, text, body_line or 1)]


class _Lookups:
    """The site's files as the link processor sees them, noting what each lookup found: an
    article's HTML depends on those files' URLs only, not on every URL of the site."""

    def __init__(self, files: Files) -> None:
        self.files = files
        self.seen: dict[str, str | None] = {}

    def get_file_from_path(self, path: str) -> File | None:
        found = self.files.get_file_from_path(path)
        self.seen[path] = _found(found)
        return found


def _found(file: File | None) -> str | None:
    return None if file is None else f"{file.url}|{file.inclusion.is_excluded()}"


def _still_valid(entry: dict, files: Files) -> bool:
    """A cached conversion stands while every file its links looked up is where it was."""
    return all(_found(files.get_file_from_path(path)) == found for path, found in entry["lookups"].items())


def convert_articles(items: list[tuple[File, str]], config: MkDocsConfig, files: Files,
                     cache: HtmlCache) -> list[Conversion]:
    """Each (file, Markdown) converted, from the cache where possible; misses are stored
    unless their conversion warned (so the warning comes back until it is fixed)."""
    keys = [cache.key(text, file.url) for file, text in items]
    results: list[Conversion | None] = []
    missing: list[int] = []
    for number, key in enumerate(keys):
        entry = cache.get(key)
        if entry is None or not _still_valid(entry, files):
            missing.append(number)
            results.append(None)
        else:
            results.append(Conversion(entry["html"], entry["anchors"], entry["links"], key=key,
                                      lookups=entry["lookups"]))
    converted = _convert_many([items[n] for n in missing], [keys[n] for n in missing], config, files, cache)
    for number, conversion in zip(missing, converted):
        results[number] = conversion
        if not conversion.warned:
            cache.remember(conversion.key, conversion.entry())  # on disk already
    return results  # type: ignore[return-value]


def _convert_many(items: list[tuple[File, str]], keys: list[str], config: MkDocsConfig, files: Files,
                  cache: HtmlCache) -> list[Conversion]:
    """Convert, and store in the disk cache where the HTML is (in the worker)."""
    converters: list[ArticleConverter] = []  # one per process: a forked worker makes its own

    def convert(number: int) -> Conversion:
        if not converters or converters[0].pid != os.getpid():
            converters[:] = [ArticleConverter(config, files)]
        file, text = items[number]
        conversion = converters[0].convert(file, text)
        conversion.key = keys[number]
        if not conversion.warned:
            cache.store(conversion.key, conversion.entry())
        return conversion

    return fork_map(convert, len(items), min_per_worker=PARALLEL_MIN)


class _Recorder(logging.Handler):
    """Takes a logger's records during a conversion instead of printing them."""

    def __init__(self, name: str) -> None:
        super().__init__(logging.NOTSET)
        self.logger = logging.getLogger(name)
        self.records: list[tuple[str, int, str]] = []

    def __enter__(self) -> "_Recorder":
        self._propagate, self._level = self.logger.propagate, self.logger.level
        self.logger.addHandler(self)
        self.logger.propagate = False
        # even under `mkdocs build -q`: a conversion that warns must not be cached as clean
        self.logger.setLevel(min(logging.INFO, self.logger.getEffectiveLevel()))
        return self

    def __exit__(self, *exc) -> None:
        self.logger.removeHandler(self)
        self.logger.propagate = self._propagate
        self.logger.setLevel(self._level)

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append((record.name, record.levelno, record.getMessage()))


def log_records(conversion: Conversion) -> None:
    for name, level, message in conversion.records:
        logging.getLogger(name).log(level, message)
