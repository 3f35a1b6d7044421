"""One build's images: find every article's images, process them once (cached, in parallel),
and say which files to publish and what went wrong, article by article.
"""

from __future__ import annotations

import os
import posixpath
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from wardportal.images import sharecard
from wardportal.images.cache import BackgroundJobs, CacheStats, ImageCache, Job
from wardportal.images.refs import ImageRef, article_refs, is_image_path
from wardportal.images.settings import ImageSettings
from wardportal.memo import RebuildMemo
from wardportal.images.variants import ProcessedImage, Variant
from wardportal.problems import Problem

CARD_NAME = "anh-chia-se.jpg"

# (article path) → (line of `image:`, first line of the body), asked only to locate problems
LineFinder = Callable[[str], tuple]


@dataclass(frozen=True)
class ArticleImages:
    """What the image step needs from one published article."""

    article_path: str  # content-relative
    cover: str | None
    body: str
    card: sharecard.ShareCard | None = None
    card_dir: str | None = None  # site folder of the article (`bai-viet/<slug>/`)


@dataclass
class PublishedImages:
    images: dict[str, ProcessedImage] = field(default_factory=dict)  # content path → processed
    outputs: dict[str, Path] = field(default_factory=dict)  # site path → cached file to publish
    cards: dict[str, str] = field(default_factory=dict)  # article path → site path of its card
    problems: list[Problem] = field(default_factory=list)
    stats: CacheStats = field(default_factory=CacheStats)
    card_drawing: BackgroundJobs | None = None

    def wait_for_cards(self) -> None:
        if self.card_drawing is not None:
            self.card_drawing.wait()
            self.card_drawing = None

    def image(self, content_path: str | None) -> ProcessedImage | None:
        return self.images.get(content_path) if content_path else None


def variant_uri(content_path: str, variant: Variant) -> str:
    """Site path of a variant: `images/2026/anh.jpg` + `960w.webp` → `images/2026/anh-960w.webp`."""
    folder, name = posixpath.split(content_path)
    return posixpath.join(folder, f"{name.rsplit('.', 1)[0]}-{variant.name}")


def publish_images(articles: list[ArticleImages], content_dir: Path, settings: ImageSettings,
                   find_lines: LineFinder, memo: RebuildMemo | None = None,
                   background_cards: bool = False) -> PublishedImages:
    """Every article's images processed (from the cache where possible) and their outputs.

    With `background_cards`, share cards are drawn by a second process while the caller goes
    on; their outputs are named at once, but exist only after `wait_for_cards`.
    """
    result = PublishedImages()
    cache = ImageCache(settings, memo)
    failed: dict[str, list[tuple[ImageRef, str]]] = {}  # article path → (ref, message)
    keys: dict[str, str] = {}  # content path → cache key
    refs_by_path = _checked_references(articles, content_dir, failed)
    for path in refs_by_path:
        keys[path] = cache.photo_key(content_dir / path)
    jobs = [Job("photo", key, str(content_dir / path)) for path, key in keys.items()]
    cards = [item for item in articles if item.card is not None]
    if cards:
        try:
            sharecard.font_path(sharecard.BOLD), sharecard.font_path(sharecard.REGULAR)
        except sharecard.FontMissing as exc:
            result.problems.append(Problem(cards[0].article_path, str(exc)))
            cards = []
    card_keys = {item.article_path: cache.card_key(item.card) for item in cards}
    card_jobs = [Job("card", card_keys[item.article_path], item.card) for item in cards]
    if background_cards:  # drawn while the build goes on: see PublishedImages.wait_for_cards
        metas = cache.run(jobs)
        result.card_drawing = cache.start(card_jobs)
    else:
        metas = cache.run(jobs + card_jobs)
    for path, key in keys.items():
        meta = metas[key]
        if "error" in meta:
            for ref in refs_by_path[path]:
                failed.setdefault(ref.article_path, []).append((ref, f"ảnh `{ref.written}` ({path}): {meta['error']}"))
            continue
        processed = ProcessedImage.from_json(meta)
        result.images[path] = processed
        for variant in processed.variants + processed.thumbs:
            result.outputs[variant_uri(path, variant)] = cache.entry_dir(key) / variant.name
    for item in cards:
        site_path = posixpath.join(item.card_dir or "", CARD_NAME)
        result.cards[item.article_path] = site_path
        result.outputs[site_path] = cache.entry_dir(card_keys[item.article_path]) / sharecard.FILE_NAME
    by_article = {item.article_path: item for item in articles}
    for article_path in sorted(failed):
        result.problems.extend(_located(by_article[article_path], failed[article_path], find_lines))
    result.stats = cache.stats
    return result


def reference_problems(articles: list[ArticleImages], content_dir: Path, find_lines: LineFinder) -> list[Problem]:
    """The image problems found without opening an image: missing files, paths outside
    content/, unsupported types, clashing names. scripts/check.py reports these as the build does."""
    failed: dict[str, list[tuple[ImageRef, str]]] = {}
    _checked_references(articles, content_dir, failed)
    by_article = {item.article_path: item for item in articles}
    return [problem for path in sorted(failed) for problem in _located(by_article[path], failed[path], find_lines)]


def _checked_references(articles: list[ArticleImages], content_dir: Path,
                        failed: dict[str, list[tuple[ImageRef, str]]]) -> dict[str, list[ImageRef]]:
    """Every usable image reference by content path; the others go into `failed`."""
    refs_by_path: dict[str, list[ImageRef]] = {}
    for item in articles:
        for ref in article_refs(item.article_path, item.cover, item.body):
            message = _reference_problem(ref, content_dir)
            if message:
                failed.setdefault(ref.article_path, []).append((ref, message))
            elif ref.path is not None:
                refs_by_path.setdefault(ref.path, []).append(ref)
    for path in _same_stem_clashes(refs_by_path, failed):
        del refs_by_path[path]
    return refs_by_path


def _same_stem_clashes(refs_by_path: dict[str, list[ImageRef]],
                       failed: dict[str, list[tuple[ImageRef, str]]]) -> list[str]:
    """Images whose variants would overwrite another's (`anh.jpg` and `anh.png` both give
    `anh-960w.webp`): the second by path is reported and left out."""
    owners: dict[str, str] = {}
    clashes = []
    for path in sorted(refs_by_path):
        stem = path.rsplit(".", 1)[0]
        first = owners.setdefault(stem, path)
        if first != path:
            clashes.append(path)
            for ref in refs_by_path[path]:
                failed.setdefault(ref.article_path, []).append(
                    (ref, f"ảnh `{ref.written}` ({path}) trùng tên với content/{first} (chỉ khác phần đuôi): "
                          "các bản thu nhỏ sẽ ghi đè lên nhau. Hãy đổi tên một trong hai ảnh."))
    return clashes


def _reference_problem(ref: ImageRef, content_dir: Path) -> str | None:
    if ref.external:  # nothing loads from another host; in a body, the content policy removes it
        return None if not ref.cover else (
            f"ảnh bìa `{ref.written}` nằm trên trang khác, mà cổng không tải gì từ trang khác: hãy tải ảnh về, "
            "đặt vào thư mục content/images/ rồi ghi `image: images/2026/anh.jpg`.")
    if ref.path is None:
        return f"đường dẫn ảnh `{ref.written}` trỏ ra ngoài thư mục content/: hãy đặt ảnh trong content/images/."
    if not is_image_path(ref.path):
        return (f"`{ref.written}` không phải tệp ảnh được hỗ trợ: dùng ảnh .jpg, .jpeg, .png hoặc .webp.")
    if _links_outside(content_dir, ref.path):
        return (f"ảnh `{ref.written}` (content/{ref.path}) là liên kết tượng trưng (symlink) trỏ ra ngoài thư mục "
                "content/: không đăng. Hãy chép chính tệp ảnh vào content/images/.")
    if not (content_dir / ref.path).is_file():
        hint = "tính từ thư mục content/, ví dụ `images/2026/anh.jpg`" if ref.cover else "tính từ thư mục của bài viết"
        return (f"không tìm thấy ảnh `{ref.written}` (content/{ref.path}): kiểm tra tên tệp, chữ hoa/thường "
                f"và thư mục; đường dẫn ảnh được {hint}.")
    return None


def _links_outside(content_dir: Path, path: str) -> bool:
    """Whether the path resolves, through a symlink anywhere on it, to outside content/."""
    root = os.path.realpath(content_dir)
    return os.path.commonpath([root, os.path.realpath(content_dir / path)]) != root


def _located(item: ArticleImages, problems: list[tuple[ImageRef, str]], find_lines: LineFinder) -> list[Problem]:
    """The problems of one article, with the line of each image in the article file."""
    cover_line, body_line = find_lines(item.article_path)
    with_lines = article_refs(item.article_path, item.cover, item.body, cover_line=cover_line, body_line=body_line)
    lines: dict[tuple, list[int | None]] = {}
    for ref in with_lines:
        lines.setdefault((ref.written, ref.cover), []).append(ref.line)
    located = []
    for ref, message in problems:
        found = lines.get((ref.written, ref.cover)) or [None]
        located.append(Problem(item.article_path, message, line=found.pop(0) if len(found) > 1 else found[0],
                               field="image" if ref.cover else None))
    return sorted(located, key=lambda problem: problem.line or 0)
