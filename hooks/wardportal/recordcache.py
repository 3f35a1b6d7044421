"""Articles' search records kept by a digest of what they are made from, in one file.

Making an article's record (wardportal.search_records: the tone and `đ` variants of every
word, the joined names) costs a few milliseconds, as long as converting the article: a
warm build would spend most of its time remaking 10,000 unchanged records. Each record is
kept under a key over its inputs (the article's fields the record shows, its HTML, its
thumbnail, and the code that makes records); the file holds only the keys the last build
used, and is rewritten (atomically) only when one changed. A damaged file is only a miss.
The file holds one record a line, read and written a line at a time: at 10,000 articles it
is 70 MB, and reading or writing it whole cost the build ~200 MB of memory at its peak.
Records are held as UTF-8, the bytes the records themselves keep (search_records.SearchRecord).
"""

from __future__ import annotations

import json
from pathlib import Path

from wardportal import search_records, vntext
from wardportal.article import Article
from wardportal.htmlcache import fingerprint
from wardportal.stale import write_whole

_FORMAT = "3"  # 2: a record is its indexed HTML and its readable text; 3: a record a line
_CODE = fingerprint([Path(module.__file__).read_text(encoding="utf-8") for module in (search_records, vntext)])


def record_key(article: Article, body_html: str, thumbnail: str) -> str:
    """Everything article_record reads, as one digest."""
    return fingerprint([_FORMAT, _CODE, article.url, article.title, article.summary, article.body,
                        repr(article.tags), article.unit.name, article.category.name, article.published.date_label,
                        article.published.moment.isoformat(), body_html, thumbnail])


class RecordCache:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._kept: dict[str, tuple[bytes, bytes]] | None = None  # read on first use
        self._used: dict[str, tuple[bytes, bytes]] = {}

    def get(self, key: str) -> tuple[bytes, bytes] | None:
        """(html, text) of the record kept under `key`, UTF-8, or None."""
        if self._kept is None:
            self._kept = _read(self.path)
        pair = self._kept.get(key)
        if pair is not None:
            self._used[key] = pair
        return pair

    def put(self, key: str, html: bytes, text: bytes) -> None:
        self._used[key] = (html, text)

    def save(self) -> None:
        """Keep exactly this build's records (nothing written when they are the same keys)."""
        if self._kept is not None and self._kept.keys() == self._used.keys():
            return
        if self._kept is None and not self._used:
            return
        lines = (_utf8(json.dumps([key, *(part.decode("utf-8", "surrogatepass") for part in pair)],
                                  ensure_ascii=False) + "\n") for key, pair in self._used.items())
        if write_whole(self.path, lines):
            self._kept = dict(self._used)


def _read(path: Path) -> dict[str, tuple[bytes, bytes]]:
    """Every well-formed line's record; a line that is not one is a miss."""
    kept: dict[str, tuple[bytes, bytes]] = {}
    try:
        with open(path, encoding="utf-8", errors="surrogatepass") as handle:
            if handle.read(1) != "[":  # empty, or the one-object file of format 2: not parsed whole
                return {}
            handle.seek(0)
            for line in handle:
                try:
                    entry = json.loads(line)
                except ValueError:
                    continue
                if isinstance(entry, list) and len(entry) == 3 and all(isinstance(part, str) for part in entry):
                    kept[entry[0]] = (_utf8(entry[1]), _utf8(entry[2]))
    except (OSError, UnicodeDecodeError):
        return {}
    return kept


def _utf8(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")
