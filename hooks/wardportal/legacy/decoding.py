"""Bytes of a legacy text file to NFC text with `\n` line ends, or one clear error.

Accepted: UTF-8 with or without BOM, UTF-16 with BOM, any line ends. Anything else
(TCVN3, VNI, Windows-1258, UTF-16 without BOM) is refused: guessing a legacy
Vietnamese encoding silently corrupts every accented letter.
"""

from __future__ import annotations

import codecs
import unicodedata

from wardportal.frontmatter_io import decode_article_bytes
from wardportal.problems import ContentError, Problem
from wardportal.vntext import nfc

_RESAVE = "Hãy mở tệp bằng trình soạn thảo và lưu lại với bảng mã UTF-8."
_ALLOWED_CONTROLS = {"\n", "\t"}


def decode_legacy_bytes(raw: bytes, shown: str) -> str:
    """The file's text (NFC, `\n` line ends); ContentError naming the file and line otherwise."""
    if raw.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        raise ContentError(Problem(shown, f"tệp lưu bằng bảng mã UTF-32, không được hỗ trợ. {_RESAVE}", line=1))
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = nfc(raw.decode("utf-16"))
        except UnicodeDecodeError:
            raise ContentError(Problem(shown, f"tệp có dấu hiệu UTF-16 nhưng nội dung hỏng. {_RESAVE}",
                                       line=1)) from None
    else:
        text = decode_article_bytes(raw, shown)  # UTF-8 ± BOM, CRLF; names the first bad line
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    _refuse_control_characters(text, shown)
    return text


def _refuse_control_characters(text: str, shown: str) -> None:
    """NULs and C1 controls mean a wrong encoding (e.g. UTF-16 without BOM), not text."""
    for line_number, line in enumerate(text.split("\n"), start=1):
        for ch in line:
            if ch not in _ALLOWED_CONTROLS and unicodedata.category(ch) == "Cc":
                raise ContentError(Problem(
                    shown, f"tệp chứa ký tự điều khiển U+{ord(ch):04X}: có thể là UTF-16 không có BOM "
                           f"hoặc một bảng mã cũ. {_RESAVE}", line=line_number))
