"""The newsroom editor in the built site (`site/quan-tri/` by default), after each build.

Decap's config.yml is generated here from the registry the build just read and from
`extra.ward.editor`, so a registry change reaches the editor with the next build. Without
editor/node_modules (scripts/setup.sh not run) the build goes on without the editor and
says so; a build that configures a production backend warns instead (`--strict` fails).
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from wardportal.newsroom.bundle import BundleMissing, publish_editor
from wardportal.newsroom.settings import EditorSettingsError, read_editor_settings
from wardportal.portal.documents import load_types
from wardportal.registry import Registry
from wardportal.royalties.rules import load_rules

log = logging.getLogger("mkdocs.plugins.ward")


def publish_editor_site(config: MkDocsConfig, registry: Registry) -> None:
    raw = config.extra.get("ward", {}).get("editor")
    try:
        settings = read_editor_settings(raw, config.site_url or "")
    except EditorSettingsError as exc:
        raise PluginError(str(exc)) from None
    if not settings.enabled:
        return
    base = Path(config.config_file_path or ".").resolve().parent
    docs_dir = Path(os.path.relpath(Path(config.docs_dir).resolve(), base)).as_posix()
    try:
        publish_editor(Path(config.site_dir) / settings.path, registry, settings,
                       site_name=config.site_name, docs_dir=docs_dir,
                       document_types=load_types(Path(config.docs_dir))[0],  # problems: the build names them
                       royalties=load_rules(Path(config.docs_dir))[0])
    except BundleMissing as exc:
        message = f"Không xuất bản trình biên tập /{settings.path}/: {exc}"
        (log.warning if isinstance(raw, dict) and "backend" in raw else log.info)(message)
