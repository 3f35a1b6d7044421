"""What Pagefind indexes for each page, made from the same model the pages come from.

A record is a small HTML document for Pagefind and, beside it, the page's readable text.
Pagefind's index stores every position of every word, and loads a word's whole list of
pages and positions when a query needs it: a syllable such as `phường` is in every article,
dozens of times, which made a first query several megabytes at 10,000 articles. So the
record holds, besides the title (metadata, with its diacritics):

- each distinct word of the title, summary, body, tags, unit and category once, folded to
  ASCII (`Đường` → `duong`, `hoà`/`hòa` → `hoa`): found without diacritics, with `đ` as `d`
  and in either tone placement, and one position per page instead of dozens. Pagefind
  splits its index into chunks by counting the pages of unaccented words only, so folded
  words also keep each chunk small;
- the title's `d` forms and other tone placements (`dường`, `hòa` for `hoà`), so a query
  typed with diacritics (the search page turns `đ` into `d`) matches the title exactly and
  ranks it above folded matches;
- names (runs of capitalised words, 2 to 4 long) and adjacent title words joined and
  folded (`Hoàng Văn Tư` → `hoangvantu`): the search page searches the joined query too and
  puts those pages first, so the article that names a person comes first.

The readable text (`SearchRecord.text`, body and tags as the page shows them) is not
indexed: the search page fetches it for the results it shows, to make excerpts and to put
pages holding the query words together first. Everything after EXTRA_MARK in a record is
search-only.
"""

from __future__ import annotations

import html
import re

from wardportal.article import Article
from wardportal.vntext import fold_diacritics, nfc, tone_variants, unstroke, words

EXTRA_MARK = "⁂"
BODY_OPEN = "<body data-pagefind-body>"  # where every record's own part starts (wardportal.pagefind_index adds to it)
EXTRA_WEIGHT = "0.5"
SECONDARY_WEIGHT = "0.2"
TITLE_WEIGHT = "7"  # what Pagefind gives an <h1>
TITLE_JOINED_WEIGHT = "5"  # below the body (1.0): an exact form in the text ranks above its variant
MAX_JOINED = 300  # joined names per page: bounds the index size of name-heavy pages
JOIN_SPAN = (2, 4)  # names of 2 to 4 words

_UPPER = "".join(ch for ch in map(chr, range(0x41, 0x2000)) if ch.isupper())
_CAP_WORD = rf"[{re.escape(_UPPER)}]\w*"
_NAME_RUN_RE = re.compile(rf"(?<!\w){_CAP_WORD}(?:[ \u00a0]+{_CAP_WORD})+")
_TAG_RE = re.compile(r"<[^>]+>")
_BLOCK_END_RE = re.compile(r"</(?:p|h[1-6]|li|tr|div|blockquote|pre|figcaption)>|<br\s*/?>", re.I)


class SearchRecord:
    """One page for Pagefind: its URL from the site root (`/bai-viet/x/`), the HTML Pagefind
    indexes and the readable text the search page shows excerpts from.

    Kept as UTF-8, as they are written: a str of Vietnamese text takes two bytes a character,
    and `mkdocs serve` keeps every article's record (113 MB as str at 10,000 articles)."""

    __slots__ = ("url", "html_bytes", "text_bytes")

    def __init__(self, url: str, html: str, text: str) -> None:
        self.url = url
        self.html_bytes = html.encode("utf-8", "surrogatepass")
        self.text_bytes = text.encode("utf-8", "surrogatepass")

    @classmethod
    def of_bytes(cls, url: str, html: bytes, text: bytes) -> "SearchRecord":
        record = cls.__new__(cls)
        record.url, record.html_bytes, record.text_bytes = url, html, text
        return record

    @property
    def html(self) -> str:
        return self.html_bytes.decode("utf-8", "surrogatepass")

    @property
    def text(self) -> str:
        return self.text_bytes.decode("utf-8", "surrogatepass")

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, SearchRecord):
            return NotImplemented
        return (self.url, self.html_bytes, self.text_bytes) == (other.url, other.html_bytes, other.text_bytes)

    def __hash__(self) -> int:
        return hash((self.url, self.html_bytes, self.text_bytes))

    def __repr__(self) -> str:
        return f"SearchRecord({self.url!r}, {self.html!r}, {self.text!r})"


def article_record(article: Article, body_html: str, thumbnail: str = "") -> SearchRecord:
    """The record of one published article; `thumbnail` is its cover thumbnail's path from the
    site root, or empty."""
    title = nfc(article.title)
    meta = {"title": title, "date": article.published.date_label, "unit": article.unit.name,
            "category": article.category.name}
    if thumbnail:
        meta["image"] = thumbnail
    text = _readable(body_html) + (f"\n{', '.join(article.tags)}" if article.tags else "")
    names = [article.unit.name, article.category.name]
    plain = ". ".join((title, nfc(article.summary), text))
    heads = "".join(_meta_tag("meta", key, value) for key, value in meta.items())
    heads += _meta_tag("filter", "category", article.category.name) + _meta_tag("filter", "unit", article.unit.name)
    heads += _meta_tag("sort", "date", article.published.moment.strftime("%Y-%m-%dT%H:%M"))
    return SearchRecord("/" + article.url, _document(_indexed(title, plain, names), heads), text)


def page_record(url: str, title: str, content_html: str, *, secondary: bool = False) -> SearchRecord:
    """The record of a page that is not an article (a hand-written page, a statistics page).

    A `secondary` page (statistics: tables naming every unit and category) is weighted
    below any article text, so it never outranks an article."""
    title = nfc(title)
    text = _readable(content_html)
    body = _indexed(title, title + ". " + text, [], weight=SECONDARY_WEIGHT if secondary else None)
    return SearchRecord("/" + url.lstrip("/"), _document(body, _meta_tag("meta", "title", title)), text)


def folded_words(text: str) -> list[str]:
    """Each distinct word of `text` once, lower case and folded to ASCII letters and digits."""
    return list(dict.fromkeys(fold_diacritics(word) for word in words(text)))


def joined_query_words(title: str, text: str) -> list[str]:
    """Joined forms of the names in `text` and of adjacent words in `title` (see module doc)."""
    joined: dict[str, None] = {}
    title_words = words(title)
    for size in range(JOIN_SPAN[0], JOIN_SPAN[1] + 1):
        for start in range(len(title_words) - size + 1):
            joined["".join(title_words[start:start + size])] = None
    for run in _NAME_RUN_RE.finditer(nfc(text)):
        run_words = words(run.group())
        for size in range(JOIN_SPAN[0], min(JOIN_SPAN[1], len(run_words)) + 1):
            for start in range(len(run_words) - size + 1):
                joined["".join(run_words[start:start + size])] = None
        if len(joined) >= MAX_JOINED:
            break
    return list(dict.fromkeys(fold_diacritics(word) for word in list(joined)[:MAX_JOINED]))


def variant_words(text: str) -> list[str]:
    """Each distinct word's `đ`-less form and other tone placement, minus the words themselves."""
    given = dict.fromkeys(words(text))
    forms: dict[str, None] = {}
    for word in given:
        for form in (unstroke(word), *sorted(tone_variants(word))):
            if form not in given:
                forms[form] = None
            for other in tone_variants(form):  # `đoà` → `doà` → `dòa`
                if other not in given:
                    forms[other] = None
    return list(forms)


def _indexed(title: str, plain: str, names: list[str], *, weight: str | None = None) -> str:
    """What Pagefind indexes besides the metadata (see module doc): the title's words weigh as
    a heading (they are not repeated in the text's words), the unit's and category's names
    below the text; joined title words weigh as a title does, joined names in the text as
    the text does. A `weight` weighs the title and the text alike."""
    in_title = joined_query_words(title, "")
    in_text = [form for form in joined_query_words(title, plain) if form not in set(in_title)]
    heading = folded_words(title)
    text = [word for word in folded_words(plain) if word not in set(heading)]
    return (f'<div data-pagefind-weight="{weight or TITLE_WEIGHT}">{" ".join(heading)}</div>\n'
            f'<div data-pagefind-weight="{weight or 1}">{" ".join(text)}</div>\n'
            f'<div data-pagefind-weight="{EXTRA_WEIGHT}">{EXTRA_MARK} {" ".join(folded_words(". ".join(names)))} '
            f'{_text(" ".join(variant_words(title)))} {" ".join(in_text)}</div>'
            f'<div data-pagefind-weight="{TITLE_JOINED_WEIGHT}">{" ".join(in_title)}</div>')


def _readable(content_html: str) -> str:
    """The text of converted HTML as a reader sees it: blocks on their own lines."""
    text = _BLOCK_END_RE.sub("\n", content_html)
    text = html.unescape(_TAG_RE.sub(" ", text))
    return "\n".join(" ".join(line.split()) for line in nfc(text).splitlines() if line.strip())


def _meta_tag(kind: str, key: str, value: str) -> str:
    """`<meta data-pagefind-meta="unit[content]" content="…">`: values may hold commas."""
    return f'<meta data-pagefind-{kind}="{key}[content]" content="{html.escape(nfc(value))}">'


def _document(body: str, heads: str) -> str:
    return f'<!DOCTYPE html><html lang="vi"><head></head>{BODY_OPEN}{heads}{body}</body></html>'


def _text(value: str) -> str:
    return html.escape(nfc(value), quote=False)
