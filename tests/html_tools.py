"""Reading built pages with html.parser: links, article lists, navigation, anchors."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _PageParser(HTMLParser):
    """Collects every href/src, the titles of article cards in order, nav links and ids."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: list[str] = []
        self.cards: list[tuple[str, str]] = []  # (href, title) of each `ward-card__title` link, in order
        self.nav_links: list[str] = []
        self._stack: list[tuple[str, bool, bool]] = []  # (tag, in card title, in site nav)
        self._card_href: str | None = None
        self._card_text: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = (attrs.get("class") or "").split()
        in_card, in_nav = self._stack[-1][1:] if self._stack else (False, False)
        in_card = in_card or "ward-card__title" in classes
        in_nav = in_nav or "md-tabs" in classes or "md-nav--primary" in classes
        self.links += [attrs[key] for key in ("href", "src") if attrs.get(key)]
        if attrs.get("id"):
            self.ids.append(attrs["id"])
        if tag == "a" and in_card:
            self._card_href, self._card_text = attrs.get("href"), []
        if tag == "a" and in_nav and attrs.get("href"):
            self.nav_links.append(attrs["href"])
        if tag not in _VOID:
            self._stack.append((tag, in_card, in_nav))

    def handle_endtag(self, tag):
        if tag == "a" and self._card_href is not None:
            self.cards.append((self._card_href, "".join(self._card_text).strip()))
            self._card_href = None
        while self._stack:
            if self._stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        if self._card_href is not None:
            self._card_text.append(data)


def parse_page(html: str) -> _PageParser:
    parser = _PageParser()
    parser.feed(html)
    parser.close()
    return parser


def card_titles(html: str) -> list[str]:
    """Titles of the article cards on a page, in the order shown."""
    return [title for _, title in parse_page(html).cards]


def resolve(site: Path, page: Path, href: str) -> Path | None:
    """The file an internal href of `page` points to; None for external, mailto and `#` links."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or href.startswith(("#", "mailto:", "tel:", "javascript:")) or not parts.path:
        return None
    base = site if parts.path.startswith("/") else page.parent
    target = (base / unquote(parts.path.lstrip("/"))).resolve()
    return target / "index.html" if target.is_dir() or parts.path.endswith("/") else target


def broken_links(site: Path) -> list[str]:
    """Every internal href/src of every page under `site` that names no existing file."""
    broken = []
    for page in sorted(site.rglob("*.html")):
        for href in parse_page(page.read_text(encoding="utf-8")).links:
            target = resolve(site, page, href)
            if target is not None and not target.is_file():
                broken.append(f"{page.relative_to(site)} → {href}")
    return broken
