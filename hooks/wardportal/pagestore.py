"""Finished pages kept by a key over all their inputs, published into the site by hard link.

A warm build, or `mkdocs serve` after one article was saved, would otherwise render
thousands of pages exactly as before. The caller's key must cover every input of a page;
an entry is a plain HTML file, so publishing one costs a directory and a link. Entries no
build asked for are removed by `prune`, so a template change does not leave the old pages
behind forever.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import Iterable


class PageStore:
    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _path(self, key: str) -> str:
        return os.path.join(self.folder, key[:2], key + ".html")

    def publish(self, key: str, dest: str) -> bool:
        """Put the page stored under `key` at `dest`; False when there is none."""
        source = self._path(key)
        try:
            stored = os.stat(source)
        except FileNotFoundError:
            return False
        if _is_file(dest, stored):
            return True  # already there (site/ folders kept from the last build)
        _unlink(dest)  # never write through a link into a stored page
        os.makedirs(os.path.dirname(dest), exist_ok=True)
        try:
            os.link(source, dest)
        except FileNotFoundError:
            return False
        except OSError:  # another file system, or no hard links there
            shutil.copyfile(source, dest)
        return True

    def keep(self, key: str, page: bytes, dest: str) -> None:
        """Write `page` to `dest` and keep it under `key` (the same file, when links work)."""
        _unlink(dest)  # never write through a link into a stored page
        os.makedirs(os.path.dirname(dest), exist_ok=True)
        with open(dest, "wb") as handle:
            handle.write(page)
        target = self._path(key)
        try:
            os.makedirs(os.path.dirname(target), exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=os.path.dirname(target), suffix=".tmp")
            os.close(fd)
            os.unlink(tmp)
            try:
                os.link(dest, tmp)
            except OSError:
                shutil.copyfile(dest, tmp)
            os.replace(tmp, target)
        except OSError:
            pass  # a store that cannot be written only costs time

    def prune(self, used: Iterable[str]) -> int:
        """Remove entries whose key is not in `used`; returns how many."""
        keep = {key + ".html" for key in used}
        removed = 0
        try:
            folders = list(os.scandir(self.folder))
        except OSError:
            return 0
        for folder in folders:
            if not folder.is_dir():
                continue
            for entry in os.scandir(folder.path):
                if entry.name not in keep:
                    _unlink(entry.path)
                    removed += 1
        return removed


def _is_file(path: str, stored: os.stat_result) -> bool:
    """Whether `path` is the very file `stored` describes (a hard link to it)."""
    try:
        found = os.stat(path)
    except FileNotFoundError:
        return False
    return (found.st_ino, found.st_dev) == (stored.st_ino, stored.st_dev)


def _unlink(path: str) -> None:
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass
