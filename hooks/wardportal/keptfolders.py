"""Site folders kept across a clean build, so unchanged pages are not written again.

MkDocs empties site/ before every build, `mkdocs serve` rebuilds included, so 10,000
article pages and their images would be deleted and linked again after each save. The
folders only the portal writes to (articles, processed images) are moved aside before the
clean (MkDocs leaves names starting with a dot alone) and moved back after it. The portal
then rewrites only pages whose content changed, and `remove_unexpected` deletes whatever
the build did not produce, so the result is exactly what a clean build gives. A folder
named in `self_managed` (the search bundle) is kept the same way but is left out of
`remove_unexpected`: the stage that writes it replaces it whole when it changes.

While the folders are aside, a build stopped by SIGTERM (or ended by any exception, through
atexit) puts them back first: site/ never holds only the hidden folders. (MkDocs has
emptied the rest of site/ by then in any case: serve a copy of site/ made after a
successful build, not site/ itself, if readers must never see a half-built site.)
"""

from __future__ import annotations

import atexit
import os
import shutil
import signal
import threading
from pathlib import Path
from typing import Iterable

from wardportal.precompress import TWIN_SUFFIXES

_PREFIX = ".ward-kept-"


class KeptFolders:
    def __init__(self, site_dir: str, names: Iterable[str], self_managed: Iterable[str] = ()) -> None:
        self.site_dir = Path(site_dir)
        self.pruned = tuple(names)  # compared with what the build wrote
        self.names = self.pruned + tuple(self_managed)
        self.wanted: set[str] = set()  # every file the last remove_unexpected kept

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
        _EXIT_GUARD.arm(self)

    def restore(self) -> None:
        """After the clean: put the folders back (or drop them if the site has its own now)."""
        _EXIT_GUARD.disarm(self)
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
        _EXIT_GUARD.disarm(self)
        for name in self.names:
            shutil.rmtree(self._aside(name), ignore_errors=True)

    def remove_unexpected(self, expected: Iterable[str], left_before: set[str] | None = None) -> int:
        """Delete files under the kept folders that this build did not write, and the folders
        left empty; returns how many files went. The gzip and Brotli twins of a page this build
        wrote stay: wardportal.precompress keeps them in step.

        `left_before` is what the previous call kept (`self.wanted`), when nothing else writes
        into the kept folders between builds (the temporary site of `mkdocs serve`, which
        makes no gzip or Brotli twins): then only those files are compared, nothing is walked."""
        wanted = self.wanted = {os.path.normpath(path) for path in expected}
        if left_before is not None:
            return self._remove_known(left_before - wanted)
        removed = 0
        for name in self.pruned:
            root = self.site_dir / name
            for folder, dirs, files in os.walk(root, topdown=False):
                for file_name in files:
                    path = os.path.join(folder, file_name)
                    twin_of_wanted = path.endswith(TWIN_SUFFIXES) and os.path.splitext(path)[0] in wanted
                    if path not in wanted and not twin_of_wanted:
                        os.unlink(path)
                        removed += 1
                if folder != str(root) and not os.listdir(folder):
                    os.rmdir(folder)
        return removed

    def _remove_known(self, paths: set[str]) -> int:
        roots = tuple(str(self.site_dir / name) + os.sep for name in self.pruned)
        removed = 0
        for path in sorted(paths, reverse=True):
            if not path.startswith(roots):
                continue
            try:
                os.unlink(path)
                removed += 1
            except FileNotFoundError:
                pass
            folder = os.path.dirname(path)
            while (folder + os.sep).startswith(roots) and (folder + os.sep) not in roots:
                try:
                    os.rmdir(folder)  # only when empty
                except OSError:
                    break
                folder = os.path.dirname(folder)
        return removed


class _ExitGuard:
    """Restores the folders set aside if the process ends before `restore` (SIGTERM, an
    exception). Only in the process that set them aside: forked workers inherit the handler."""

    def __init__(self) -> None:
        self.kept: KeptFolders | None = None
        self.owner = 0
        self.installed = False
        self.previous = signal.SIG_DFL

    def arm(self, kept: KeptFolders) -> None:
        self.kept, self.owner = kept, os.getpid()
        if not self.installed:
            self.installed = True
            atexit.register(self.restore_now)
            if threading.current_thread() is threading.main_thread():
                self.previous = signal.signal(signal.SIGTERM, self._on_sigterm)

    def disarm(self, kept: KeptFolders) -> None:
        if self.kept is kept:
            self.kept = None

    def restore_now(self) -> None:
        kept, self.kept = self.kept, None
        if kept is not None and os.getpid() == self.owner:
            kept.restore()

    def _on_sigterm(self, signum, frame) -> None:
        self.restore_now()
        if callable(self.previous):
            self.previous(signum, frame)
            return
        signal.signal(signum, self.previous)  # then die of the signal, as without the guard
        os.kill(os.getpid(), signum)


_EXIT_GUARD = _ExitGuard()
