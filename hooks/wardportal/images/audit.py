"""The editors' image check: every article's images, before publishing.

It runs the build's own image step (so what it accepts the build accepts, and the cache
is warm afterwards), then adds advice the build does not enforce: photos heavier or
larger than an editor should upload, pictures hot-linked from other sites, unused files.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from wardportal.corpus import read_content_folder
from wardportal.images.lines import article_lines
from wardportal.images.publish import ArticleImages, publish_images
from wardportal.images.refs import IMAGES_DIR, article_refs, is_image_path
from wardportal.images.settings import ImageSettings
from wardportal.problems import Problem
from wardportal.registry import load_registry

ADVISED_MAX_BYTES = 10_000_000
ADVISED_MAX_PIXELS = 50_000_000


@dataclass
class ImageAudit:
    problems: list[Problem] = field(default_factory=list)
    unused: list[str] = field(default_factory=list)  # content paths under images/ no article uses
    checked: int = 0  # distinct image files looked at


def audit_images(content_dir: Path, settings: ImageSettings, *, max_bytes: int = ADVISED_MAX_BYTES,
                 max_pixels: int = ADVISED_MAX_PIXELS) -> ImageAudit:
    registry, _ = load_registry(content_dir)
    corpus = read_content_folder(content_dir, registry)
    items = [ArticleImages(a.source_path, a.image, a.body) for a in corpus.articles]
    published = publish_images(items, content_dir, settings, lambda path: article_lines(content_dir, path))
    audit = ImageAudit(problems=list(published.problems))
    used: set[str] = set()
    for item in items:
        refs = article_refs(item.article_path, item.cover, item.body)
        used.update(ref.path for ref in refs if ref.path)
        if not refs:
            continue
        cover_line, body_line = article_lines(content_dir, item.article_path)
        for ref in article_refs(item.article_path, item.cover, item.body, cover_line=cover_line, body_line=body_line):
            if ref.external:
                audit.problems.append(Problem(item.article_path, (
                    f"ảnh `{ref.written}` lấy từ trang web khác: hãy tải ảnh về, đặt vào content/images/ "
                    "và ghi đường dẫn mới (cổng không tải ảnh từ nơi khác)."), line=ref.line))
            elif ref.path in published.images:
                advice = _size_advice(content_dir / ref.path, max_bytes, max_pixels)
                if advice:
                    audit.problems.append(Problem(item.article_path, f"ảnh `{ref.written}`: {advice}", line=ref.line))
    audit.checked = len(used)
    audit.unused = sorted(path for path in _files_under(content_dir, IMAGES_DIR) if path not in used)
    audit.problems.sort(key=lambda problem: (problem.path, problem.line or 0))
    return audit


def _size_advice(path: Path, max_bytes: int, max_pixels: int) -> str | None:
    size = path.stat().st_size
    try:
        with Image.open(path) as image:
            width, height = image.size
    except (OSError, UnidentifiedImageError):
        return None  # reported by the build step already
    too_heavy = size > max_bytes
    too_large = width * height > max_pixels
    if not (too_heavy or too_large):
        return None
    return (f"ảnh quá lớn ({size / 1e6:.1f} MB, {width}×{height} điểm ảnh; nên dưới {max_bytes / 1e6:.0f} MB "
            f"và {max_pixels / 1e6:.0f} triệu điểm ảnh): hãy thu nhỏ còn khoảng 2000–4000 điểm ảnh chiều ngang.")


def _files_under(content_dir: Path, folder: str) -> list[str]:
    found = []
    for root, dirs, files in os.walk(content_dir / folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            rel = (Path(root) / name).relative_to(content_dir).as_posix()
            if is_image_path(rel):
                found.append(rel)
    return found
