"""Which images an article uses: its cover (`image:`) and the images in its body.

Paths are resolved to content-relative paths: the cover relative to content/, body images
relative to the article file (or to content/ when they start with `/`).
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

IMAGE_EXTENSIONS = (".jpg", ".jpeg", ".png", ".webp", ".gif", ".tif", ".tiff", ".bmp")
IMAGES_DIR = "images"

_MARKDOWN_IMAGE = re.compile(r"!\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+[\"'][^)]*[\"'])?\s*\)")
_HTML_IMAGE = re.compile(r"<img\b[^>]*?\bsrc\s*=\s*[\"']([^\"']+)[\"']", re.IGNORECASE)


@dataclass(frozen=True)
class ImageRef:
    """One use of an image by one article; `line` is the line of the article file."""

    article_path: str  # content-relative
    written: str  # as the editor wrote it
    path: str | None  # content-relative; None when it points outside content/
    line: int | None
    cover: bool = False

    @property
    def external(self) -> bool:
        parts = urlsplit(self.written)
        return bool(parts.scheme or parts.netloc)


def is_image_path(path: str) -> bool:
    return path.lower().endswith(IMAGE_EXTENSIONS)


def resolve(written: str, base_dir: str) -> str | None:
    """`written` as a content-relative path (None when outside content/ or external)."""
    parts = urlsplit(written)
    if parts.scheme or parts.netloc:
        return None
    path = unquote(parts.path)
    joined = path.lstrip("/") if path.startswith("/") else posixpath.join(base_dir, path)
    normal = posixpath.normpath(joined)
    return None if normal.startswith("..") or normal == "." else normal


def article_refs(article_path: str, cover: str | None, body: str, *, cover_line: int | None = None,
                 body_line: int | None = None) -> list[ImageRef]:
    """The cover first, then body images in order of appearance."""
    refs = []
    if cover:
        refs.append(ImageRef(article_path, cover, resolve(cover, ""), cover_line, cover=True))
    base = posixpath.dirname(article_path)
    found = sorted([(m.start(), m.group(1)) for m in _MARKDOWN_IMAGE.finditer(body)]
                   + [(m.start(), m.group(1)) for m in _HTML_IMAGE.finditer(body)])
    for offset, written in found:
        line = body_line + body.count("\n", 0, offset) if body_line else None
        refs.append(ImageRef(article_path, written, resolve(written, base), line))
    return refs
