"""A disk cache of converted article HTML, keyed by everything the conversion reads.

Converting Markdown is most of a build's cost; an unchanged article converts to the same
HTML as long as its text, its own URL, the Markdown settings and the files its links point
to are the same. The key hashes the first three; each entry notes what its links found,
checked on every hit (ward_mkdocs.article_convert).
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any, Iterable

from wardportal.memo import RebuildMemo

FORMAT_VERSION = "3"  # 3: entries note what each link looked up


def fingerprint(parts: Iterable[str]) -> str:
    """A stable hash of many strings (order matters)."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode("utf-8"))
        digest.update(b"\0")
    return digest.hexdigest()


class HtmlCache:
    """Entries are small JSON files under `folder`, one per key, written atomically."""

    def __init__(self, folder: Path, context: str, memo: RebuildMemo | None = None) -> None:
        self.folder = folder
        self.memo = memo  # entries read in the previous build of this process (mkdocs serve)
        self.context = context  # fingerprint of the settings and URL map shared by all pages

    def key(self, markdown: str, page_url: str) -> str:
        return fingerprint((FORMAT_VERSION, self.context, page_url, markdown))

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def get(self, key: str) -> dict[str, Any] | None:
        entry = self.memo.recall(("html", key)) if self.memo is not None else None
        if entry is None:
            entry = self._read(key)
            if entry is not None and self.memo is not None:
                self.memo.keep(("html", key), entry)
        return entry

    def _read(self, key: str) -> dict[str, Any] | None:
        try:
            with open(self._path(key), encoding="utf-8") as handle:
                entry = json.load(handle)
        except (OSError, ValueError):
            return None
        return entry if _well_formed(entry) else None  # a damaged entry is only a miss

    def put(self, key: str, entry: dict[str, Any]) -> None:
        self.remember(key, entry)
        self.store(key, entry)

    def remember(self, key: str, entry: dict[str, Any]) -> None:
        """Keep the entry for the next build of this process only."""
        if self.memo is not None:
            self.memo.keep(("html", key), entry)

    def store(self, key: str, entry: dict[str, Any]) -> None:
        """Write the entry to disk (from any process: entries are written atomically)."""
        path = self._path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(entry, handle, ensure_ascii=False)
            os.replace(tmp, path)
        except OSError:
            pass  # a cache that cannot be written only costs time


_SHAPE = {"html": str, "anchors": list, "links": dict, "lookups": dict}


def _well_formed(entry: Any) -> bool:
    return isinstance(entry, dict) and all(isinstance(entry.get(name), kind) for name, kind in _SHAPE.items())
