"""Decode one photo safely and write its published variants: resized, upright, metadata-free.

Phones give 4000–12000 px photos, rotated by EXIF, with GPS tags and colour profiles. What
we publish is re-encoded pixels only: orientation applied, colours converted to sRGB, then
saved without exif/icc/xmp, as WebP plus a JPEG (or PNG when transparent) fallback.
"""

from __future__ import annotations

import io
import math
import warnings
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

from wardportal.images.settings import ImageSettings

SUPPORTED_FORMATS = {"JPEG", "PNG", "WEBP", "GIF", "TIFF", "BMP", "MPO"}
_ROTATING = {5, 6, 7, 8}  # EXIF orientations that swap width and height


class ImageProblem(Exception):
    """A file that cannot be published; the message (Vietnamese) says why and what to do."""


@dataclass(frozen=True)
class Variant:
    width: int
    height: int
    name: str  # file name inside the cache entry, e.g. `960w.webp`

    @property
    def ext(self) -> str:
        return self.name.rsplit(".", 1)[1]


@dataclass(frozen=True)
class ProcessedImage:
    """What the build knows about one published image (stored as the cache entry's meta.json)."""

    width: int
    height: int
    alpha: bool
    variants: tuple[Variant, ...]
    thumbs: tuple[Variant, ...] = ()

    def of(self, ext: str, thumbs: bool = False) -> list[Variant]:
        return [v for v in (self.thumbs if thumbs else self.variants) if v.ext == ext]

    @property
    def fallback_ext(self) -> str:
        return "png" if self.alpha else "jpg"

    def to_json(self) -> dict:
        return {"width": self.width, "height": self.height, "alpha": self.alpha,
                "variants": [[v.width, v.height, v.name] for v in self.variants],
                "thumbs": [[v.width, v.height, v.name] for v in self.thumbs]}

    @classmethod
    def from_json(cls, data: dict) -> "ProcessedImage":
        return cls(data["width"], data["height"], data["alpha"],
                   tuple(Variant(*v) for v in data["variants"]), tuple(Variant(*v) for v in data["thumbs"]))


def open_checked(path: Path, settings: ImageSettings) -> Image.Image:
    """Open and fully decode `path`, or raise ImageProblem (corrupt, truncated, bomb, unsupported)."""
    size = path.stat().st_size
    if size > settings.max_file_bytes:
        raise ImageProblem(f"tệp ảnh quá lớn ({size / 1e6:.1f} MB, tối đa {settings.max_file_bytes / 1e6:.0f} MB): "
                           "hãy thu nhỏ ảnh (ví dụ còn 2000–4000 điểm ảnh chiều ngang) trước khi đăng.")
    Image.MAX_IMAGE_PIXELS = settings.max_pixels
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(path)
            _check_header(image, settings)
            image.draft("RGB", _draft_size(image, settings))  # JPEG: decode at a reduced scale
            image.load()
    except ImageProblem:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ImageProblem(_too_many_pixels(None, settings)) from None
    except UnidentifiedImageError:
        raise ImageProblem("không phải tệp ảnh hoặc định dạng không được hỗ trợ: hãy lưu lại ảnh dạng JPEG hoặc PNG.") from None
    except (OSError, SyntaxError, ValueError, EOFError) as exc:
        raise ImageProblem(f"ảnh bị hỏng hoặc tải lên chưa hết ({exc}): hãy chép lại tệp ảnh gốc.") from None
    return image


def _check_header(image: Image.Image, settings: ImageSettings) -> None:
    if image.format not in SUPPORTED_FORMATS:
        raise ImageProblem(f"định dạng {image.format} không được hỗ trợ: hãy lưu lại ảnh dạng JPEG hoặc PNG.")
    width, height = image.size
    if width * height > settings.max_pixels:
        raise ImageProblem(_too_many_pixels(image.size, settings))


def _too_many_pixels(size, settings: ImageSettings) -> str:
    shown = f" ({size[0]}×{size[1]} điểm ảnh)" if size else ""
    return (f"ảnh quá nhiều điểm ảnh{shown}, vượt giới hạn {settings.max_pixels / 1e6:.0f} triệu điểm ảnh "
            "(có thể là tệp độc hại hoặc ảnh ghép quá lớn): hãy thu nhỏ ảnh trước khi đăng.")


def _orientation(image: Image.Image) -> int:
    try:
        return int(image.getexif().get(0x0112, 1))
    except (ValueError, TypeError, SyntaxError, OSError):
        return 1


def _draft_size(image: Image.Image, settings: ImageSettings) -> tuple[int, int]:
    """The smallest decode size that still gives the largest variant (in stored orientation)."""
    width, height = image.size
    upright_width = height if _orientation(image) in _ROTATING else width
    factor = min(1.0, max(settings.widths) / upright_width) if upright_width else 1.0
    return max(1, math.ceil(width * factor)), max(1, math.ceil(height * factor))


def upright_srgb(image: Image.Image) -> Image.Image:
    """Orientation applied; pixels as 8-bit sRGB `RGB`, `RGBA` or `L`; no metadata attached."""
    try:
        image = ImageOps.exif_transpose(image)
    except (ValueError, TypeError, SyntaxError, OSError):
        pass  # unreadable EXIF: publish the pixels as stored
    image = _to_8bit(image)
    image = _to_srgb(image)
    if image.mode == "RGBA" and image.getchannel("A").getextrema()[0] == 255:
        image = image.convert("RGB")  # an alpha channel that hides nothing
    clean = image.copy()
    clean.info = {}
    return clean


def _to_8bit(image: Image.Image) -> Image.Image:
    mode = image.mode
    if mode.startswith("I;16"):
        return image.convert("I").point(lambda value: value * (1 / 256)).convert("L")
    if mode in ("I", "F"):
        low, high = image.getextrema()
        scale = 255 / high if high and high > 255 else 1
        return image.point(lambda value: value * scale).convert("L")
    if mode == "1":
        return image.convert("L")
    if mode == "P" or mode == "PA":
        return image.convert("RGBA" if "transparency" in image.info or mode == "PA" else "RGB")
    if mode in ("LA", "La", "RGBa"):
        return image.convert("RGBA")
    if mode not in ("L", "RGB", "RGBA", "CMYK"):
        return image.convert("RGB")
    return image


def _to_srgb(image: Image.Image) -> Image.Image:
    icc = image.info.get("icc_profile")
    target_mode = "RGBA" if image.mode == "RGBA" else ("L" if image.mode == "L" else "RGB")
    if icc and image.mode != "L":
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            return ImageCms.profileToProfile(image, source, ImageCms.createProfile("sRGB"), outputMode=target_mode)
        except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
            pass  # a broken profile: fall back to Pillow's plain conversion
    return image if image.mode == target_mode else image.convert(target_mode)


def target_widths(width: int, widths: tuple[int, ...]) -> list[int]:
    """The configured widths below `width`, plus the largest one capped at `width`: never upscale."""
    chosen = [w for w in widths if w < width]
    top = min(width, max(widths))
    return sorted(set(chosen + [top]))


def save(image: Image.Image, path: Path, ext: str, settings: ImageSettings) -> None:
    """Encode without any metadata (no exif, icc_profile or xmp argument is ever passed)."""
    image.info = {}
    if ext == "webp":
        image.save(path, "WEBP", quality=settings.webp_quality, method=4)
    elif ext == "png":
        image.save(path, "PNG", optimize=True)
    else:
        image.save(path, "JPEG", quality=settings.jpeg_quality, optimize=True, progressive=True)


def resized(image: Image.Image, width: int) -> Image.Image:
    if width == image.width:
        return image.copy()
    height = max(1, round(image.height * width / image.width))
    return image.resize((width, height), Image.Resampling.LANCZOS, reducing_gap=3.0)


def write_variants(image: Image.Image, out_dir: Path, settings: ImageSettings) -> tuple[Variant, ...]:
    """Every width in WebP and in the fallback format, written into `out_dir`."""
    fallback = "png" if image.mode == "RGBA" else "jpg"
    variants = []
    for width in target_widths(image.width, settings.widths):
        scaled = resized(image, width)
        for ext in ("webp", fallback):
            name = f"{width}w.{ext}"
            save(scaled, out_dir / name, ext, settings)
            variants.append(Variant(scaled.width, scaled.height, name))
    return tuple(variants)
