"""Importing legacy files: discovery, output naming, duplicate detection, atomic writes.

Each input yields one ImportResult; a bad input is a "failed" result and never stops the
others. Existing articles are read once (through frontmatter_io) to know which sources
were imported before (`source_hash`) and which slugs are taken.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path

from wardportal.frontmatter_io import read_article_file, write_new_file
from wardportal.legacy.convert import front_matter, render_imported, resolve_entry
from wardportal.legacy.decoding import decode_legacy_bytes
from wardportal.legacy.layouts import LegacyArticle, read_legacy_text
from wardportal.oserrors import os_reason
from wardportal.problems import ContentError, Problem
from wardportal.registry import Entry, Registry
from wardportal.vntext import slugify

UNDATED_DIR = "chua-ro-ngay"  # articles whose date could not be read wait here for review


@dataclass
class ImportOptions:
    registry: Registry
    out_dir: Path  # the articles folder: files go to out_dir/YYYY/MM/<slug>.md
    unit: Entry | None = None  # for files that do not name their own
    category: Entry | None = None
    dry_run: bool = False
    force: bool = False


@dataclass
class ImportResult:
    source: str
    status: str
    output: Path | None = None
    fields: dict = field(default_factory=lambda: dict.fromkeys(
        ("title", "date", "views", "category", "unit", "author")))
    problems: list[Problem] = field(default_factory=list)


@dataclass
class ExistingArticles:
    """What the output folder already holds: source hashes and slugs, with their files."""

    by_hash: dict[str, Path] = field(default_factory=dict)
    by_slug: dict[str, Path] = field(default_factory=dict)
    written: set[Path] = field(default_factory=set)  # files this run wrote (never overwritten)

    @classmethod
    def scan(cls, out_dir: Path) -> "ExistingArticles":
        existing = cls()
        for folder, dirs, files in os.walk(out_dir):
            dirs[:] = [d for d in dirs if not d.startswith((".", "_"))]
            for name in files:
                if name.endswith(".md") and not name.startswith("."):
                    existing._add_file(Path(folder) / name)
        return existing

    def _add_file(self, path: Path) -> None:
        try:
            meta = read_article_file(path).meta
        except (ContentError, OSError):
            return  # a broken article is the content check's business, not the importer's
        self.remember(path, str(meta.get("slug") or slugify(str(meta.get("title") or ""))),
                      meta.get("source_hash"))

    def remember(self, path: Path, slug: str, source_hash: object) -> None:
        if slug:
            self.by_slug.setdefault(slug, path)
        if isinstance(source_hash, str) and source_hash:
            self.by_hash.setdefault(source_hash, path)


def discover_inputs(paths: list[Path]) -> list[Path]:
    """Files as given, and every `.txt` under given folders (sorted); missing paths are kept to fail."""
    found: list[Path] = []
    seen: set[Path] = set()
    for path in paths:
        candidates = sorted(p for p in path.rglob("*.txt") if p.is_file() and not p.name.startswith(".")) \
            if path.is_dir() else [path]
        for candidate in candidates:
            key = candidate.resolve()
            if key not in seen:
                seen.add(key)
                found.append(candidate)
    return found


def source_hash(raw: bytes) -> str:
    return "sha256:" + hashlib.sha256(raw).hexdigest()


def import_file(path: Path, shown: str, options: ImportOptions, existing: ExistingArticles) -> ImportResult:
    """Import one legacy file; every outcome is a result, never an exception."""
    result = ImportResult(shown, "failed")
    try:
        raw = path.read_bytes()
        article = read_legacy_text(decode_legacy_bytes(raw, shown), shown)
    except ContentError as exc:
        result.problems.append(exc.problem)
        return result
    except OSError as exc:
        result.problems.append(Problem(shown, f"không đọc được tệp: {os_reason(exc)}."))
        return result
    result.fields = _fields(article)
    digest = source_hash(raw)
    earlier = existing.by_hash.get(digest)
    if earlier is not None and not options.force:
        result.status, result.output = "duplicate", earlier
        return result
    unit, unit_problem = resolve_entry(options.registry, "unit", article.unit, options.unit, shown)
    category, category_problem = resolve_entry(options.registry, "category", article.category,
                                               options.category, shown)
    problems = article.problems + [p for p in (unit_problem, category_problem) if p is not None]
    base_slug = slugify(article.title.text)
    if not base_slug:
        result.problems.append(Problem(shown, "không tạo được đường dẫn từ tiêu đề: hãy nhập bài này bằng tay.",
                                       line=article.title.line))
        return result
    if earlier is not None:  # --force on a source imported before: replace that article
        target, slug = earlier, earlier.stem
    else:
        target, slug = _free_target(options.out_dir, article, base_slug, existing)
    if target in existing.written:
        result.problems.append(Problem(shown, f"tệp {target.name} vừa được tạo từ một tệp khác trong lần nhập "
                                              "này (cùng tiêu đề và tháng): hãy nhập riêng tệp này.", line=1))
        return result
    meta = front_matter(article, unit, category, problems, path.name, digest,
                        slug=None if slug == base_slug else slug)
    if not options.dry_run:
        try:
            # only a re-import of the same source (--force) replaces a file: never another source's
            write_new_file(target, render_imported(article, meta), overwrite=earlier is not None)
        except FileExistsError:  # written meanwhile by someone else
            result.problems.append(Problem(shown, f"đã có bài {target}: không ghi đè. Hãy chạy lại lệnh nhập.",
                                           line=1))
            return result
        except OSError as exc:
            result.problems.append(Problem(shown, f"không ghi được {target}: {os_reason(exc)}."))
            return result
    existing.remember(target, slug, digest)
    existing.written.add(target)
    result.status, result.output, result.problems = ("review" if problems else "imported"), target, problems
    return result


def _free_target(out_dir: Path, article: LegacyArticle, base_slug: str,
                 existing: ExistingArticles) -> tuple[Path, str]:
    """`YYYY/MM/<slug>.md`; a slug another article already uses (anywhere), or a file name
    already taken, gets `-2`, `-3`…: a different source never replaces an existing article."""
    folder = out_dir / (f"{article.published.moment:%Y}/{article.published.moment:%m}"
                        if article.published else UNDATED_DIR)
    slug, number = base_slug, 1
    while True:
        target = folder / f"{slug}.md"
        if slug not in existing.by_slug and not target.exists():
            return target, slug
        number += 1
        slug = f"{base_slug}-{number}"


def _fields(article: LegacyArticle) -> dict:
    """Header facts as read from the file (JSON `fields`)."""
    return {
        "title": article.title.text,
        "date": article.published.canonical() if article.published else None,
        "views": article.views,
        "category": article.category.text if article.category else None,
        "unit": article.unit.text if article.unit else None,
        "author": article.author,
    }
