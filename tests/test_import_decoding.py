"""Legacy file encodings: UTF-8 ± BOM, CRLF, UTF-16 with BOM read; everything else refused clearly."""

import codecs
import unicodedata
from pathlib import Path

import pytest

from wardportal.legacy.decoding import decode_legacy_bytes
from wardportal.problems import ContentError

FIXTURES = Path(__file__).parent / "fixtures" / "legacy"
TEXT = "Tin hoạt động\nHội nghị tổng kết công tác hoà giải cơ sở\n\nNội dung đoạn một.\n"


@pytest.mark.parametrize("raw", [
    TEXT.encode("utf-8"),
    codecs.BOM_UTF8 + TEXT.encode("utf-8"),
    TEXT.replace("\n", "\r\n").encode("utf-8"),
    codecs.BOM_UTF8 + TEXT.replace("\n", "\r\n").encode("utf-8"),
    TEXT.replace("\n", "\r").encode("utf-8"),
    codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"),
    codecs.BOM_UTF16_BE + TEXT.replace("\n", "\r\n").encode("utf-16-be"),
    unicodedata.normalize("NFD", TEXT).encode("utf-8"),
], ids=["utf8", "bom", "crlf", "bom-crlf", "cr", "utf16le", "utf16be-crlf", "nfd"])
def test_accepted_encodings_give_the_same_nfc_text(raw):
    assert decode_legacy_bytes(raw, "bai.txt") == TEXT


def test_windows_1258_file_is_refused_with_line_and_advice():
    with pytest.raises(ContentError) as caught:
        decode_legacy_bytes((FIXTURES / "bad-windows-1258.txt").read_bytes(), "cu.txt")
    message = str(caught.value)
    assert message.startswith("cu.txt:1: ")
    assert "UTF-8" in message and "Windows-1258" in message


def test_bad_byte_on_a_later_line_is_located():
    raw = "Dòng một\nDòng hai\n".encode("utf-8") + b"Ph\xf9\xeeng\n"
    with pytest.raises(ContentError) as caught:
        decode_legacy_bytes(raw, "cu.txt")
    assert caught.value.problem.line == 3


def test_utf16_without_bom_is_refused():
    with pytest.raises(ContentError):
        decode_legacy_bytes(TEXT.encode("utf-16-le"), "khong-bom.txt")
    with pytest.raises(ContentError) as caught:  # ASCII-only: valid UTF-8 bytes, but full of NULs
        decode_legacy_bytes("Tin tuc\nNoi dung\n".encode("utf-16-le"), "khong-bom.txt")
    assert "UTF-16 không có BOM" in str(caught.value)


def test_utf32_is_refused():
    with pytest.raises(ContentError, match="UTF-32"):
        decode_legacy_bytes(TEXT.encode("utf-32"), "u32.txt")
