"""Publish the editor into a folder: the pinned Decap bundle, its page, script and config.

Only what the browser loads is published: `decap-cms.js`, the chunk files it loads lazily
from its own folder (`<n>.decap-cms.js`) and the licence notice; never the source maps
(~50 MB). Bundle files are hard-linked from editor/node_modules (copied across file
systems), so publishing costs a few dozen links per build.
"""

from __future__ import annotations

import html
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from wardportal.newsroom.config import config_yaml, decap_config
from wardportal.newsroom.settings import EditorSettings
from wardportal.portal.documents import DocumentType
from wardportal.registry import Registry
from wardportal.royalties.rules import RoyaltyRules

ROOT = Path(__file__).resolve().parents[3]
EDITOR_DIR = ROOT / "editor"
DIST_DIR = EDITOR_DIR / "node_modules" / "decap-cms" / "dist"
WEB_DIR = EDITOR_DIR / "web"
PREVIEW_CSS = ROOT / "theme" / "assets" / "stylesheets" / "ward.css"
_BUNDLE_RE = re.compile(r"^(\d+\.)?decap-cms\.js(\.LICENSE\.txt)?$")


class BundleMissing(RuntimeError):
    """decap-cms is not installed (editor/node_modules): scripts/setup.sh installs it."""


@dataclass(frozen=True)
class EditorSite:
    folder: Path
    files: tuple[str, ...]   # published file names, relative to folder


def bundle_files(dist_dir: Path = DIST_DIR) -> list[Path]:
    """The Decap files the browser may load, without source maps."""
    if not (dist_dir / "decap-cms.js").is_file():
        raise BundleMissing(f"chưa cài Decap CMS ({dist_dir} không có decap-cms.js): chạy `bash scripts/setup.sh`.")
    return sorted(path for path in dist_dir.iterdir() if _BUNDLE_RE.match(path.name))


def publish_editor(folder: Path, registry: Registry, settings: EditorSettings, *, site_name: str,
                   docs_dir: str = "content", local_url: str | None = None, branch: str = "main",
                   dist_dir: Path = DIST_DIR, document_types: list[DocumentType] | None = None,
                   royalties: RoyaltyRules | None = None) -> EditorSite:
    """Write the editor into `folder` (created); raises BundleMissing without node_modules."""
    sources = bundle_files(dist_dir)
    folder.mkdir(parents=True, exist_ok=True)
    for source in sources:
        _link(source, folder / source.name)
    page = (WEB_DIR / "index.html").read_text(encoding="utf-8").replace("{{SITE_NAME}}", html.escape(site_name))
    texts = {
        "index.html": page,
        "ward-editor.js": (WEB_DIR / "ward-editor.js").read_text(encoding="utf-8"),
        "xem-truoc.css": (WEB_DIR / "xem-truoc-nen.css").read_text(encoding="utf-8")
                         + PREVIEW_CSS.read_text(encoding="utf-8"),
        "config.yml": config_yaml(decap_config(registry, settings, docs_dir, local_url, branch, document_types,
                                               royalties)),
    }
    for name, text in texts.items():
        _write_if_changed(folder / name, text.encode("utf-8"))
    return EditorSite(folder, tuple(sorted([s.name for s in sources] + list(texts))))


def _link(source: Path, target: Path) -> None:
    try:
        if target.stat().st_ino == source.stat().st_ino:
            return
        target.unlink()
    except FileNotFoundError:
        pass
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


def _write_if_changed(path: Path, data: bytes) -> None:
    try:
        if path.read_bytes() == data:
            return
    except OSError:
        pass
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)
