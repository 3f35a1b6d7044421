"""Article images in the MkDocs build: process once (cached), publish variants, never originals."""

from __future__ import annotations

import functools
import os
import shutil
from pathlib import Path

from jinja2 import pass_context
from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel

from wardportal import urls
from wardportal.article import Article
from wardportal.images.html import picture, rewrite_images
from wardportal.images.lines import article_lines
from wardportal.images.publish import ArticleImages, PublishedImages, publish_images, variant_uri
from wardportal.images.refs import IMAGES_DIR, article_refs, is_image_path
from wardportal.images.settings import ImageSettings
from wardportal.images.sharecard import ShareCard, share_meta
from wardportal.memo import RebuildMemo


class SiteImages:
    """One build's processed images, and the template filters that print them."""

    def __init__(self, published: PublishedImages | None = None, settings: ImageSettings | None = None) -> None:
        self.published = published or PublishedImages()
        self.settings = settings
        self.picture_filter = pass_context(lambda context, path, alt="", eager=True: self._picture(context, path, alt, eager))
        self.thumbnail_filter = pass_context(lambda context, path: self._thumbnail(context, path))

    @classmethod
    def publish(cls, articles: list[Article], files: Files, config: MkDocsConfig,
                settings: ImageSettings, memo: RebuildMemo | None = None) -> "SiteImages":
        """Process every published article's images; add the variants to `files`, drop originals."""
        docs_dir = Path(config.docs_dir)
        published = publish_images([_article_images(article, config) for article in articles], docs_dir, settings,
                                   lambda path: article_lines(docs_dir, path), memo, background_cards=True)
        for file in files:  # originals carry EXIF/GPS: never copied into the site
            if file.src_dir == config.docs_dir and is_image_path(file.src_uri) and (
                    file.src_uri.startswith((IMAGES_DIR + "/", urls.ARTICLES_DIR + "/"))
                    or file.src_uri in published.images):
                file.inclusion = InclusionLevel.EXCLUDED
        for site_path, cached in published.outputs.items():
            files.append(_output_file(config, site_path, cached))
        return cls(published, settings)

    def add(self, articles: list[Article], files: Files, config: MkDocsConfig,
            memo: RebuildMemo | None = None) -> list[File] | None:
        """New articles (`mkdocs serve`'s quick lane) whose images are all processed already:
        their share cards drawn, their outputs added to `files` and linked into site/. None,
        with nothing changed, when one shows an image no article showed before (or one not
        found): processing and checking new photos is a build's work."""
        processed = self.published.images
        if self.settings is None or any(ref.path not in processed for article in articles
                                        for ref in article_refs(article.source_path, article.image, article.body)):
            return None
        docs_dir = Path(config.docs_dir)
        made = publish_images([_article_images(article, config) for article in articles], docs_dir, self.settings,
                              lambda path: article_lines(docs_dir, path), memo)
        if made.problems:
            return None
        self.published.cards.update(made.cards)
        added = []
        for site_path, cached in made.outputs.items():
            if site_path not in self.published.outputs:
                self.published.outputs[site_path] = cached
                added.append(_output_file(config, site_path, cached))
        for file in added:
            files.append(file)
            file.copy_file()
        return added

    def wait_for_cards(self) -> None:
        """Before MkDocs links the outputs into site/: the cards drawn in the background."""
        self.published.wait_for_cards()

    def rewrite_article_html(self, html: str, page_url: str, article: Article) -> str:
        """Body images become <picture> with variants, sizes and captions."""
        prefix = (page_url.count("/") * "../") or "./"
        return rewrite_images(html, page_url, self.published.image, prefix=prefix,
                              eager_first=self.published.image(article.image) is None)

    def share_meta(self, article: Article, config: MkDocsConfig) -> dict:
        base = config.site_url or ""
        card = self.published.cards.get(article.source_path)
        return share_meta(title=article.title, description=article.summary, page_url=base + article.url,
                          image_url=base + card if card else "", site_name=config.site_name)

    def thumbnail_path(self, content_path: str | None) -> str:
        """Site path of the smallest listing thumbnail (WebP) of an image, or empty."""
        image = self.published.image(content_path)
        thumbs = image.of("webp", thumbs=True) if image is not None else []
        return variant_uri(content_path, thumbs[0]) if thumbs else ""

    def _picture(self, context, content_path: str | None, alt: str = "", eager: bool = True) -> Markup:
        image = self.published.image(content_path)
        if image is None:
            return Markup("")
        return Markup(picture(content_path, image, alt=alt, prefix=context["base_url"].rstrip("/") + "/",
                              eager=eager))

    def _thumbnail(self, context, content_path: str | None) -> Markup:
        image = self.published.image(content_path)
        if image is None:
            return Markup("")
        return Markup(picture(content_path, image, alt="", prefix=context["base_url"].rstrip("/") + "/",
                              thumbs=True))


def _article_images(article: Article, config: MkDocsConfig) -> ArticleImages:
    """What the image step needs of one article: its images and its share card."""
    return ArticleImages(article.source_path, article.image, article.body,
                         ShareCard(config.site_name, article.title, article.unit.name, article.published.date_label),
                         urls.article(article.slug))


def _output_file(config: MkDocsConfig, site_path: str, cached: Path) -> File:
    """A processed image or card: a MkDocs file linked from the image cache into site/."""
    file = File.generated(config, site_path, abs_src_path=str(cached), inclusion=InclusionLevel.INCLUDED)
    file.copy_file = functools.partial(_link_from_cache, file)
    return file


def _link_from_cache(file: File, dirty: bool = False) -> None:
    """Publish a processed image by hard link: thousands of cached files cost no copying.

    Falls back to a copy when site/ is on another file system. Never writes through an
    existing link: that would change the cached file.
    """
    target = file.abs_dest_path
    try:
        if os.path.samefile(target, file.abs_src_path):
            return  # already linked (site/ folders kept from the last build)
    except OSError:
        pass
    if os.path.lexists(target):
        os.unlink(target)
    else:
        os.makedirs(os.path.dirname(target), exist_ok=True)
    try:
        os.link(file.abs_src_path, target)
    except OSError:
        shutil.copyfile(file.abs_src_path, target)
