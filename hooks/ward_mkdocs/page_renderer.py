"""Pages that look alike are rendered alike: frames, list cards and related lists, once per build.

See wardportal.frames for why. The renderer holds one build's Jinja environment and what it
has rendered so far; hooks/portal.py makes a new one in on_env.
"""

from __future__ import annotations

from jinja2 import Environment, pass_context
from markupsafe import Markup
from mkdocs.structure.pages import Page

from wardportal.article import Article
from wardportal.frames import FrameSlots, PageFrame
from wardportal.listings import ListingPage

_SITE_ROOT = "\u2063WARD-ROOT\u2063"
# A list template's own part, what its `listing_body` block includes (theme/ward/_listing-base.html)
_BODIES = {kind: f"ward/{kind}-body.html" for kind in ("stats-period", "stats-range", "stats-year", "stats-unit")}  # stands for the site root in cached cards


class PageRenderer:
    def __init__(self, env: Environment) -> None:
        self.env = env
        self._frames: dict[tuple, PageFrame] = {}
        self._related: dict[tuple, str] = {}
        self._cards: dict[tuple, str] = {}
        self.card_filter = pass_context(lambda context, article, compact=False: self._card(context, article, compact))

    def related_html(self, context: dict) -> str:
        """The related-articles block, once per distinct list: every article page sits at the
        same depth, so the same list gives the same HTML."""
        key = tuple(article.slug for article in context["related"])
        if key not in self._related:
            self._related[key] = self.env.get_template("ward/partials/related.html").render(context)
        return self._related[key]

    def article_page(self, context: dict, page: Page) -> str:
        """The article's full HTML: its own head and body templates inside the shared frame."""
        article = context["article"]
        return self._fill(context, page, self.article_frame(context, page), title=article.title,
                          description=article.summary, head="ward/article-head.html", body="ward/article-body.html")

    def article_frame(self, context: dict, page: Page) -> PageFrame:
        """The frame shared by every article page, rendered on first use."""
        return self._frame(context, page, "ward/article.html", ("article",), description=True,
                           blank={"article": None, "related": [], "neighbours": None})

    def listing_page(self, context: dict, page: Page, listing: ListingPage) -> str:
        """A listing page outside the nav, filled into its frame."""
        return self._fill(context, page, self.listing_frame(context, page, listing), title=listing.title,
                          description=None, head=None, body=_BODIES.get(listing.kind, "ward/listing-body.html"))

    def listing_frame(self, context: dict, page: Page, listing: ListingPage) -> PageFrame:
        """One frame per template, URL depth and category."""
        category = listing.entry.id if listing.entry is not None and listing.entry.kind == "category" else None
        key = (listing.template, page.url.count("/"), category)
        return self._frame(context, page, listing.template, key, description=False)

    def _frame(self, context: dict, page: Page, template: str, key: tuple, *, description: bool,
               blank: dict | None = None) -> PageFrame:
        """`template` rendered once per key with slot markers (see wardportal.frames).

        Only pages without a table of contents are framed: Material prints the toc (and a
        "skip to content" link to its first heading) outside the content block.
        """
        frame = self._frames.get(key)
        if frame is None:
            slots = FrameSlots()
            own_meta = page.meta
            page.meta = {**own_meta, "title": slots.title}
            if description:
                page.meta["description"] = slots.description
            try:
                rendered = self.env.get_template(template).render({**context, **(blank or {}), "ward_frame": slots})
            finally:
                page.meta = own_meta
            frame = self._frames[key] = PageFrame(rendered, page.canonical_url)
        return frame

    def _fill(self, context: dict, page: Page, frame: PageFrame, *, title: str, description: str | None,
              head: str | None, body: str) -> str:
        return frame.fill(title=title, description=description or "", canonical=page.canonical_url or "",
                          head=self.env.get_template(head).render(context) if head else "",
                          body=self.env.get_template(body).render(context))

    def _card(self, context, article: Article, compact: bool = False) -> Markup:
        """An article's card in a list, rendered once and placed on every list page.

        The card is rendered with its links under a root marker, which each page replaces by
        its own way up to the site root (`../../`): 10,000 articles appear in some 30,000
        list places, and rendering each card once is most of what listing pages cost.
        """
        key = (article.slug, bool(compact))
        card = self._cards.get(key)
        if card is None:
            card = self._cards[key] = self.env.get_template("ward/partials/article-card.html").render(
                {**context.get_all(), "a": article, "compact": compact, "page": None, "base_url": _SITE_ROOT})
        page = context.get("page")
        return Markup(card.replace(_SITE_ROOT + "/", "../" * page.url.count("/") if page else ""))
