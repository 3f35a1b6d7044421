"""Real test images, made with Pillow: phone photos with EXIF/GPS, odd modes, broken files."""

from __future__ import annotations

import io
import struct
import zlib

from PIL import Image, ImageCms

RED, BLUE = (220, 20, 20), (20, 20, 220)


def _encode(image: Image.Image, fmt: str, **options) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, fmt, **options)
    return buffer.getvalue()


def phone_photo(width: int = 600, height: int = 400) -> bytes:
    """Stored landscape, left half red, right half blue; EXIF Orientation 6 (shown portrait,
    red on top), GPS position, an ICC profile and a camera model."""
    image = Image.new("RGB", (width, height), BLUE)
    image.paste(RED, (0, 0, width // 2, height))
    exif = Image.Exif()
    exif[0x0112] = 6
    exif[0x0110] = "Ward Phone X"
    exif[0x8825] = {1: "N", 2: (21.0, 2.0, 30.5), 3: "E", 4: (105.0, 52.0, 1.0)}
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    return _encode(image, "JPEG", exif=exif.tobytes(), icc_profile=icc, quality=95)


def cmyk_jpeg() -> bytes:
    return _encode(Image.new("CMYK", (500, 300), (0, 255, 255, 0)), "JPEG")


def palette_png() -> bytes:
    return _encode(Image.new("RGB", (400, 300), (10, 160, 60)).convert("P", palette=Image.Palette.ADAPTIVE), "PNG")


def transparent_png() -> bytes:
    image = Image.new("RGBA", (640, 480), (0, 0, 0, 0))
    image.paste((250, 200, 0, 255), (0, 0, 320, 480))
    return _encode(image, "PNG")


def gray16_png() -> bytes:
    """16-bit grayscale, every pixel 40000 of 65535 (61 %)."""
    image = Image.frombytes("I;16", (300, 200), struct.pack("<H", 40000) * 300 * 200)
    return _encode(image, "PNG")


def grayscale_jpeg() -> bytes:
    return _encode(Image.new("L", (350, 250), 128), "JPEG")


def progressive_jpeg() -> bytes:
    return _encode(Image.new("RGB", (2000, 1000), (90, 90, 200)), "JPEG", progressive=True, quality=80)


def tiny_png() -> bytes:
    return _encode(Image.new("RGB", (1, 1), (255, 255, 255)), "PNG")


def truncated_jpeg() -> bytes:
    noisy = Image.effect_noise((800, 600), 64).convert("RGB")
    data = _encode(noisy, "JPEG", quality=90)
    return data[: len(data) // 3]


def bomb_png(width: int = 40_000, height: int = 40_000) -> bytes:
    """A tiny PNG whose header claims width×height pixels (a decompression bomb)."""
    data = bytearray(_encode(Image.new("L", (1, 1)), "PNG"))
    ihdr = bytearray(data[12:29])  # chunk type + 13 data bytes
    ihdr[4:12] = struct.pack(">II", width, height)
    data[12:29] = ihdr
    data[29:33] = struct.pack(">I", zlib.crc32(bytes(ihdr)) & 0xFFFFFFFF)
    return bytes(data)


def has_metadata(path) -> list[str]:
    """What metadata a published file still carries (empty when clean)."""
    found = []
    with Image.open(path) as image:
        if len(image.getexif()):
            found.append("exif")
        found += [key for key in ("exif", "icc_profile", "xmp", "XML:com.adobe.xmp", "gps") if key in image.info]
    raw = path.read_bytes()
    if b"Exif\x00\x00" in raw or b"Ward Phone X" in raw:
        found.append("raw exif")
    return found
