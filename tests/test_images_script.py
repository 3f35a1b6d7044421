"""scripts/images.py: the editors' image check."""

from __future__ import annotations

import subprocess
import sys

import image_samples as samples
from conftest import FIXTURE_REGISTRY, ROOT, FixtureSite, article_text


def _run(*args, cwd):
    return subprocess.run([sys.executable, str(ROOT / "scripts" / "images.py"), *args], cwd=cwd,
                          capture_output=True, text=True, env={"WARD_IMAGE_CACHE": str(cwd / "cache"),
                                                               "PATH": "/usr/bin:/bin"})


def test_lists_problems_and_exits_1(tmp_path):
    site = FixtureSite(tmp_path)
    site.write("_portal/registry.yml", FIXTURE_REGISTRY)
    site.write("images/tot.jpg", samples.progressive_jpeg())
    site.write("images/hong.jpg", samples.truncated_jpeg())
    site.write("images/khong-dung.png", samples.tiny_png())
    site.write("bai-viet/2026/07/bai.md", article_text(
        date="2026-07-08 08:30", image="images/tot.jpg",
        body="Đoạn đầu đủ dài.\n\n![a](../../../images/hong.jpg)\n\n![b](thieu.jpg)\n\n![c](https://example.org/c.jpg)\n"))
    result = _run("--content", "content", "--max-mp", "1", cwd=tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert "content/bai-viet/2026/07/bai.md:6: ảnh `images/tot.jpg`: ảnh quá lớn" in result.stdout  # 2 MP > 1
    assert any(line.startswith("content/bai-viet/2026/07/bai.md:11: ảnh `../../../images/hong.jpg`") and "bị hỏng" in line
               for line in lines), result.stdout
    assert "content/bai-viet/2026/07/bai.md:13: không tìm thấy ảnh `thieu.jpg`" in result.stdout
    assert "content/bai-viet/2026/07/bai.md:15: ảnh `https://example.org/c.jpg` lấy từ trang web khác" in result.stdout
    assert "content/images/khong-dung.png: không bài viết nào dùng ảnh này." in result.stdout
    assert "4 vấn đề về ảnh" in result.stderr


def test_clean_content_exits_0_and_missing_folder_exits_2(tmp_path):
    site = FixtureSite(tmp_path)
    site.write("_portal/registry.yml", FIXTURE_REGISTRY)
    site.write("images/tot.png", samples.transparent_png())
    site.write("bai-viet/2026/07/bai.md", article_text(date="2026-07-08 08:30", image="images/tot.png"))
    result = _run("--content", "content", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Tất cả 1 ảnh đều dùng được." in result.stdout
    assert _run("--content", "khong-co", cwd=tmp_path).returncode == 2
