"""Images per second, cold (empty cache) and warm (a rebuild), for scripts/bench.py."""

from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path

from wardportal.images.cache import ImageCache, Job
from wardportal.images.settings import ImageSettings


def images_per_second(paths: list[Path], cache_dir: Path, settings: ImageSettings | None = None) -> dict:
    """Process `paths` into an empty `cache_dir` (cold), then again as a rebuild would (warm)."""
    settings = replace(settings or ImageSettings(), cache_dir=Path(cache_dir))
    if any(Path(cache_dir).glob("*/*/meta.json")):
        raise ValueError(f"{cache_dir} already holds cached images: a cold run needs an empty folder.")
    result: dict = {"images": len(paths), "workers": settings.workers}
    for phase in ("cold", "warm"):
        start = time.perf_counter()
        cache = ImageCache(settings)  # a fresh object, as a new build would have
        cache.run([Job("photo", cache.photo_key(Path(p)), str(p)) for p in paths])
        seconds = time.perf_counter() - start
        result[f"{phase}_seconds"] = seconds
        result[f"{phase}_per_second"] = len(paths) / seconds if seconds > 0 else float("inf")
        result[f"{phase}_processed"] = cache.stats.processed
    return result
