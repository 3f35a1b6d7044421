"""Page frames: the theme's page chrome rendered once, filled per page with its own parts.

Every article page has the same header, navigation, sidebars and footer (articles are
out of the nav and all sit at the same depth, `bai-viet/<slug>/`), so rendering the full
Material template for each of 10,000 articles would repeat the same work 10,000 times.
The hook renders the chrome once with marked slots; each page then costs a few string
joins plus its own small templates.
"""

from __future__ import annotations

import functools
import hashlib
import html
import re
from dataclasses import dataclass

_SLOT = "\u2063WARD-SLOT:{}\u2063"  # invisible separator: cannot occur in rendered text
SLOT_NAMES = ("title", "description", "canonical", "head", "body")
_SLOT_RE = re.compile("\u2063WARD-SLOT:(" + "|".join(SLOT_NAMES) + ")\u2063")


@dataclass(frozen=True)
class FrameSlots:
    """What the frame template is rendered with: one marker per slot."""

    title: str = _SLOT.format("title")
    description: str = _SLOT.format("description")
    canonical: str = _SLOT.format("canonical")
    head: str = _SLOT.format("head")
    body: str = _SLOT.format("body")


class PageFrame:
    """A rendered page split at its slots; `fill` joins it with one page's values."""

    def __init__(self, rendered: str, canonical_url: str | None = None) -> None:
        if canonical_url:  # the sample page's own address becomes a slot too
            rendered = rendered.replace(canonical_url, FrameSlots.canonical)
        parts = _SLOT_RE.split(rendered)
        self._texts = parts[0::2]
        self._slots = parts[1::2]
        missing = {"head", "body"} - set(self._slots)
        if missing:
            raise ValueError(f"page frame lacks slots {sorted(missing)}: the template must print them")

    @functools.cached_property
    def fingerprint(self) -> str:
        """Changes whenever the frame's text does (theme, config, navigation)."""
        digest = hashlib.sha256()
        for part in self._texts + self._slots:
            digest.update(part.encode("utf-8"))
            digest.update(b"\0")
        return digest.hexdigest()

    def fill(self, *, title: str, description: str, canonical: str, head: str, body: str) -> str:
        values = {"title": html.escape(title, quote=True), "description": html.escape(description, quote=True),
                  "canonical": canonical, "head": head, "body": body}
        out = [self._texts[0]]
        for slot, text in zip(self._slots, self._texts[1:]):
            out.append(values[slot])
            out.append(text)
        return "".join(out)
