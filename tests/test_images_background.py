"""Share cards drawn by a second process while the build goes on (images.cache.BackgroundJobs)."""

from __future__ import annotations

import pytest
from PIL import Image

from wardportal.images import cache as image_cache
from wardportal.images.cache import ImageCache, Job
from wardportal.images.settings import read_image_settings
from wardportal.images.sharecard import FILE_NAME, ShareCard


def _cache(tmp_path) -> ImageCache:
    return ImageCache(read_image_settings({"cache_dir": str(tmp_path / "cache")}, {}, tmp_path))


def _card_jobs(cache: ImageCache, count: int) -> list[Job]:
    cards = [ShareCard("Cổng thông tin phường", f"Tin số {number} về hội nghị", "Đảng ủy", "01/02/2026")
             for number in range(count)]
    return [Job("card", cache.card_key(card), card) for card in cards]


def test_background_drawing_leaves_every_card_in_the_cache(tmp_path):
    cache = _cache(tmp_path)
    jobs = _card_jobs(cache, image_cache.BACKGROUND_MIN + 6)
    drawing = cache.start(jobs)
    assert drawing.process is not None  # enough jobs for a second process
    drawing.wait()
    for job in jobs:
        with Image.open(cache.entry_dir(job.key) / FILE_NAME) as card:
            assert card.size == (1200, 630)
    assert cache.stats.processed == len(jobs)
    again = _cache(tmp_path).start(jobs)  # all cached now: nothing to draw
    assert again.jobs == [] and again.process is None


def test_a_job_that_fails_in_the_background_fails_in_wait(tmp_path):
    cache = _cache(tmp_path)
    jobs = _card_jobs(cache, image_cache.BACKGROUND_MIN)
    jobs[5] = Job("card", "f" * 64, "not a card")  # draw() fails on it, in either process
    drawing = cache.start(jobs)
    with pytest.raises(AttributeError):
        drawing.wait()
