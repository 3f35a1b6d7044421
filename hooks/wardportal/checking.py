"""The one list of content checks, shared by scripts/check.py and the build.

The build reads articles through MkDocs (corpus.read_corpus) and processes images, so it
calls the parts separately: `read_portal_data` for the data files, the corpus and
`article_problems` (articles against the data files), the image step, whose reference checks
are `reference_problems`, and the portal sections (documents, weekly schedules:
`section_problems` uses the same readers). check.py runs the same parts without building;
neither has a check of its own.

A few rules are check-only (`CheckResult.check_only`): scripts/check.py reports them and
exits 1, but a build, even `--strict`, publishes the article, since nothing in it is wrong
for readers (`unit_period_problems`).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from wardportal.article import Article
from wardportal.corpus import Corpus, read_content_folder
from wardportal.images.lines import article_lines
from wardportal.images.publish import ArticleImages, reference_problems
from wardportal.portal.documents import DOCUMENTS_DIR, is_document_path, load_types, read_documents
from wardportal.portal.schedule import load_schedule
from wardportal.problems import Problem
from wardportal.quota.periods import period_month_of
from wardportal.quota.targets import QuotaTargets, load_targets
from wardportal.registry import REGISTRY_PATH, Entry, Registry, load_registry
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
    problems: list[Problem]                                       # a strict build fails on these
    data: PortalData
    check_only: list[Problem] = field(default_factory=list)       # scripts/check.py only


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
    return CheckResult(data.registry, corpus, data.problems + corpus_problems + image_problems + portal_problems, data,
                       unit_period_problems(corpus.articles, data.targets.period_start_day))


def unit_period_problems(articles: list[Article], period_start_day: int = 1) -> list[Problem]:
    """Check-only: an article dated in a period its unit does not exist in (registry `start`/
    `end`, e.g. a unit merged away). It is published, but the quota tracker never counts it,
    which is rarely what the unit meant; the board should hear of it before publishing. Not a
    build problem: the quota tracker's own fixture keeps such an article published."""
    problems = []
    for article in articles:
        month = period_month_of(article.published.day, period_start_day)
        if not article.unit.exists_in(month):
            problems.append(Problem(
                article.source_path,
                f"đơn vị “{article.unit.name}” (`unit: {article.unit.id}`) không hoạt động vào ngày đăng "
                f"{article.published.date_label} (kỳ {month}; danh mục ghi đơn vị hoạt động "
                f"{_active_months(article.unit)}): bài vẫn lên cổng nhưng không được tính vào Thống kê. Hãy sửa "
                "ngày đăng `date`, chọn ở `unit` một đơn vị đang hoạt động, hoặc sửa `start`/`end` của đơn vị "
                f"trong {REGISTRY_PATH.as_posix()}.",
                line=article.field_lines.get("unit"), field="unit"))
    return problems


def _active_months(unit: Entry) -> str:
    if unit.start and unit.end:
        return f"từ tháng {unit.start} đến tháng {unit.end}"
    return f"từ tháng {unit.start}" if unit.start else f"đến tháng {unit.end}"


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
