"""The one list of content checks, shared by scripts/check.py and the build.

The build reads articles through MkDocs (corpus.read_corpus) and processes images, so it
calls the parts separately: `read_portal_data` for the data files, the corpus, and the
image step, whose reference checks are `reference_problems`. check.py runs the same parts
without building; neither has a check of its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from wardportal.corpus import Corpus, read_content_folder
from wardportal.images.lines import article_lines
from wardportal.images.publish import ArticleImages, reference_problems
from wardportal.problems import Problem
from wardportal.quota.targets import QuotaTargets, load_targets
from wardportal.registry import Registry, load_registry


@dataclass
class PortalData:
    """The editors' data files under content/_portal/, read and validated."""

    registry: Registry
    targets: QuotaTargets
    problems: list[Problem]


@dataclass
class CheckResult:
    registry: Registry
    corpus: Corpus
    problems: list[Problem]


def read_portal_data(content_dir: Path) -> PortalData:
    """The registry, then the quota targets (which name registry entries)."""
    registry, registry_problems = load_registry(content_dir)
    targets, target_problems = load_targets(content_dir, registry)
    return PortalData(registry, targets, registry_problems + target_problems)


def check_content(content_dir: Path) -> CheckResult:
    """Everything a strict build rejects in the content folder, without building."""
    data = read_portal_data(content_dir)
    corpus = read_content_folder(content_dir, data.registry)
    images = [ArticleImages(article.source_path, article.image, article.body) for article in corpus.articles]
    image_problems = reference_problems(images, content_dir, lambda path: article_lines(content_dir, path))
    return CheckResult(data.registry, corpus, data.problems + corpus.problems + image_problems)
