"""Open Graph share cards (1200×630) drawn with Pillow: portal name, title, unit and date.

The font comes from a package (Debian `fonts-dejavu-core`), never from the network: DejaVu
Sans covers every Vietnamese letter with its tone marks.

At 10,000 articles the cards are most of a cold build, so a card is put together from parts
made once per process: the portal's fixed parts (header band, rule) are drawn and JPEG-encoded
once, each title word is rendered once (titles reuse a small vocabulary of syllables), and per
card only the JPEG tiles that hold text are encoded; the rest of the file is reused byte for byte.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain
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
_TITLE_TOP = 150
# Full chroma keeps red and white-on-red text crisp; q90 4:4:4 is what the cards always used.
# A tile is one restart interval: 25 MCUs of 8×8 pixels, a strip of 200×8 (a row is 6 tiles).
_TILE_MCUS = 25
_JPEG = {"quality": 90, "subsampling": 0, "restart_marker_blocks": _TILE_MCUS}
_TILE_W, _TILE_H = 8 * _TILE_MCUS, 8
_COLS, _ROWS = SIZE[0] // _TILE_W, -(-SIZE[1] // _TILE_H)
_RST = re.compile(rb"\xff[\xd0-\xd7]")  # byte stuffing keeps these out of the coded data
# What follows each tile: restart markers RST0..RST7 in turn, then the end of the image.
_SEPARATORS = [bytes((0xFF, 0xD0 + number % 8)) for number in range(_COLS * _ROWS - 1)] + [b"\xff\xd9"]
_WORDS = 2048  # rendered words kept per process: a title vocabulary, ~10-20 MB at most


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


@lru_cache(maxsize=4 * _WORDS)
def _length(font: ImageFont.FreeTypeFont, word: str) -> float:
    """Measuring is a layout call; wrapping asks for the same syllables again and again."""
    return font.getlength(word)


@lru_cache(maxsize=_WORDS)
def _mask(font: ImageFont.FreeTypeFont, word: str, anchor: str) -> tuple[Image.Image | None, int, int]:
    """A word's ink as an "L" mask and its offset from the anchor point; FreeType would
    otherwise render every glyph anew for every card. The mask is the ink's box, so stacked
    marks (`Ưởng`, `Ậ`) are never cut."""
    left, top, right, bottom = font.getbbox(word, anchor=anchor)
    if right <= left or bottom <= top:
        return None, 0, 0
    mask = Image.new("L", (right - left, bottom - top))
    ImageDraw.Draw(mask).text((-left, -top), word, fill=255, font=font, anchor=anchor)
    return mask, left, top


def wrap(text: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    """Greedy word wrap by rendered width; a word longer than a line stays on its own line.
    A line's width is its words' plus the spaces (no kerning across a space in DejaVu)."""
    space = _length(font, " ")
    lines: list[str] = []
    current: list[str] = []
    used = 0.0
    for word in text.split():
        length = _length(font, word)
        if current and used + space + length > width:
            lines.append(" ".join(current))
            current, used = [word], length
        else:
            used = used + space + length if current else length
            current.append(word)
    if current:
        lines.append(" ".join(current))
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


def _parse(data: bytes) -> tuple[bytes, bytes, list[bytes]]:
    """(headers, the same without the frame header, restart intervals) of a baseline JPEG.
    The frame header (SOF) is the only one that differs between a tile run and the whole card."""
    position, tables = 2, []
    while True:
        marker = data[position + 1]
        end = position + 2 + int.from_bytes(data[position + 2:position + 4], "big")
        if marker != 0xC0:
            tables.append(data[position:end])
        position = end
        if marker == 0xDA:
            return data[:position], b"".join(tables), _RST.split(data[position:-2])


def _jpeg(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", **_JPEG)
    return buffer.getvalue()


@dataclass
class _Base:
    """A portal's card without title and footer: the image, its JPEG cut into tiles, and
    which tile rows are plain white."""

    image: Image.Image
    headers: bytes
    tables: bytes
    tiles: list[bytes]
    white_rows: frozenset[int]


@lru_cache(maxsize=8)
def _base(portal: str) -> _Base:
    """Drawn and encoded once per portal name: every card of a site shares it."""
    image = Image.new("RGB", SIZE, _WHITE)
    pen = ImageDraw.Draw(image)
    text_width = SIZE[0] - 2 * _MARGIN
    pen.rectangle((0, 0, SIZE[0], 110), fill=_RED)
    portal_font = _font(BOLD, 34)
    while portal_font.getlength(portal) > text_width and len(portal) > 1:
        portal = portal[:-2].rstrip() + "…"
    pen.text((_MARGIN, 55), portal, font=portal_font, fill=_WHITE, anchor="lm")
    pen.rectangle((_MARGIN, SIZE[1] - 110, _MARGIN + 90, SIZE[1] - 104), fill=_RED)
    white = ((255, 255),) * 3
    white_rows = frozenset(row for row in range(_ROWS) if image.crop(
        (0, row * _TILE_H, SIZE[0], min((row + 1) * _TILE_H, SIZE[1]))).getextrema() == white)
    return _Base(image, *_parse(_jpeg(image)), white_rows)


# A run of text: the colour to fill it with, and its words' masks with their positions.
_Run = tuple[tuple[int, int, int], list[tuple[Image.Image, int, int]]]


def _run(text: str, font: ImageFont.FreeTypeFont, x: float, y: int, fill: tuple[int, int, int],
         anchor: str) -> _Run:
    """Word by word, each at the position the whole line would give it (to the nearest pixel)."""
    words = []
    space = _length(font, " ")
    for word in text.split(" "):
        mask, left, top = _mask(font, word, anchor)
        if mask is not None:
            words.append((mask, round(x) + left, y + top))
        x += _length(font, word) + space
    return fill, words


def _paste(image: Image.Image, runs: list[_Run], origin: tuple[int, int] = (0, 0)) -> None:
    grey = image.mode == "L"
    ox, oy = origin
    width, height = image.size
    for fill, words in runs:
        for mask, x, y in words:
            x, y = x - ox, y - oy
            if x < width and y < height and x + mask.width > 0 and y + mask.height > 0:
                image.paste(fill[0] if grey else fill, (x, y), mask)


def _areas(runs: list[_Run]) -> list[tuple[int, int, int, int]]:
    """One box of whole tiles per run (title line, footer): the tiles its ink touches."""
    areas = []
    for _, words in runs:
        if not words:
            continue
        left = max(0, min(x for _, x, _ in words) // _TILE_W)
        top = max(0, min(y for _, _, y in words) // _TILE_H)
        right = min(_COLS, max(x + mask.width for mask, x, _ in words) // _TILE_W + 1)
        bottom = min(_ROWS, max(y + mask.height for mask, _, y in words) // _TILE_H + 1)
        if left < right and top < bottom:
            areas.append((left, top, right, bottom))
    return areas


def _area(base: _Base, runs: list[_Run], area: tuple[int, int, int, int]) -> Image.Image:
    """The card's pixels over a box of tiles. Grey text on white is blended in one channel and
    widened once: blending into RGB costs ~10x more and was most of the drawing time."""
    left, top, right, bottom = area
    box = (left * _TILE_W, top * _TILE_H, right * _TILE_W, min(bottom * _TILE_H, SIZE[1]))
    if all(row in base.white_rows for row in range(top, bottom)) and all(
            fill[0] == fill[1] == fill[2] for fill, _ in runs):
        image = Image.new("L", (box[2] - box[0], box[3] - box[1]), 255)
        _paste(image, runs, box[:2])
        return image.convert("RGB")
    image = base.image.crop(box)
    _paste(image, runs, box[:2])
    return image


def _compose(base: _Base, runs: list[_Run]) -> Image.Image:
    """The whole card as one image: the fallback, and what tests compare against."""
    image = base.image.copy()
    _paste(image, runs)
    return image


def _encode(base: _Base, runs: list[_Run]) -> bytes:
    """The card's JPEG: the base's tiles, with those under text encoded anew. A tile is one
    restart interval (DC prediction restarts, bits are padded to a byte), so its coded bytes
    depend only on its pixels and any tile can be swapped in; the result is the file libjpeg
    writes for the whole card."""
    tiles = list(base.tiles)
    for left, top, right, bottom in _areas(runs):
        _, tables, coded = _parse(_jpeg(_area(base, runs, (left, top, right, bottom))))
        columns = right - left
        # An encoder that writes other tables or ignores the restart interval: never splice.
        if tables != base.tables or len(coded) != columns * (bottom - top) or len(tiles) != _COLS * _ROWS:
            return _jpeg(_compose(base, runs))
        for row in range(bottom - top):
            start = (top + row) * _COLS + left
            tiles[start:start + columns] = coded[row * columns:(row + 1) * columns]
    return base.headers + b"".join(chain.from_iterable(zip(tiles, _SEPARATORS)))


def _runs(card: ShareCard) -> list[_Run]:
    title_font, lines = _title_lines(nfc(card.title), SIZE[0] - 2 * _MARGIN)
    line_height = round(title_font.size * 1.3)
    runs = [_run(line, title_font, _MARGIN, _TITLE_TOP + number * line_height, _DARK, "la")
            for number, line in enumerate(lines)]
    foot = " · ".join(part for part in (nfc(card.unit), card.date) if part)
    runs.append(_run(foot, _font(REGULAR, 30), _MARGIN, SIZE[1] - 60, _GREY, "lm"))
    return runs


def draw(card: ShareCard, out_dir: Path) -> Path:
    """Draw the card into `out_dir/card.jpg` (no metadata)."""
    target = out_dir / FILE_NAME
    target.write_bytes(_encode(_base(nfc(card.portal)), _runs(card)))
    return target


def share_meta(*, title: str, description: str, page_url: str, image_url: str, site_name: str) -> dict:
    """The values of the og:/twitter: meta tags of one article page."""
    return {"title": title, "description": description, "url": page_url, "image": image_url,
            "image_width": SIZE[0], "image_height": SIZE[1], "site_name": site_name}
