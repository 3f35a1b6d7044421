"""Share cards put together from cached parts look like cards drawn the straightforward way."""

from __future__ import annotations

import dataclasses
import io
import unicodedata
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageDraw, ImageFont, ImageStat

import image_samples as samples
from wardportal.images import sharecard
from wardportal.vntext import nfc

PORTAL = "Cổng thông tin điện tử phường Thượng Thanh"
TITLES = {
    "short": "Cử tri phường Thượng Thanh nô nức đi bầu cử",
    "typical": "Đảng ủy phường Thượng Thanh tổ chức hội nghị sơ kết 6 tháng đầu năm 2026",
    "stacked marks": "Ưởng Ậu Ẫn Ặc Ổn Ữ Ỵ Ẳng Ỗ Ự Ửa Ẩm Ẵ Ậ Ệ Ộ Ợ Ụ Ỹ Ẻ Ở Ử Ỷ Nguyễn khuyến quyết Thượng",
    "quotes": "Ra mắt câu lạc bộ “Phụ nữ với pháp luật” tại tổ dân phố số 1",
    "ellipsis": "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh bằng những việc làm cụ thể, " * 3,
    "decomposed": unicodedata.normalize("NFD", "Tri ân người có công nhân kỷ niệm 79 năm Ngày Thương binh – Liệt sĩ"),
    "one long word": "Xem https://thuongthanh.longbien.hanoi.gov.vn/tin-tuc/hoat-dong/hoi-nghi-so-ket-6-thang-dau-nam",
}


def _reference_wrap(text: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    """The wrap the cards always had: measure each growing candidate line."""
    lines, current = [], ""
    for word in text.split():
        candidate = f"{current} {word}".strip()
        if current and font.getlength(candidate) > width:
            lines.append(current)
            current = word
        else:
            current = candidate
    return lines + [current] if current else lines


def font(name: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(sharecard.font_path(name)), size)


def _reference(card: sharecard.ShareCard) -> Image.Image:
    """The card drawn line by line with ImageDraw.text and saved whole, decoded to grey."""
    image = Image.new("RGB", sharecard.SIZE, (255, 255, 255))
    pen = ImageDraw.Draw(image)
    pen.rectangle((0, 0, 1200, 110), fill=(183, 28, 28))
    portal, portal_font = nfc(card.portal), font(sharecard.BOLD, 34)
    while portal_font.getlength(portal) > 1072 and len(portal) > 1:
        portal = portal[:-2].rstrip() + "…"
    pen.text((64, 55), portal, font=portal_font, fill=(255, 255, 255), anchor="lm")
    for size in (66, 60, 54, 48, 44):
        title_font = font(sharecard.BOLD, size)
        lines = _reference_wrap(nfc(card.title), title_font, 1072)
        if len(lines) <= 4:
            break
    else:
        lines = lines[:4]
        lines[-1] = lines[-1].rstrip(" ,.;:") + "…"
    for number, line in enumerate(lines):
        pen.text((64, 150 + number * round(size * 1.3)), line, font=title_font, fill=(33, 33, 33), anchor="la")
    pen.rectangle((64, 520, 154, 526), fill=(183, 28, 28))
    foot = " · ".join(part for part in (nfc(card.unit), card.date) if part)
    pen.text((64, 570), foot, font=font(sharecard.REGULAR, 30), fill=(90, 90, 90), anchor="lm")
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=90, subsampling=0)
    return Image.open(buffer).convert("L")


def _row_ink(image: Image.Image) -> list[float]:
    """Mean grey of each row: blind to words sitting half a pixel left or right, not to text
    placed a pixel higher or lower or marks cut off at the top."""
    column = image.convert("F").resize((1, image.height), Image.BOX)
    return [column.getpixel((0, y)) for y in range(image.height)]


def _assert_looks_like_reference(card: sharecard.ShareCard, out_dir: Path) -> None:
    with Image.open(sharecard.draw(card, out_dir)) as drawn:
        new = drawn.convert("L")
    reference = _reference(card)
    # Words are placed to the nearest pixel (the whole line places them to 1/64): edges differ a little.
    assert ImageStat.Stat(ImageChops.difference(new, reference)).mean[0] < 1.5
    assert max(abs(a - b) for a, b in zip(_row_ink(new), _row_ink(reference))) < 2
    title_ink = new.crop((64, 140, 1136, 500)).point(lambda value: 255 if value < 80 else 0).histogram()[255]
    assert title_ink > 2000


@pytest.mark.parametrize("name", TITLES)
def test_card_looks_like_the_straightforward_drawing(tmp_path, name):
    portal = PORTAL * 2 if name == "ellipsis" else PORTAL  # a portal name cut with `…` too
    unit = "" if name == "short" else "Đảng ủy phường"
    _assert_looks_like_reference(sharecard.ShareCard(portal, TITLES[name], unit, "08/07/2026"), tmp_path)


def test_wrap_matches_measuring_whole_lines():
    words = nfc(" ".join(TITLES.values())).split()
    for size in (66, 44, 30):
        font = sharecard._font(sharecard.BOLD, size)
        for start in range(0, len(words), 7):
            text = " ".join(words[start:start + 25])
            for width in (300, 700, 1072):
                assert sharecard.wrap(text, font, width) == _reference_wrap(text, font, width)


def test_spliced_file_is_the_whole_card_encoded_at_once():
    """Tiles under text are encoded apart and swapped in; the file must be byte for byte what
    libjpeg writes for the whole card, and a mismatch of tables falls back to that."""
    for title in TITLES.values():
        card = sharecard.ShareCard(PORTAL, title, "UBND phường", "30/12/2026")
        base, runs = sharecard._base(nfc(card.portal)), sharecard._runs(card)
        whole = sharecard._jpeg(sharecard._compose(base, runs))
        assert sharecard._encode(base, runs) == whole
        assert sharecard._encode(dataclasses.replace(base, tables=b"other"), runs) == whole


def test_word_cache_stays_bounded(tmp_path):
    limit = sharecard._mask.cache_info().maxsize
    assert limit is not None and limit <= 4096
    assert sharecard._length.cache_info().maxsize is not None
    words = [f"từ{number}" for number in range(limit + 200)]  # every one new to the cache
    for start in range(0, len(words), 16):
        sharecard.draw(sharecard.ShareCard(PORTAL, " ".join(words[start:start + 16]), "UBND phường",
                                           "01/01/2027"), tmp_path)
    assert sharecard._mask.cache_info().currsize == limit
    assert sharecard._length.cache_info().currsize <= sharecard._length.cache_info().maxsize
    # Words pushed out are rendered again when they come back.
    _assert_looks_like_reference(sharecard.ShareCard(PORTAL, TITLES["typical"], "UBND phường", "01/01/2027"), tmp_path)


def test_card_is_a_clean_1200x630_jpeg(tmp_path):
    path = sharecard.draw(sharecard.ShareCard(PORTAL, TITLES["typical"], "Đảng ủy phường", "08/07/2026"), tmp_path)
    assert path == tmp_path / sharecard.FILE_NAME
    with Image.open(path) as image:
        assert image.format == "JPEG" and image.mode == "RGB" and image.size == (1200, 630)
        assert not image.info.get("exif")
        image.load()
    assert samples.has_metadata(Path(path)) == []
