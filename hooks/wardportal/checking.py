"""The one list of content checks, shared by scripts/check.py and the build.

The build reads articles through MkDocs (corpus.read_corpus) and processes images, so it
calls the parts separately: `read_portal_data` for the data files, the corpus and
`article_problems` (checks of articles against the data files), the image step, whose reference checks are `reference_problems`, and the portal sections
(documents, weekly schedules: `section_problems` uses the same readers). check.py runs the
same parts without building; neither has a check of its own.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from wardportal.article import Article
from wardportal.corpus import Corpus, read_content_folder
from wardportal.images.lines import article_lines
from wardportal.images.publish import ArticleImages, reference_problems
from wardportal.portal.documents import DOCUMENTS_DIR, is_document_path, load_types, read_documents
from wardportal.portal.schedule import load_schedule
from wardportal.problems import Problem
from wardportal.quota.targets import QuotaTargets, load_targets
from wardportal.registry import Registry, load_registry
from wardportal.royalties.rules import RoyaltyRules, load_rules
from wardportal.royalties.statement import type_problems


@dataclass
class PortalData:
    """The editors' data files under content/_portal/, read and validated."""

    registry: Registry
    targets: QuotaTargets
    royalties: RoyaltyRules  # internal: read for checks and scripts/royalties.py, never published
    problems: list[Problem]


@dataclass
class CheckResult:
    registry: Registry
    corpus: Corpus
    problems: list[Problem]
    data: PortalData


def read_portal_data(content_dir: Path) -> PortalData:
    """The registry, then the quota targets (which name registry entries), then the royalty rules."""
    registry, registry_problems = load_registry(content_dir)
    targets, target_problems = load_targets(content_dir, registry)
    royalties, royalty_problems = load_rules(content_dir)
    return PortalData(registry, targets, royalties, registry_problems + target_problems + royalty_problems)


def article_problems(articles: list[Article], data: PortalData) -> list[Problem]:
    """Valid articles checked against the data files: `type`/`points` against royalties.yml.
    Warnings only: the article is still published, it is left out of the royalty statement."""
    return type_problems(articles, data.royalties)


def check_content(content_dir: Path) -> CheckResult:
    """Everything a strict build rejects in the content folder, without building."""
    data = read_portal_data(content_dir)
    corpus = read_content_folder(content_dir, data.registry)
    corpus_problems = corpus.problems + article_problems(corpus.articles, data)
    images = [ArticleImages(article.source_path, article.image, article.body) for article in corpus.articles]
    image_problems = reference_problems(images, content_dir, lambda path: article_lines(content_dir, path))
    portal_problems = section_problems(content_dir, data.registry, {article.slug for article in corpus.articles})
    return CheckResult(data.registry, corpus, data.problems + corpus_problems + image_problems + portal_problems, data)


def section_problems(content_dir: Path, registry: Registry, article_slugs: set[str]) -> list[Problem]:
    """Documents and weekly schedules, through the same readers the build's sections use
    (ward_mkdocs.sections), reading the files from disk as MkDocs would list them."""
    types, problems = load_types(content_dir)

    def attachment_size(path: str) -> int | None:
        full = content_dir / path
        return full.stat().st_size if full.is_file() else None

    documents = read_documents(_document_sources(content_dir), types, registry, attachment_size, article_slugs)
    return problems + documents.problems + load_schedule(content_dir).problems


def _document_sources(content_dir: Path) -> list[tuple[str, object]]:
    sources = []
    for folder, dirs, files in os.walk(content_dir / DOCUMENTS_DIR):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))  # as MkDocs: only dot folders are left out
        for name in files:
            full = Path(folder) / name
            rel = full.relative_to(content_dir).as_posix()
            if not name.startswith(".") and is_document_path(rel):
                sources.append((rel, full.read_bytes))
    return sources
