"""Open Graph share cards (1200×630) drawn with Pillow: portal name, title, unit and date.

The font comes from a package (Debian `fonts-dejavu-core`), never from the network: DejaVu
Sans covers every Vietnamese letter with its tone marks.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from wardportal.vntext import nfc

SIZE = (1200, 630)
FILE_NAME = "card.jpg"
FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu"),
             Path("/usr/local/share/fonts/dejavu"))
REGULAR, BOLD = "DejaVuSans.ttf", "DejaVuSans-Bold.ttf"
_RED, _DARK, _GREY, _WHITE = (183, 28, 28), (33, 33, 33), (90, 90, 90), (255, 255, 255)
_MARGIN = 64


class FontMissing(RuntimeError):
    """The Vietnamese-capable font is not installed; the message says how to install it."""


@dataclass(frozen=True)
class ShareCard:
    portal: str
    title: str
    unit: str
    date: str

    @property
    def key(self) -> str:
        fields = (self.portal, self.title, self.unit, self.date)  # cheaper than asdict at 10,000 cards
        return hashlib.sha256(json.dumps(fields).encode()).hexdigest()


def font_path(name: str) -> Path:
    for folder in FONT_DIRS:
        if (folder / name).is_file():
            return folder / name
    raise FontMissing(f"không tìm thấy phông chữ {name} để vẽ ảnh chia sẻ: hãy cài gói "
                      "`fonts-dejavu-core` (apt-get install fonts-dejavu-core).")


@lru_cache(maxsize=64)
def _font(name: str, size: int) -> ImageFont.FreeTypeFont:
    """Fonts are loaded once per process, not once per card."""
    return ImageFont.truetype(str(font_path(name)), size)


def wrap(text: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    """Greedy word wrap by rendered width; a word longer than a line stays on its own line."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}".strip()
        if current and font.getlength(candidate) > width:
            lines.append(current)
            current = word
        else:
            current = candidate
    if current:
        lines.append(current)
    return lines


def _title_lines(title: str, width: int) -> tuple[ImageFont.FreeTypeFont, list[str]]:
    """The largest title size that fits in four lines; cut with `…` when even the smallest does not."""
    for size in (66, 60, 54, 48, 44):
        font = _font(BOLD, size)
        lines = wrap(title, font, width)
        if len(lines) <= 4:
            return font, lines
    lines = lines[:4]
    lines[-1] = lines[-1].rstrip(" ,.;:") + "…"
    return font, lines


def draw(card: ShareCard, out_dir: Path) -> Path:
    """Draw the card into `out_dir/card.jpg` (no metadata)."""
    image = Image.new("RGB", SIZE, _WHITE)
    pen = ImageDraw.Draw(image)
    text_width = SIZE[0] - 2 * _MARGIN
    pen.rectangle((0, 0, SIZE[0], 110), fill=_RED)
    portal_font = _font(BOLD, 34)
    portal = nfc(card.portal)
    while portal_font.getlength(portal) > text_width and len(portal) > 1:
        portal = portal[:-2].rstrip() + "…"
    pen.text((_MARGIN, 55), portal, font=portal_font, fill=_WHITE, anchor="lm")
    title_font, lines = _title_lines(nfc(card.title), text_width)
    line_height = round(title_font.size * 1.3)
    top = 150
    for number, line in enumerate(lines):
        pen.text((_MARGIN, top + number * line_height), line, font=title_font, fill=_DARK, anchor="la")
    pen.rectangle((_MARGIN, SIZE[1] - 110, _MARGIN + 90, SIZE[1] - 104), fill=_RED)
    foot_font = _font(REGULAR, 30)
    foot = " · ".join(part for part in (nfc(card.unit), card.date) if part)
    pen.text((_MARGIN, SIZE[1] - 60), foot, font=foot_font, fill=_GREY, anchor="lm")
    target = out_dir / FILE_NAME
    # JPEG at full chroma keeps text crisp and encodes ~10x faster than PNG: at 10,000 articles
    # the cards are most of a cold build.
    image.save(target, "JPEG", quality=90, subsampling=0)
    return target


def share_meta(*, title: str, description: str, page_url: str, image_url: str, site_name: str) -> dict:
    """The values of the og:/twitter: meta tags of one article page."""
    return {"title": title, "description": description, "url": page_url, "image": image_url,
            "image_width": SIZE[0], "image_height": SIZE[1], "site_name": site_name}
