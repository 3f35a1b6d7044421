"""Where an article's images are written, for `path:line:` messages (read only when needed)."""

from __future__ import annotations

from pathlib import Path

from wardportal.frontmatter_io import decode_article_bytes, parse_article_text
from wardportal.problems import ContentError


def article_lines(content_dir: Path, article_path: str) -> tuple[int | None, int | None]:
    """(line of `image:`, first line of the body) of an article file; (None, None) if unreadable."""
    try:
        source = parse_article_text(decode_article_bytes((content_dir / article_path).read_bytes(), article_path),
                                    article_path)
    except (OSError, ContentError):
        return None, None
    return source.front.line_of("image"), source.body_line
