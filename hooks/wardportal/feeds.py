"""RSS 2.0 feeds: the whole portal and one per category, newest articles first.

Built with xml.etree so every feed is well-formed whatever the titles contain. Dates are
RFC 822 in Vietnam time (`Wed, 08 Jul 2026 08:30:00 +0700`); links are absolute.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import datetime
from email.utils import format_datetime
from pathlib import Path

from wardportal import urls
from wardportal.article import Article
from wardportal.index import ArticleIndex
from wardportal.textsafety import xml_safe

FEED_ITEMS = 20
FEED_FILE = "rss.xml"
ATOM_NS = "http://www.w3.org/2005/Atom"


@dataclass(frozen=True)
class Feed:
    """One feed: where it is written (site-relative) and what it lists."""

    path: str
    title: str
    description: str
    page_url: str  # the site-relative page the feed mirrors
    articles: list[Article]


def feed_url(category_id: str | None = None) -> str:
    """Site-relative URL of the portal feed, or of one category's feed."""
    return FEED_FILE if category_id is None else f"{urls.category(category_id)}{FEED_FILE}"


def plan_feeds(index: ArticleIndex, site_name: str, site_description: str,
               count: int = FEED_ITEMS) -> list[Feed]:
    """The portal feed and one feed per registered category."""
    feeds = [Feed(feed_url(), site_name, site_description or site_name, "", index.latest(count))]
    for entry in index.registry.categories:
        feeds.append(Feed(feed_url(entry.id), f"{entry.name} – {site_name}",
                          entry.description or f"Tin mới trong chuyên mục {entry.name}",
                          urls.category(entry.id), index.by_category[entry.id][:count]))
    return feeds


def rfc822(moment: datetime) -> str:
    return format_datetime(moment)


def render_feed(feed: Feed, site_url: str, built_at: datetime) -> bytes:
    """The feed as an RSS 2.0 document (UTF-8 bytes with an XML declaration)."""
    base = site_url.rstrip("/") + "/"
    ET.register_namespace("atom", ATOM_NS)
    rss = ET.Element("rss", {"version": "2.0"})
    channel = ET.SubElement(rss, "channel")
    _text(channel, "title", feed.title)
    _text(channel, "link", base + feed.page_url)
    _text(channel, "description", feed.description)
    _text(channel, "language", "vi")
    newest = feed.articles[0].published.moment if feed.articles else built_at
    _text(channel, "lastBuildDate", rfc822(newest))
    ET.SubElement(channel, f"{{{ATOM_NS}}}link",
                  {"href": xml_safe(base + feed.path), "rel": "self", "type": "application/rss+xml"})
    for article in feed.articles:
        item = ET.SubElement(channel, "item")
        link = base + article.url
        _text(item, "title", article.title)
        _text(item, "link", link)
        _text(item, "guid", link).set("isPermaLink", "true")
        _text(item, "pubDate", rfc822(article.published.moment))
        _text(item, "category", article.category.name)
        _text(item, "description", article.summary)
    return ET.tostring(rss, encoding="utf-8", xml_declaration=True)


def write_feeds(feeds: list[Feed], site_dir: Path, site_url: str, built_at: datetime) -> list[Path]:
    """Write every feed under `site_dir`; returns the files written."""
    written = []
    for feed in feeds:
        target = site_dir / feed.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(render_feed(feed, site_url, built_at))
        written.append(target)
    return written


def _text(parent: ET.Element, tag: str, value: str) -> ET.Element:
    element = ET.SubElement(parent, tag)
    element.text = xml_safe(value)  # ElementTree writes any character, even those XML forbids
    return element
