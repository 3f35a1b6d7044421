"""Builds stopped midway, and links out of content/: site/ is never left holding only the hidden
kept folders, a killed build's temporaries are swept, a symlinked image is refused."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

import image_samples as samples
from conftest import FIXTURE_REGISTRY, ROOT, FixtureSite, article_text

_SET_ASIDE = """
import os, signal, sys
sys.path.insert(0, {hooks!r})
from wardportal.keptfolders import KeptFolders
kept = KeptFolders({site!r}, ("bai-viet", "images"))
kept.set_aside()
assert not os.path.exists(os.path.join({site!r}, "bai-viet"))
{ending}
"""


@pytest.mark.parametrize("ending, code", [
    ("os.kill(os.getpid(), signal.SIGTERM)", -signal.SIGTERM),  # what `kill` and systemd send
    ("raise RuntimeError('hỏng giữa chừng')", 1),
])
def test_a_build_stopped_while_folders_are_aside_puts_them_back(tmp_path, ending, code):
    site = tmp_path / "site"
    (site / "bai-viet" / "bai-1").mkdir(parents=True)
    (site / "bai-viet" / "bai-1" / "index.html").write_text("<p>bài</p>", encoding="utf-8")
    (site / "images").mkdir()
    script = _SET_ASIDE.format(hooks=str(ROOT / "hooks"), site=str(site), ending=ending)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert result.returncode == code, result.stderr
    assert sorted(os.listdir(site)) == ["bai-viet", "images"]
    assert (site / "bai-viet" / "bai-1" / "index.html").read_text(encoding="utf-8") == "<p>bài</p>"


def test_a_forked_worker_killed_by_sigterm_does_not_touch_the_folders(tmp_path):
    site = tmp_path / "site"
    (site / "bai-viet").mkdir(parents=True)
    ending = ("pid = os.fork()\n"
              "if pid == 0:\n    os.kill(os.getpid(), signal.SIGTERM)\n"
              "os.waitpid(pid, 0)\n"
              f"assert not os.path.exists(os.path.join({str(site)!r}, 'bai-viet'))\n"
              "kept.restore()")
    script = _SET_ASIDE.format(hooks=str(ROOT / "hooks"), site=str(site), ending=ending)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert os.listdir(site) == ["bai-viet"]


@pytest.fixture
def site(tmp_path) -> FixtureSite:
    site = FixtureSite(tmp_path / "du-an")
    site.write("_portal/registry.yml", FIXTURE_REGISTRY)
    site.write("images/2026/tot.jpg", samples.phone_photo(900, 600))
    site.article("2024/03/a.md", title="Bài có ảnh", image="images/2026/tot.jpg")
    return site


def test_stale_temporaries_of_killed_builds_are_swept(site):
    site.build(strict=True)
    cache = site.root / ".cache"
    old = time.time() - 3600
    stale = [cache / "html" / "ab" / "tmpq1w2e3.tmp", cache / "images" / ".tmp-12345678-abc" / "960w.webp",
             cache / "images" / ".files-xyz.json", cache / "html" / "tmpgoc.tmp"]
    fresh = cache / "html" / "cd" / "tmpmoi.tmp"  # another build may be writing it now
    for path in [*stale, fresh]:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"nua chung")
    for path in stale:
        os.utime(path, (old, old))
    os.utime(stale[1].parent, (old, old))
    site.build(strict=True)
    assert [path for path in stale if path.exists()] == [] and not stale[1].parent.exists()
    assert fresh.exists()


def test_an_image_symlinked_from_outside_content_is_refused(site, tmp_path):
    outside = tmp_path / "ngoai" / "bi-mat.jpg"
    outside.parent.mkdir()
    outside.write_bytes(samples.phone_photo(800, 600))
    (site.content / "images" / "2026" / "lien-ket.jpg").symlink_to(outside)
    (site.content / "images" / "ngoai").symlink_to(outside.parent, target_is_directory=True)
    site.write("bai-viet/2024/03/b.md", article_text(
        title="Bài có ảnh liên kết", date="2024-03-11 09:00", image="images/2026/lien-ket.jpg",
        body="Đoạn mở đầu đủ dài của bài viết để làm phần tóm tắt.\n\n![Ảnh](/images/ngoai/bi-mat.jpg)\n"))
    result = site.build(check=False)
    assert "content/bai-viet/2024/03/b.md:6: ảnh `images/2026/lien-ket.jpg`" in result.stdout
    assert "ảnh `/images/ngoai/bi-mat.jpg` (content/images/ngoai/bi-mat.jpg) là liên kết tượng trưng" in result.stdout
    published = [p.name for p in (site.site / "images").rglob("*") if p.is_file()]
    assert published and not [name for name in published if "lien-ket" in name or "bi-mat" in name]
    assert site.build(strict=True, check=False).returncode != 0
