"""Shared test fixtures: small content folders written by the tests, and real MkDocs builds."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))
sys.path.insert(0, str(ROOT / "scripts"))

# Ctrl-C as in a terminal for every process the tests start. A CI runner may start the suite as
# a background job of a non-interactive shell, which ignores SIGINT; an ignored signal stays
# ignored through exec, so `mkdocs serve` and scripts/editor.py would never stop on the SIGINT
# the tests send them. A handled signal is reset to its default in a child at exec.
if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)

# A small registry used by fixture sites (the sample site has its own, bigger one).
FIXTURE_REGISTRY = """\
categories:
  - id: tin-hoat-dong
    name: Tin hoạt động
    order: 1
    aliases: [tin tức hoạt động]
  - id: bai-viet-chuyen-sau
    name: Bài viết chuyên sâu
    order: 2
    aliases: [các bài viết chuyên sâu]
  - id: van-hoa-xa-hoi
    name: Văn hóa – Xã hội
units:
  - id: dang-uy
    name: Đảng ủy phường
    aliases: [Đảng uỷ]
  - id: ubnd
    name: UBND phường
    aliases: [Ủy ban nhân dân phường]
  - id: doan-thanh-nien
    name: Đoàn thanh niên phường
  - id: hoi-phu-nu
    name: Hội Liên hiệp phụ nữ phường
"""


def hooks_script_env(**extra: str) -> dict[str, str]:
    """The environment of a `python -c` script that drives MkDocs builds in process, as
    `mkdocs serve` does: the tests' helpers, hooks/ and scripts/ importable, the fixed date."""
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", "WARD_AS_OF": "2026-11-26", **extra,
            "PYTHONPATH": os.pathsep.join([str(ROOT / "tests"), str(ROOT / "hooks"), str(ROOT / "scripts")])}


def article_text(title: str = "Tin thử nghiệm", date: str = "2024-03-10 08:00", unit: str = "dang-uy",
                 category: str = "tin-hoat-dong", body: str = "Nội dung bài viết thử nghiệm đủ dài để làm tóm tắt.",
                 **extra) -> str:
    """An article file's text; `extra` adds front-matter fields (None values are left out)."""
    meta = {"title": title, "date": date, "unit": unit, "category": category, **extra}
    lines = ["---"]
    for key, value in meta.items():
        if value is None:
            continue
        lines.append(f"{key}: {yaml.safe_dump(value, allow_unicode=True, default_flow_style=True).strip().removesuffix('...').strip()}")
    lines += ["---", "", body, ""]
    return "\n".join(lines)


@dataclass
class FixtureSite:
    """A throwaway portal: its own content folder, the project's theme and hooks."""

    root: Path
    theme: Path = ROOT / "theme"  # a test may point this at a modified copy
    markdown_extensions: list | None = None  # None: the project's own
    site_name: str | None = None  # None: the project's own

    @property
    def content(self) -> Path:
        return self.root / "content"

    @property
    def site(self) -> Path:
        return self.root / "site"

    def write(self, rel_path: str, text: str | bytes) -> Path:
        path = self.content / rel_path
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(textwrap.dedent(text) if text.startswith("\n") else text, encoding="utf-8")
        return path

    def article(self, rel_name: str, **fields) -> Path:
        """Write content/bai-viet/<rel_name> from article_text(**fields)."""
        return self.write(f"bai-viet/{rel_name}", article_text(**fields))

    def config(self, **extra_ward) -> Path:
        config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
        config["docs_dir"] = str(self.content)
        config["site_dir"] = str(self.site)
        config["theme"]["custom_dir"] = str(self.theme)
        if self.markdown_extensions is not None:
            config["markdown_extensions"] = self.markdown_extensions
        if self.site_name is not None:
            config["site_name"] = self.site_name
        config["hooks"] = [str(ROOT / "hooks" / "portal.py")]
        config.setdefault("extra", {}).setdefault("ward", {}).update(extra_ward)
        path = self.root / "mkdocs.yml"
        path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
        return path

    def build(self, *, strict: bool = False, env: dict | None = None, check: bool = True, **extra_ward):
        """Run `mkdocs build` for real; returns the CompletedProcess (output in .stdout)."""
        config = self.config(**extra_ward)
        command = [sys.executable, "-m", "mkdocs", "build", "-f", str(config)] + (["--strict"] if strict else [])
        run_env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "WARD_AS_OF": "2026-11-26", **(env or {})}
        result = subprocess.run(command, cwd=self.root, env=run_env, capture_output=True, text=True)
        result.stdout = result.stdout + result.stderr
        if check and result.returncode != 0:
            raise AssertionError(f"mkdocs build failed:\n{result.stdout}")
        return result

    def html(self, url_path: str) -> str:
        """The built page at a site URL like `chuyen-muc/tin-hoat-dong/`."""
        target = self.site / url_path
        if url_path.endswith("/") or url_path == "":
            target = target / "index.html"
        return target.read_text(encoding="utf-8")


@pytest.fixture
def fixture_site(tmp_path: Path) -> FixtureSite:
    site = FixtureSite(tmp_path)
    site.write("_portal/registry.yml", FIXTURE_REGISTRY)
    return site


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory) -> FixtureSite:
    """The bundled sample portal (content/), built once per test session with --strict."""
    root = tmp_path_factory.mktemp("sample")
    site = FixtureSite(root)
    (root / "content").symlink_to(ROOT / "content")
    site.build(strict=True)
    return site
