"""The portal's search index: compact, Vietnamese-aware documents for Material's search UI.

Material's lunr search matches exact code points only, and its index holds the full text
of every page (tens of MB at 10,000 articles). We rewrite that index after the build:

- one document per article holding its title, summary and keywords (tags and the
  capitalised words of the body: place, person and organisation names), never the body;
- every string in NFC, with a separator that also splits on punctuation (`“Ngọc`, `(UBND`);
- hidden fields holding the folded form (`thuong`, `de`) and the other tone placement
  (`hoá`/`hóa`) of each word, boosted below the exact fields, so exact matches rank first
  and the title ranks above the rest.
"""

from __future__ import annotations

import functools
import html
import json
import re
import unicodedata
from pathlib import Path
from typing import Iterable, Mapping

from wardportal.article import Article
from wardportal.forkpool import fork_map
from wardportal.memo import RebuildMemo
from wardportal.urls import PAGE_PREFIX
from wardportal.vntext import fold_diacritics, nfc

# lunr splits text and queries on this (JavaScript RegExp source, no `u` flag).
SEPARATOR = r"[\s\-–—.,:;!?()\[\]{}\"'“”‘’«»…/|]+"

# Field boosts. Exact title > folded title > exact keywords > summary > folded rest.
FIELDS = {
    "title": {"boost": 1000.0},
    "ward_title": {"boost": 100.0},
    "ward_keywords": {"boost": 2.0},
    "text": {"boost": 1.0},
    "ward_folded": {"boost": 0.5},
}
MAX_BODY_KEYWORDS = 40  # names taken from one body: bounds the index size per article
MAX_OTHER_TEXT = 240  # text kept for pages that are not articles
PARALLEL_MIN = 500  # articles per worker process below which one process does all

_WORD_RE = re.compile(r"\w+")
_PAGED_LIST_RE = re.compile(rf"(^|/){PAGE_PREFIX}\d+/$")  # page 2, 3, … of a list
_UPPER = "".join(ch for ch in map(chr, range(0x41, 0x2000)) if ch.isupper())
_NAME_RE = re.compile(rf"[{re.escape(_UPPER)}]\w*")  # no leading \b: lets re skip ahead fast
BODY_SCAN_CHARS = 3_000  # names are looked for in the opening part of the body only
_SENTENCE_ENDS = ".!?:;\n#>-+|"
_TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"
# Open syllables whose tone may sit on either vowel: hoà/hòa, khoẻ/khỏe, thuỷ/thủy, uỷ/ủy.
_SWING_RHYME_RE = re.compile(r"^([bcdđghklmnprstvx]*)(oa|oe|uy)$")


def words(text: str) -> list[str]:
    """The lower-case NFC words of `text`, split on anything that is not a letter or digit."""
    return _WORD_RE.findall(nfc(text).lower())


def tone_variants(word: str) -> set[str]:
    """The other tone placement of one lower-case word (`hoà` → {`hòa`}), or an empty set."""
    decomposed = unicodedata.normalize("NFD", word)
    tones = [ch for ch in decomposed if ch in _TONE_MARKS]
    if len(tones) != 1:
        return set()
    base = unicodedata.normalize("NFC", "".join(ch for ch in decomposed if ch not in _TONE_MARKS))
    match = _SWING_RHYME_RE.match(base)
    if not match or base.startswith("qu"):  # `qu` is a consonant: quý has one placement
        return set()
    onset, rhyme = match.groups()
    placements = {nfc(onset + rhyme[0] + tones[0] + rhyme[1]), nfc(onset + rhyme + tones[0])}
    return placements - {nfc(word)}


def search_forms(word_list: Iterable[str]) -> list[str]:
    """Folded forms and other tone placements of `word_list`, minus the words themselves."""
    given = list(dict.fromkeys(word_list))
    exact = set(given)
    forms: dict[str, None] = {}
    for word in given:
        for form in _forms_of(word):
            if form not in exact:
                forms[form] = None
    return list(forms)


@functools.lru_cache(maxsize=65536)
def _forms_of(word: str) -> tuple[str, ...]:
    return (fold_diacritics(word), *sorted(tone_variants(word)))


def body_keywords(body: str, limit: int = MAX_BODY_KEYWORDS) -> list[str]:
    """Names in the body: capitalised words not opening a sentence (`Bồ`, `Đề`, `UBND`).

    Lower-cased, the first `limit` distinct ones.
    """
    text = nfc(body[:BODY_SCAN_CHARS])
    found: dict[str, None] = {}
    for match in _NAME_RE.finditer(text):
        word, start = match.group(), match.start()
        if (start and text[start - 1].isalnum()) or _opens_sentence(text, start):
            continue
        found.setdefault(word.lower(), None)
        if len(found) >= limit:
            break
    return list(found)


def _opens_sentence(text: str, start: int) -> bool:
    """Whether the word at `start` follows a sentence end, a line start or a list mark."""
    position = start - 1
    while position >= 0 and text[position] in " \t“\"'(*_[":
        position -= 1
    return position < 0 or text[position] in _SENTENCE_ENDS


def article_document(article: Article, location: str) -> dict:
    """The search document of one article: no body text, hidden fields for folded matching."""
    title_words = words(article.title)
    summary_words = words(article.summary)
    seen = set(title_words) | set(summary_words)
    keywords = [w for w in dict.fromkeys(words(" ".join(article.tags)) + body_keywords(article.body))
                if w not in seen]
    return {
        "location": location,
        "title": html.escape(nfc(article.title), quote=False),
        "text": html.escape(nfc(article.summary), quote=False),
        "ward_title": " ".join(search_forms(title_words)),
        "ward_keywords": " ".join(keywords),
        "ward_folded": " ".join(search_forms(summary_words + keywords)),
    }


def other_document(doc: Mapping) -> dict:
    """A page that is not an article (e.g. a hand-written page): title and a short text."""
    title = nfc(str(doc.get("title", "")))
    text = nfc(str(doc.get("text", "")))[:MAX_OTHER_TEXT]
    return {
        "location": doc["location"],
        "title": title,
        "text": text,
        "ward_title": " ".join(search_forms(words(html.unescape(title)))),
        "ward_folded": " ".join(search_forms(words(html.unescape(re.sub(r"<[^>]+>", " ", text))))),
    }


def compact_index(material_index: Mapping, articles_by_location: Mapping[str, Article],
                  memo: RebuildMemo | None = None) -> dict:
    """Rewrite Material's search_index.json data into the portal's compact index.

    Sections (`page/#anchor`) are dropped: one document per page. Paginated listing pages
    are dropped too (page 1 stands for the list). Articles come from `articles_by_location`.
    """
    docs = _article_documents(list(articles_by_location.items()), memo)
    done: set[str] = set(articles_by_location)
    for doc in material_index.get("docs", []):
        location = doc.get("location", "")
        if "#" in location or location in done or _PAGED_LIST_RE.search(location):
            continue
        docs.append(other_document(doc))
        done.add(location)
    config = {**material_index.get("config", {}), "separator": SEPARATOR, "fields": FIELDS}
    config["pipeline"] = [step for step in config.get("pipeline", []) if step != "trimmer"]
    return {"config": config, "docs": docs}


def _article_documents(articles: list[tuple[str, Article]], memo: RebuildMemo | None) -> list[dict]:
    """Each article's document: kept from the previous build (mkdocs serve) when the article
    is the same object, else made anew, on every core when there are many."""
    known = [memo.recall(("search", location, article)) if memo is not None else None
             for location, article in articles]
    missing = [number for number, doc in enumerate(known) if doc is None]
    made = fork_map(lambda number: article_document(articles[missing[number]][1], articles[missing[number]][0]),
                    len(missing), min_per_worker=PARALLEL_MIN, chunksize=64)
    for number, doc in zip(missing, made):
        known[number] = doc
    if memo is not None:
        for (location, article), doc in zip(articles, known):
            memo.keep(("search", location, article), doc)
    return known  # type: ignore[return-value]


def rewrite_index_file(path: Path, articles_by_location: Mapping[str, Article],
                       memo: RebuildMemo | None = None) -> int:
    """Replace Material's search_index.json at `path` by the compact index; returns its size."""
    material_index = json.loads(path.read_text(encoding="utf-8"))
    data = json.dumps(compact_index(material_index, articles_by_location, memo),
                      ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    path.write_bytes(data)
    return len(data)
