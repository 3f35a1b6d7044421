"""Listing thumbnails: every photo cropped to one aspect ratio, so list rows line up."""

from __future__ import annotations

from pathlib import Path

from PIL import Image

from wardportal.images.settings import ImageSettings
from wardportal.images.variants import Variant, save, target_widths


def crop_box(width: int, height: int, ratio: tuple[int, int]) -> tuple[int, int, int, int]:
    """The largest box of `ratio` inside the image; centred, a little above middle (faces, heads)."""
    rw, rh = ratio
    if width * rh > height * rw:  # too wide: cut the sides
        crop_w = max(1, round(height * rw / rh))
        left = (width - crop_w) // 2
        return left, 0, left + crop_w, height
    crop_h = max(1, round(width * rh / rw))
    top = round((height - crop_h) * 0.4)
    return 0, top, width, top + crop_h


def write_thumbs(image: Image.Image, out_dir: Path, settings: ImageSettings) -> tuple[Variant, ...]:
    """Cropped thumbnails in WebP and the fallback format; never upscaled."""
    cropped = image.crop(crop_box(image.width, image.height, settings.thumb_ratio))
    fallback = "png" if image.mode == "RGBA" else "jpg"
    thumbs = []
    for width in target_widths(cropped.width, settings.thumb_widths):
        height = max(1, round(width * settings.thumb_ratio[1] / settings.thumb_ratio[0]))
        scaled = cropped.resize((width, height), Image.Resampling.LANCZOS, reducing_gap=3.0)
        for ext in ("webp", fallback):
            name = f"thumb-{width}w.{ext}"
            save(scaled, out_dir / name, ext, settings)
            thumbs.append(Variant(width, height, name))
    return tuple(thumbs)
