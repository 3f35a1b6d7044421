"""Parsed articles kept on disk by their file's stamp, so that a warm build reads only the
article files that changed (wardportal.corpus).

An entry holds a file's trusted stamp (wardportal.filerecord.trusted_stamp: size, mtime,
ctime, inode, device) and what parsing it gave. The whole store is one pickle, tagged with
the registry and the code that parses articles; another tag, or a damaged file, is an empty
store. It is written again only when an entry was added, changed or dropped.
"""

from __future__ import annotations

import functools
import pickle
from importlib.metadata import version
from pathlib import Path

from wardportal.htmlcache import fingerprint
from wardportal.stale import write_whole

_PACKAGE = Path(__file__).resolve().parent


@functools.lru_cache(maxsize=1)
def parsing_code() -> str:
    """Every module of the package (what parsing and checking an article may use) and the
    YAML and front-matter readers' versions."""
    return fingerprint([version("python-frontmatter"), version("PyYAML"),
                        *(path.read_text(encoding="utf-8") for path in sorted(_PACKAGE.glob("*.py")))])


class ArticleStore:
    def __init__(self, path: Path, tag: str) -> None:
        self.path = path
        self.tag = tag
        self._kept: dict[str, tuple] | None = None  # rel_path → (stamp, value), read on first use
        self._used: dict[str, tuple] = {}
        self._changed = False

    def recall(self, rel_path: str, stamp: tuple) -> object | None:
        if self._kept is None:
            self._kept = _read(self.path, self.tag)
        entry = self._kept.get(rel_path)
        if entry is None or entry[0] != stamp:
            return None
        self._used[rel_path] = entry
        return entry[1]

    def keep(self, rel_path: str, stamp: tuple, value: object) -> None:
        self._used[rel_path] = (stamp, value)
        self._changed = True

    def save(self) -> None:
        if self._kept is None:
            self._kept = _read(self.path, self.tag)
        if not self._changed and self._used.keys() == self._kept.keys():
            return
        try:
            data = pickle.dumps({"tag": self.tag, "entries": self._used}, protocol=pickle.HIGHEST_PROTOCOL)
        except pickle.PicklingError:
            return  # a cache that cannot be written only costs time
        if write_whole(self.path, data):
            self._kept, self._changed = dict(self._used), False


def _read(path: Path, tag: str) -> dict[str, tuple]:
    try:
        with open(path, "rb") as handle:
            stored = pickle.load(handle)
    except Exception:  # a damaged or foreign file is only an empty store
        return {}
    if not isinstance(stored, dict) or stored.get("tag") != tag or not isinstance(stored.get("entries"), dict):
        return {}
    return stored["entries"]
