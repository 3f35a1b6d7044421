"""Reading every article of a content folder: the first phase of any build or check.

One bad file yields problems and is left out; it never stops the others.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Callable, Iterable, Mapping

from wardportal.article import Article, article_from_source
from wardportal.articlestore import ArticleStore
from wardportal.frontmatter_io import decode_article_bytes, parse_article_text
from wardportal.memo import RebuildMemo
from wardportal.problems import ContentError, Problem
from wardportal.registry import Registry
from wardportal.urls import ARTICLES_DIR

ARTICLE_LIMIT = 2 * 1024 * 1024  # bytes of one article file: a long decree is ~200 KB


@dataclass
class Corpus:
    """Every valid article (published or not) and every problem found on the way."""

    articles: list[Article] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


@dataclass(frozen=True)
class PublishPolicy:
    """What a build shows: published articles as of `now`, or everything in preview."""

    now: datetime
    preview: bool = False

    def shows(self, article: Article) -> bool:
        if self.preview:
            return True
        return not article.draft and article.published.moment <= self.now

    def next_due(self, articles: Iterable[Article]) -> datetime | None:
        """When the first article held back for its date becomes due (None: no such article):
        until then, the shown articles are the same at every moment."""
        if self.preview:
            return None
        return min((article.published.moment for article in articles
                    if not article.draft and article.published.moment > self.now), default=None)


def is_article_path(rel_path: str) -> bool:
    """Articles are the Markdown files under content/bai-viet/."""
    return rel_path.startswith(ARTICLES_DIR + "/") and rel_path.endswith(".md")


def read_corpus(sources: Iterable[tuple[str, Callable[[], bytes]]], registry: Registry,
                memo: RebuildMemo | None = None, registry_token: str = "",
                stamps: Mapping[str, tuple | None] | None = None, store: ArticleStore | None = None) -> Corpus:
    """Parse and validate articles given as (relative path, bytes reader) pairs.

    With a memo (mkdocs serve), a file whose bytes and registry are unchanged since the
    previous build is not parsed again; with its stamp (wardportal.filerecord.trusted_stamp)
    unchanged too, it is not even read, nor when the store (a warm build, on disk) holds
    what that stamp gave: a save, or a warm build, reads the changed files only. The store
    must be tagged with `registry_token`.
    """
    corpus = Corpus()
    for rel_path, read_bytes in sorted(sources, key=lambda item: item[0]):
        stamp = stamps.get(rel_path) if stamps is not None else None
        try:
            article, problems = _read_one(rel_path, read_bytes, registry, memo, registry_token, stamp, store)
        except OSError as exc:
            corpus.problems.append(Problem(rel_path, f"không đọc được tệp: {exc.strerror}."))
            continue
        corpus.problems.extend(problems)
        if article is not None:
            corpus.articles.append(article)
    if store is not None:
        store.save()
    _drop_duplicate_slugs(corpus)
    return corpus


def _read_one(rel_path: str, read_bytes: Callable[[], bytes], registry: Registry, memo: RebuildMemo | None,
              registry_token: str, stamp: tuple | None,
              store: ArticleStore | None) -> tuple[Article | None, list[Problem]]:
    """One file: known by its stamp (memo, then store), else read and parsed (or known by its bytes)."""
    stamp_key = ("article-stamp", rel_path, registry_token, stamp)
    known = None
    if stamp is not None:
        known = memo.recall(stamp_key) if memo is not None else None
        if known is None and store is not None:
            known = store.recall(rel_path, stamp)
    if known is not None:
        article, problems, digest = known  # type: ignore[misc]
    else:
        raw = read_bytes()
        digest = hashlib.sha1(raw).digest()
        if memo is None:
            article, problems = _parse_one(rel_path, raw, registry)
        else:
            article, problems = memo.get(("article", rel_path, registry_token, digest),
                                         lambda: _parse_one(rel_path, raw, registry))
    if memo is not None:
        memo.keep(("article", rel_path, registry_token, digest), (article, problems))  # a touch: no parsing
        if stamp is not None:
            memo.keep(stamp_key, (article, problems, digest))
    if store is not None and stamp is not None and known is None:
        store.keep(rel_path, stamp, (article, problems, digest))
    return article, problems


def _parse_one(rel_path: str, raw: bytes, registry: Registry) -> tuple[Article | None, list[Problem]]:
    if len(raw) > ARTICLE_LIMIT:
        return None, [Problem(rel_path, f"tệp bài viết quá lớn ({len(raw):,} byte; tối đa {ARTICLE_LIMIT:,} byte): "
                                        "hãy chia thành nhiều bài hoặc bỏ phần dán thừa.".replace(",", "."), line=1)]
    try:
        source = parse_article_text(decode_article_bytes(raw, rel_path), rel_path)
    except ContentError as exc:
        return None, [exc.problem]
    return article_from_source(source, registry)


def _drop_duplicate_slugs(corpus: Corpus) -> None:
    """Two articles at one URL: keep one, report the other. A draft never pushes a published
    article off its URL, and the earlier article keeps it (readers' links and the feeds
    already point at it): the web editor names a second file with the same title `…-1.md`,
    which sorts before the original, so the path alone would let the newcomer win. Same date:
    the first path wins."""
    owners: dict[str, Article] = {}
    kept: list[Article] = []
    for article in sorted(corpus.articles, key=lambda a: (a.draft, a.published.moment, a.source_path)):
        first = owners.get(article.slug)
        if first is None:
            owners[article.slug] = article
            kept.append(article)
            continue
        corpus.problems.append(Problem(
            article.source_path,
            f"trùng đường dẫn `{article.url}` với bài {first.source_path}. "
            "Hãy đổi tiêu đề hoặc thêm `slug:` khác cho một trong hai bài.",
            line=1, field="slug"))
    corpus.articles = sorted(kept, key=lambda a: a.source_path)


def read_content_folder(content_dir: Path, registry: Registry) -> Corpus:
    """The same as a build's first phase, straight from disk (for scripts)."""
    root = content_dir / ARTICLES_DIR
    sources = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))  # as MkDocs: only dot folders are left out
        for name in files:
            if name.endswith(".md") and not name.startswith("."):
                full = Path(folder) / name
                rel = full.relative_to(content_dir).as_posix()
                sources.append((rel, full.read_bytes))
    return read_corpus(sources, registry)
