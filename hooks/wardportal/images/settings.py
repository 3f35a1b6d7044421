"""Image settings: `extra.ward.images` in mkdocs.yml, with WARD_IMAGE_CACHE overriding the cache."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Mapping

DEFAULT_CACHE = ".cache/images"
VERSION = 3  # bump when the output of variants.py, thumbs.py or sharecard.py changes


class ImageSettingsError(ValueError):
    """A setting under extra.ward.images cannot be used; the message says which."""


@dataclass(frozen=True)
class ImageSettings:
    widths: tuple[int, ...] = (480, 960, 1600)
    thumb_widths: tuple[int, ...] = (320, 640)
    thumb_ratio: tuple[int, int] = (3, 2)
    max_pixels: int = 130_000_000  # a 12000×10800 phone panorama still passes
    max_file_bytes: int = 25_000_000
    webp_quality: int = 80
    jpeg_quality: int = 82
    cache_dir: Path = field(default=Path(DEFAULT_CACHE), compare=False)
    workers: int | None = field(default=None, compare=False)  # None: every core

    @property
    def fingerprint(self) -> str:
        """What the processed output depends on, besides the source bytes."""
        return _fingerprint(self)


@lru_cache(maxsize=8)
def _fingerprint(settings: ImageSettings) -> str:
    """Computed once per settings value: every image and share card asks for it."""
    data = {k: v for k, v in asdict(settings).items() if k not in ("cache_dir", "workers")}
    data["version"] = VERSION
    return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()[:16]


def read_image_settings(raw: Mapping | None, environ: Mapping[str, str], project_root: Path) -> ImageSettings:
    raw = dict(raw or {})
    values: dict = {}
    for key in ("widths", "thumb_widths"):
        if key in raw:
            widths = raw[key]
            if not isinstance(widths, list) or not widths or not all(
                    isinstance(w, int) and not isinstance(w, bool) and w > 0 for w in widths):
                raise ImageSettingsError(f"extra.ward.images.{key} phải là danh sách số nguyên dương, "
                                         f"ví dụ [480, 960, 1600], đang là `{widths}`.")
            values[key] = tuple(sorted(set(widths)))
    for key in ("max_pixels", "max_file_bytes", "webp_quality", "jpeg_quality", "workers"):
        if key in raw:
            value = raw[key]
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise ImageSettingsError(f"extra.ward.images.{key} phải là số nguyên dương, đang là `{value}`.")
            values[key] = value
    cache = environ.get("WARD_IMAGE_CACHE") or raw.get("cache") or DEFAULT_CACHE
    cache_dir = Path(str(cache))
    values["cache_dir"] = cache_dir if cache_dir.is_absolute() else project_root / cache_dir
    return ImageSettings(**values)
