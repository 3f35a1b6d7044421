"""Encode Vietnamese text as Windows-1258 (cp1258), as old editors' files are saved.

cp1258 has the vowel letters (â, ơ, đ…) but writes tone marks as separate combining
characters, so each letter is split into its base letter and its tone mark.
"""

import unicodedata

_TONES = "\u0300\u0301\u0303\u0309\u0323"


def encode_cp1258(text: str) -> bytes:
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", ch)
            base = unicodedata.normalize("NFC", "".join(p for p in parts if p not in _TONES))
            tones = "".join(p for p in parts if p in _TONES)
            out += (base + tones).encode("cp1258")
    return bytes(out)
