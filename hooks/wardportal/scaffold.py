"""New articles from a title, unit and category: the portal's archetype."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from wardportal import urls
from wardportal.article import SLUG_RE
from wardportal.corpus import Corpus
from wardportal.dates import PublishedAt
from wardportal.frontmatter_io import render_article, write_new_file
from wardportal.registry import Registry
from wardportal.vntext import nfc, slugify

BODY_HINT = "Viết nội dung bài viết ở đây. Đoạn đầu tiên được dùng làm tóm tắt nếu không ghi `summary`.\n"


class ScaffoldError(ValueError):
    """The article cannot be created; the message says why and what to do."""


@dataclass(frozen=True)
class NewArticle:
    path: Path
    text: str


def plan_new_article(content_dir: Path, registry: Registry, corpus: Corpus, *, title: str, unit: str,
                     category: str, moment: datetime, slug: str | None = None, draft: bool = True) -> NewArticle:
    title = nfc(title).strip()
    if not title:
        raise ScaffoldError("tiêu đề đang để trống: hãy nhập tiêu đề bài viết.")
    unit_entry = registry.unit(unit)
    if unit_entry is None:
        raise ScaffoldError(f"đơn vị “{unit}” không có trong danh mục. Có phải là: "
                            f"{', '.join(registry.suggest('unit', unit))}?")
    category_entry = registry.category(category)
    if category_entry is None:
        raise ScaffoldError(f"chuyên mục “{category}” không có trong danh mục. Có phải là: "
                            f"{', '.join(registry.suggest('category', category))}?")
    if slug is not None and not SLUG_RE.match(slug):
        raise ScaffoldError(f"--slug `{slug}` không hợp lệ: chỉ dùng chữ thường không dấu, số và dấu `-`, "
                            f"ví dụ `{slugify(slug) or 'hoi-nghi-so-ket'}`.")
    slug = slug or slugify(title)
    if not slug:
        raise ScaffoldError("không tạo được đường dẫn từ tiêu đề: hãy dùng --slug.")
    taken = next((a for a in corpus.articles if a.slug == slug), None)
    if taken is not None:
        raise ScaffoldError(f"đường dẫn `{urls.article(slug)}` đã được bài {taken.source_path} dùng. "
                            "Hãy đổi tiêu đề hoặc dùng --slug.")
    published = PublishedAt(moment.replace(second=0, microsecond=0), True)
    meta = {"title": title, "date": published.canonical(), "unit": unit_entry.id,
            "category": category_entry.id, "views": 0}
    if draft:
        meta["draft"] = True
    if slug != slugify(title):
        meta["slug"] = slug
    path = content_dir / urls.ARTICLES_DIR / f"{moment:%Y}" / f"{moment:%m}" / f"{slug}.md"
    return NewArticle(path, render_article(meta, BODY_HINT))


def create_article(new: NewArticle) -> None:
    """Write the file; never replaces an existing one."""
    try:
        write_new_file(new.path, new.text, overwrite=False)
    except FileExistsError:
        raise ScaffoldError(f"tệp {new.path} đã tồn tại: không ghi đè. Hãy chọn tiêu đề hoặc --slug khác.") from None
