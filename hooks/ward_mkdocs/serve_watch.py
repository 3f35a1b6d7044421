"""What `mkdocs serve` watches besides content/ and mkdocs.yml: the theme and the data files.

MkDocs watches its theme folders only with `--watch-theme`, so a saved template did not
rebuild. The portal's data files (content/_portal/) lie under docs_dir, which is watched
whole; they are named anyway, so that excluding them from docs_dir one day cannot stop
their rebuilds. hooks/ is left out on purpose: serve never reloads hook code.
"""

from __future__ import annotations

import os

from mkdocs.config.defaults import MkDocsConfig

from wardportal.registry import REGISTRY_PATH


def portal_watch_paths(config: MkDocsConfig) -> list[str]:
    """Absolute folders a rebuild depends on that MkDocs does not watch by default."""
    paths = []
    custom_dir = config.theme.custom_dir
    if custom_dir:
        paths.append(os.path.abspath(custom_dir))
    paths.append(os.path.abspath(os.path.join(config.docs_dir, REGISTRY_PATH.parent)))
    return [path for path in paths if os.path.isdir(path)]


def watched_paths(config: MkDocsConfig) -> list[str]:
    """Everything a save under which makes `mkdocs serve` rebuild: content/, mkdocs.yml, the
    portal's paths above and the config's own `watch:` list."""
    paths = [config.docs_dir, *portal_watch_paths(config), *config.watch]
    if config.config_file_path:
        paths.append(config.config_file_path)
    return [os.path.abspath(path) for path in paths]


def watch_portal_files(server, config: MkDocsConfig):
    """Add the portal's paths to a LiveReloadServer (the on_serve event); returns the server."""
    for path in portal_watch_paths(config):
        server.watch(path)
    return server
