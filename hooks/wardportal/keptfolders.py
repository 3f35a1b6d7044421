"""Site folders kept across a clean build, so unchanged pages are not written again.

MkDocs empties site/ before every build, `mkdocs serve` rebuilds included, so 10,000
article pages and their images would be deleted and linked again after each save. The
folders only the portal writes to (articles, processed images) are moved aside before the
clean (MkDocs leaves names starting with a dot alone) and moved back after it. The portal
then rewrites only pages whose content changed, and `remove_unexpected` deletes whatever
the build did not produce, so the result is exactly what a clean build gives.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Iterable

_PREFIX = ".ward-kept-"
TWIN_SUFFIX = ".gz"  # wardportal.precompress


class KeptFolders:
    def __init__(self, site_dir: str, names: Iterable[str]) -> None:
        self.site_dir = Path(site_dir)
        self.names = tuple(names)

    def _aside(self, name: str) -> Path:
        return self.site_dir / f"{_PREFIX}{name}"

    def set_aside(self) -> None:
        """Before MkDocs cleans site/: move the folders out of its way."""
        for name in self.names:
            folder, aside = self.site_dir / name, self._aside(name)
            if folder.is_dir() and not folder.is_symlink():
                if aside.exists():  # left by a build that failed: the newer folder wins
                    shutil.rmtree(aside, ignore_errors=True)
                os.replace(folder, aside)

    def restore(self) -> None:
        """After the clean: put the folders back (or drop them if the site has its own now)."""
        for name in self.names:
            folder, aside = self.site_dir / name, self._aside(name)
            if not aside.is_dir():
                continue
            if folder.exists():
                shutil.rmtree(aside, ignore_errors=True)
            else:
                os.replace(aside, folder)

    def discard(self) -> None:
        """A failed build: never leave a hidden copy in the site."""
        for name in self.names:
            shutil.rmtree(self._aside(name), ignore_errors=True)

    def remove_unexpected(self, expected: Iterable[str]) -> int:
        """Delete files under the kept folders that this build did not write, and the folders
        left empty; returns how many files went. The gzip twin of a page this build wrote stays:
        wardportal.precompress keeps it in step."""
        wanted = {os.path.normpath(path) for path in expected}
        removed = 0
        for name in self.names:
            root = self.site_dir / name
            for folder, dirs, files in os.walk(root, topdown=False):
                for file_name in files:
                    path = os.path.join(folder, file_name)
                    if path not in wanted and not (path.endswith(TWIN_SUFFIX) and path[: -len(TWIN_SUFFIX)] in wanted):
                        os.unlink(path)
                        removed += 1
                if folder != str(root) and not os.listdir(folder):
                    os.rmdir(folder)
        return removed
