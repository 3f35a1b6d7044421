"""What Pagefind indexes for each page, made from the same model the pages come from.

A record is a small HTML document: the article's title and body as its page shows them
(`data-pagefind-body`), its metadata, filters and sort key, and a search-only tail after
EXTRA_MARK that makes Vietnamese queries match what Pagefind alone would miss:

- `đ` has no Unicode decomposition, so Pagefind (which folds combining marks) keeps it:
  every word with `đ` is added once more with `d` (`đường` → `dường`, found by `duong`);
- the other tone placement of each `oa`/`oe`/`uy` word (`hoà` for `hòa`), so that either
  spelling is an exact match and ranks as one;
- names joined into one word (`Hoàng Văn Tư` → `hoàngvăntư`), and adjacent title words
  (`đảngủy`): the results page searches the joined query too and puts those pages first,
  so the article that names a person, or holds the words together, ranks first;
- the unit's and the category's names.

The results page cuts every text at EXTRA_MARK, so readers never see the tail.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from wardportal.article import Article
from wardportal.vntext import nfc, tone_variants, unstroke, words

EXTRA_MARK = "⁂"
EXTRA_WEIGHT = "0.5"
SECONDARY_WEIGHT = "0.2"
TITLE_JOINED_WEIGHT = "5"  # below the body (1.0): an exact form in the text ranks above its variant
MAX_JOINED = 300  # joined names per page: bounds the index size of name-heavy pages
JOIN_SPAN = (2, 4)  # names of 2 to 4 words

_UPPER = "".join(ch for ch in map(chr, range(0x41, 0x2000)) if ch.isupper())
_CAP_WORD = rf"[{re.escape(_UPPER)}]\w*"
_NAME_RUN_RE = re.compile(rf"(?<!\w){_CAP_WORD}(?:[ \u00a0]+{_CAP_WORD})+")
_TAG_RE = re.compile(r"<[^>]+>")
_HEADING_RE = re.compile(r"<(/?)h[1-6]\b", re.I)


@dataclass(frozen=True)
class SearchRecord:
    """One page for Pagefind: its URL from the site root (`/bai-viet/x/`) and its HTML."""

    url: str
    html: str


def article_record(article: Article, body_html: str, thumbnail: str = "") -> SearchRecord:
    """The record of one published article; `thumbnail` is its cover thumbnail's path from the
    site root, or empty."""
    title = nfc(article.title)
    meta = {"date": article.published.date_label, "unit": article.unit.name,
            "category": article.category.name}
    if thumbnail:
        meta["image"] = thumbnail
    tags = f"<p>{_text(', '.join(article.tags))}</p>" if article.tags else ""
    summary = nfc(article.summary)
    plain = ". ".join((title, summary, article.body, " ".join(article.tags)))
    names = [article.unit.name, article.category.name]
    body = (f"<h1>{_text(title)}</h1>\n{nfc(body_html)}\n{tags}\n"
            f"{_tail(plain, title, names)}")
    heads = "".join(_meta_tag("meta", key, value) for key, value in meta.items())
    heads += _meta_tag("filter", "category", article.category.name) + _meta_tag("filter", "unit", article.unit.name)
    heads += _meta_tag("sort", "date", article.published.moment.strftime("%Y-%m-%dT%H:%M"))
    return SearchRecord("/" + article.url, _document(body, heads))


def page_record(url: str, title: str, content_html: str, *, secondary: bool = False) -> SearchRecord:
    """The record of a page that is not an article (a hand-written page, a statistics page).

    A `secondary` page (statistics: tables naming every unit and category) is weighted
    below any article text, headings included, so it never outranks an article."""
    title = nfc(title)
    text = nfc(_TAG_RE.sub(" ", content_html))
    body = f"<h1>{_text(title)}</h1>\n{nfc(content_html)}"
    if secondary:
        body = f'<div data-pagefind-weight="{SECONDARY_WEIGHT}">{_HEADING_RE.sub(_as_paragraph, body)}</div>'
    body += "\n" + _tail(title + ". " + html.unescape(text), title, [])
    return SearchRecord("/" + url.lstrip("/"), _document(body, _meta_tag("meta", "title", title)))


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
    forms = dict.fromkeys(list(joined)[:MAX_JOINED])
    for word in list(forms):
        forms[unstroke(word)] = None
    return list(forms)


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


def _tail(plain: str, title: str, names: list[str]) -> str:
    """The search-only tail; joined title words weigh as a title does, joined names in the
    text as the text does, so a joined query still ranks the title match first."""
    extras = " ".join(variant_words(plain + " " + " ".join(names)))
    in_title = joined_query_words(title, "")
    in_text = [form for form in joined_query_words(title, plain) if form not in set(in_title)]
    return (f'<div data-pagefind-weight="{EXTRA_WEIGHT}">{EXTRA_MARK} {_text(" · ".join(names))} {extras} '
            f'{" ".join(in_text)}</div><div data-pagefind-weight="{TITLE_JOINED_WEIGHT}">{" ".join(in_title)}</div>')


def _as_paragraph(match: re.Match) -> str:
    return f"<{match.group(1)}p"


def _meta_tag(kind: str, key: str, value: str) -> str:
    """`<meta data-pagefind-meta="unit[content]" content="…">`: values may hold commas."""
    return f'<meta data-pagefind-{kind}="{key}[content]" content="{html.escape(nfc(value))}">'


def _document(body: str, heads: str) -> str:
    return f'<!DOCTYPE html><html lang="vi"><head></head><body data-pagefind-body>{heads}{body}</body></html>'


def _text(value: str) -> str:
    return html.escape(nfc(value), quote=False)
