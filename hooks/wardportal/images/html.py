"""`<picture>` markup for processed images, and the rewrite of `<img>` tags in article HTML.

Every image gets WebP and fallback `srcset`s, `width`/`height` (no layout shift) and
`decoding=async`; the first image of a page loads eagerly, the rest lazily. A body image
alone in its paragraph becomes a `<figure>`; its caption is the Markdown title
(`![mô tả](anh.jpg "Chú thích")`) or the imported caption paragraph right after it.
"""

from __future__ import annotations

import html
import posixpath
import re
from typing import Callable
from urllib.parse import unquote

from wardportal.images.publish import variant_uri
from wardportal.images.variants import ProcessedImage

ARTICLE_SIZES = "(max-width: 50em) 100vw, 50em"
THUMB_SIZES = "(max-width: 30em) 40vw, 12rem"

CAPTION_CLASS = "ward-caption"  # paragraphs the legacy importer marks as photo captions
_IMG_OR_LONE_IMG = re.compile(
    r"<p>\s*(<img\b[^>]*>)\s*</p>(?:\s*<p class=\"" + CAPTION_CLASS + r"\">(.*?)</p>)?|(<img\b[^>]*>)",
    re.IGNORECASE | re.DOTALL)
_ATTR = re.compile(r"([a-zA-Z_:][-\w:.]*)\s*=\s*(\"[^\"]*\"|'[^']*')")


def picture(content_path: str, image: ProcessedImage, *, alt: str, prefix: str, eager: bool = False,
            thumbs: bool = False, sizes: str | None = None) -> str:
    """The `<picture>` for one image; `prefix` is the relative URL of the site root (`../../`)."""
    fallback = image.of(image.fallback_ext, thumbs=thumbs)
    webp = image.of("webp", thumbs=thumbs)
    if not fallback:
        return ""
    sizes = sizes or (THUMB_SIZES if thumbs else ARTICLE_SIZES)

    def srcset(variants) -> str:
        return ", ".join(f"{prefix}{variant_uri(content_path, v)} {v.width}w" for v in variants)

    default = max((v for v in fallback if v.width <= 960), key=lambda v: v.width, default=fallback[0])
    largest = fallback[-1]
    loading = 'fetchpriority="high"' if eager else 'loading="lazy"'
    return (f'<picture><source type="image/webp" srcset="{srcset(webp)}" sizes="{sizes}">'
            f'<img src="{prefix}{variant_uri(content_path, default)}" srcset="{srcset(fallback)}" sizes="{sizes}" '
            f'width="{largest.width}" height="{largest.height}" alt="{html.escape(alt)}" {loading} '
            f'decoding="async"></picture>')


def rewrite_images(content: str, page_url: str, lookup: Callable[[str], ProcessedImage | None], *,
                   prefix: str, eager_first: bool) -> str:
    """Replace each `<img>` of a processed image by its `<picture>`; drop images that failed."""
    if "<img" not in content.lower():  # most articles: no need to run the pattern over the text
        return content
    state = {"eager": eager_first}

    def replace_img(tag: str, as_figure: bool, caption_html: str | None = None) -> str | None:
        attrs = {name.lower(): html.unescape(value[1:-1]) for name, value in _ATTR.findall(tag)}
        src = attrs.get("src", "")
        if re.match(r"^[a-z][a-z0-9+.-]*:|^//", src, re.IGNORECASE):
            return None  # another site's image: left as written
        src_path = unquote(src.split("#")[0].split("?")[0])
        # `/images/a.jpg` is relative to content/, as in the article's Markdown
        path = posixpath.normpath(src_path.lstrip("/") if src_path.startswith("/") else posixpath.join(page_url, src_path))
        image = lookup(path)
        if image is None:
            return ""  # missing or broken: reported at build time, not shown as a broken image
        markup = picture(path, image, alt=attrs.get("alt", ""), prefix=prefix, eager=state["eager"])
        state["eager"] = False
        if not as_figure:
            return markup
        caption = caption_html or (html.escape(attrs["title"]) if attrs.get("title") else "")
        figcaption = f"<figcaption>{caption}</figcaption>" if caption else ""
        return f'<figure class="ward-figure">{markup}{figcaption}</figure>'

    def one(match: re.Match) -> str:
        if match.group(1):
            replaced = replace_img(match.group(1), True, match.group(2))
        else:
            replaced = replace_img(match.group(3), False)
        return match.group(0) if replaced is None else replaced

    return _IMG_OR_LONE_IMG.sub(one, content)
