"""The content check that scripts run without building: registry, then every article."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from wardportal.corpus import Corpus, read_content_folder
from wardportal.problems import Problem
from wardportal.registry import Registry, load_registry


@dataclass
class CheckResult:
    registry: Registry
    corpus: Corpus
    problems: list[Problem]


def check_content(content_dir: Path) -> CheckResult:
    registry, registry_problems = load_registry(content_dir)
    corpus = read_content_folder(content_dir, registry)
    return CheckResult(registry, corpus, registry_problems + corpus.problems)
